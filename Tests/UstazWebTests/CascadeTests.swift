import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

func multipartCSV(_ csv: String, csrf: String) -> (body: [UInt8], contentType: String) {
    let boundary = "----ustaz-test-boundary"
    let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n"
        + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"teachers.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n"
        + "--\(boundary)--\r\n"
    return (Array(body.utf8), "multipart/form-data; boundary=\(boundary)")
}

@Suite("The cascade: cohorts, enrolment, practicum, lineage, fidelity, scoping")
struct CascadeTests {
    /// The whole cascade through the pages: master trainer → lead trainer via practicum → teacher cohort → certificate.
    @Test func theWholeCascadeInOneScenario() throws {
        let (ustaz, client, world) = try demoService()
        let master = Browser(client)
        master.signIn("master", world.password)
        // The master trainer opens a lead-trainer cohort.
        let form = master.get("/cohorts/new")
        let created = master.post("/cohorts", [("_csrf", Browser.csrf(in: form)), ("name", "Lead trainers, wave 2"),
                                               ("course", "lead-trainer-track"), ("capacity", "20"), ("starts", Day.today.iso),
                                               ("ends", Day.today.adding(days: 30).iso), ("mode", "blended")])
        #expect(created.status == 303)
        let cohortPath = try #require(created.headers["Location"])
        let cohortPage = master.get(cohortPath)
        #expect(cohortPage.status == 200)
        let code = try #require(cohortPage.bodyText.range(of: "class=\"join-code\">").map {
            String(cohortPage.bodyText[$0.upperBound...].prefix(9))
        })
        #expect(cohortPage.bodyText.contains("<svg class=\"qr\""))
        // A teacher joins with the code, takes the course, and waits for the practicum.
        let candidate = try ustaz.store.createPerson(.init(fullName: "Бақыт Серікова", login: "bakyt",
                                                           passwordHash: ustaz.hashPassword("bakyt password"), roles: [.teacher]))
        let bakyt = Browser(client)
        bakyt.signIn("bakyt", "bakyt password")
        let join = bakyt.get("/join/\(code)")
        #expect(join.bodyText.contains("Lead trainers, wave 2"))
        let joined = bakyt.post("/join", [("_csrf", Browser.csrf(in: join)), ("code", code.lowercased())])
        #expect(joined.status == 303)
        let enrolment = try #require(try ustaz.store.enrolments(personID: candidate.id).first)
        let course = try #require(try ustaz.store.courseContent(versionID: enrolment.courseVersionID))
        for lesson in course.lessons {
            let page = bakyt.get("/learn/\(enrolment.id)/\(lesson.id)")
            bakyt.post("/learn/\(enrolment.id)/\(lesson.id)/read", [("_csrf", Browser.csrf(in: page))])
            let quiz = bakyt.get("/learn/\(enrolment.id)/\(lesson.id)/quiz")
            bakyt.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", quizForm(lesson, page: quiz, correct: true))
        }
        #expect(try ustaz.store.credentials(personID: candidate.id).isEmpty)  // no practicum yet
        let matrix = master.get(cohortPath)
        #expect(matrix.bodyText.contains("Бақыт Серікова"))
        let practicum = master.post("\(cohortPath)/practicum/\(enrolment.id)", [("_csrf", Browser.csrf(in: matrix)), ("result", "passed"), ("notes", "Clear and calm")])
        #expect(practicum.status == 303)
        let leadCredential = try #require(try ustaz.store.credentials(personID: candidate.id).first)
        #expect(leadCredential.kind == .leadTrainer)
        #expect(leadCredential.generation == 1)

        // The new lead trainer runs a teachers' cohort and enrols colleagues by CSV.
        try ustaz.store.setPassword(personID: candidate.id, hash: ustaz.hashPassword("bakyt password"))
        try ustaz.store.grantRole(.leadTrainer, to: candidate.id)
        let page = bakyt.get("/cohorts/new")
        let teacherCohort = bakyt.post("/cohorts", [("_csrf", Browser.csrf(in: page)), ("name", "Ақмая мектебі"), ("course", "primary-teachers"),
                                                    ("capacity", "25"), ("starts", Day.today.iso), ("ends", Day.today.adding(days: 40).iso), ("mode", "in-person")])
        #expect(teacherCohort.status == 303)
        let teacherCohortPath = try #require(teacherCohort.headers["Location"])
        let csv = "full_name,school_code,iin,language\nМәдина Оспанова,KZO-0102,061211600012,kk\nIгорь Ли,KZO-0102,,ru\n"
        let upload = multipartCSV(csv, csrf: Browser.csrf(in: bakyt.get(teacherCohortPath)))
        let imported = bakyt.send(.post, "\(teacherCohortPath)/import", body: upload.body, contentType: upload.contentType)
        #expect(imported.status == 200)
        let codes = imported.bodyText.components(separatedBy: "class=\"code\">").dropFirst().map { String($0.prefix(10)) }
        #expect(codes.count == 2)
        // Lineage: master → lead → (teachers once certified); the master trainer sees the tree.
        let lineage = master.get("/lineage")
        #expect(lineage.bodyText.contains("Бақыт Серікова"))
        _ = codes
    }

    @Test func everyEligibilityRefusalSaysWhy() throws {
        let (ustaz, client, world) = try demoService()
        func attempt(_ login: String, course: String) -> Response {
            let browser = Browser(client)
            browser.signIn(login, world.password)
            browser.get("/lang/en")
            let form = browser.get("/cohorts/new")
            return browser.post("/cohorts", [("_csrf", Browser.csrf(in: form)), ("name", "X"), ("course", course), ("capacity", "25"),
                                             ("starts", Day.today.iso), ("ends", Day.today.adding(days: 30).iso), ("mode", "online")])
        }
        let teacher = attempt("teacher.olga", course: "primary-teachers")
        #expect(teacher.status == 403)
        #expect(teacher.bodyText.contains("you need a valid trainer certificate"))
        let lead = attempt("lead.kyzylorda", course: "lead-trainer-track")
        #expect(lead.status == 403)
        #expect(lead.bodyText.contains("Only master trainers run the lead-trainer track"))
        let leadCredential = try credentialOf(ustaz, login: "lead.pavlodar")
        let admin = try #require(try ustaz.store.credentialsForLogin("admin")?.person)
        try ustaz.store.revoke(serial: leadCredential.serial, reason: .issuedInError, byPersonID: admin.id)
        let revoked = attempt("lead.pavlodar", course: "primary-teachers")
        #expect(revoked.status == 403)
        #expect(revoked.bodyText.contains("expired or was revoked"))
        #expect(attempt("lead.kyzylorda", course: "primary-teachers").status == 303)
        // Dates and capacity are checked too.
        let browser = Browser(client)
        browser.signIn("lead.kyzylorda", world.password)
        browser.get("/lang/en")
        let form = browser.get("/cohorts/new")
        let backwards = browser.post("/cohorts", [("_csrf", Browser.csrf(in: form)), ("name", "X"), ("course", "primary-teachers"), ("capacity", "25"),
                                                  ("starts", "2026-12-01"), ("ends", "2026-11-01"), ("mode", "online")])
        #expect(backwards.status == 422)
        #expect(backwards.bodyText.contains("The end date must come after the start date."))
        let deep = IssuancePolicy(maximumGeneration: 1)
        #expect(deep.mayRunCohort(earning: .teacher, trainer: TrainerStanding(kind: .leadTrainer, generation: 1, revoked: false, expiresOn: nil), on: .today) == .cascadeTooDeep)
    }

    @Test func aCSVWithBadRowsIsRejectedWholeAndReportedByLine() throws {
        let (ustaz, client, world) = try demoService()
        let lead = Browser(client)
        lead.signIn("lead.pavlodar", world.password)
        lead.get("/lang/en")
        let cohortID = try #require(try ustaz.store.cohorts(trainerID: try #require(try ustaz.store.credentialsForLogin("lead.pavlodar")?.person.id)).first?.cohort.id)
        let before = try ustaz.store.totals()
        let csv = """
            full_name,school_code,iin,email
            Асель Нұрова,PVL-0201,061211600012,asel@example.kz
            Бекзат Орынов,NOPE-1,,
            Дана Ким,PVL-0202,061211600013,
            Асель Нұрова,PVL-0201,061211600012,
            """
        let upload = multipartCSV(csv, csrf: Browser.csrf(in: lead.get("/cohorts/\(cohortID)")))
        let response = lead.send(.post, "/cohorts/\(cohortID)/import", body: upload.body, contentType: upload.contentType)
        #expect(response.status == 422)
        let text = response.bodyText
        #expect(text.contains("line 3"))
        #expect(text.contains("line 4"))
        #expect(text.contains("line 5"))
        #expect(!text.contains("line 2,"))
        #expect(try ustaz.store.totals() == before)
        // A cohort only has so many places: a file that would overfill it is refused whole.
        var rows = ["full_name,school_code"]
        for index in 0..<30 { rows.append("Teacher Number \(index),PVL-0202") }
        let full = multipartCSV(rows.joined(separator: "\n"), csrf: Browser.csrf(in: lead.get("/cohorts/\(cohortID)")))
        let overfill = lead.send(.post, "/cohorts/\(cohortID)/import", body: full.body, contentType: full.contentType)
        #expect(overfill.status == 422)
        #expect(try ustaz.store.totals() == before)
    }

    @Test func activationCodesWorkOnce() throws {
        let (ustaz, client, world) = try demoService()
        let lead = Browser(client)
        lead.signIn("lead.pavlodar", world.password)
        let cohortID = try #require(try ustaz.store.cohorts(trainerID: try #require(try ustaz.store.credentialsForLogin("lead.pavlodar")?.person.id)).first?.cohort.id)
        let upload = multipartCSV("full_name,school_code\nЕркебұлан Сейітов,PVL-0202\n", csrf: Browser.csrf(in: lead.get("/cohorts/\(cohortID)")))
        let imported = lead.send(.post, "/cohorts/\(cohortID)/import", body: upload.body, contentType: upload.contentType)
        let code = try #require(imported.bodyText.components(separatedBy: "class=\"code\">").dropFirst().first.map { String($0.prefix(10)) })
        let newcomer = Browser(client)
        let form = newcomer.get("/activate")
        let activated = newcomer.post("/activate", [("_csrf", Browser.csrf(in: form)), ("code", code), ("login", "erkebulan"), ("password", "my own long password")])
        #expect(activated.status == 303)
        #expect(newcomer.get("/me").bodyText.contains("Еркебұлан Сейітов"))
        let again = Browser(client)
        let second = again.post("/activate", [("_csrf", Browser.csrf(in: again.get("/activate"))), ("code", code), ("login", "someone"), ("password", "another long password")])
        #expect(second.status == 410)
        #expect(Browser(client).signIn("erkebulan", "my own long password").status == 303)
    }

    @Test func everyRoleSeesOnlyItsOwn() throws {
        let (ustaz, client, world) = try demoService()
        let pavlodarCohort = try #require(try ustaz.store.cohorts(regionID: "pavlodar").first?.cohort.id)
        let kyzylordaCohort = try #require(try ustaz.store.cohorts(regionID: "kyzylorda").first?.cohort.id)
        let expectations: [(String, Int64, Int)] = [
            ("lead.pavlodar", pavlodarCohort, 200), ("lead.pavlodar", kyzylordaCohort, 404),
            ("lead.kyzylorda", pavlodarCohort, 404), ("coordinator", kyzylordaCohort, 200), ("coordinator", pavlodarCohort, 404),
            ("master", pavlodarCohort, 200), ("admin", pavlodarCohort, 200), ("teacher.olga", pavlodarCohort, 404),
            ("reviewer", kyzylordaCohort, 404),
        ]
        for (login, cohort, status) in expectations {
            let browser = Browser(client)
            browser.signIn(login, world.password)
            #expect(browser.get("/cohorts/\(cohort)").status == status, "\(login) → cohort \(cohort)")
        }
        // A teacher sees only themself: another teacher's lineage is hidden.
        let olga = Browser(client)
        olga.signIn("teacher.olga", world.password)
        let aigerim = try #require(try ustaz.store.credentialsForLogin("teacher.aigerim")?.person)
        #expect(olga.get("/lineage/\(aigerim.id)").status == 404)
        #expect(olga.get("/fidelity").status == 403)
        let coordinator = Browser(client)
        coordinator.signIn("coordinator", world.password)
        #expect(coordinator.get("/fidelity").status == 200)
        let master = Browser(client)
        master.signIn("master", world.password)
        #expect(master.get("/lineage/\(aigerim.id)").status == 200)
        let fidelity = master.get("/fidelity")
        #expect(fidelity.status == 200)
        #expect(fidelity.bodyText.contains("Нұрлан Абдрахманов"))
    }

    @Test func theCohortPageFlagsWhoFallsBehind() throws {
        let (ustaz, client, world) = try demoService()
        let lead = Browser(client)
        lead.signIn("lead.pavlodar", world.password)
        lead.get("/lang/en")
        let cohortID = try #require(try ustaz.store.cohorts(trainerID: try #require(try ustaz.store.credentialsForLogin("lead.pavlodar")?.person.id)).first?.cohort.id)
        let page = lead.get("/cohorts/\(cohortID)").bodyText
        #expect(page.contains("Who needs help today"))
        // Zhanna has done 1 of 8 lessons two weeks into a six-week cohort: behind the pace.
        #expect(page.contains("<strong>Жанна Бекова</strong> — behind the pace"))
    }

    @Test func adminsImportSchoolsAllOrNothing() throws {
        let (ustaz, client, world) = try demoService()
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        admin.get("/lang/en")
        let good = "code,name,region,kind,pilot_wave\nKZO-0201,Шиелі №3 мектебі,Kyzylorda Region,small-staffed,2\nAST-0001,School-lyceum 17,astana,standard,3\n"
        let upload = multipartCSV(good, csrf: Browser.csrf(in: admin.get("/schools")))
        let done = admin.send(.post, "/schools/import", body: upload.body, contentType: upload.contentType)
        #expect(done.status == 200)
        #expect(done.bodyText.contains("Schools imported: 2."))
        let before = try ustaz.store.totals()
        let bad = "code,name,region\nKZO-0301,New school,kyzylorda\nKZO-0201,Again,kyzylorda\nX-1,Nowhere,atlantis\n"
        let second = multipartCSV(bad, csrf: Browser.csrf(in: admin.get("/schools")))
        let refused = admin.send(.post, "/schools/import", body: second.body, contentType: second.contentType)
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains("line 4"))
        #expect(try ustaz.store.totals() == before)
        let teacher = Browser(client)
        teacher.signIn("teacher.olga", world.password)
        #expect(teacher.get("/schools").status == 403)
    }

    @Test func aTrainerAddsOneTeacherByHand() throws {
        let (ustaz, client, world) = try demoService()
        let lead = Browser(client)
        lead.signIn("lead.pavlodar", world.password)
        lead.get("/lang/en")
        let cohortID = try #require(try ustaz.store.cohorts(trainerID: try #require(try ustaz.store.credentialsForLogin("lead.pavlodar")?.person.id)).first?.cohort.id)
        let page = lead.get("/cohorts/\(cohortID)")
        #expect(page.bodyText.contains("Add one teacher"))
        let bad = lead.post("/cohorts/\(cohortID)/add", [("_csrf", Browser.csrf(in: page)), ("full_name", "Гүлім Әлиева"),
                                                          ("school_code", "PVL-0202"), ("iin", "061211600013")])
        #expect(bad.status == 422)
        #expect(bad.bodyText.contains("does not match"))
        let good = lead.post("/cohorts/\(cohortID)/add", [("_csrf", Browser.csrf(in: page)), ("full_name", "Гүлім Әлиева"),
                                                           ("school_code", "PVL-0202"), ("iin", "061211600012")])
        #expect(good.status == 200)
        #expect(good.bodyText.contains("activation-card"))
        #expect(good.bodyText.contains("<svg class=\"qr\""))
        let person = try #require(try ustaz.store.cohortMembers(cohortID: cohortID).first { $0.name == "Гүлім Әлиева" })
        #expect(person.schoolName == "Павлодар қаласы, №7 мектеп-лицей")
    }

    @Test func nobodyCertifiesThemself() throws {
        let (ustaz, client, world) = try demoService()
        let lead = Browser(client)
        lead.signIn("lead.pavlodar", world.password)
        lead.get("/lang/en")
        let leadID = try #require(try ustaz.store.credentialsForLogin("lead.pavlodar")?.person.id)
        let cohort = try #require(try ustaz.store.cohorts(trainerID: leadID).first?.cohort)
        let page = lead.get("/join/\(cohort.joinCode)")
        let refused = lead.post("/join", [("_csrf", Browser.csrf(in: page)), ("code", cohort.joinCode)])
        #expect(refused.status == 409)
        #expect(refused.bodyText.contains(SecurityText.en.ownCohort))
        // A catalogue may not offer master-trainer certificates through a course.
        #expect(IssuancePolicy().mayRunCohort(earning: .masterTrainer,
                                               trainer: TrainerStanding(kind: .masterTrainer, generation: 0, revoked: false, expiresOn: nil),
                                               on: .today) == .trainerCredentialWrongKind)
    }

    @Test func aCohortCanBeScopedToOneSchool() throws {
        let (ustaz, client, world) = try demoService()
        let lead = Browser(client)
        lead.signIn("lead.kyzylorda", world.password)
        lead.get("/lang/en")
        func create(_ school: String) -> Response {
            let form = lead.get("/cohorts/new")
            return lead.post("/cohorts", [("_csrf", Browser.csrf(in: form)), ("name", "Ақмая"), ("course", "primary-teachers"),
                                          ("capacity", "12"), ("starts", Day.today.iso), ("ends", Day.today.adding(days: 30).iso),
                                          ("mode", "in-person"), ("school_code", school)])
        }
        let unknown = create("KZO-9999")
        #expect(unknown.status == 422)
        #expect(unknown.bodyText.contains("No school has this code."))
        let created = create("kzo-0102")
        #expect(created.status == 303)
        let id = try #require(created.headers["Location"].flatMap { Int64($0.split(separator: "/").last ?? "") })
        let cohort = try #require(try ustaz.store.cohort(id: id))
        #expect(cohort.schoolID == (try ustaz.store.school(code: "KZO-0102"))?.id)
        #expect(cohort.regionID == "kyzylorda")
        #expect(cohort.capacity == 12)
    }
}
