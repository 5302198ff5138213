import Credentials
import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

/// The second penetration test's findings (docs/SECURITY.md, "Round 2"), each replayed as the attacker did it.
@Suite("Penetration test, round 2: every finding replayed")
struct PenetrationFindingsTests {
    struct Demo {
        var ustaz: Ustaz
        var client: TestClient
        var password: String
        /// Kyzylorda's cohort (lead.kyzylorda; Айгерім, Дәурен, Сәуле) and Pavlodar's (lead.pavlodar; Ольга, Марат, Жанна).
        var kyzylorda: CohortRecord
        var pavlodar: CohortRecord

        func signedIn(_ login: String, address: String = "127.0.0.1") -> Browser {
            let browser = Browser(client)
            browser.remoteAddress = address
            _ = browser.signIn(login, password)
            return browser
        }

        func person(_ login: String) throws -> Person { try #require(try ustaz.store.person(login: login)) }

        func isEnrolled(_ personID: Int64, in cohort: CohortRecord) throws -> Bool {
            try ustaz.store.enrolmentLinks(personID: personID).contains { $0.cohortID == cohort.id }
        }
    }

    static func demo() throws -> Demo {
        let (ustaz, client, world) = try demoService()
        return Demo(ustaz: ustaz, client: client, password: world.password,
                    kyzylorda: try #require(try ustaz.store.cohort(joinCode: "KZO-DEMO2")),
                    pavlodar: try #require(try ustaz.store.cohort(joinCode: "PVL-DEMO3")))
    }

    // MARK: 1. Account takeover across branches

    /// The exact attack: Pavlodar's lead trainer adds Kyzylorda's teacher by her exact name and school code, then
    /// prints a reset code for her. Before the fix the add enrolled her silently (200) and the reset code printed (200).
    @Test func anotherRegionsTeacherCannotBeTakenOverByNameAndSchool() throws {
        let d = try Self.demo()
        let aigerim = try d.person("teacher.aigerim")
        let attacker = d.signedIn("lead.pavlodar")
        let peopleBefore = try d.ustaz.store.totals().people
        let added = attacker.postWithToken("/cohorts/\(d.pavlodar.id)/add", [("full_name", aigerim.fullName), ("school_code", "KZO-0101")])
        #expect(added.status == 422)
        #expect(added.bodyText.contains(d.pavlodar.joinCode), "the trainer is told to hand over the join code")
        #expect(added.bodyText.contains(SecurityText.ru.needsJoinCode(aigerim.fullName, d.pavlodar.joinCode).htmlEscaped), "in Russian, her language")
        #expect(try !d.isEnrolled(aigerim.id, in: d.pavlodar))
        #expect(attacker.get("/people/\(aigerim.id)").status == 404)
        #expect(attacker.postWithToken("/people/\(aigerim.id)/reset-code", []).status == 404)
        #expect(try d.ustaz.store.auditCount(action: "reset-code-issued") == 0)

        // The same through a roster file.
        let roster = attacker.postMultipart("/cohorts/\(d.pavlodar.id)/import", [],
                                            file: ("file", "full_name,school_code\nНовый Учитель,PVL-0201\n\(aigerim.fullName),KZO-0101\n"))
        #expect(roster.status == 422)
        #expect(roster.bodyText.contains("line 3, full_name"))
        #expect(try !d.isEnrolled(aigerim.id, in: d.pavlodar))
        #expect(try d.ustaz.store.totals().people == peopleBefore, "nothing written")
    }

    @Test func anIINMatchIsEnrolledButGivesTheTrainerNoResetCode() throws {
        let d = try Self.demo()
        // Imported by an administrator with her IIN, in no cohort yet; then activated.
        let iin = validIIN(serial: 4242)
        guard case .success(let imported) = try d.ustaz.rosters.importTeachers(csv: "full_name,school_code,iin\nМәдина Жолдасова,PVL-0202,\(iin.digits)\n") else {
            Issue.record("import failed")
            return
        }
        let madina = imported.created[0]
        #expect(Browser(d.client).postWithToken("/activate", [("code", madina.activationCode), ("login", "madina"),
                                                              ("password", "long enough password")]).status == 303)
        let lead = d.signedIn("lead.pavlodar")
        #expect(lead.postWithToken("/cohorts/\(d.pavlodar.id)/add", [("full_name", "Мадина"), ("school_code", "PVL-0202"),
                                                                      ("iin", iin.digits)]).status == 200)
        #expect(try d.ustaz.store.enrolmentLinks(personID: madina.personID)
            == [EnrolmentLink(cohortID: d.pavlodar.id, trainerID: d.pavlodar.trainerID, origin: .matched)])
        #expect(lead.get("/people/\(madina.personID)").status == 200, "her trainer sees her profile")
        #expect(lead.postWithToken("/people/\(madina.personID)/reset-code", []).status == 404, "but prints no reset code")
        // Now in Pavlodar's cohort, she is not handed to Kyzylorda's trainer even by IIN.
        let other = d.signedIn("lead.kyzylorda")
        let refused = other.postWithToken("/cohorts/\(d.kyzylorda.id)/add", [("full_name", "Мадина"), ("school_code", "PVL-0202"),
                                                                              ("iin", iin.digits)])
        #expect(refused.status == 422)
        #expect(try !d.isEnrolled(madina.personID, in: d.kyzylorda))
    }

    @Test func aTrainerPrintsResetCodesForAccountsTheyCreatedOrThatJoined() throws {
        let d = try Self.demo()
        let lead = d.signedIn("lead.kyzylorda")
        // Created by the trainer's own form, then activated by the person.
        let card = lead.postWithToken("/cohorts/\(d.kyzylorda.id)/add", [("full_name", "Жаңа Мұғалім"), ("school_code", "KZO-0102")])
        #expect(card.status == 200)
        let code = try #require(Browser.printedCode(in: card))
        #expect(Browser(d.client).postWithToken("/activate", [("code", code), ("login", "new.teacher"),
                                                              ("password", "long enough password")]).status == 303)
        let created = try d.person("new.teacher")
        #expect(lead.postWithToken("/people/\(created.id)/reset-code", []).status == 200)
        // Pavlodar's teacher joins Kyzylorda's cohort with its code: her choice, so its trainer may help her too.
        let olga = d.signedIn("teacher.olga")
        #expect(olga.postWithToken("/join", [("code", d.kyzylorda.joinCode)]).status == 303)
        #expect(try d.ustaz.store.enrolmentLinks(personID: try d.person("teacher.olga").id).contains {
            $0.cohortID == d.kyzylorda.id && $0.origin == .joined
        })
        #expect(lead.postWithToken("/people/\(try d.person("teacher.olga").id)/reset-code", []).status == 200)
    }

    @Test func theCommandLineImportIsAnAdministratorsMatchAndHandsNothingToTheTrainer() throws {
        let d = try Self.demo()
        let aigerim = try d.person("teacher.aigerim")
        guard case .success(let result) = try d.ustaz.rosters.importTeachers(csv: "full_name,school_code\n\(aigerim.fullName),KZO-0101\n",
                                                                    cohortID: d.pavlodar.id) else {
            Issue.record("an administrator may enrol an existing account")
            return
        }
        #expect(result.existing == 1 && result.enrolled == 1)
        #expect(try d.ustaz.store.enrolmentLinks(personID: aigerim.id).contains { $0.cohortID == d.pavlodar.id && $0.origin == .admin })
        #expect(d.signedIn("lead.pavlodar").postWithToken("/people/\(aigerim.id)/reset-code", []).status == 404)
    }

    // MARK: 4. A trainer certifying themself

    @Test func aTrainerCannotEnrolThemselfOnAnyPath() throws {
        let d = try Self.demo()
        let lead = d.signedIn("lead.kyzylorda")
        let me = try d.person("lead.kyzylorda")
        let own = SecurityText.kk.ownCohort.htmlEscaped
        let added = lead.postWithToken("/cohorts/\(d.kyzylorda.id)/add", [("full_name", me.fullName), ("school_code", "KZO-0101")])
        #expect(added.status == 422 && added.bodyText.contains(own))
        let roster = lead.postMultipart("/cohorts/\(d.kyzylorda.id)/import", [], file: ("file", "full_name;school_code\n\(me.fullName);KZO-0101\n"))
        #expect(roster.status == 422 && roster.bodyText.contains(own))
        #expect(lead.postWithToken("/join", [("code", d.kyzylorda.joinCode)]).status == 409)
        guard case .failure(let problems) = try d.ustaz.rosters.importTeachers(csv: "full_name,school_code\n\(me.fullName),KZO-0101\n",
                                                                      cohortID: d.kyzylorda.id) else {
            Issue.record("the command line enrolled a trainer in their own cohort")
            return
        }
        #expect(problems.lines == ["line 2, full_name: \(SecurityText.en.ownCohort)"])
        #expect(try !d.isEnrolled(me.id, in: d.kyzylorda))
    }

    // MARK: 2 and 6. Numbers from requests; unknown people in the audit log

    @Test func theAuditPageNumberThatOverflowedIsA400InTheVisitorsLanguage() throws {
        let d = try Self.demo()
        let admin = d.signedIn("admin")
        let huge = admin.get("/admin/audit?page=9223372036854775807")
        #expect(huge.status == 400)
        #expect(huge.bodyText.contains(SecurityText.kk.outOfRange("page", "1", String(PrivacyPages.auditPageLimit)).htmlEscaped))
        admin.cookies["ustaz_lang"] = "ru"
        let word = admin.get("/admin/audit?page=abc")
        #expect(word.status == 400)
        #expect(word.bodyText.contains(SecurityText.ru.notAWholeNumber("page").htmlEscaped))
        #expect(admin.get("/admin/audit?page=2").status == 200)
        let json = d.client.execute(.get, "/admin/audit?page=-5", headers: [
            "Accept": "application/json", "Cookie": "ustaz_session=\(admin.cookies["ustaz_session"]!); ustaz_lang=en"])
        #expect(json.status == 400 && json.bodyText.contains("from 1 to"))
    }

    @Test func unknownPeopleInTheAuditFiltersAre404OnThePageAndInTheCSV() throws {
        let d = try Self.demo()
        let admin = d.signedIn("admin")
        for person in ["99999", "0", "-1", "no-such-login"] {
            let csv = admin.get("/admin/audit.csv?person=\(person)")
            #expect(csv.status == 404, "\(person)")
            #expect(csv.bodyText.contains(PrivacyText.kk.unknownPersonFilter), "\(person)")
            let page = admin.get("/admin/audit?person=\(person)")
            #expect(page.status == 404, "\(person)")
            #expect(page.bodyText.contains(PrivacyText.kk.unknownPersonFilter) && page.bodyText.contains("<form"), "\(person)")
        }
        #expect(admin.get("/admin/audit.csv?actor=99999").status == 404)
        #expect(admin.get("/admin/audit.csv?person=99999999999999999999").status == 400)
        let aigerim = try d.person("teacher.aigerim")
        #expect(admin.get("/admin/audit.csv?person=\(aigerim.id)").status == 200)
    }

    // MARK: 5. The verification rate limit by the route that matched

    @Test func emptySegmentsAndEncodedSlashesCountAgainstTheVerificationLimit() throws {
        let (ustaz, _, _) = try makeService()
        var configuration = ustaz.configuration
        configuration.verificationsPerMinute = 3
        let client = TestClient(try Ustaz.start(configuration, logger: ustaz.logger).0.makeApplication())
        for spellings in [["//c/UZ-26-NOPE", "/%2Fc/UZ-26-NOPE", "/c//UZ-26-NOPE"], ["//v/abc", "/%2Fv/abc", "/v//abc"],
                          ["//credentials/UZ-26-NOPE", "/%2Fcredentials/UZ-26-NOPE", "///credentials//UZ-26-NOPE/jwt"]] {
            let address = "198.51.100.\(spellings[0].count)"
            let statuses = (spellings + spellings).map { client.execute(.get, $0, remoteAddress: address).status }
            #expect(statuses.prefix(3).allSatisfy { $0 != 429 }, "\(spellings): \(statuses)")
            #expect(statuses.dropFirst(3).allSatisfy { $0 == 429 }, "\(spellings): \(statuses)")
        }
        #expect(client.execute(.get, "/courses", remoteAddress: "198.51.100.8").status == 200, "other routes are not limited")
    }

    // MARK: 7. Logins cannot be enumerated through one-time-code forms

    @Test func activationChecksTheCodeBeforeTheLoginAndCountsFailures() throws {
        let d = try Self.demo()
        let visitor = Browser(d.client)
        visitor.remoteAddress = "198.51.100.40"
        func activate(_ login: String, _ code: String) -> Response {
            visitor.postWithToken("/activate", [("code", code), ("login", login), ("password", "long enough password")])
        }
        let taken = activate("admin", "WRONGCODE1")
        let free = activate("surely.free.login", "WRONGCODE2")
        #expect(taken.status == 410 && free.status == 410, "before the fix a taken login answered 422 \"login taken\"")
        #expect(!taken.bodyText.contains(Strings.kk.loginTaken.htmlEscaped))
        var statuses: [Int] = []
        for index in 3...SignInLimiter.perLoginAndAddress + 1 { statuses.append(activate("admin", "WRONGCODE\(index)").status) }
        #expect(statuses.dropLast().allSatisfy { $0 == 410 } && statuses.last == 429, "\(statuses)")
        // With a real code, a taken login is worth saying.
        let lead = d.signedIn("lead.kyzylorda")
        let code = try #require(Browser.printedCode(in: lead.postWithToken("/cohorts/\(d.kyzylorda.id)/add",
                                                                              [("full_name", "Код Иесі"), ("school_code", "KZO-0101")])))
        let owner = Browser(d.client)
        owner.remoteAddress = "198.51.100.41"
        let response = owner.postWithToken("/activate", [("code", code), ("login", "admin"), ("password", "long enough password")])
        #expect(response.status == 422 && response.bodyText.contains(Strings.kk.loginTaken.htmlEscaped))
    }

    @Test func theFirstAdministratorsLinkIsCheckedBeforeTheLoginAndThrottled() throws {
        let (fresh, client) = try makeService(baseURL: "https://ustaz.test")
        let link = try fresh.issueAdminSetupLink()
        let path = String(link.dropFirst("https://ustaz.test".count))
        let setup = Browser(client)
        setup.remoteAddress = "198.51.100.42"
        let token = Browser.csrf(in: setup.get(path))
        func post(_ target: String) -> Int {
            setup.post(target, [("_csrf", token), ("full_name", "Әлия Жұмабекова"), ("login", "root"),
                                ("password", "long enough password"), ("password_again", "long enough password")]).status
        }
        var statuses = (1...SignInLimiter.perLoginAndAddress).map { post("/setup/not-the-code-\($0)") }
        statuses.append(post(path))
        #expect(statuses.dropLast().allSatisfy { $0 == 410 } && statuses.last == 429, "\(statuses)")
    }

    // MARK: 3. Long names

    /// 130 Kazakh letters (259 bytes) imported fine, then the teacher's last quiz and /me answered 500 for good.
    static let longKazakhName = String(repeating: "Ұлықпан", count: 9) + " " + String(repeating: "а", count: 66)

    @Test func namesBeyondTheRuleAreRefusedAtEveryEntryPoint() throws {
        let d = try Self.demo()
        #expect(Self.longKazakhName.count == 130 && Self.longKazakhName.utf8.count == 259)
        let lead = d.signedIn("lead.kyzylorda")
        let peopleBefore = try d.ustaz.store.totals().people
        let added = lead.postWithToken("/cohorts/\(d.kyzylorda.id)/add", [("full_name", Self.longKazakhName), ("school_code", "KZO-0101")])
        #expect(added.status == 422 && added.bodyText.contains("at most 120 characters"))
        let marks = "a" + String(repeating: "\u{301}", count: 3000) + "b" + String(repeating: "\u{301}", count: 3000)
        #expect(lead.postWithToken("/cohorts/\(d.kyzylorda.id)/add", [("full_name", marks), ("school_code", "KZO-0101")]).status == 422)
        let roster = lead.postMultipart("/cohorts/\(d.kyzylorda.id)/import", [], file: ("file", "full_name,school_code\n\(Self.longKazakhName),KZO-0101\n"))
        #expect(roster.status == 422)
        guard case .failure(let problems) = try d.ustaz.rosters.importTeachers(csv: "full_name,school_code\n\(Self.longKazakhName),KZO-0101\n") else {
            Issue.record("the command line accepted a name beyond the rule")
            return
        }
        #expect(problems.lines == ["line 2, full_name: \(PersonName.Problem.tooManyCharacters(130))"])
        #expect(try d.ustaz.store.totals().people == peopleBefore)
        // A corrected certificate name follows the same rule.
        let admin = d.signedIn("admin")
        let serial = try credentialOf(d.ustaz, login: "teacher.aigerim").serial
        let reissue = admin.postWithToken("/credentials/\(serial)/reissue", [("full_name", Self.longKazakhName)])
        #expect(reissue.status == 422 && reissue.bodyText.contains(SecurityText.kk.nameTooManyCharacters(120, 130).htmlEscaped))
    }

    /// The widest name the rule accepts (120 letters Ш, 240 bytes) is created by a trainer, activated, finishes the
    /// course and gets its certificate; /me and the certificate files keep working.
    @Test func theLongestAcceptedNameIsCertifiedAndItsQRCodeIsVersion18() throws {
        let d = try Self.demo()
        let widest = String(repeating: "Ш", count: PersonName.maximumCharacters)
        #expect(widest.utf8.count == PersonName.maximumBytes)
        let lead = d.signedIn("lead.kyzylorda")
        let card = lead.postWithToken("/cohorts/\(d.kyzylorda.id)/add", [("full_name", widest), ("school_code", "KZO-0101")])
        #expect(card.status == 200)
        let code = try #require(Browser.printedCode(in: card))
        let teacher = Browser(d.client)
        teacher.remoteAddress = "198.51.100.50"
        #expect(teacher.postWithToken("/activate", [("code", code), ("login", "widest"), ("password", "long enough password")]).status == 303)
        let person = try d.person("widest")
        let enrolment = try #require(try d.ustaz.store.enrolments(personID: person.id).first)
        let course = try #require(try d.ustaz.store.courseContent(versionID: enrolment.courseVersionID))
        for lesson in course.lessons {
            try d.ustaz.store.recordLessonProgress(enrolmentID: enrolment.id, lessonID: lesson.id, completed: true, bestScore: 90)
        }
        try d.ustaz.store.markEnrolmentCompleted(enrolment.id)
        if course.requiresPractical {  // the teacher courses also need an accepted classroom practical
            let trainer = try d.person("lead.kyzylorda")
            let report = PracticalReport(taughtOn: .today, className: "4 Ә", lessonID: course.lessons[0].id,
                                         pupilsDid: "Pupils sorted picture cards into AI and not AI, then explained their choices.",
                                         pupilQuestion: "Does the phone keyboard learn from me?",
                                         wouldChange: "Give more time to the discussion at the end.", adaptedPlan: nil)
            _ = try d.ustaz.store.submitPractical(enrolmentID: enrolment.id, reviewerID: trainer.id, report: report, clientKey: nil)
            _ = try d.ustaz.store.decidePractical(enrolmentID: enrolment.id, reviewerID: trainer.id, accept: true, comment: nil)
        }
        #expect(teacher.get("/me").status == 200)
        let credential = try #require(try d.ustaz.store.currentCredential(personID: person.id, cohortID: d.kyzylorda.id))
        #expect(credential.holderName == widest)
        let token = try CertificateToken.verify(credential.token, keys: d.ustaz.keys.publicKeys)
        #expect(token.holderName == widest)
        #expect(teacher.get("/me").status == 200)
        #expect(teacher.get("/certificates/\(credential.serial)/pdf").status == 200)
        #expect(teacher.get("/certificates/\(credential.serial)/png").status == 200)
        #expect(Browser(d.client).get("/v/\(credential.token)").status == 200)
        let url = "\(d.ustaz.configuration.baseURL)/v/\(credential.token)"
        let qr = try QRCode.encode(url)
        let version = (qr.size - 17) / 4
        print("worst-case name: \(url.utf8.count)-byte verification URL, QR version \(version) (\(qr.size) modules)")
        #expect(version == 18)
    }

    /// A name stored before the rule (259 bytes, too long for the token) no longer breaks /me: issuance waits for
    /// an administrator to correct the name, once recorded in the audit log. Before the fix /me answered 500.
    @Test func aNameFromBeforeTheRuleDefersItsCertificateInsteadOfFailingThePage() throws {
        let d = try Self.demo()
        let store = d.ustaz.store
        let legacy = try store.createPerson(NewPerson(fullName: Self.longKazakhName, login: "legacy", passwordHash: d.ustaz.hashPassword(d.password),
                                                      roles: [.teacher]))
        let enrolmentID = try store.enrol(personID: legacy.id, cohortID: d.kyzylorda.id, origin: .created)
        let course = try #require(try store.courseContent(versionID: d.kyzylorda.courseVersionID))
        for lesson in course.lessons {
            try store.recordLessonProgress(enrolmentID: enrolmentID, lessonID: lesson.id, completed: true, bestScore: 90)
        }
        try store.markEnrolmentCompleted(enrolmentID)
        let browser = d.signedIn("legacy")
        #expect(browser.get("/me").status == 200)
        #expect(browser.get("/me").status == 200)
        #expect(try store.credentials(personID: legacy.id).isEmpty)
        let enrolment = try #require(try store.enrolment(id: enrolmentID))
        #expect(try d.ustaz.certification.issueIfEarned(enrolment) == nil)
        #expect(try store.auditCount(action: "issuance-deferred") == 1)
    }
}
