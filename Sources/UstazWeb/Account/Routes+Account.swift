import HTTPServer

/// Signing in and out, first set-up, language, the home page, the catalogue and one's dashboard.
extension Ustaz {
    func registerAccountRoutes(_ routes: inout RouteTable) {
        routes.get("/", .anyone) { try self.homePage($0) }
        routes.get("/signin", .anyone) { try self.signInPage($0) }
        routes.post("/signin", .anyone) { try self.signIn($0) }
        routes.post("/signout", .anyone) { try self.signOut($0) }
        routes.get("/setup/:code", .anyone) { try self.setupPage($0) }
        routes.post("/setup/:code", .anyone) { try self.setUpAdministrator($0) }
        routes.get("/lang/:code", .anyone) { try self.switchLanguage($0) }
        routes.get("/me", .signedIn) { try self.dashboard($0) }
        routes.get("/courses", .anyone) { try self.cataloguePage($0) }
    }
}
