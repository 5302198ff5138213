/// How a person came to be in a cohort. What the cohort's trainer may do for them (print a password reset
/// code) follows from it: only an account the trainer's own action created, or a person who chose to join.
public enum EnrolmentOrigin: String, Sendable, Codable, CaseIterable {
    /// The trainer's roster file, the one-by-one form or an import created the account for this cohort.
    case created
    /// The person used the cohort's join code themselves.
    case joined
    /// An existing account was matched (by IIN, or by name and school where the trainer already ran it).
    case matched
    /// An administrator enrolled them (the command-line import matched an existing account).
    case admin
}

/// A person's enrolment seen from the rules: in whose cohort, and how they got there.
public struct EnrolmentLink: Sendable, Equatable {
    public var cohortID: Int64
    public var trainerID: Int64
    public var origin: EnrolmentOrigin

    public init(cohortID: Int64, trainerID: Int64, origin: EnrolmentOrigin) {
        self.cohortID = cohortID
        self.trainerID = trainerID
        self.origin = origin
    }
}

/// Decides, each time a row or a form names a person who may already have an account, whether enrolling the
/// existing account is safe (docs/SECURITY.md, "Account takeover"). The rule:
///
/// - nobody enrols a cohort's trainer in their own cohort, on any path (a trainer never certifies themself);
/// - the person themselves (join code) and an administrator may enrol any existing account;
/// - a trainer gets an existing account only when the match is by IIN and the person holds no role above
///   teacher and is in no other trainer's cohort; a match by name and school alone only when every cohort the
///   person is in is this trainer's and came from the trainer's own action. Anything else is never handed to the
///   trainer: the person must join with the cohort's code (or an administrator must enrol them).
public enum AccountMatch {
    /// Who is enrolling the person.
    public enum Actor: Sendable, Equatable {
        /// The cohort's trainer: roster file or the one-by-one form.
        case trainer
        /// The person themselves, with the cohort's join code.
        case person
        /// An administrator: `ustaz import teachers --cohort`.
        case administrator
    }

    /// How the existing account was found.
    public enum Key: Sendable, Equatable {
        case iin
        case nameAndSchool
        /// The person is signed in: it is their own account (joining by code).
        case signedIn
    }

    /// The account a row matched.
    public struct Existing: Sendable, Equatable {
        public var personID: Int64
        public var roles: [Role]
        public var links: [EnrolmentLink]

        public init(personID: Int64, roles: [Role], links: [EnrolmentLink]) {
            self.personID = personID
            self.roles = roles
            self.links = links
        }
    }

    public enum Decision: Sendable, Equatable {
        /// Create a new account and enrol it.
        case create
        /// Enrol the existing account, recording how.
        case enrol(EnrolmentOrigin)
        /// The person is already in this cohort: nothing to do.
        case alreadyEnrolled
        /// The account belongs to the cohort's own trainer.
        case refuseOwnCohort
        /// Only the person (with the join code) or an administrator may enrol this account.
        case needsJoinCode
    }

    public static func decide(actor: Actor, cohortID: Int64, cohortTrainerID: Int64, existing: Existing?, key: Key) -> Decision {
        guard let existing else { return .create }
        if existing.personID == cohortTrainerID { return .refuseOwnCohort }
        if existing.links.contains(where: { $0.cohortID == cohortID }) { return .alreadyEnrolled }
        switch actor {
        case .person: return .enrol(.joined)
        case .administrator: return .enrol(.admin)
        case .trainer: break
        }
        guard existing.roles.allSatisfy({ $0 == .teacher }) else { return .needsJoinCode }
        let othersCohorts = existing.links.contains { $0.trainerID != cohortTrainerID }
        switch key {
        case .iin, .signedIn:
            return othersCohorts ? .needsJoinCode : .enrol(.matched)
        case .nameAndSchool:
            // The trainer already holds this person through their own action; a name adds nothing they lack.
            let ownedByTrainer = !existing.links.isEmpty && !othersCohorts
                && existing.links.allSatisfy { $0.origin == .created || $0.origin == .joined }
            return ownedByTrainer ? .enrol(.matched) : .needsJoinCode
        }
    }
}

/// Who may print a password reset code for whom (docs/SECURITY.md): administrators for anyone but themselves;
/// a trainer only for a person who holds no role above teacher and whose link to that trainer came from the
/// trainer's own action (an account they created) or the person's (joining with the code). A matched account
/// never qualifies: a name typed into a form must not lead to someone else's password.
public enum ResetCodePermission {
    public static func allows(viewerID: Int64, viewerRoles: [Role], personID: Int64, personRoles: [Role],
                              links: [EnrolmentLink]) -> Bool {
        guard viewerID != personID else { return false }
        if viewerRoles.contains(.admin) { return true }
        guard personRoles.allSatisfy({ $0 == .teacher }) else { return false }
        return links.contains { $0.trainerID == viewerID && ($0.origin == .created || $0.origin == .joined) }
    }
}
