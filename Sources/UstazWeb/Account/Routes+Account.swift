import HTTPServer
import UstazCore
import UstazStore

/// Signing in and out, first set-up, language, the home page, the catalogue and one's dashboard.
struct AccountPages: SitePages, Feature {
    let site: Site
    let catalogue: Catalogue
    let library: CourseLibrary
    let certification: Certification
    let passwords: PasswordHashing
    let signInLimiter: SignInLimiter
    let codes: OneTimeCodes
    let coverage: CoveragePages
}

extension AccountPages {
    func register(_ routes: inout RouteTable) {
        routes.get("/", .anyone) { try self.homePage($0) }
        routes.get("/signin", .anyone) { try self.signInPage($0) }
        routes.post("/signin", .anyone, lane: .slow) { try self.signIn($0) }
        routes.post("/signout", .anyone) { try self.signOut($0) }
        routes.get("/setup/:code", .anyone) { try self.setupPage($0) }
        routes.post("/setup/:code", .anyone, lane: .slow) { try self.setUpAdministrator($0) }
        routes.get("/lang/:code", .anyone) { try self.switchLanguage($0) }
        routes.get("/me", .signedIn) { try self.dashboard($0) }
        routes.get("/courses", .anyone) { try self.cataloguePage($0) }
    }
}
