import HTTPServer
import UstazCore
import UstazStore

/// Personal data: profiles, reset codes, export, erasure, one's own export, password reset, the audit log.
struct PrivacyPages: SitePages, Feature {
    let site: Site
    let catalogue: Catalogue
    let passwords: PasswordHashing
    let codes: OneTimeCodes
}

extension PrivacyPages {
    func register(_ routes: inout RouteTable) {
        // Pages made of several reads read one snapshot of the database.
        routes.get("/people/:person", .record(.profileViewer)) { request in try self.store.snapshot { try self.profilePage(request) } }
        routes.post("/people/:person/reset-code", .record(.resetCodeIssuer)) { try self.issueResetCode($0) }
        routes.get("/people/:person/export", .record(.personAdministrator)) { request in try self.store.snapshot { try self.exportPerson(request) } }
        routes.get("/people/:person/erase", .record(.personAdministrator)) { request in try self.store.snapshot { try self.erasurePage(request) } }
        routes.post("/people/:person/erase", .record(.personAdministrator)) { try self.erasePerson($0) }
        routes.get("/me/export", .signedIn) { try self.exportOwnData($0) }
        routes.get("/reset", .anyone) { try self.resetPage($0) }
        routes.post("/reset", .anyone, lane: .slow) { try self.resetPassword($0) }
        routes.get("/admin/audit", .roles([.admin])) { try self.auditPage($0) }
        routes.get("/admin/audit.csv", .roles([.admin])) { try self.auditCSV($0) }
    }
}
