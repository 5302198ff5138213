import Testing
@testable import HTTPServer

@Suite("Router")
struct RouterTests {
    func router() -> Router {
        var router = Router()
        let answer: (String) -> Handler = { name in { _ in .text(name) } }
        router.get("/", answer("home"))
        router.get("/:page", answer("page"))
        router.get("/v/:token", answer("verify"))
        router.get("/credentials/status/1", answer("status"))
        router.get("/credentials/:serial", answer("credential"))
        router.post("/credentials/:serial/revoke", bodyLimit: 10, answer("revoke"))
        router.get("/static/*path", answer("static"))
        router.get("/:a/:b/:c", answer("three"))
        return router
    }

    func name(_ match: Router.Match) throws -> String? {
        guard case .found(let handler, _, _, _, _) = match else { return nil }
        let request = try Request(method: .get, target: "/")
        return String(decoding: try handler(request).body, as: UTF8.self)
    }

    @Test("the first registered route that matches wins, literal or not")
    func precedence() throws {
        let router = router()
        #expect(try name(router.match(.get, "/")) == "home")
        #expect(try name(router.match(.get, "/about")) == "page")
        #expect(try name(router.match(.get, "/v/abc")) == "verify")
        #expect(try name(router.match(.get, "/credentials/status/1")) == "status")
        #expect(try name(router.match(.get, "/credentials/UZ-26-1")) == "credential")
        #expect(try name(router.match(.get, "/static/css/app.css")) == "static")
        #expect(try name(router.match(.get, "/x/y/z")) == "three")
        #expect(try name(router.match(.get, "/v/a/b")) == "three")  // a parameter route registered later still applies
        #expect(try name(router.match(.get, "/nothing/at/all/here")) == nil)
    }

    @Test("405 lists the methods of every route matching the path; body limits follow the route")
    func methodsAndLimits() {
        let router = router()
        guard case .methodNotAllowed(let allowed) = router.match(.delete, "/credentials/X/revoke") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.post, .get, .head])
        #expect(router.bodyLimit(.post, "/credentials/X/revoke") == 10)
        #expect(router.bodyLimit(.post, "/elsewhere") == Router.defaultBodyLimit)
    }

    @Test("paths split into their non-empty segments, whatever the script")
    func segments() {
        #expect(Router.segments(of: "/") == [])
        #expect(Router.segments(of: "//v//abc/") == ["v", "abc"])
        #expect(Router.segments(of: "/мектеп/Қазақ/ä") == ["мектеп", "Қазақ", "ä"])
    }

    @Test("HTML escaping of the five characters, text in any script untouched")
    func escaping() {
        #expect("<a href=\"x\">'&'</a> Қазақ".htmlEscaped == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; Қазақ")
        #expect("Сәуле".htmlEscaped == "Сәуле")
    }
}
