import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazFixtures
@testable import UstazWeb

@Suite("Pages, languages, sign-in and operational endpoints")
struct PageTests {
    @Test func homePageSpeaksTheBrowsersLanguageAndKazakhByDefault() throws {
        let (_, _, client) = try makeService()
        let browser = Browser(client)
        let kazakh = browser.get("/")
        #expect(kazakh.status == 200)
        #expect(kazakh.bodyText.contains("<html lang=\"kk\">"))
        #expect(kazakh.bodyText.contains("Кіру"))
        browser.acceptLanguage = "ru-RU,ru;q=0.9"
        #expect(browser.get("/").bodyText.contains("<html lang=\"ru\">"))
        browser.acceptLanguage = "en-GB"
        let english = browser.get("/")
        #expect(english.bodyText.contains("Every teacher a confident user of artificial intelligence"))
        // The person's own choice wins over the browser.
        let switched = browser.get("/lang/kk?next=/courses")
        #expect(switched.status == 303)
        #expect(switched.headers["Location"] == "/courses")
        #expect(browser.get("/").bodyText.contains("<html lang=\"kk\">"))
        #expect(browser.get("/lang/kk?next=//evil.example").headers["Location"] == "/")
        // "//" followed by a combining mark is, as characters, "/" and "/́": compared as bytes it is still "//".
        for hostile in ["/%09/evil.example", "/%0A/evil.example", "/%5C/evil.example", "/%5Cevil.example", "https://evil.example",
                        "//%CC%81evil.example"] {
            #expect(browser.get("/lang/kk?next=\(hostile)").headers["Location"] == "/", "\(hostile)")
        }
        #expect(browser.get("/lang/de").status == 404)
    }

