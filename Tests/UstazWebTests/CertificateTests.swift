import Credentials
import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
import UstazFixtures
@testable import UstazWeb

/// The demo world: a master trainer, two lead trainers, teachers with certificates.
func demoService(courses: URL? = nil) throws -> (Ustaz, TestClient, DemoWorld) {
    let (ustaz, _, client) = try makeService(courses: courses)
    let world = try DemoWorld.load(into: ustaz)
    return (ustaz, client, world)
}

func credentialOf(_ ustaz: Ustaz, login: String) throws -> CredentialRecord {
    let person = try #require(try ustaz.store.credentialsForLogin(login)?.person)
    return try #require(try ustaz.store.credentials(personID: person.id).first)
}

/// Validates a credential with 1EdTech's JSON schema (reference data kept in ../shared, beside the repository).
func validateAgainstOpenBadgesSchema(_ document: [UInt8]) throws {
    let schema = repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/reference/openbadges/ob_v3p0_achievementcredential_schema_draft4.json")
    // The schema is 1EdTech's data, not ours: it is not committed, and CI has it in ../shared.
    guard FileManager.default.fileExists(atPath: schema.path) else {
        print("note: Open Badges schema not found at \(schema.path); schema validation not run here")
        return
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("ob3-\(UUID().uuidString).json")
    try Data(document).write(to: file)
    let script = "import json,sys,jsonschema; v=jsonschema.Draft4Validator(json.load(open(sys.argv[1]))); "
        + "e=[f'{list(x.path)}: {x.message}' for x in v.iter_errors(json.load(open(sys.argv[2])))]; print('\\n'.join(e)); sys.exit(1 if e else 0)"
    let result = try tool([testPython, "-c", script, schema.path, file.path])
    #expect(result.status == 0, "schema errors: \(result.output)")
}

@Suite("Certificates: issuance, verification, revocation")
struct CertificateTests {
    @Test func finishingTheCourseIssuesAGenerationTwoCertificate() throws {
        let (ustaz, _, world) = try demoService()
        // Olga is in the Pavlodar cohort still under way; finish her course through the real flow.
        let olga = try #require(try ustaz.store.credentialsForLogin("teacher.olga")?.person)
        let enrolment = try #require(try ustaz.store.enrolments(personID: olga.id).first)
        let course = try #require(try ustaz.store.courseContent(versionID: enrolment.courseVersionID))
        let browser = Browser(TestClient(ustaz.makeApplication()))
        browser.signIn("teacher.olga", world.password)
        #expect(try ustaz.store.credentials(personID: olga.id).isEmpty)
        for lesson in course.lessons {
            let page = browser.get("/learn/\(enrolment.id)/\(lesson.id)")
            browser.post("/learn/\(enrolment.id)/\(lesson.id)/read", [("_csrf", Browser.csrf(in: page))])
            if try ustaz.store.lessonProgress(enrolmentID: enrolment.id)[lesson.id]?.quizPassedAt == nil {
                let quiz = browser.get("/learn/\(enrolment.id)/\(lesson.id)/quiz")
                browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", quizForm(lesson, page: quiz, correct: true))
            }
        }
        // Every lesson done; the certificate waits for the classroom practical, reported and accepted.
        #expect(try ustaz.store.credentials(personID: olga.id).isEmpty)
        let report = browser.get("/learn/\(enrolment.id)/practical")
        #expect(browser.post("/learn/\(enrolment.id)/practical", [
            ("_csrf", Browser.csrf(in: report)), ("client_key", "olga-1"), ("taught_on", Day.today.adding(days: -1).iso), ("class_name", "3 В"),
            ("lesson_id", course.lessons[0].id), ("pupils_did", "Ученики сортировали карточки и объясняли своё правило."),
            ("pupil_question", "Может ли машина ошибаться?"), ("would_change", "Дать больше времени на обсуждение."),
        ]).status == 303)
        let trainer = Browser(TestClient(ustaz.makeApplication()))
        trainer.signIn("lead.pavlodar", world.password)
        let review = trainer.get("/practicals/\(enrolment.id)")
        #expect(trainer.post("/practicals/\(enrolment.id)", [("_csrf", Browser.csrf(in: review)), ("decision", "accept")]).status == 303)
        let issued = try #require(try ustaz.store.credentials(personID: olga.id).first)
        #expect(issued.kind == .teacher)
        #expect(issued.generation == 2)
        let lead = try credentialOf(ustaz, login: "lead.pavlodar")
        #expect(issued.issuerCredentialID == lead.id)
        let token = try CertificateToken.verify(issued.token, keys: ustaz.keys.publicKeys)
        #expect(token.holderName == "Ольга Петренко")
        #expect(token.trainerSerial == lead.serial)
        #expect(browser.get("/me").bodyText.contains(issued.serial))
    }

    @Test func noCertificateWithoutAValidTrainerCredential() throws {
        let (ustaz, _, world) = try demoService()
        let olga = try #require(try ustaz.store.credentialsForLogin("teacher.olga")?.person)
        let enrolment = try #require(try ustaz.store.enrolments(personID: olga.id).first)
        let lead = try credentialOf(ustaz, login: "lead.pavlodar")
        let master = try #require(try ustaz.store.credentialsForLogin("master")?.person)
        try ustaz.store.revoke(serial: lead.serial, reason: .issuedInError, byPersonID: master.id)
        let course = try #require(try ustaz.store.courseContent(versionID: enrolment.courseVersionID))
        for lesson in course.lessons {
            try ustaz.store.recordLessonProgress(enrolmentID: enrolment.id, lessonID: lesson.id, completed: true, bestScore: 90)
        }
        #expect(try ustaz.certification.issueIfEarned(try #require(try ustaz.store.enrolment(id: enrolment.id))) == nil)
        #expect(try ustaz.store.auditCount(action: "issuance-deferred") == 1)
        // Olga's own page retries the deferred issuance without writing an audit row on every view.
        try ustaz.store.markEnrolmentCompleted(enrolment.id)
        let olgaBrowser = Browser(TestClient(ustaz.makeApplication()))
        olgaBrowser.signIn("teacher.olga", world.password)
        for _ in 0..<3 { #expect(olgaBrowser.get("/me").status == 200) }
        #expect(try ustaz.store.auditCount(action: "issuance-deferred") == 1)
        #expect(try ustaz.store.credentials(personID: olga.id).isEmpty)
        _ = world
    }

    @Test func leadTrainerCertificateWaitsForThePracticum() throws {
        let (ustaz, _, _) = try demoService()
        let leadVersion = try #require(try ustaz.store.courseVersions(courseID: "lead-trainer-track").first)
        let master = try #require(try ustaz.store.credentialsForLogin("master")?.person)
        let masterCredential = try credentialOf(ustaz, login: "master")
        let cohort = try ustaz.store.createCohort(name: "Wave 2", courseID: "lead-trainer-track", courseVersionID: leadVersion.id,
                                                  trainerID: master.id, trainerCredentialID: masterCredential.id, regionID: nil,
                                                  schoolID: nil, startsOn: "2026-11-01", endsOn: "2026-12-20", joinCode: "WAVE-2")
        let candidate = try ustaz.store.createPerson(.init(fullName: "Бақыт Серікова", login: "bakyt", roles: [.teacher]))
        let enrolmentID = try ustaz.store.enrol(personID: candidate.id, cohortID: cohort.id)
        let course = try #require(try ustaz.store.courseContent(versionID: leadVersion.id))
        for lesson in course.lessons {
            try ustaz.store.recordLessonProgress(enrolmentID: enrolmentID, lessonID: lesson.id, completed: true, bestScore: 95)
        }
        let enrolment = try #require(try ustaz.store.enrolment(id: enrolmentID))
        #expect(try ustaz.certification.issueIfEarned(enrolment) == nil)
        try ustaz.store.recordPracticum(enrolmentID: enrolmentID, observerID: master.id, passed: false, notes: "Rushed", on: .today)
        #expect(try ustaz.certification.issueIfEarned(enrolment) == nil)
        try ustaz.store.recordPracticum(enrolmentID: enrolmentID, observerID: master.id, passed: true, notes: "Clear", on: .today)
        let issued = try #require(try ustaz.certification.issueIfEarned(enrolment))
        #expect(issued.kind == .leadTrainer)
        #expect(issued.generation == 1)
        #expect(issued.expiresOn == Day.today.adding(days: 730).iso)
        // Issuing twice for the same cohort does nothing.
        #expect(try ustaz.certification.issueIfEarned(enrolment) == nil)
    }

    @Test func verificationPageShowsPrintedFactsAndTheChainOnly() throws {
        let (ustaz, client, _) = try demoService()
        let teacher = try credentialOf(ustaz, login: "teacher.aigerim")
        let page = client.get("/v/\(teacher.token)", headers: ["Accept-Language": "en"])
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(html.contains("Authentic: this certificate was issued by Ustaz"))
        #expect(html.contains(">Valid<"))
        #expect(html.contains("Айгерім Сұлтанова"))
        #expect(html.contains("Нұрлан Абдрахманов"))  // her lead trainer
        #expect(html.contains("Гүлнар Сейітқали"))    // and the master trainer above
        // Nothing personal beyond what is printed.
        #expect(!html.contains("Жаңақорған"))
        #expect(!html.contains("teacher.aigerim"))
        #expect(!html.contains("<script"))
        let json = client.get("/v/\(teacher.token)", headers: ["Accept": "application/json"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.body)) as? [String: Any])
        #expect(result["authentic"] as? Bool == true)
        #expect(result["status"] as? String == "valid")
        #expect(result["generation"] as? Int == 2)
        #expect((result["chain"] as? [[String: Any]])?.map { $0["generation"] as? Int } == [1, 0])
    }

    @Test func forgedRevokedSupersededAndExpiredAreToldApart() throws {
        let (ustaz, client, _) = try demoService()
        func status(_ token: String) throws -> (Bool, String?) {
            let json = client.get("/v/\(token)", headers: ["Accept": "application/json"])
            let result = try #require(try JSONSerialization.jsonObject(with: Data(json.body)) as? [String: Any])
            return (result["authentic"] as? Bool ?? false, result["status"] as? String)
        }
        let teacher = try credentialOf(ustaz, login: "teacher.dauren")
        // Forged: one character changed.
        var forged = Array(teacher.token)
        forged[30] = forged[30] == "x" ? "y" : "x"
        #expect(try status(String(forged)) == (false, nil))
        let forgedPage = client.get("/v/\(String(forged))", headers: ["Accept-Language": "en"]).bodyText
        #expect(forgedPage.contains("NOT authentic"))
        #expect(!forgedPage.contains("Revoked"))
        // A token signed by a stranger's key.
        let (stranger, _) = try KeyRing.loadOrCreate(folder: FileManager.default.temporaryDirectory.appendingPathComponent("k-\(UUID())"))
        var token = try CertificateToken.verify(teacher.token, keys: ustaz.keys.publicKeys)
        #expect(try status(try token.signed(with: stranger)) == (false, nil))
        // A genuine signature over facts this server never issued is authentic but unknown.
        token.serial = "UZ-26-NOTOURS"
        #expect(try status(try token.signed(with: ustaz.keys)) == (true, "unknown"))
        let lead = try credentialOf(ustaz, login: "lead.kyzylorda")
        #expect(try status(lead.token) == (true, "valid"))
        // Revoked, with date and reason category.
        let admin = try #require(try ustaz.store.credentialsForLogin("admin")?.person)
        try ustaz.store.revoke(serial: teacher.serial, reason: .academicIntegrity, byPersonID: admin.id)
        #expect(try status(teacher.token) == (true, "revoked"))
        let revokedPage = client.get("/v/\(teacher.token)", headers: ["Accept-Language": "ru"]).bodyText
        #expect(revokedPage.contains("Отозван"))
        #expect(revokedPage.contains("нарушение академической честности"))
        // Superseded.
        let saule = try credentialOf(ustaz, login: "teacher.saule")
        let sauleHerself = try #require(try ustaz.store.person(id: saule.personID))
        let newer = try #require(try CredentialIssuer(store: ustaz.store, keys: ustaz.keys).issue(
            kind: .teacher, to: sauleHerself, courseID: saule.courseID,
            courseVersionID: nil, generation: 2, cohortID: saule.cohortID, issuer: lead, issuedOn: .today, expiresOn: nil,
            replacing: saule, holderName: "Сәуле Ермекқызы"))
        // Replacing twice is refused: there is only ever one current certificate.
        #expect(throws: (any Error).self) {
            try CredentialIssuer(store: ustaz.store, keys: ustaz.keys).issue(
                kind: .teacher, to: sauleHerself, courseID: saule.courseID,
                courseVersionID: nil, generation: 2, cohortID: saule.cohortID, issuer: lead, issuedOn: .today, expiresOn: nil,
                replacing: saule)
        }
        #expect(try status(saule.token) == (true, "superseded"))
        #expect(client.get("/v/\(saule.token)").bodyText.contains("/v/\(newer.token)"))
    }

    @Test func anExpiredCertificateSaysSo() throws {
        let (ustaz, client, _) = try demoService()
        let person = try ustaz.store.createPerson(.init(fullName: "Old Lead", roles: [.leadTrainer]))
        let master = try credentialOf(ustaz, login: "master")
        let old = try CredentialIssuer(store: ustaz.store, keys: ustaz.keys).issueNew(
            kind: .leadTrainer, to: person, courseID: "lead-trainer-track", courseVersionID: nil, generation: 1, cohortID: nil,
            issuer: master, issuedOn: Day.today.adding(days: -800), expiresOn: Day.today.adding(days: -70))
        let json = client.get("/v/\(old.token)", headers: ["Accept": "application/json"]).bodyText
        #expect(json.contains("\"status\":\"expired\""))
        #expect(client.get("/v/\(old.token)", headers: ["Accept-Language": "en"]).bodyText.contains("Expired"))
    }

    @Test func revokingATrainerFlagsEveryoneBelowWithoutInvalidatingThem() throws {
        let (ustaz, client, world) = try demoService()
        let lead = try credentialOf(ustaz, login: "lead.kyzylorda")
        let master = Browser(client)
        master.signIn("master", world.password)
        let manage = master.get("/credentials/\(lead.serial)/manage")
        #expect(manage.status == 200)
        let revoked = master.post("/credentials/\(lead.serial)/revoke", [("_csrf", Browser.csrf(in: manage)), ("reason", "issued-in-error")])
        #expect(revoked.status == 303)
        #expect(revoked.headers["Location"]?.hasSuffix("flagged=3") == true)
        let teacher = try credentialOf(ustaz, login: "teacher.aigerim")
        let json = client.get("/v/\(teacher.token)", headers: ["Accept": "application/json"]).bodyText
        #expect(json.contains("\"status\":\"valid\""))
        #expect(json.contains("\"underReview\":true"))
        // A lead trainer cannot revoke, and a master trainer cannot revoke outside their lineage.
        let other = Browser(client)
        other.signIn("lead.pavlodar", world.password)
        let page = other.get("/me")
        #expect(other.post("/credentials/\(teacher.serial)/revoke", [("_csrf", Browser.csrf(in: page)), ("reason", "other")]).status == 403)
        let outsider = try ustaz.store.createPerson(.init(fullName: "Other Master", login: "master2",
                                                          passwordHash: ustaz.hashPassword("master two pw"), roles: [.masterTrainer]))
        _ = outsider
        let second = Browser(client)
        second.signIn("master2", "master two pw")
        #expect(second.get("/credentials/\(teacher.serial)/manage").status == 403)
        #expect(master.post("/credentials/\(lead.serial)/revoke", [("_csrf", Browser.csrf(in: manage)), ("reason", "other")]).status == 409)
    }

    @Test func statusListAndOpenBadge() throws {
        let (ustaz, client, _) = try demoService()
        let teacher = try credentialOf(ustaz, login: "teacher.saule")
        let admin = try #require(try ustaz.store.credentialsForLogin("admin")?.person)
        try ustaz.store.revoke(serial: teacher.serial, reason: .holderRequest, byPersonID: admin.id)
        let list = client.get("/credentials/status/1")
        #expect(list.status == 200)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(list.body)) as? [String: Any])
        let subject = try #require(document["credentialSubject"] as? [String: Any])
        let encoded = try #require(subject["encodedList"] as? String)
        #expect(encoded.hasPrefix("u"))
        var base64 = String(encoded.dropFirst()).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let compressed = try #require(Data(base64Encoded: base64))
        let bits = try #require(Gzip.decompress(Array(compressed)))
        #expect(bits.count == 131_072 / 8)
        let index = teacher.statusIndex
        #expect(bits[index / 8] & (0x80 >> UInt8(index % 8)) != 0)
        #expect(bits.enumerated().filter { $0.element != 0 }.count == 1)

        let badge = client.get("/credentials/\(teacher.serial)")
        #expect(badge.headers["Content-Type"] == "application/ld+json")
        let credential = try #require(try JSONSerialization.jsonObject(with: Data(badge.body)) as? [String: Any])
        #expect(credential["@context"] as? [String] == ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"])
        #expect((credential["type"] as? [String])?.contains("OpenBadgeCredential") == true)
        let holder = try #require(credential["credentialSubject"] as? [String: Any])
        #expect(!badge.bodyText.contains("Сәуле"))
        let identifier = try #require((holder["identifier"] as? [[String: Any]])?.first)
        #expect((identifier["identityHash"] as? String)?.hasPrefix("sha256$") == true)
        #expect(identifier["hashed"] as? Bool == true)
        let status = try #require(credential["credentialStatus"] as? [String: Any])
        #expect(status["type"] as? String == "1EdTechRevocationList")
        let revocations = client.get("/credentials/revocations").bodyText
        #expect(revocations.contains("/credentials/\(teacher.serial)"))
        #expect(revocations.contains("holder-request"))
        try validateAgainstOpenBadgesSchema(badge.body)
        #expect(client.get("/credentials/UZ-00-NOPE00").status == 404)

        // The VC-JWT: RS256, verifiable with the published JWKS, payload = credential + registered claims.
        let jwt = client.get("/credentials/\(teacher.serial)/jwt")
        #expect(jwt.headers["Content-Type"] == "application/vc+jwt")
        let parts = jwt.bodyText.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        let keys = try JSONDecoder().decode(JWKS.self, from: Data(client.get("/.well-known/ustaz/keys.json").body))
        let rsa = try #require(keys.keys.first { $0.kty == "RSA" })
        #expect(try BadgeSigner.verify(jwt.bodyText, with: rsa))
        var tampered = parts
        tampered[1] = Data("{\"iss\":\"https://evil.example\"}".utf8).base64URLEncoded
        #expect(try !BadgeSigner.verify(tampered.joined(separator: "."), with: rsa))
        let headerData = try #require(Data(base64URLEncoded: parts[0]))
        let header = try #require(try JSONSerialization.jsonObject(with: headerData) as? [String: Any])
        #expect(header["alg"] as? String == "RS256")
        #expect(header["kid"] as? String == rsa.kid)
        let claimsData = try #require(Data(base64URLEncoded: parts[1]))
        let claims = try #require(try JSONSerialization.jsonObject(with: claimsData) as? [String: Any])
        #expect(claims["iss"] as? String == "https://ustaz.test")
        #expect(claims["jti"] as? String == "https://ustaz.test/credentials/\(teacher.serial)")
        #expect(claims["nbf"] is Int)
        #expect((claims["type"] as? [String])?.contains("OpenBadgeCredential") == true)
    }

    @Test func verificationIsRateLimitedPerClient() throws {
        let (ustaz, _, _) = try makeService()
        var configuration = ustaz.configuration
        configuration.verificationsPerMinute = 5
        let limited = try Ustaz.start(configuration, logger: ustaz.logger).0
        let client = TestClient(limited.makeApplication())
        for _ in 0..<5 { #expect(client.execute(.get, "/v/abc", remoteAddress: "198.51.100.7").status == 200) }
        let refused = client.execute(.get, "/v/abc", remoteAddress: "198.51.100.7")
        #expect(refused.status == 429)
        #expect(refused.headers["Retry-After"] != nil)
        #expect(client.execute(.get, "/v/abc", remoteAddress: "198.51.100.8").status == 200)
    }
}
