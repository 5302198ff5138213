import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

/// A teacher in the fixture course (bank-format quizzes), signed in.
func fixtureTeacher() throws -> (Ustaz, Browser, EnrolmentRecord, Course) {
    try enrolledTeacher(courseID: "fixture-teachers", courses: fixtureCourses)
}

@Suite("Drawn quizzes: draws fixed when served, new items first, feedback without the key")
struct DrawnQuizTests {
    @Test func aSecondAttemptMeetsNoItemOfTheFirst() throws {
        let (ustaz, browser, enrolment, course) = try fixtureTeacher()
        let lesson = course.lessons[0]
        let path = "/learn/\(enrolment.id)/\(lesson.id)/quiz"
        let first = browser.get(path)
        #expect(drawOn(first).items.count == 6)
        #expect(first.bodyText.contains("6 questions drawn for this attempt from a bank of 12") || first.bodyText.contains("12 сұрақтың 6"))
        #expect(browser.post(path, quizForm(lesson, page: first, correct: false)).status == 303)
        let second = browser.get(path)
        #expect(Set(drawOn(second).items).isDisjoint(with: drawOn(first).items))
        #expect(try ustaz.store.seenItems(enrolmentID: enrolment.id, lessonID: lesson.id) == Set(drawOn(first).items))
        #expect(browser.post(path, quizForm(lesson, page: second, correct: false)).status == 303)
        // Every item seen: the third draw repeats, spread over the objectives again.
        let third = drawOn(browser.get(path)).items
        let objectives = third.compactMap { lesson.quiz.question($0)?.objective }
        #expect(third.count == 6 && Set(objectives).count == 4)
    }

    @Test func theDrawIsFixedWhenThePageIsServedAndAnsweredOnce() throws {
        let (ustaz, browser, enrolment, course) = try fixtureTeacher()
        let lesson = course.lessons[1]
        let path = "/learn/\(enrolment.id)/\(lesson.id)/quiz"
        browser.get("/lang/en")
        let page = browser.get(path)
        // A copy saved for offline use (the service worker's request) and a reload show the same draw and option order.
        var headers = HTTPHeaders()
        headers["Cookie"] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers[OfflinePages.offlineSaveHeader] = "offline"
        let saved = browser.client.execute(.get, path, headers: headers, body: [], remoteAddress: "127.0.0.1")
        #expect(drawOn(saved).id == drawOn(page).id)
        #expect(browser.get(path).bodyText.components(separatedBy: "<fieldset").dropFirst() == page.bodyText.components(separatedBy: "<fieldset").dropFirst())

        let form = quizForm(lesson, page: page, correct: true, clientKey: "phone-1")
        let sent = browser.post(path, form)
        #expect(sent.status == 303)
        // The same submission again (a reply lost on the way) is the same attempt; another one of the same draw is refused.
        #expect(browser.post(path, form).headers["Location"] == sent.headers["Location"])
        let twice = browser.post(path, quizForm(lesson, page: page, correct: true, clientKey: "phone-2"))
        #expect(twice.status == 409)
        #expect(twice.bodyText.contains("This set of questions has already been answered. Open the quiz again for a new set."))
        #expect(try ustaz.store.quizAttempts(enrolmentID: enrolment.id, lessonID: lesson.id).count == 1)
        #expect(drawOn(browser.get(path)).id != drawOn(page).id)
    }

    @Test func missingAndForeignDrawsAreRefusedInTheLearnersLanguage() throws {
        let (_, browser, enrolment, course) = try fixtureTeacher()
        let lesson = course.lessons[2]
        let path = "/learn/\(enrolment.id)/\(lesson.id)/quiz"
        let page = browser.get(path)
        let otherPage = browser.get("/learn/\(enrolment.id)/\(course.lessons[3].id)/quiz")
        var form = quizForm(lesson, page: page, correct: true)
        form.removeAll { $0.0 == "draw" }
        for (language, missing, foreign) in [
            ("kk", "сұрақтар жинағы жоқ", "басқа тестке тиесілі"),
            ("ru", "нет набора вопросов", "относится к другому тесту"),
            ("en", "has no set of questions", "belongs to another quiz"),
        ] {
            browser.get("/lang/\(language)")
            let withoutDraw = browser.post(path, form)
            #expect(withoutDraw.status == 400)
            #expect(withoutDraw.bodyText.contains(missing))
            let wrongLesson = browser.post(path, form + [("draw", drawOn(otherPage).id)])
            #expect(wrongLesson.status == 400)
            #expect(wrongLesson.bodyText.contains(foreign))
            #expect(browser.post(path, form + [("draw", "999999")]).status == 400)
            #expect(browser.post(path, form + [("draw", "not-a-number")]).status == 400)
        }
    }

