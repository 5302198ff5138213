import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

@Suite("Access: sessions, cookies, throttling, password reset")
struct AccessTests {
    static func person(_ ustaz: Ustaz, login: String = "aliya", password: String = "correct horse battery") throws -> Person {
        try ustaz.store.createPerson(NewPerson(fullName: "Әлия Тестова", login: login, passwordHash: ustaz.hashPassword(password), roles: [.teacher]))
    }

    static func cookieValue(_ setCookie: String) -> String {
        String(setCookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
    }

    @Test func sessionCookieIsRandomHashedHttpOnlyLaxAndSecureUnderHTTPS() throws {
        let (ustaz, client) = try makeService(baseURL: "https://ustaz.example.kz")
        _ = try Self.person(ustaz)
        var tokens: Set<String> = []
        for _ in 0..<3 {
            let browser = Browser(client)
            let response = browser.signIn("aliya", "correct horse battery")
            #expect(response.status == 303)
            let header = try #require(response.headers.values("Set-Cookie").first { $0.hasPrefix("ustaz_session=") })
            for attribute in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/", "Max-Age=\(30 * 24 * 3600)"] {
                #expect(header.contains(attribute), "\(attribute) in \(header)")
            }
            let token = Self.cookieValue(header)
            // 256 random bits, base64url without padding.
            #expect(token.count == 43)
            var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += "="
            #expect(Data(base64Encoded: base64)?.count == 32)
            tokens.insert(token)
            // Stored only as its SHA-256: the cookie value is nowhere in the database files.
            #expect(try ustaz.store.session(idHash: Secrets.hash(token)) != nil)
            #expect(try databaseBytes(ustaz).range(of: Data(token.utf8)) == nil)
        }
        #expect(tokens.count == 3)
        // Every cookie the service sets is Secure and SameSite=Lax: the anonymous form token, the language, the sign-out.
        let browser = Browser(client)
        var headers = browser.get("/signin").headers.values("Set-Cookie") + browser.get("/lang/ru").headers.values("Set-Cookie")
        browser.signIn("aliya", "correct horse battery")
        headers += browser.postWithToken("/signout", []).headers.values("Set-Cookie")
        #expect(Set(headers.map { String($0.prefix { $0 != "=" }) }) == ["ustaz_form", "ustaz_lang", "ustaz_session"])
        for header in headers {
            #expect(header.contains("; Secure") && header.contains("SameSite=Lax"), "\(header)")
            #expect(header.contains("HttpOnly") == !header.hasPrefix("ustaz_lang="), "only the language cookie is readable by scripts")
        }
    }

    @Test func cookiesAreNotSecureUnderAPlainHTTPBaseURL() throws {
        let (ustaz, client) = try makeService(baseURL: "http://127.0.0.1:8080")
        _ = try Self.person(ustaz)
        let response = Browser(client).signIn("aliya", "correct horse battery")
        let header = try #require(response.headers.values("Set-Cookie").first { $0.hasPrefix("ustaz_session=") })
        #expect(!header.contains("Secure"))
        #expect(header.contains("HttpOnly") && header.contains("SameSite=Lax"))
    }

    /// A request carrying the session cookie, as the service would receive it.
    static func request(with cookie: String) throws -> Request {
        var headers = HTTPHeaders()
        headers["Cookie"] = "ustaz_session=\(cookieValue(cookie))"
        return try Request(method: .get, target: "/me", headers: headers)
    }

    @Test func sessionsEndAfterSevenIdleDays() throws {
        let (ustaz, _) = try makeService(baseURL: "https://ustaz.test")
        let person = try Self.person(ustaz)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let day: TimeInterval = 24 * 3600
        let request = try Self.request(with: try ustaz.site.startSession(for: person, now: start))
        #expect(try ustaz.site.visit(request, now: start.addingTimeInterval(6 * day)).viewer?.id == person.id)
        // Seen on day 6, so still fine a minute before day 13; seen then, so gone just after day 20.
        #expect(try ustaz.site.visit(request, now: start.addingTimeInterval(13 * day - 60)).viewer?.id == person.id)
        #expect(try ustaz.site.visit(request, now: start.addingTimeInterval(20 * day + 60)).viewer == nil)
        // The expired session was deleted: an earlier clock cannot bring it back.
        #expect(try ustaz.site.visit(request, now: start.addingTimeInterval(14 * day)).viewer == nil)
    }

