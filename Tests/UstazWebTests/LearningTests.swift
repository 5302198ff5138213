import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

/// A teacher enrolled in the approved primary course (or `courseID` of `courses`), signed in.
func enrolledTeacher(courseID: String = "primary-teachers", courses: URL? = nil) throws -> (Ustaz, Browser, EnrolmentRecord, Course) {
    let (ustaz, _, client) = try makeService(courses: courses)
    let version = try #require(try ustaz.store.courseVersions(courseID: courseID).first)
    try ustaz.store.approveCourseVersion(id: version.id)
    let trainer = try ustaz.store.createPerson(.init(fullName: "Trainer", login: "trainer", roles: [.leadTrainer]))
    let teacher = try ustaz.store.createPerson(.init(fullName: "Сәуле Ермекова", login: "saule",
                                                     passwordHash: ustaz.hashPassword("saule password"), roles: [.teacher]))
    let cohort = try ustaz.store.createCohort(name: "Cohort", courseID: courseID, courseVersionID: version.id,
                                              trainerID: trainer.id, trainerCredentialID: nil, regionID: "kyzylorda", schoolID: nil,
                                              startsOn: "2026-11-01", endsOn: "2026-12-15", joinCode: "TEST-1")
    let enrolmentID = try ustaz.store.enrol(personID: teacher.id, cohortID: cohort.id)
    let browser = Browser(client)
    #expect(browser.signIn("saule", "saule password").status == 303)
    let course = try #require(try ustaz.store.courseContent(versionID: version.id))
    return (ustaz, browser, try #require(try ustaz.store.enrolment(id: enrolmentID)), course)
}

/// The draw a quiz page carries: its id and the items it shows, in order.
func drawOn(_ page: Response) -> (id: String, items: [String]) {
    let html = page.bodyText
    let id = html.range(of: "name=\"draw\" value=\"").map { String(html[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
    var items: [String] = []
    var rest = html[...]
    while let found = rest.range(of: "<fieldset class=\"question\" id=\"question-") {
        rest = rest[found.upperBound...]
        items.append(String(rest.prefix { $0 != "\"" }))
    }
    return (id, items)
}

/// Form fields answering the items a quiz page shows, right or wrong, with its form token and draw.
func quizForm(_ lesson: Lesson, page: Response, correct: Bool, clientKey: String = UUID().uuidString) -> [(String, String)] {
    let draw = drawOn(page)
    return [("_csrf", Browser.csrf(in: page)), ("client_key", clientKey), ("draw", draw.id)]
        + answerFields(draw.items.compactMap { lesson.quiz.question($0) }, correct: correct)
}

/// Form fields answering `questions`, every one right or every one wrong.
func answerFields(_ questions: [Question], correct: Bool) -> [(String, String)] {
    var form: [(String, String)] = []
    for question in questions {
        switch question.kind {
        case .single, .truefalse:
            let pick = question.options.first { $0.correct == correct } ?? question.options[0]
            form.append(("q.\(question.id)", pick.id))
        case .multiple:
            for option in question.options where option.correct == correct { form.append(("q.\(question.id)", option.id)) }
        case .ordering:
            let order = correct ? question.options : question.options.reversed()
            for (index, option) in order.enumerated() { form.append(("o.\(question.id).\(option.id)", String(index + 1))) }
        }
    }
    return form
}

@Suite("A teacher takes a course end to end")
struct LearningTests {
    @Test func throughTheWholeCourseWithAFailedAndAPassedQuiz() throws {
        let (ustaz, browser, enrolment, course) = try enrolledTeacher()
        browser.acceptLanguage = "kk"
        let overview = browser.get("/learn/\(enrolment.id)")
        #expect(overview.status == 200)
        #expect(overview.bodyText.contains("Оқуды бастау"))

        for (index, lesson) in course.lessons.enumerated() {
            let page = browser.get("/learn/\(enrolment.id)/\(lesson.id)")
            #expect(page.status == 200)
            #expect(page.bodyText.contains(LessonRenderer.inline(lesson.document(.kk).title).text))
            #expect(browser.post("/learn/\(enrolment.id)/\(lesson.id)/read", [("_csrf", Browser.csrf(in: page))]).status == 303)

            let quiz = browser.get("/learn/\(enrolment.id)/\(lesson.id)/quiz")
            #expect(quiz.status == 200)
            #expect(drawOn(quiz).items.count == lesson.quiz.itemsPerAttempt)
            // Nothing on the quiz page gives the answers away.
            #expect(!quiz.bodyText.contains("correct"))
            for question in lesson.quiz.questions {
                for option in question.options { #expect(!quiz.bodyText.contains(option.why[.kk].htmlEscaped)) }
            }
            if index == 0 {
                let failed = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", quizForm(lesson, page: quiz, correct: false))
                #expect(failed.headers["Location"] == "/learn/\(enrolment.id)/\(lesson.id)/attempts/1")
                let result = browser.get(failed.headers["Location"]!)
                #expect(result.bodyText.contains("Тест әзірге тапсырылмады"))
                // Wrong answers point back to the lesson without the key while attempts remain.
                #expect(result.bodyText.contains("Қайта оқыңыз"))
                for question in drawOn(quiz).items.compactMap({ lesson.quiz.question($0) }) {
                    for option in question.options where option.correct { #expect(!result.bodyText.contains(option.why[.kk].htmlEscaped)) }
                }
            }
            let retry = browser.get("/learn/\(enrolment.id)/\(lesson.id)/quiz")
            if index == 0 { #expect(Set(drawOn(retry).items).isDisjoint(with: drawOn(quiz).items)) }
            let passed = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", quizForm(lesson, page: retry, correct: true))
            #expect(passed.status == 303)
            #expect(browser.get(passed.headers["Location"]!).bodyText.contains("Тест тапсырылды!"))
        }
        let finished = try #require(try ustaz.store.enrolment(id: enrolment.id))
        #expect(finished.completedAt != nil)
        #expect(try ustaz.store.auditCount(action: "course-completed") == 1)
        let progress = try ustaz.store.lessonProgress(enrolmentID: enrolment.id)
        #expect(progress.values.allSatisfy { $0.isDone && $0.bestScore == 100 })
        #expect(progress[course.lessons[0].id]?.attempts == 2)
        #expect(browser.get("/learn/\(enrolment.id)").bodyText.contains("Құттықтаймыз!"))
    }

    @Test func attemptLimitAnswersConflict() throws {
        let (_, browser, enrolment, course) = try enrolledTeacher()
        let lesson = course.lessons[1]
        var last: Response?
        for number in 1...course.maxAttempts {
            let quiz = browser.get("/learn/\(enrolment.id)/\(lesson.id)/quiz")
            #expect(quiz.status == 200)
            let response = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", quizForm(lesson, page: quiz, correct: false))
            #expect(response.headers["Location"]?.hasSuffix("/attempts/\(number)") == true)
            last = quiz
        }
        #expect(browser.get("/learn/\(enrolment.id)/\(lesson.id)/quiz").status == 409)
        let late = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", quizForm(lesson, page: try #require(last), correct: true))
        #expect(late.status == 409)
    }

    @Test func answersOutsideTheQuizAre400AndRepeatsCountOnce() throws {
        let (ustaz, browser, enrolment, course) = try enrolledTeacher()
        let lesson = course.lessons[2]
        let page = browser.get("/learn/\(enrolment.id)/\(lesson.id)/quiz")
        let csrf = Browser.csrf(in: page)
        let draw = ("draw", drawOn(page).id)
        let shown = drawOn(page).items
        let unknownOption = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", [("_csrf", csrf), draw, ("q.\(shown[0])", "zz")])
        #expect(unknownOption.status == 400)
        // An answer for another lesson's question, and for an item of this bank that the draw did not show.
        let other = course.lessons[3].quiz.questions.first { !lesson.quiz.questions.map(\.id).contains($0.id) }
        if let other {
            #expect(browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", [("_csrf", csrf), draw, ("q.\(other.id)", other.options[0].id)]).status == 400)
        }
        if let unshown = lesson.quiz.questions.first(where: { !shown.contains($0.id) }) {
            #expect(browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", [("_csrf", csrf), draw, ("q.\(unshown.id)", unshown.options[0].id)]).status == 400)
        }
        #expect(browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", [("_csrf", csrf), draw, ("q.nope", "a")]).status == 400)
        let form = quizForm(lesson, page: page, correct: true, clientKey: "offline-1")
        let first = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", form)
        let again = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", form)
        #expect(first.headers["Location"] == again.headers["Location"])
        #expect(try ustaz.store.quizAttempts(enrolmentID: enrolment.id, lessonID: lesson.id).count == 1)
    }

    @Test func nobodyElseCanOpenAnEnrolment() throws {
        let (ustaz, _, enrolment, course) = try enrolledTeacher()
        try ustaz.store.createPerson(.init(fullName: "Other", login: "other", passwordHash: ustaz.hashPassword("other password"), roles: [.teacher]))
        let other = Browser(TestClient(ustaz.makeApplication()))
        other.signIn("other", "other password")
        #expect(other.get("/learn/\(enrolment.id)").status == 404)
        #expect(other.get("/learn/\(enrolment.id)/\(course.lessons[0].id)").status == 404)
        #expect(Browser(TestClient(ustaz.makeApplication())).get("/learn/\(enrolment.id)").status == 303)
    }

    @Test func enrolledTeachersKeepTheirVersionWhileNewContentWaitsForReview() throws {
        let (ustaz, browser, enrolment, course) = try enrolledTeacher()
        var changed = course
        changed.contentHash = "new-version-hash"
        changed.lessons[0].documents[.en]!.title = "A rewritten first lesson"
        try ustaz.store.registerCatalogue(Catalogue(courses: [changed]))
        browser.get("/lang/en")
        // The enrolled teacher still reads the version they started.
        #expect(browser.get("/learn/\(enrolment.id)/\(course.lessons[0].id)").bodyText.contains(course.lessons[0].documents[.en]!.title.htmlEscaped))
        // The public catalogue still serves the approved version, never the one in review.
        let preview = browser.get("/courses/primary-teachers/\(course.lessons[0].id)").bodyText
        #expect(!preview.contains("A rewritten first lesson"))
    }

    @Test func unapprovedCoursesAreNeverServed() throws {
        let (_, _, client) = try makeService()
        #expect(client.get("/courses/primary-teachers").status == 404)
        #expect(client.get("/courses/primary-teachers/01-what-is-ai").status == 404)
        #expect(client.get("/courses/primary-teachers/what-is-ai").status == 404)
        #expect(!client.get("/courses").bodyText.contains("/courses/primary-teachers"))
    }
}

@Suite("Expert review")
struct ReviewTests {
    @Test func aReviewerApprovesEveryLessonAndOnlyThenTheCourseIsServed() throws {
        let (ustaz, _, client) = try makeService()
        try ustaz.store.createPerson(.init(fullName: "Динара Омарова", login: "dinara", passwordHash: ustaz.hashPassword("review password"), language: .ru, roles: [.reviewer]))
        let reviewer = Browser(client)
        reviewer.acceptLanguage = "ru"
        reviewer.signIn("dinara", "review password")
        let version = try #require(try ustaz.store.courseVersions(courseID: "upper-secondary-teachers").first)
        let course = try #require(try ustaz.store.courseContent(versionID: version.id))
        #expect(reviewer.get("/review").bodyText.contains(course.title.ru.htmlEscaped))

        // Rejecting needs a reason.
        let first = reviewer.get("/review/\(version.id)/\(course.lessons[0].id)")
        #expect(first.bodyText.contains("верный ответ"))
        let noReason = reviewer.post("/review/\(version.id)/\(course.lessons[0].id)", [("_csrf", Browser.csrf(in: first)), ("decision", "reject")])
        #expect(noReason.status == 422)

        for (index, lesson) in course.lessons.enumerated() {
            let page = reviewer.get("/review/\(version.id)/\(lesson.id)")
            let response = reviewer.post("/review/\(version.id)/\(lesson.id)", [("_csrf", Browser.csrf(in: page)), ("decision", "approve"), ("comment", "")])
            #expect(response.status == 303)
            let served = client.get("/courses/upper-secondary-teachers").status
            #expect(served == (index == course.lessons.count - 1 ? 200 : 404))
        }
        #expect(try ustaz.store.courseVersion(id: version.id)?.status == "approved")
        let history = reviewer.get("/review/\(version.id)").bodyText
        #expect(history.contains("История экспертизы"))
        #expect(history.contains("Динара Омарова"))
    }

    @Test func aRejectionStopsTheVersionAndIsKeptInHistory() throws {
        let (ustaz, _, client) = try makeService()
        try ustaz.store.createPerson(.init(fullName: "R", login: "r", passwordHash: ustaz.hashPassword("review password"), roles: [.reviewer]))
        let reviewer = Browser(client)
        reviewer.signIn("r", "review password")
        let version = try #require(try ustaz.store.courseVersions(courseID: "primary-teachers").first)
        let page = reviewer.get("/review/\(version.id)/what-is-ai")
        let rejected = reviewer.post("/review/\(version.id)/what-is-ai", [("_csrf", Browser.csrf(in: page)), ("decision", "reject"), ("comment", "Пример устарел")])
        #expect(rejected.status == 303)
        #expect(try ustaz.store.courseVersion(id: version.id)?.status == "rejected")
        #expect(try ustaz.store.reviews(versionID: version.id).first?.comment == "Пример устарел")
        let late = reviewer.post("/review/\(version.id)/how-machines-learn", [("_csrf", Browser.csrf(in: page)), ("decision", "approve")])
        #expect(late.status == 409)
        #expect(client.get("/courses/primary-teachers").status == 404)
    }

    @Test func authorsCannotApproveAndTeachersCannotReview() throws {
        let (ustaz, _, client) = try makeService()
        var course = try #require(ustaz.catalogue.course("lead-trainer-track"))
        course.authors = ["writer"]
        course.contentHash = "authored-version"
        let created = try ustaz.store.registerCatalogue(Catalogue(courses: [course]))
        let version = try #require(created.first)
        try ustaz.store.createPerson(.init(fullName: "W", login: "writer", passwordHash: ustaz.hashPassword("writer password"), roles: [.reviewer]))
        try ustaz.store.createPerson(.init(fullName: "T", login: "teacher", passwordHash: ustaz.hashPassword("teacher password"), roles: [.teacher]))
        let writer = Browser(client)
        writer.signIn("writer", "writer password")
        writer.get("/lang/en")
        let page = writer.get("/review/\(version.id)/\(course.lessons[0].id)")
        #expect(page.bodyText.contains("You are an author of this course"))
        let attempt = writer.post("/review/\(version.id)/\(course.lessons[0].id)", [("_csrf", Browser.csrf(in: page)), ("decision", "approve")])
        #expect(attempt.status == 403)
        let teacher = Browser(client)
        teacher.signIn("teacher", "teacher password")
        #expect(teacher.get("/review").status == 403)
    }
}