    @Test func wrongAnswersPointToTheLessonUntilPassingThenEverythingIsShown() throws {
        let (_, browser, enrolment, course) = try fixtureTeacher()
        browser.get("/lang/en")
        let lesson = course.lessons[3]
        let path = "/learn/\(enrolment.id)/\(lesson.id)/quiz"
        let page = browser.get(path)
        let drawn = drawOn(page).items.compactMap { lesson.quiz.question($0) }
        let right = Array(drawn.prefix(3)), wrong = Array(drawn.dropFirst(3))
        let form = [("_csrf", Browser.csrf(in: page)), ("client_key", "k1"), ("draw", drawOn(page).id)]
            + answerFields(right, correct: true) + answerFields(wrong, correct: false)
        let result = browser.get(try #require(browser.post(path, form).headers["Location"]))
        let body = result.bodyText
        #expect(body.contains("Reread the sections named below"))
        #expect(body.contains("The answers to the questions you missed are shown once you pass"))
        for question in right {
            for option in question.options { #expect(body.contains(option.text[.en].htmlEscaped), "\(question.id)") }
        }
        for question in wrong where question.kind == .single || question.kind == .multiple {
            // The key is not on the page; the section to reread is, linked to its anchor.
            for option in question.options where option.correct { #expect(!body.contains(option.text[.en].htmlEscaped), "\(question.id)") }
        }
        for question in wrong {
            let anchor = try #require(question.reread)
            let heading = try #require(lesson.document(.en).heading(anchor: anchor))
            #expect(body.contains("Reread: <a href=\"/learn/\(enrolment.id)/\(lesson.id)#\(anchor)\">\(heading)</a>"))
        }
        // The anchors exist on the lesson page.
        let lessonPage = browser.get("/learn/\(enrolment.id)/\(lesson.id)").bodyText
        #expect(lessonPage.contains("<h3 id=\"part-one\">"))

        // Passing on attempt 2 shows the keys of attempt 1 too.
        let second = browser.get(path)
        #expect(browser.post(path, quizForm(lesson, page: second, correct: true)).status == 303)
        let revealed = browser.get("/learn/\(enrolment.id)/\(lesson.id)/attempts/1").bodyText
        #expect(!revealed.contains("Reread:"))
        for question in wrong {
            for option in question.options { #expect(revealed.contains(option.text[.en].htmlEscaped), "\(question.id)") }
        }
    }

    @Test func theLastAttemptShowsEverything() throws {
        let (_, browser, enrolment, course) = try fixtureTeacher()
        browser.get("/lang/ru")
        let lesson = course.lessons[4]
        let path = "/learn/\(enrolment.id)/\(lesson.id)/quiz"
        var pages: [Response] = []
        for number in 1...course.maxAttempts {
            let page = browser.get(path)
            pages.append(page)
            let result = browser.get(try #require(browser.post(path, quizForm(lesson, page: page, correct: false)).headers["Location"]))
            #expect(result.bodyText.contains("Перечитайте:") == (number < course.maxAttempts))
        }
        let last = browser.get("/learn/\(enrolment.id)/\(lesson.id)/attempts/\(course.maxAttempts)").bodyText
        for question in drawOn(pages.last!).items.compactMap({ lesson.quiz.question($0) }) {
            for option in question.options { #expect(last.contains(option.why[.ru].htmlEscaped)) }
        }
    }

    @Test func reviewersSeeTheBankItsDrawAndWhatEachItemTests() throws {
        let (ustaz, _, client) = try makeService(courses: fixtureCourses)
        try ustaz.store.createPerson(.init(fullName: "R", login: "r", passwordHash: ustaz.hashPassword("review password"), roles: [.reviewer]))
        let reviewer = Browser(client)
        reviewer.signIn("r", "review password")
        reviewer.get("/lang/en")
        let version = try #require(try ustaz.store.courseVersions(courseID: "fixture-teachers").first)
        let page = reviewer.get("/review/\(version.id)/lesson-1").bodyText
        #expect(page.contains("Bank of 12 questions; 6 are drawn for each attempt"))
        #expect(page.contains("Objective o2: Objective 2 of lesson 1."))
        #expect(page.contains("Reread if wrong: Part 2"))
    }
}