    @Test func sessionsEndThirtyDaysAfterSignInHoweverActive() throws {
        let (ustaz, _) = try makeService(baseURL: "https://ustaz.test")
        let person = try Self.person(ustaz)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let day: TimeInterval = 24 * 3600
        let request = try Self.request(with: try ustaz.site.startSession(for: person, now: start))
        for days in stride(from: 1.0, through: 29.0, by: 2.0) {
            #expect(try ustaz.site.visit(request, now: start.addingTimeInterval(days * day)).viewer?.id == person.id, "day \(days)")
        }
        #expect(try ustaz.site.visit(request, now: start.addingTimeInterval(30 * day + 1)).viewer == nil)
    }

    @Test func signInIsThrottledPerAccountAndAddressPerAddressAndPerAccount() {
        let limiter = SignInLimiter()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for _ in 0..<SignInLimiter.perLoginAndAddress { limiter.recordFailure(login: "aliya", address: "198.51.100.1", now: now) }
        #expect(limiter.isBlocked(login: "ALIYA", address: "198.51.100.1", now: now))
        #expect(!limiter.isBlocked(login: "aliya", address: "198.51.100.2", now: now), "the owner elsewhere is not locked out")
        #expect(!limiter.isBlocked(login: "aliya", address: "198.51.100.1", now: now.addingTimeInterval(SignInLimiter.window + 1)))

        // One address guessing many logins.
        for index in 0..<SignInLimiter.perAddress { limiter.recordFailure(login: "guess\(index)", address: "198.51.100.7", now: now) }
        #expect(limiter.isBlocked(login: "someone-new", address: "198.51.100.7", now: now))

        // Many addresses guessing one login.
        for index in 0..<SignInLimiter.perLogin { limiter.recordFailure(login: "target", address: "203.0.113.\(index % 250)", now: now) }
        #expect(limiter.isBlocked(login: "target", address: "192.0.2.99", now: now))
        #expect(!limiter.isBlocked(login: "target", address: "192.0.2.99", now: now.addingTimeInterval(SignInLimiter.window + 1)))
    }

    // MARK: Password reset

    @Test func aTrainerPrintsAResetCodeThatWorksOnceAndEndsEverySession() throws {
        let (ustaz, client, world) = try demoService()
        let teacher = try #require(try ustaz.store.person(login: "teacher.aigerim"))
        let oldSession = Browser(client)
        #expect(oldSession.signIn("teacher.aigerim", world.password).status == 303)

        let trainer = Browser(client)
        trainer.signIn("lead.kyzylorda", world.password)
        let profile = trainer.get("/people/\(teacher.id)")
        #expect(profile.status == 200 && profile.bodyText.contains("/people/\(teacher.id)/reset-code"))
        let card = trainer.postWithToken("/people/\(teacher.id)/reset-code", [])
        #expect(card.status == 200)
        #expect(card.headers["Cache-Control"] == "no-store")
        let code = try #require(Browser.printedCode(in: card))
        #expect(code.count == 10)
        #expect(card.bodyText.contains("https://ustaz.test/reset?code=\(code)") || card.bodyText.contains("<svg class=\"qr\""))
        // Stored only hashed.
        #expect(try databaseBytes(ustaz).range(of: Data(code.utf8)) == nil)
        #expect(try ustaz.store.auditEntries(AuditFilter(personID: teacher.id, action: "reset-code-issued"), limit: 10, offset: 0).total == 1)

        let visitor = Browser(client)
        #expect(visitor.get("/reset?code=\(code)").bodyText.contains("value=\"\(code)\""))
        let mismatch = visitor.postWithToken("/reset", [("code", code), ("password", "a new password 1"), ("password_again", "another one 22")])
        #expect(mismatch.status == 422)
        let done = visitor.postWithToken("/reset", [("code", code.lowercased()), ("password", "a new password 1"), ("password_again", "a new password 1")])
        #expect(done.status == 303 && done.headers["Location"] == "/me")
        #expect(visitor.get("/me").status == 200)

        #expect(oldSession.get("/me").status == 303, "the session from before the reset has ended")
        #expect(Browser(client).signIn("teacher.aigerim", world.password).status == 401)
        #expect(Browser(client).signIn("teacher.aigerim", "a new password 1").status == 303)
        let again = Browser(client).postWithToken("/reset", [("code", code), ("password", "third password 333"), ("password_again", "third password 333")])
        #expect(again.status == 410, "a reset code works once")
    }

