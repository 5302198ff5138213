import Foundation
import HTTPServer
import UstazCore
import UstazStore

/// Enforces each route's declared `Access` before its handler runs, and builds the request context (`Visit`: session,
/// person, roles, language, texts) once, for the handler and everything after it.
struct AccessMiddleware: Middleware {
    let site: Site
    let access: [String: Access]

    func handle(_ request: Request, next: (Request) throws -> Response) throws -> Response {
        guard let route = request.route else { return try next(request) }
        let method = request.method == .head ? HTTPMethod.get : request.method
        // Every route is declared (RouteTable); one that somehow is not is refused rather than left open.
        guard let declared = access["\(method.rawValue) \(route)"] else { throw HTTPError.notFound() }
        // Files, health and verification pages name no one: no session lookup for them.
        if declared == .anyone { return try next(request) }
        let visit = try site.visit(request)
        let verdict = try AccessRules.verdict(declared, viewer: visit.viewer, fromServerItself: Self.fromServerItself(request))
            ?? recordVerdict(declared, visit: visit)
        switch verdict {
        case .allowed:
            var request = request
            request.context = visit
            return try next(request)
        case .signIn: throw site.signInRequired(visit)
        case .forbidden: throw HTTPError.forbidden(declared.refusal(visit.strings))
        case .hidden: throw HTTPError.notFound()
        }
    }

    /// Behind a proxy on this machine every client looks local; a forwarded request is not the server itself.
    static func fromServerItself(_ request: Request) -> Bool {
        ["127.0.0.1", "::1", "::ffff:127.0.0.1"].contains(request.remoteAddress)
            && !request.headers.contains("X-Forwarded-For") && !request.headers.contains("Forwarded")
    }
}

extension AccessMiddleware {
    var store: Store { site.store }

    /// Loads what a record-level rule needs about the record the route names, and asks the rule.
    func recordVerdict(_ access: Access, visit: Visit) throws -> Verdict {
        guard case .record(let policy) = access else { return .allowed }
        let request = visit.request
        if policy == .coverageTableAudience {
            var name = try request.parameter("table")
            if name.hasSuffix(".csv") { name.removeLast(4) }
            // An unknown table is the handler's 404, with the list of tables.
            let spec = CoverageTableSpec.all.first { $0.name == name }
            return AccessRules.coverageTableAudience(viewer: visit.viewer, tableIsPublic: spec?.isPublic ?? true)
        }
        guard let viewer = visit.viewer else { return .signIn }
        switch policy {
        case .ownEnrolment:
            return AccessRules.ownEnrolment(viewer: viewer, enrolmentHolder: try store.enrolment(id: try request.integer("enrolment"))?.personID)
        case .cohortOverseer:
            guard let cohort = try store.cohort(id: try request.integer("cohort")) else { return .hidden }
            return try oversees(viewer, cohort) ? .allowed : .hidden
        case .cohortTrainer:
            guard let cohort = try store.cohort(id: try request.integer("cohort")) else { return .hidden }
            return AccessRules.cohortTrainer(viewer: viewer, trainerID: cohort.trainerID, oversees: try oversees(viewer, cohort))
        case .cohortTrainerOrAdmin:
            return AccessRules.cohortTrainerOrAdmin(viewer: viewer, trainerID: try store.cohort(id: try request.integer("cohort"))?.trainerID)
        case .practicalReviewer:
            guard let enrolment = try store.enrolment(id: try request.integer("enrolment")),
                  let practical = try store.practical(enrolmentID: enrolment.id),
                  let cohort = try store.cohort(id: enrolment.cohortID) else { return .hidden }
            return AccessRules.practicalReviewer(viewer: viewer, reviewerID: practical.reviewerID, oversees: try oversees(viewer, cohort))
        case .practicalReassigner:
            guard viewer.has(.admin) || viewer.has(.coordinator) else { return .forbidden }
            guard let enrolment = try store.enrolment(id: try request.integer("enrolment")),
                  let cohort = try store.cohort(id: enrolment.cohortID) else { return .hidden }
            return AccessRules.practicalReassigner(viewer: viewer, cohortRegion: cohort.regionID)
        case .certificateHolderOrTrainer:
            guard let record = try store.credential(serial: try request.parameter("serial")) else { return .hidden }
            let trainerID = try record.cohortID.flatMap { try store.cohort(id: $0) }?.trainerID
            return AccessRules.certificateHolderOrTrainer(viewer: viewer, holderID: record.personID, cohortTrainerID: trainerID)
        case .credentialRevoker:
            let serial = try request.parameter("serial")
            guard try store.credential(serial: serial) != nil else { return .hidden }
            let above = viewer.has(.masterTrainer) ? try store.isAncestor(personID: viewer.id, of: serial) : false
            return AccessRules.credentialRevoker(viewer: viewer, viewerAboveCredential: above)
        case .lineageViewer:
            let personID = try request.integer("person")
            guard try store.person(id: personID) != nil else { return .hidden }
            var above = false
            if personID != viewer.id && !viewer.has(.admin) {
                for credential in try store.credentials(personID: personID) where !above {
                    above = try store.isAncestor(personID: viewer.id, of: credential.serial)
                }
            }
            return AccessRules.lineageViewer(viewer: viewer, personID: personID, viewerAbovePerson: above)
        case .profileViewer:
            let personID = try request.integer("person")
            guard try store.person(id: personID) != nil else { return .hidden }
            return AccessRules.profileViewer(viewer: viewer, trainsPerson: try store.trains(trainerID: viewer.id, personID: personID))
        case .resetCodeIssuer:
            guard let person = try store.person(id: try request.integer("person")) else { return .hidden }
            let allowed = ResetCodePermission.allows(viewerID: viewer.id, viewerRoles: viewer.roles, personID: person.id,
                                                     personRoles: person.roles, links: try store.enrolmentLinks(personID: person.id))
            return allowed ? .allowed : .hidden
        case .personAdministrator:
            return AccessRules.personAdministrator(viewer: viewer)
        case .coverageTableAudience:
            return .allowed  // answered above
        }
    }

    /// Whether `viewer` oversees `cohort`, loading the one fact the rule cannot see: the cascade above the trainer.
    func oversees(_ viewer: Person, _ cohort: CohortRecord) throws -> Bool {
        var above = false
        if viewer.has(.masterTrainer), let credential = try cohort.trainerCredentialID.flatMap({ try store.credential(id: $0) }) {
            above = try store.isAncestor(personID: viewer.id, of: credential.serial) || credential.personID == viewer.id
        }
        return AccessRules.oversees(viewer: viewer, trainerID: cohort.trainerID, regionID: cohort.regionID, viewerAboveTrainer: above)
    }
}
