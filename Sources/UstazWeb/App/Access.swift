import UstazCore
import UstazStore

/// Who may call a route. Each route declares it where it is registered (`RouteTable`); `AccessMiddleware` enforces it
/// once, before the handler runs, so handlers never check who is asking.
enum Access: Sendable, Equatable, CustomStringConvertible {
    /// Everyone, signed in or not.
    case anyone
    /// Anyone signed in. Others are sent to the sign-in form (the API answers 401).
    case signedIn
    /// Anyone holding one of these roles; other signed-in people get 403.
    case roles(Set<Role>)
    /// A rule about the record the route names ("the trainer of this cohort", "in this coordinator's region").
    /// A refusal is mostly a 404, so that nothing is said about whether the record exists.
    case record(RecordPolicy)
    /// The server itself (a request from its own address through no proxy), or an administrator; others get 403.
    case serverOrAdministrator

    /// What a 403 says for this declaration, where something more useful than the stock text fits.
    func refusal(_ s: Strings) -> String? {
        switch self {
        case .roles(let roles) where roles.contains(.reviewer): s.reviewOnlyForReviewers
        case .roles(let roles) where roles == [.leadTrainer, .masterTrainer]: s.refusedNoCredential
        case .record(.credentialRevoker): s.cannotRevoke
        case .record(.coverageTableAudience): s.errors.tableForStaff
        default: nil
        }
    }

    var description: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signed in"
        case .roles(let roles): roles.sorted().map(\.rawValue).joined(separator: " or ")
        case .record(let policy): policy.rawValue
        case .serverOrAdministrator: "the server itself or admin"
        }
    }
}

/// What an access rule says about one request.
enum Verdict: Sendable, Equatable {
    case allowed
    /// Not signed in where that is needed: the sign-in form for pages, 401 for the API.
    case signIn
    /// 403: the person is known and may not do this.
    case forbidden
    /// 404: the record is not there for this person (whether or not it exists).
    case hidden
}

/// The record-level rules, by name. Each is a pure function of the viewer and facts about the record, which
/// `AccessMiddleware` loads; `RecordPolicyTests` proves each one alone.
enum RecordPolicy: String, Sendable, CaseIterable {
    /// `:enrolment` is the viewer's own.
    case ownEnrolment = "own enrolment"
    /// `:cohort` is overseen by the viewer: its trainer, an admin, the region's coordinator, a master trainer above the trainer.
    case cohortOverseer = "cohort overseer"
    /// `:cohort` is run by the viewer. Those who oversee it without running it get 403, others 404.
    case cohortTrainer = "cohort trainer"
    /// `:cohort`'s certificates: its trainer or an admin.
    case cohortTrainerOrAdmin = "cohort trainer or admin"
    /// `:enrolment`'s classroom practical: its reviewer or whoever oversees the cohort.
    case practicalReviewer = "practical reviewer"
    /// `:enrolment`'s practical reassigned: an admin, or the coordinator of the cohort's region.
    case practicalReassigner = "practical reassigner"
    /// `:serial`'s files: the holder, an admin, or the trainer whose cohort produced it.
    case certificateHolderOrTrainer = "certificate holder or trainer"
    /// `:serial` revoked: an admin, or a master trainer above it in the cascade (403 for others who see it).
    case credentialRevoker = "credential revoker"
    /// `:person`'s lineage: the person, an admin, or someone above them in the cascade.
    case lineageViewer = "self, admin or above in the cascade"
    /// `:person`'s profile: an admin, or a trainer of one of their cohorts.
    case profileViewer = "admin or the person's trainer"
    /// A reset code for `:person`: `ResetCodePermission`.
    case resetCodeIssuer = "reset-code issuer"
    /// `:person`'s data exported or erased: administrators; others are told nothing exists.
    case personAdministrator = "admin (404 for others)"
    /// `:table` of coverage: public tables for anyone, the others for admins and coordinators (their region).
    case coverageTableAudience = "coverage table audience"

