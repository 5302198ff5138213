import HTTPServer

extension Ustaz {
    /// Every route of the service, in one table.
    func registerRoutes(_ router: inout Router) {
        router.get("/") { [unowned self] in try homePage($0) }
        router.get("/signin") { [unowned self] in try signInPage($0) }
        router.post("/signin") { [unowned self] in try signIn($0) }
        router.post("/signout") { [unowned self] in try signOut($0) }
        router.get("/setup/:code") { [unowned self] in try setupPage($0) }
        router.post("/setup/:code") { [unowned self] in try setUpAdministrator($0) }
        router.get("/lang/:code") { [unowned self] in try switchLanguage($0) }
        router.get("/me") { [unowned self] in try dashboard($0) }
        router.get("/courses") { [unowned self] in try cataloguePage($0) }

        router.get("/healthz") { [unowned self] in try health($0) }
        router.get("/metrics") { [unowned self] in try metrics($0) }
        router.get("/.well-known/ustaz/keys.json") { [unowned self] _ in
            var response = Response.json(keys.jwks)
            response.headers["Cache-Control"] = "public, max-age=3600"
            response.headers["Access-Control-Allow-Origin"] = "*"
            return response
        }
        router.get("/static/*path") { [unowned self] request in
            try staticFiles.response(for: try request.parameter("path"), request: request)
        }
        router.get("/favicon.ico") { [unowned self] request in try staticFiles.response(for: "icon.svg", request: request) }
    }
}