    @Test func everyLanguageHasEveryString() {
        for language in Language.allCases {
            let strings = Strings.for(language)
            let mirror = Mirror(reflecting: strings)
            for child in mirror.children {
                if let text = child.value as? String { #expect(!text.isEmpty, "\(language) \(child.label ?? "")") }
            }
            #expect(Set(strings.roleNames.keys) == Set(Role.allCases), "\(language)")
            #expect(Set(strings.credentialNames.keys) == Set(CredentialKind.allCases), "\(language)")
        }
        #expect(Strings.ru.members(21) == "21 участник")
        #expect(Strings.ru.members(3) == "3 участника")
        #expect(Strings.ru.members(11) == "11 участников")
        #expect(Formatting.number(350_000, .kk) == "350\u{00A0}000")
        #expect(Formatting.number(350_000, .en) == "350,000")
        #expect(Formatting.date(Day(iso: "2026-09-01")!, .kk) == "2026 жылғы 1 қыркүйек")
    }

    @Test func signInNeedsTheFormTokenAndTheRightPassword() throws {
        let (ustaz, _, client) = try makeService()
        try ustaz.store.createPerson(.init(fullName: "Нұрлан Абдрахманов", login: "nurlan",
                                           passwordHash: ustaz.hashPassword("correct horse 2026"), roles: [.leadTrainer]))
        let browser = Browser(client)
        #expect(browser.get("/me").status == 303)
        let wrong = browser.signIn("nurlan", "nope")
        #expect(wrong.status == 401)
        #expect(wrong.bodyText.contains("Логин немесе құпиясөз қате"))
        let noToken = browser.post("/signin", [("login", "nurlan"), ("password", "correct horse 2026")])
        #expect(noToken.status == 403)
        let right = browser.signIn("nurlan", "correct horse 2026")
        #expect(right.status == 303)
        let cookie = try #require(right.headers.values("Set-Cookie").first { $0.hasPrefix("ustaz_session=") })
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Lax"))
        #expect(cookie.contains("Secure"))  // the base URL is https
        let me = browser.get("/me")
        #expect(me.status == 200)
        #expect(me.bodyText.contains("Нұрлан Абдрахманов"))
        #expect(me.headers["Cache-Control"] == "no-store")
        // Sign out needs the session's token too, then the session is gone from the server.
        #expect(browser.post("/signout", [("_csrf", "x")]).status == 403)
        let stolenCookie = browser.cookies["ustaz_session"]!
        #expect(browser.post("/signout", [("_csrf", Browser.csrf(in: me))]).status == 303)
        let thief = Browser(client)
        thief.cookies["ustaz_session"] = stolenCookie
        #expect(thief.get("/me").status == 303)
        #expect(try ustaz.store.auditCount(action: "sign-in") == 1)
        #expect(try ustaz.store.auditCount(action: "sign-in-failed") == 1)
    }

    @Test func repeatedFailuresAreThrottled() throws {
        let (ustaz, _, client) = try makeService()
        try ustaz.store.createPerson(.init(fullName: "T", login: "target", passwordHash: ustaz.hashPassword("the real one!"), roles: [.teacher]))
        let browser = Browser(client)
        for _ in 0..<5 { #expect(browser.signIn("target", "guess").status == 401) }
        let blocked = browser.signIn("target", "the real one!")
        #expect(blocked.status == 429)
        #expect(blocked.headers["Retry-After"] == "900")
        // Another account from elsewhere is unaffected.
        try ustaz.store.createPerson(.init(fullName: "U", login: "other", passwordHash: ustaz.hashPassword("other secret"), roles: [.teacher]))
        #expect(Browser(client).signIn("other", "other secret").status == 303)
        // A stranger failing on purpose from elsewhere cannot lock the real person out.
        let owner = Browser(TestClient(ustaz.makeApplication()))
        let form = owner.get("/signin")
        let elsewhere = owner.client.execute(.post, "/signin", headers: ["Content-Type": "application/x-www-form-urlencoded",
                                                                          "Cookie": "ustaz_form=\(Browser.csrf(in: form))"],
                                             body: Array("_csrf=\(Browser.csrf(in: form))&login=target&password=the+real+one%21".utf8),
                                             remoteAddress: "203.0.113.50")
        #expect(elsewhere.status == 303)
    }

    @Test func healthMetricsAndKeys() throws {
        let (ustaz, _, client) = try makeService()
        let health = client.get("/healthz")
        #expect(health.status == 200)
        #expect(health.headers["Content-Type"] == "application/json")
        #expect(health.bodyText.contains("\"status\":\"ok\""))
        #expect(client.execute(.head, "/healthz").status == 200)
        _ = client.get("/nowhere")
        let metrics = client.get("/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["Content-Type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(metrics.bodyText.contains("http_requests_total{status=\"404\"} 1"))
        #expect(metrics.bodyText.contains("# TYPE ustaz_certified_people gauge"))
        #expect(client.execute(.get, "/metrics", remoteAddress: "203.0.113.9").status == 403)
        let keys = client.get("/.well-known/ustaz/keys.json")
        #expect(keys.status == 200)
        #expect(keys.bodyText.contains("\"kid\":\"\(ustaz.keys.activeKeyID)\""))
        #expect(keys.bodyText.contains("\"crv\":\"Ed25519\""))
    }

    @Test func staticFilesAndErrorPages() throws {
        let (ustaz, _, client) = try makeService()
        let css = client.get(ustaz.staticFiles.url(for: "app.css"), headers: ["Accept-Encoding": "gzip"])
        #expect(css.status == 200)
        #expect(css.headers["Content-Encoding"] == "gzip")
        #expect(css.headers["Cache-Control"] == "public, max-age=31536000, immutable")
        let missing = client.get("/no/such/page", headers: ["Accept-Language": "ru"])
        #expect(missing.status == 404)
        #expect(missing.bodyText.contains("Страница не найдена"))
        let api = client.get("/api/v1/nothing")
        #expect(api.status == 404)
        #expect(api.headers["Content-Type"] == "application/json")
    }

    @Test func catalogueShowsOnlyApprovedVersions() throws {
        let (ustaz, _, client) = try makeService()
        let before = client.get("/courses", headers: ["Accept-Language": "en"]).bodyText
        #expect(!before.contains("AI literacy for primary-school teachers"))
        let primary = try #require(try ustaz.store.courseVersions(courseID: "primary-teachers").first)
        try ustaz.store.approveCourseVersion(id: primary.id)
        let after = client.get("/courses", headers: ["Accept-Language": "en"]).bodyText
        #expect(after.contains("AI literacy for primary-school teachers"))
        #expect(!after.contains("Lead-trainer track"))
    }

    @Test func demoWorldLetsEveryRoleSignIn() throws {
        let (ustaz, _, client) = try makeService()
        let world = try DemoWorld.load(into: ustaz)
        #expect(Set(world.logins.flatMap(\.roles)) == Set(Role.allCases))
        for login in world.logins {
            let browser = Browser(client)
            #expect(browser.signIn(login.login, world.password).status == 303, "\(login.login)")
            #expect(browser.get("/me").bodyText.contains(login.name.htmlEscaped))
        }
        let totals = try ustaz.store.totals()
        #expect(totals.credentials == world.serials.count)
        #expect(totals.cohorts == 3)
        let lead = Browser(client)
        lead.signIn("lead.kyzylorda", world.password)
        let page = lead.get("/me").bodyText
        #expect(page.contains("Қызылорда — бастауыш сынып мұғалімдері"))
        #expect(throws: StartError.self) { try DemoWorld.load(into: ustaz) }
    }
}