    /// The roles that can ever pass, for the authorization matrix (the rule decides among them).
    var possibleRoles: Set<Role> {
        switch self {
        case .ownEnrolment: [.teacher, .leadTrainer, .masterTrainer]
        case .cohortOverseer: [.leadTrainer, .masterTrainer, .coordinator, .admin]
        case .cohortTrainer: [.leadTrainer, .masterTrainer]
        case .cohortTrainerOrAdmin: [.leadTrainer, .masterTrainer, .admin]
        case .practicalReviewer: [.leadTrainer, .masterTrainer, .coordinator, .admin]
        case .practicalReassigner: [.coordinator, .admin]
        case .certificateHolderOrTrainer, .lineageViewer: Set(Role.allCases)
        case .credentialRevoker: [.masterTrainer, .admin]
        case .profileViewer, .resetCodeIssuer: [.leadTrainer, .masterTrainer, .admin]
        case .personAdministrator: [.admin]
        case .coverageTableAudience: [.coordinator, .admin]
        }
    }
}

/// The rules themselves: no store, no request, only what was loaded.
enum AccessRules {
    static func ownEnrolment(viewer: Person, enrolmentHolder: Int64?) -> Verdict {
        enrolmentHolder == viewer.id ? .allowed : .hidden
    }

    /// `viewerAboveTrainer`: the viewer certified the cohort's trainer, directly or further up the cascade.
    static func oversees(viewer: Person, trainerID: Int64, regionID: String?, viewerAboveTrainer: Bool) -> Bool {
        if trainerID == viewer.id || viewer.has(.admin) { return true }
        if viewer.has(.coordinator), let region = viewer.coordinatorRegion, region == regionID { return true }
        return viewer.has(.masterTrainer) && viewerAboveTrainer
    }

    static func cohortTrainer(viewer: Person, trainerID: Int64, oversees: Bool) -> Verdict {
        if trainerID == viewer.id { return .allowed }
        return oversees ? .forbidden : .hidden
    }

    static func cohortTrainerOrAdmin(viewer: Person, trainerID: Int64?) -> Verdict {
        guard let trainerID else { return .hidden }
        return trainerID == viewer.id || viewer.has(.admin) ? .allowed : .hidden
    }

    static func practicalReviewer(viewer: Person, reviewerID: Int64?, oversees: Bool) -> Verdict {
        reviewerID == viewer.id || oversees ? .allowed : .hidden
    }

    /// A coordinator's scope is their region; an admin's is every region.
    static func practicalReassigner(viewer: Person, cohortRegion: String?) -> Verdict {
        if viewer.has(.admin) { return .allowed }
        guard viewer.has(.coordinator), let region = viewer.coordinatorRegion else { return .forbidden }
        return region == cohortRegion ? .allowed : .hidden
    }

    static func certificateHolderOrTrainer(viewer: Person, holderID: Int64, cohortTrainerID: Int64?) -> Verdict {
        holderID == viewer.id || viewer.has(.admin) || cohortTrainerID == viewer.id ? .allowed : .hidden
    }

    static func credentialRevoker(viewer: Person, viewerAboveCredential: Bool) -> Verdict {
        viewer.has(.admin) || viewer.has(.masterTrainer) && viewerAboveCredential ? .allowed : .forbidden
    }

    static func lineageViewer(viewer: Person, personID: Int64, viewerAbovePerson: Bool) -> Verdict {
        personID == viewer.id || viewer.has(.admin) || viewerAbovePerson ? .allowed : .hidden
    }

    static func profileViewer(viewer: Person, trainsPerson: Bool) -> Verdict {
        viewer.has(.admin) || trainsPerson ? .allowed : .hidden
    }

    static func personAdministrator(viewer: Person) -> Verdict { viewer.has(.admin) ? .allowed : .hidden }

    static func coverageTableAudience(viewer: Person?, tableIsPublic: Bool) -> Verdict {
        if tableIsPublic { return .allowed }
        guard let viewer else { return .signIn }
        return viewer.has(.admin) || viewer.has(.coordinator) && viewer.coordinatorRegion != nil ? .allowed : .forbidden
    }

    /// Access that needs no record: who is signed in, and their roles.
    static func verdict(_ access: Access, viewer: Person?, fromServerItself: Bool) -> Verdict? {
        switch access {
        case .anyone: return .allowed
        case .signedIn: return viewer == nil ? .signIn : .allowed
        case .roles(let roles):
            guard let viewer else { return .signIn }
            return roles.contains(where: viewer.has) ? .allowed : .forbidden
        case .serverOrAdministrator:
            return fromServerItself || viewer?.has(.admin) == true ? .allowed : .forbidden
        case .record: return nil
        }
    }
}
