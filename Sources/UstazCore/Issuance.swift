/// What a trainer's own credential looks like when their cohort's certificates are issued.
public struct TrainerStanding: Sendable {
    public var kind: CredentialKind
    public var generation: Int
    public var revoked: Bool
    public var expiresOn: Day?

    public init(kind: CredentialKind, generation: Int, revoked: Bool, expiresOn: Day?) {
        self.kind = kind
        self.generation = generation
        self.revoked = revoked
        self.expiresOn = expiresOn
    }

    public func isValid(on day: Day) -> Bool { !revoked && (expiresOn.map { $0 >= day } ?? true) }
}

/// The rules that decide whether finishing a course earns a credential, and which.
public struct IssuancePolicy: Sendable {
    /// How long a lead-trainer credential lasts before renewal; nil = no expiry.
    public var leadTrainerValidityDays: Int?
    public var teacherValidityDays: Int?
    /// The deepest generation the cascade may reach (0 = master trainers).
    public var maximumGeneration: Int

    public init(leadTrainerValidityDays: Int? = 730, teacherValidityDays: Int? = nil, maximumGeneration: Int = 3) {
        self.leadTrainerValidityDays = leadTrainerValidityDays
        self.teacherValidityDays = teacherValidityDays
        self.maximumGeneration = maximumGeneration
    }

    public enum Decision: Sendable, Equatable {
        case issue(kind: CredentialKind, generation: Int, expiresOn: Day?)
        case notYet(Refusal)
    }

    public enum Refusal: String, Sendable, Equatable {
        case lessonsNotDone = "lessons-not-done"
        case practicumMissing = "practicum-missing"
        case practicumFailed = "practicum-failed"
        /// The course requires a classroom practical and the teacher's report is not (yet) accepted.
        case practicalNotAccepted = "practical-not-accepted"
        case trainerHasNoCredential = "trainer-has-no-credential"
        case trainerCredentialWrongKind = "trainer-credential-wrong-kind"
        case trainerCredentialInvalid = "trainer-credential-invalid"
        case cascadeTooDeep = "cascade-too-deep"
    }

    /// The credential kind a trainer needs to run cohorts of a course that earns `kind`.
    public static func requiredTrainerKind(for kind: CredentialKind) -> CredentialKind {
        switch kind {
        case .leadTrainer: .masterTrainer
        case .teacher, .masterTrainer: .leadTrainer
        }
    }

    /// Whether a trainer with `standing` may run a cohort of a course earning `kind` today.
    public func mayRunCohort(earning kind: CredentialKind, trainer standing: TrainerStanding?, on day: Day) -> Refusal? {
        guard let standing else { return .trainerHasNoCredential }
        // Master trainers are certified by an administrator, never through a cohort.
        guard kind != .masterTrainer else { return .trainerCredentialWrongKind }
        let required = IssuancePolicy.requiredTrainerKind(for: kind)
        // A master trainer may also teach a teachers' cohort directly.
        guard standing.kind == required || (required == .leadTrainer && standing.kind == .masterTrainer) else {
            return .trainerCredentialWrongKind
        }
        guard standing.isValid(on: day) else { return .trainerCredentialInvalid }
        guard standing.generation + 1 <= maximumGeneration else { return .cascadeTooDeep }
        return nil
    }

    /// Decides issuance for a learner who has finished (or not) a course earning `kind`. `practicalAccepted` is nil
    /// when the course requires no classroom practical.
    public func decide(earning kind: CredentialKind, allLessonsDone: Bool, practicumPassed: Bool?, practicalAccepted: Bool? = nil,
                       trainer standing: TrainerStanding?, on day: Day) -> Decision {
        guard allLessonsDone else { return .notYet(.lessonsNotDone) }
        if practicalAccepted == false { return .notYet(.practicalNotAccepted) }
        if kind == .leadTrainer {
            guard let practicumPassed else { return .notYet(.practicumMissing) }
            guard practicumPassed else { return .notYet(.practicumFailed) }
        }
        if let refusal = mayRunCohort(earning: kind, trainer: standing, on: day) { return .notYet(refusal) }
        let generation = standing!.generation + 1
        let validity = kind == .leadTrainer ? leadTrainerValidityDays : teacherValidityDays
        return .issue(kind: kind, generation: generation, expiresOn: validity.map { day.adding(days: $0) })
    }
}
