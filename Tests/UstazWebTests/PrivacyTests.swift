import Credentials
import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
import UstazFixtures
@testable import UstazWeb

@Suite("Privacy: IINs, public pages, audit of views, export, erasure")
struct PrivacyTests {
    /// The demo world with a captured log, the Kyzylorda cohort and its lead trainer signed in.
    static func world(logger capture: LogCapture? = nil) throws -> (Ustaz, TestClient, DemoWorld, CohortRecord, Browser) {
        let (ustaz, client) = try makeService(baseURL: "https://ustaz.test", logger: capture?.logger)
        let world = try DemoWorld.load(into: ustaz)
        let cohort = try #require(try ustaz.store.cohort(joinCode: "KZO-DEMO2"))
        let lead = Browser(client)
        lead.remoteAddress = "198.51.100.40"
        lead.signIn("lead.kyzylorda", world.password)
        return (ustaz, client, world, cohort, lead)
    }

    @Test func importedIINsAreNeverStoredOrLoggedInClear() throws {
        let capture = LogCapture()
        let (ustaz, _, _, cohort, lead) = try Self.world(logger: capture)
        try ustaz.store.setSetting("note", "x")  // touch the database so every file exists
        let iins = (1...4).map { validIIN(serial: 100 + $0 * 17) }
        let csv = """
            full_name,school_code,iin,email,phone
            Бақыт Нұрланова,KZO-0101,\(iins[0].digits),bakyt@example.kz,+77011234567
            Серік Әлиев,KZO-0102,\(iins[1].digits),,
            """
        let imported = lead.postMultipart("/cohorts/\(cohort.id)/import", [], file: ("file", csv))
        #expect(imported.status == 200, "\(imported.bodyText.prefix(400))")
        // The printed activation cards are a view of each new teacher's data.
        #expect(try ustaz.store.auditEntries(AuditFilter(action: "view"), limit: 10, offset: 0).entries
            .filter { $0.subject == "activation-card cohort:\(cohort.id)" && $0.personID != nil }.count == 2)
        // By hand, one at a time.
        let added = lead.postWithToken("/cohorts/\(cohort.id)/add", [("full_name", "Гүлмира Сапарова"), ("school_code", "KZO-0101"), ("iin", iins[2].digits)])
        #expect(added.status == 200)
        // A rejected file (a duplicate IIN) is reported without the number in clear either.
        let rejected = lead.postMultipart("/cohorts/\(cohort.id)/import", [], file: ("file", """
            full_name,school_code,iin
            Асқар Бекұлы,KZO-0101,\(iins[3].digits)
            Асқар Бекұлы екінші,KZO-0101,\(iins[3].digits)
            """))
        #expect(rejected.status == 422)
        #expect(!rejected.bodyText.contains(iins[3].digits))

