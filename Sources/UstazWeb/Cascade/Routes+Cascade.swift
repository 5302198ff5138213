import HTTPServer
import UstazCore
import UstazStore

/// The cascade: rosters and added teachers, account activation, lineage, fidelity.
struct CascadePages: SitePages, Feature {
    let site: Site
    let codes: OneTimeCodes
    let passwords: PasswordHashing
    let rosters: RosterImporter
    let fidelityReports: SlowReports<FidelityReport>
    let cohorts: CohortPages
}

extension CascadePages {
    func register(_ routes: inout RouteTable) {
        routes.post("/cohorts/:cohort/import", .record(.cohortTrainer), bodyLimit: 8 << 20, lane: .slow) { try self.importRoster($0) }
        routes.post("/cohorts/:cohort/add", .record(.cohortTrainer)) { try self.addTeacher($0) }
        routes.get("/activate", .anyone) { try self.activationPage($0) }
        routes.post("/activate", .anyone, lane: .slow) { try self.activate($0) }
        routes.get("/lineage", .signedIn) { request in try self.store.snapshot { try self.lineagePage(request) } }
        routes.get("/lineage/:person", .record(.lineageViewer)) { request in try self.store.snapshot { try self.lineagePage(request) } }
        routes.get("/fidelity", .roles([.admin, .coordinator, .masterTrainer])) { try self.fidelityPage($0) }
    }
}
