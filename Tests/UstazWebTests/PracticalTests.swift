import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

/// The fixture course (which requires a classroom practical) run by a certified lead trainer, with a teacher who has
/// finished every lesson, a second lead trainer and a coordinator of the region.
struct PracticalWorld {
    var ustaz: Ustaz
    var client: TestClient
    var course: Course
    var cohort: CohortRecord
    var enrolment: EnrolmentRecord
    var teacher: Person

    static let password = "practical password"

    static func make() throws -> PracticalWorld {
        let (ustaz, _, client) = try makeService(courses: fixtureCourses)
        let store = ustaz.store
        let version = try #require(try store.courseVersions(courseID: "fixture-teachers").first)
        try store.approveCourseVersion(id: version.id)
        let course = try #require(try store.courseContent(versionID: version.id))
        let hash = ustaz.hashPassword(password)
        let master = try store.createPerson(.init(fullName: "Master", login: "master", passwordHash: hash, roles: [.masterTrainer]))
        let lead = try store.createPerson(.init(fullName: "Бақыт Лидер", login: "lead", passwordHash: hash, roles: [.leadTrainer]))
        try store.createPerson(.init(fullName: "Second Lead", login: "lead2", passwordHash: hash, roles: [.leadTrainer]))
        try store.createPerson(.init(fullName: "Coordinator", login: "coord", passwordHash: hash, roles: [.coordinator], coordinatorRegion: "almaty"))
        try store.createPerson(.init(fullName: "Other Coordinator", login: "coord2", passwordHash: hash, roles: [.coordinator],
                                     coordinatorRegion: "pavlodar"))
        let teacher = try store.createPerson(.init(fullName: "Сәуле Ермекова", login: "saule", passwordHash: hash, roles: [.teacher]))
        let issuer = CredentialIssuer(store: store, keys: ustaz.keys)
        let masterCredential = try issuer.issueNew(kind: .masterTrainer, to: master, courseID: "lead-trainer-track", courseVersionID: nil,
                                                   generation: 0, cohortID: nil, issuer: nil, issuedOn: .today, expiresOn: nil)
        let leadCredential = try issuer.issueNew(kind: .leadTrainer, to: lead, courseID: "lead-trainer-track", courseVersionID: nil,
                                                 generation: 1, cohortID: nil, issuer: masterCredential, issuedOn: .today, expiresOn: nil)
        let cohort = try store.createCohort(name: "Алматы", courseID: course.id, courseVersionID: version.id, trainerID: lead.id,
                                            trainerCredentialID: leadCredential.id, regionID: "almaty", schoolID: nil,
                                            startsOn: Day.today.adding(days: -40).iso, endsOn: Day.today.adding(days: 10).iso,
                                            joinCode: "PRAC-1")
        let enrolmentID = try store.enrol(personID: teacher.id, cohortID: cohort.id)
        for lesson in course.lessons {
            try store.recordLessonProgress(enrolmentID: enrolmentID, lessonID: lesson.id, completed: true, bestScore: 90)
        }
        try store.markEnrolmentCompleted(enrolmentID)
        return PracticalWorld(ustaz: ustaz, client: client, course: course, cohort: cohort,
                              enrolment: try #require(try store.enrolment(id: enrolmentID)), teacher: teacher)
    }

    func browser(_ login: String, language: String = "en") -> Browser {
        let browser = Browser(client)
        browser.signIn(login, PracticalWorld.password)
        browser.get("/lang/\(language)")
        return browser
    }

    /// A complete, valid report as the form sends it.
    func report(clientKey: String, pupilsDid: String = "Pupils sorted picture cards into two groups and explained their rule to the class.")
        -> [(String, String)] {
        [("client_key", clientKey), ("taught_on", Day.today.adding(days: -3).iso), ("class_name", "4 Ә"), ("lesson_id", course.lessons[2].id),
         ("pupils_did", pupilsDid), ("pupil_question", "Can a machine learn without pictures?"),
         ("would_change", "Leave more time for the pupils to explain their groups."), ("adapted_plan", "")]
    }
}

@Suite("The classroom practical: report, decision, certificate")
struct PracticalTests {
    @Test func aTeacherReportsTheTrainerReturnsThenAcceptsAndOnlyThenTheCertificateIsIssued() throws {
        let world = try PracticalWorld.make()
        let store = world.ustaz.store
        let path = "/learn/\(world.enrolment.id)/practical"
        // Every lesson is done, but the certificate waits for the practical.
        #expect(try world.ustaz.certification.issueIfEarned(world.enrolment) == nil)
        #expect(try store.credentials(personID: world.teacher.id).isEmpty)

        let teacher = world.browser("saule")
        let form = teacher.get(path)
        #expect(form.status == 200)
        #expect(form.bodyText.contains("Do not write pupils' names".htmlEscaped))
        #expect(form.bodyText.contains("data-queue"))
        #expect(teacher.get("/learn/\(world.enrolment.id)").bodyText.contains("Classroom practical</a>: not sent yet"))

        // Bad input: every problem said, nothing stored.
        let bad = teacher.postWithToken(path, [("client_key", "k0"), ("taught_on", Day.today.adding(days: 5).iso), ("class_name", ""),
                                               ("lesson_id", "no-such-lesson"), ("pupils_did", "short"), ("pupil_question", "Why?"),
                                               ("would_change", String(repeating: "x", count: 1600))])
        #expect(bad.status == 422)
        for message in ["The date cannot be in the future.", "Class (for example 4 Ә): please fill this in.", "Choose a lesson of this course.",
                        "What the pupils did: write at least 20 characters.", "What you would change next time: at most 1500 characters."] {
            #expect(bad.bodyText.contains(message.htmlEscaped), "\(message)")
        }
        #expect(bad.bodyText.contains(String(repeating: "x", count: 1600)))  // what was typed is kept
        #expect(try store.practical(enrolmentID: world.enrolment.id) == nil)

        // Sent (twice: a queued copy and its repeat count once), then refused while it waits.
        #expect(teacher.postWithToken(path, world.report(clientKey: "phone-1")).status == 303)
        #expect(teacher.postWithToken(path, world.report(clientKey: "phone-1")).status == 303)
        #expect(try store.practical(enrolmentID: world.enrolment.id)?.submissions == 1)
        let waiting = teacher.postWithToken(path, world.report(clientKey: "phone-2"))
        #expect(waiting.status == 409)
        #expect(waiting.bodyText.contains("waits for your trainer"))

        // The trainer finds it on the cohort page, reads it (an audited view) and returns it with a comment.
        let lead = world.browser("lead")
        let cohortPage = lead.get("/cohorts/\(world.cohort.id)").bodyText
        #expect(cohortPage.contains("Classroom practicals waiting for a decision (1)"))
        #expect(cohortPage.contains("/practicals/\(world.enrolment.id)"))
        let review = lead.get("/practicals/\(world.enrolment.id)")
        #expect(review.bodyText.contains("Can a machine learn without pictures?"))
        #expect(try store.auditCount(action: "view") >= 1)
        let noComment = lead.post("/practicals/\(world.enrolment.id)", [("_csrf", Browser.csrf(in: review)), ("decision", "return")])
        #expect(noComment.status == 422)
        #expect(noComment.bodyText.contains("Say what to revise when you return a report."))
        #expect(lead.post("/practicals/\(world.enrolment.id)", [("_csrf", Browser.csrf(in: review)), ("decision", "return"),
                                                                 ("comment", "Say what the pupils found hard.")]).status == 303)
        #expect(try store.practical(enrolmentID: world.enrolment.id)?.status == .returned)
        #expect(try store.credentials(personID: world.teacher.id).isEmpty)

        // The teacher sees the comment, revises and sends it again.
        let returned = teacher.get(path).bodyText
        #expect(returned.contains("returned by your trainer"))
        #expect(returned.contains("Say what the pupils found hard."))
        #expect(teacher.postWithToken(path, world.report(clientKey: "phone-3", pupilsDid: "Pupils sorted cards; grouping by colour was hard for some.")).status == 303)
        #expect(try store.practical(enrolmentID: world.enrolment.id)?.submissions == 2)

        // Accepted: the certificate is issued at once, and the report can no longer change.
        let again = lead.get("/practicals/\(world.enrolment.id)")
        #expect(lead.post("/practicals/\(world.enrolment.id)", [("_csrf", Browser.csrf(in: again)), ("decision", "accept")]).status == 303)
        let credential = try #require(try store.credentials(personID: world.teacher.id).first)
        #expect(credential.kind == .teacher && credential.generation == 2)
        #expect(teacher.get(path).bodyText.contains("accepted"))
        #expect(teacher.postWithToken(path, world.report(clientKey: "phone-4")).status == 409)
        #expect(!lead.get("/cohorts/\(world.cohort.id)").bodyText.contains("Classroom practicals waiting"))
    }

    @Test func aCoordinatorReassignsAReportWhoseTrainerIsInactive() throws {
        let world = try PracticalWorld.make()
        let store = world.ustaz.store
        let teacher = world.browser("saule")
        #expect(teacher.postWithToken("/learn/\(world.enrolment.id)/practical", world.report(clientKey: "k")).status == 303)
        // Teachers and trainers do not see the list; a coordinator of another region cannot reassign.
        #expect(teacher.get("/practicals").status == 403)
        #expect(world.browser("lead2").get("/practicals").status == 403)
        let elsewhere = world.browser("coord2")
        #expect(!elsewhere.get("/practicals").bodyText.contains("Сәуле Ермекова"))
        #expect(elsewhere.postWithToken("/practicals/\(world.enrolment.id)/reassign", [("login", "lead2")]).status == 404)

        let coordinator = world.browser("coord", language: "ru")
        let list = coordinator.get("/practicals").bodyText
        #expect(list.contains("Сәуле Ермекова"))
        #expect(list.contains("Последняя активность проверяющего"))
        let unknown = coordinator.postWithToken("/practicals/\(world.enrolment.id)/reassign", [("login", "saule")])
        #expect(unknown.status == 422)
        #expect(unknown.bodyText.contains("Нет ведущего тренера или мастер-тренера с таким логином."))
        #expect(coordinator.postWithToken("/practicals/\(world.enrolment.id)/reassign", [("login", "lead2")]).status == 303)

        // The first trainer may still read it but no longer decide; the new reviewer decides.
        let lead = world.browser("lead")
        let page = lead.get("/practicals/\(world.enrolment.id)")
        #expect(page.status == 200)
        #expect(lead.post("/practicals/\(world.enrolment.id)", [("_csrf", Browser.csrf(in: page)), ("decision", "accept")]).status == 403)
        let second = world.browser("lead2")
        let review = second.get("/practicals/\(world.enrolment.id)")
        #expect(second.post("/practicals/\(world.enrolment.id)", [("_csrf", Browser.csrf(in: review)), ("decision", "accept")]).status == 303)
        #expect(try store.practical(enrolmentID: world.enrolment.id)?.status == .accepted)
        #expect(try store.auditCount(action: "practical-reassigned") == 1)
        #expect(try !store.credentials(personID: world.teacher.id).isEmpty)
    }

    @Test func reportsArePersonalDataExportedAndErased() throws {
        let world = try PracticalWorld.make()
        let store = world.ustaz.store
        let teacher = world.browser("saule")
        #expect(teacher.postWithToken("/learn/\(world.enrolment.id)/practical", world.report(clientKey: "k")).status == 303)
        let export = try JSONSerialization.jsonObject(with: try #require(try store.personalData(personID: world.teacher.id))) as? [String: Any]
        let reports = try #require(export?["practical_reports"] as? [[String: Any]])
        #expect(reports.first?["pupil_question"] as? String == "Can a machine learn without pictures?")
        _ = try store.erasePerson(personID: world.teacher.id, placeholder: "erased")
        let erased = try #require(try store.practical(enrolmentID: world.enrolment.id))
        #expect(erased.report.pupilsDid.isEmpty && erased.report.pupilQuestion.isEmpty && erased.report.className.isEmpty)
        #expect(erased.status == .submitted)
    }

    @Test func coursesWithoutAPracticalHaveNoReportPage() throws {
        let (ustaz, browser, enrolment, course) = try fixtureTeacher()
        #expect(course.requiresPractical)
        #expect(browser.get("/learn/\(enrolment.id)/practical").status == 200)
        var plain = course
        plain.practicalRequired = nil
        #expect(!plain.requiresPractical)
        // Another person's report page is not found.
        try ustaz.store.createPerson(.init(fullName: "Other", login: "other", passwordHash: ustaz.hashPassword("other password"), roles: [.teacher]))
        let other = Browser(browser.client)
        other.signIn("other", "other password")
        #expect(other.get("/learn/\(enrolment.id)/practical").status == 404)
        #expect(other.get("/practicals/\(enrolment.id)").status == 404)
    }
}