        let bytes = try databaseBytes(ustaz)
        #expect(!bytes.isEmpty)
        for iin in iins {
            #expect(bytes.range(of: Data(iin.digits.utf8)) == nil, "IIN \(iin.masked) found in the database files")
            #expect(!capture.text.contains(iin.digits), "IIN \(iin.masked) found in the log")
        }
        // What is kept: the masked form (shown to the trainer) and the keyed hash (for matching).
        #expect(bytes.range(of: Data(iins[0].masked.utf8)) != nil)
        #expect(!capture.text.isEmpty, "the log was captured")
    }

    @Test func publicPagesShowNoPersonalDataBeyondThePrintedName() throws {
        let (ustaz, client, _, cohort, _) = try Self.world()
        let store = ustaz.store
        let iin = validIIN(serial: 4242)
        let result = try store.importTeachers([TeacherRow(fullName: "Мәдина Жолдасова", schoolCode: "KZO-0101", iin: iin,
                                                          email: "madina@example.kz", phone: "+77017654321")],
                                              cohortID: cohort.id, iinHash: ustaz.iinHash, codeHash: Secrets.hash, now: Date())
        let person = try #require(try store.person(id: result.created[0].personID))
        let trainerCredential = try credentialOf(ustaz, login: "lead.kyzylorda")
        let credential = try CredentialIssuer(store: store, keys: ustaz.keys).issueNew(
            kind: .teacher, to: person, courseID: "primary-teachers", courseVersionID: cohort.courseVersionID, generation: 2,
            cohortID: cohort.id, issuer: trainerCredential, issuedOn: .today, expiresOn: nil)
        let anonymous = Browser(client)
        var json = HTTPHeaders()
        json["Accept"] = "application/json"
        let pages = [
            anonymous.get("/v/\(credential.token)").bodyText,
            client.get("/v/\(credential.token)", headers: json).bodyText,
            anonymous.get("/credentials/\(credential.serial)").bodyText,
            anonymous.get("/credentials/\(credential.serial)/jwt").bodyText,
            anonymous.get("/credentials/revocations").bodyText,
            anonymous.get("/").bodyText,
            anonymous.get("/courses").bodyText,
        ]
        #expect(pages[0].contains("Мәдина Жолдасова"), "the printed name is shown")
        let school = try #require(try store.school(code: "KZO-0101"))
        for (index, page) in pages.enumerated() {
            for secret in [iin.digits, iin.masked, "madina@example.kz", "+77017654321", "7017654321", school.name, "lead.kyzylorda"] {
                #expect(!page.contains(secret), "page \(index) shows \(secret)")
            }
        }
    }

    @Test func viewsOfPersonalDataAreAuditedAndAdminsFilterAndPageTheLog() throws {
        let (ustaz, client, world, cohort, lead) = try Self.world()
        let store = ustaz.store
        let teacher = try #require(try store.person(login: "teacher.aigerim"))
        let leadPerson = try #require(try store.person(login: "lead.kyzylorda"))
        let serial = try credentialOf(ustaz, login: "teacher.aigerim").serial
        #expect(lead.get("/people/\(teacher.id)").status == 200)
        #expect(lead.get("/cohorts/\(cohort.id)").status == 200)
        #expect(lead.get("/certificates/\(serial)/pdf").status == 200)

        let views = try store.auditEntries(AuditFilter(actorID: leadPerson.id, action: "view"), limit: 50, offset: 0).entries
        #expect(Set(views.compactMap(\.subject)) == ["profile", "members cohort:\(cohort.id)", "certificate:\(serial)"])
        #expect(views.allSatisfy { $0.address == "198.51.100.40" })
        #expect(views.filter { $0.personID == teacher.id }.count == 2)

        // The holder downloading their own certificate is not someone else viewing their data.
        let own = Browser(client)
        own.signIn("teacher.aigerim", world.password)
        #expect(own.get("/certificates/\(serial)/pdf").status == 200)
        #expect(try store.auditEntries(AuditFilter(actorID: teacher.id, action: "view"), limit: 50, offset: 0).total == 0)

        // Enough entries for three pages.
        for index in 0..<(2 * PrivacyPages.auditPageSize + 7) {
            try store.audit(actorID: leadPerson.id, action: "test-entry", subject: "n:\(index)", about: teacher.id, address: "192.0.2.1")
        }
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        let first = admin.get("/admin/audit?person=\(teacher.id)&action=test-entry").bodyText
        #expect(first.components(separatedBy: "<tr><td>").count - 1 == PrivacyPages.auditPageSize)
        #expect(first.contains("n:\(2 * PrivacyPages.auditPageSize + 6)") && !first.contains("n:0<"))
        #expect(first.contains("rel=\"next\"") && !first.contains("rel=\"prev\""))
        let last = admin.get("/admin/audit?person=\(teacher.id)&action=test-entry&page=3").bodyText
        #expect(last.components(separatedBy: "<tr><td>").count - 1 == 7)
        #expect(last.contains("n:0<") && last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""))
        // Filters by the actor's login, the person, and dates.
        let byLogin = admin.get("/admin/audit?actor=lead.kyzylorda&action=view").bodyText
        #expect(byLogin.contains("members cohort:\(cohort.id)") && byLogin.contains("198.51.100.40"))
        let yesterday = Day.today.adding(days: -1).iso
        let tomorrow = Day.today.adding(days: 1).iso
        #expect(admin.get("/admin/audit?actor=lead.kyzylorda&until=\(yesterday)").bodyText.contains(PrivacyText.kk.noEntries))
        #expect(admin.get("/admin/audit?actor=lead.kyzylorda&from=\(Day.today.iso)&until=\(tomorrow)&action=view").bodyText.contains("profile"))
        #expect(admin.get("/admin/audit?actor=lead.kyzylorda&from=\(Day.today.iso)&until=\(Day.today.iso)&action=view").bodyText.contains("profile"),
                "both bounds are inclusive days")
        #expect(admin.get("/admin/audit?actor=lead.kyzylorda&from=\(tomorrow)").bodyText.contains(PrivacyText.kk.noEntries))
        #expect(admin.get("/admin/audit?actor=no-such-login").bodyText.contains(PrivacyText.kk.unknownPersonFilter))
        // The audit page itself is not a view of one person's data, but the export is.
        #expect(admin.get("/people/\(teacher.id)/export").status == 200)
        #expect(try store.auditEntries(AuditFilter(personID: teacher.id, action: "view"), limit: 50, offset: 0).entries
            .contains { $0.subject == "export" })
    }

    @Test func aTrainerSeesOnlyWhatAPersonDoesInTheTrainersOwnCohorts() throws {
        let (ustaz, client, world, _, lead) = try Self.world()
        let store = ustaz.store
        let teacher = try #require(try store.person(login: "teacher.aigerim"))
        let elsewhere = try #require(try store.cohort(joinCode: "PVL-DEMO3"))
        _ = try store.enrol(personID: teacher.id, cohortID: elsewhere.id)
        let byTrainer = lead.get("/people/\(teacher.id)").bodyText
        #expect(byTrainer.contains("Қызылорда — бастауыш сынып мұғалімдері"))
        #expect(!byTrainer.contains(elsewhere.name))
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        #expect(admin.get("/people/\(teacher.id)").bodyText.contains(elsewhere.name))
        // The other cohort's trainer now sees her too, and only that cohort.
        let other = Browser(client)
        other.signIn("lead.pavlodar", world.password)
        let byOther = other.get("/people/\(teacher.id)").bodyText
        #expect(byOther.contains(elsewhere.name) && !byOther.contains("Қызылорда — бастауыш сынып мұғалімдері"))
        #expect(!byOther.contains(try credentialOf(ustaz, login: "teacher.aigerim").serial))
    }

    @Test func changesAboutAPersonAreFoundUnderTheirNameWithTheAddress() throws {
        let (ustaz, client, world, _, _) = try Self.world()
        let store = ustaz.store
        let teacher = try #require(try store.person(login: "teacher.aigerim"))
        let own = Browser(client)
        own.remoteAddress = "198.51.100.77"
        own.signIn("teacher.aigerim", world.password)
        let admin = Browser(client)
        admin.remoteAddress = "198.51.100.88"
        admin.signIn("admin", world.password)
        let serial = try credentialOf(ustaz, login: "teacher.aigerim").serial
        #expect(admin.postWithToken("/people/\(teacher.id)/reset-code", []).status == 200)
        #expect(admin.postWithToken("/credentials/\(serial)/revoke", [("reason", "issued-in-error")]).status == 303)
        let entries = try store.auditEntries(AuditFilter(personID: teacher.id), limit: 50, offset: 0).entries
        let byAction = Dictionary(entries.map { ($0.action, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(byAction["sign-in"]?.address == "198.51.100.77")
        #expect(byAction["reset-code-issued"]?.address == "198.51.100.88" && byAction["reset-code-issued"]?.actorName == "Әлия Жұмабекова")
        #expect(byAction["credential-revoked"]?.address == "198.51.100.88")
        #expect(byAction["credential-revoked"]?.subject?.contains(serial) == true)
        // The page shows them, newest first, with the person's name.
        let page = admin.get("/admin/audit?person=teacher.aigerim").bodyText
        let revoked = try #require(page.range(of: "credential-revoked")), signIn = try #require(page.range(of: ">sign-in<"))
        #expect(revoked.lowerBound < signIn.lowerBound)
        #expect(page.contains(teacher.fullName))
    }

    @Test func everyLanguageHasEveryPrivacyText() {
        for language in Language.allCases {
            for child in Mirror(reflecting: Strings.for(language).privacy).children {
                if let text = child.value as? String { #expect(!text.isEmpty, "\(language) \(child.label ?? "")") }
            }
        }
        #expect(PrivacyText.kk.resetInvalid != PrivacyText.en.resetInvalid && PrivacyText.ru.resetInvalid != PrivacyText.en.resetInvalid)
    }

    @Test func aPersonExportsEverythingHeldAboutThemWithoutSecrets() throws {
        let (ustaz, client, world, _, _) = try Self.world()
        let teacher = try #require(try ustaz.store.person(login: "teacher.aigerim"))
        let browser = Browser(client)
        browser.signIn("teacher.aigerim", world.password)
        let response = browser.get("/me/export")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(response.headers["Content-Disposition"]?.contains("attachment") == true)
        let text = response.bodyText
        for secret in ["password", "argon2", "iin_hash", "csrf", "id_hash", "code_hash"] {
            #expect(!text.contains(secret), "\(secret) in the export")
        }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let person = try #require(document["person"] as? [String: Any])
        #expect(person["full_name"] as? String == teacher.fullName)
        #expect(person["login"] as? String == "teacher.aigerim")
        #expect((document["roles"] as? [[String: Any]])?.map { $0["role"] as? String } == ["teacher"])
        #expect((document["school"] as? [String: Any])?["code"] as? String == "KZO-0101")
        #expect((document["enrolments"] as? [Any])?.count == 1)
        #expect((document["lesson_progress"] as? [Any])?.count == 8)
        #expect((document["certificates"] as? [[String: Any]])?.first?["serial"] as? String == (try credentialOf(ustaz, login: "teacher.aigerim").serial))
        #expect((document["sessions"] as? [Any])?.count == 1)
        let audit = try #require(document["audit"] as? [[String: Any]])
        #expect(audit.contains { $0["action"] as? String == "sign-in" })
        #expect(audit.contains { $0["action"] as? String == "view" && $0["subject"] as? String == "export" })
        // Nobody else's data: another teacher's export differs and is not reachable.
        #expect(!text.contains("teacher.dauren"))
        #expect(browser.get("/people/\(teacher.id + 1)/export").status == 404)
    }

    @Test func erasureAnonymisesThePersonRevokesTheirCertificatesAndKeepsTheCounts() throws {
        let (ustaz, client, world, _, _) = try Self.world()
        let store = ustaz.store
        let teacher = try #require(try store.person(login: "teacher.aigerim"))
        let master = try #require(try store.person(login: "master"))
        let credential = try credentialOf(ustaz, login: "teacher.aigerim")
        let oldSession = Browser(client)
        oldSession.signIn("teacher.aigerim", world.password)
        _ = try store.issueResetCode(personID: teacher.id, codeHash: Secrets.hash, now: Date())

        let before = try store.totals()
        let fidelityBefore = Fidelity.byGeneration(try store.fidelityOutcomes()).mapValues(\.learners)
        let lineageBefore = try store.lineageBelow(personID: master.id).count
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        #expect(admin.get("/people/\(teacher.id)/erase").status == 200)
        #expect(admin.postWithToken("/people/\(teacher.id)/erase", []).status == 422, "needs the confirmation box")
        let erased = admin.postWithToken("/people/\(teacher.id)/erase", [("confirm", "yes")])
        #expect(erased.status == 200)
        // Not even in free space or the write-ahead log: erasure overwrites and checkpoints.
        #expect(try databaseBytes(ustaz).range(of: Data(teacher.fullName.utf8)) == nil)
        #expect(try databaseBytes(ustaz).range(of: Data("teacher.aigerim".utf8)) == nil)
        #expect(try store.integrityCheck() == "ok")
        #expect(erased.bodyText.contains(PrivacyText.kk.eraseDone(1).htmlEscaped))

        // Counts as documented in docs/SECURITY.md: only the certified figure drops, by the person's valid certificates.
        let after = try store.totals()
        #expect(after.people == before.people && after.enrolments == before.enrolments && after.cohorts == before.cohorts
                && after.credentials == before.credentials && after.schools == before.schools)
        #expect(after.certifiedTeachers == before.certifiedTeachers - 1)
        #expect(Fidelity.byGeneration(try store.fidelityOutcomes()).mapValues(\.learners) == fidelityBefore)
        #expect(try store.lineageBelow(personID: master.id).count == lineageBefore)

        // The person: anonymised, cannot sign in, every session and code gone.
        let row = try #require(try store.person(id: teacher.id))
        #expect(row.fullName == PrivacyText.en.erasedPlaceholder && row.login == nil && row.email == nil)
        #expect(oldSession.get("/me").status == 303)
        #expect(Browser(client).signIn("teacher.aigerim", world.password).status == 401)
        let export = try #require(try store.personalData(personID: teacher.id)).utf8String
        #expect(!export.contains(teacher.fullName) && !export.contains("teacher.aigerim") && !export.contains("198.51.100"))

        // The printed QR code still verifies, and says revoked because the holder was erased.
        let page = Browser(client).get("/v/\(credential.token)").bodyText
        #expect(page.contains(PrivacyText.kk.reasonHolderErased))
        var json = HTTPHeaders()
        json["Accept"] = "application/json"
        let status = client.get("/v/\(credential.token)", headers: json).bodyText
        #expect(status.contains("\"status\":\"revoked\"") && status.contains("holder-erased"))
        #expect(Browser(client).get("/c/\(credential.serial)").status == 410)
        let download = admin.get("/certificates/\(credential.serial)/pdf")
        #expect(download.status == 410 && download.bodyText.contains(PrivacyText.kk.certificateErased))
        let record = try #require(try store.credential(serial: credential.serial))
        #expect(record.holderName == PrivacyText.en.erasedPlaceholder && record.token.isEmpty)
        // Erasure revokes, but casts no doubt on anyone the person trained (nothing is flagged for review).
        #expect(try store.auditEntries(AuditFilter(personID: teacher.id, action: "person-erased"), limit: 5, offset: 0).total == 1)
        // Erased people earn nothing more.
        let enrolment = try #require(try store.enrolments(personID: teacher.id).first)
        #expect(try ustaz.certification.issueIfEarned(enrolment) == nil)
        // Administrators and oneself cannot be erased; nor anyone twice.
        let adminID = try #require(try store.person(login: "admin")).id
        #expect(admin.postWithToken("/people/\(adminID)/erase", [("confirm", "yes")]).status == 409)
        #expect(admin.postWithToken("/people/\(teacher.id)/erase", [("confirm", "yes")]).status == 409)
    }
}

extension Data {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}