    @Test func resetCodesExpireAndANewCodeReplacesTheOld() throws {
        let (ustaz, client, _) = try demoService()
        let teacher = try #require(try ustaz.store.person(login: "teacher.dauren"))
        let old = try ustaz.store.issueResetCode(personID: teacher.id, codeHash: Secrets.hash,
                                                 now: Date().addingTimeInterval(-Store.resetCodeLifetime - 60))
        func use(_ code: String) -> Int {
            Browser(client).postWithToken("/reset", [("code", code), ("password", "brand new password"), ("password_again", "brand new password")]).status
        }
        #expect(use(old) == 410, "expired")
        let first = try ustaz.store.issueResetCode(personID: teacher.id, codeHash: Secrets.hash, now: Date())
        let second = try ustaz.store.issueResetCode(personID: teacher.id, codeHash: Secrets.hash, now: Date())
        #expect(use(first) == 410, "replaced by the newer code")
        #expect(use(second) == 303)
    }

    @Test func activationCodesExpireAfterThirtyDays() throws {
        let (ustaz, client, _) = try demoService()
        let cohort = try #require(try ustaz.store.cohort(joinCode: "KZO-DEMO2"))
        func importOne(_ name: String, daysAgo: Double) throws -> String {
            try ustaz.store.importTeachers([TeacherRow(fullName: name, schoolCode: "KZO-0101")], cohortID: cohort.id, iinHash: ustaz.iinHash,
                                           codeHash: Secrets.hash, now: Date().addingTimeInterval(-daysAgo * 24 * 3600)).created[0].activationCode
        }
        let stale = try importOne("Ескі Код", daysAgo: 30.1)
        let fresh = try importOne("Жаңа Код", daysAgo: 29.9)
        func activate(_ code: String, _ login: String) -> Int {
            Browser(client).postWithToken("/activate", [("code", code), ("login", login), ("password", "long enough password")]).status
        }
        #expect(activate(stale, "old.code") == 410)
        #expect(activate(fresh, "new.code") == 303)
        #expect(activate(fresh, "new.code.again") == 410, "single use")
    }

    @Test func onlyAdminsAndTheTrainerOfAPlainTeacherMayIssueResetCodes() throws {
        let (ustaz, client, world) = try demoService()
        let store = ustaz.store
        let teacher = try #require(try store.person(login: "teacher.aigerim"))
        let lead = Browser(client)
        lead.signIn("lead.kyzylorda", world.password)
        // Another lead trainer's teacher: not theirs.
        let olga = try #require(try store.person(login: "teacher.olga"))
        #expect(lead.postWithToken("/people/\(olga.id)/reset-code", []).status == 404)
        // A teacher who also reviews holds more power than a trainer may take over.
        try store.grantRole(.reviewer, to: teacher.id)
        #expect(lead.postWithToken("/people/\(teacher.id)/reset-code", []).status == 404)
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        #expect(admin.postWithToken("/people/\(teacher.id)/reset-code", []).status == 200)
        // Nobody resets their own password this way.
        let adminID = try #require(try store.person(login: "admin")).id
        #expect(admin.postWithToken("/people/\(adminID)/reset-code", []).status == 404)
        // Someone imported but not yet activated gets their activation card instead.
        let cohort = try #require(try store.cohort(joinCode: "KZO-DEMO2"))
        let imported = try store.createPerson(NewPerson(fullName: "Жаңа Мұғалім", roles: [.teacher]))
        _ = try store.enrol(personID: imported.id, cohortID: cohort.id, origin: .created)
        let refused = lead.postWithToken("/people/\(imported.id)/reset-code", [])
        #expect(refused.status == 409)
        #expect(refused.bodyText.contains(PrivacyText.kk.notActivatedYet.htmlEscaped))
    }

    @Test func guessingResetCodesIsThrottledPerAddress() throws {
        let (_, client, _) = try demoService()
        let browser = Browser(client)
        browser.remoteAddress = "198.51.100.23"
        var statuses: [Int] = []
        for index in 0..<(SignInLimiter.perLoginAndAddress + 1) {
            statuses.append(browser.postWithToken("/reset", [("code", "WRONGCODE\(index)"), ("password", "long enough pw"), ("password_again", "long enough pw")]).status)
        }
        #expect(statuses.prefix(SignInLimiter.perLoginAndAddress).allSatisfy { $0 == 410 })
        #expect(statuses.last == 429)
    }
}
