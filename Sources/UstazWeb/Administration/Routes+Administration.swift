import Credentials
import HTTPServer
import UstazStore

/// Administrators' pages: master trainers, people, schools, reissuing a certificate.
struct AdministrationPages: SitePages, Feature {
    let site: Site
    let rosters: RosterImporter
    let keys: KeyRing
}

extension AdministrationPages {
    func register(_ routes: inout RouteTable) {
        routes.post("/credentials/:serial/reissue", .roles([.admin])) { try self.reissueCredential($0) }
        routes.get("/admin/master-trainers", .roles([.admin])) { try self.masterTrainersPage($0) }
        routes.post("/admin/master-trainers", .roles([.admin])) { try self.issueMasterTrainer($0) }
        routes.get("/people", .roles([.admin])) { try self.peoplePage($0) }
        routes.get("/schools", .roles([.admin])) { request in try self.store.snapshot { try self.schoolsPage(request) } }
        routes.post("/schools/import", .roles([.admin]), bodyLimit: 16 << 20, lane: .slow) { try self.importSchoolsForm($0) }
    }
}
