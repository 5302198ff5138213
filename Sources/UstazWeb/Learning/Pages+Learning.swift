import Foundation
import HTTPServer
import UstazCore
import UstazStore

extension LearningPages {
    // MARK: Public course pages (approved versions only)

    func coursePage(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let s = visit.strings
        guard let (course, _) = try library.published(try request.parameter("course")) else {
            throw HTTPError.notFound(s.courseNotPublished)
        }
        let language = visit.language
        let mine = try visit.viewer.map { try store.enrolments(personID: $0.id).filter { $0.courseID == course.id } } ?? []
        let action: HTML = mine.last.map { "<p><a class=\"button\" href=\"/learn/\($0.id)\">\(s.openCourse)</a></p>" } ?? ""
        let lessons = course.lessons.map { lesson -> HTML in
            "<li><a href=\"/courses/\(course.id)/\(lesson.id)\">\(lesson.title[language])</a> <span class=\"muted\">· \(s.minutes(lesson.minutes))</span></li>"
        }
        return page(visit, title: course.title[language], """
            <p class="crumbs"><a href="/courses">\(s.catalogue)</a></p>
            <h1>\(course.title[language])</h1>
            <p class="lead">\(course.summary[language])</p>
            <p class="muted">\(s.passMarkNote(course.passMark, course.maxAttempts))</p>
            \(action)
            <h2>\(s.lessons)</h2>
            <ol class="lesson-list">\(lessons)</ol>
            """)
    }

    func lessonPreview(_ request: Request) throws -> Response {
        let visit = try visit(request)
        guard let (course, _) = try library.published(try request.parameter("course")),
              let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        return page(visit, title: lesson.title[visit.language], lessonArticle(visit, course: course, lesson: lesson,
                                                                              kitAddress: "/courses/\(course.id)/\(lesson.id)/kit.pdf", footer: """
            <p class="notice">\(visit.strings.previewNote)</p>
            <p><a href="/courses/\(course.id)">\(visit.strings.backToCourse)</a></p>
            """))
    }

    private func lessonArticle(_ visit: Visit, course: Course, lesson: Lesson, kitAddress: String, footer: HTML) -> HTML {
        let s = visit.strings
        let document = lesson.document(visit.language)
        let tags = lesson.competencies.map { "<li>\($0.description)</li>" as HTML }
        return """
            <article class="lesson" lang="\(visit.language.rawValue)">
            <p class="crumbs"><a href="/courses/\(course.id)">\(course.title[visit.language])</a> · \(s.lessonNumber(lesson.number)) · \(s.minutes(lesson.minutes))</p>
            <h1>\(document.title)</h1>
            \(library.lessonBody(course, lesson, visit.language))
            \(KitPages.kitLink(visit, lesson: lesson, address: kitAddress))
            <details class="competencies"><summary>\(s.competencies)</summary><ul class="tags">\(tags)</ul></details>
            \(footer)
            </article>
            """
    }

    // MARK: Learning inside an enrolment

    /// The viewer's own enrolment and its course version; anyone else's is "not found".
    func ownEnrolment(_ request: Request) throws -> (Visit, Person, EnrolmentRecord, Course) {
        let (visit, viewer) = try signedIn(request)
        // That it is the viewer's own is the route's declared access (RecordPolicy.ownEnrolment).
        guard let enrolment = try store.enrolment(id: try request.integer("enrolment")),
              let course = try library.course(versionID: enrolment.courseVersionID) else {
            throw HTTPError.notFound()
        }
        return (visit, viewer, enrolment, course)
    }

    func learningPage(_ request: Request) throws -> Response {
        let (visit, _, enrolment, course) = try ownEnrolment(request)
        let s = visit.strings
        let language = visit.language
        let progress = try store.lessonProgress(enrolmentID: enrolment.id)
        let next = course.lessons.first { progress[$0.id]?.isDone != true }
        let done = course.lessons.filter { progress[$0.id]?.isDone == true }.count
        let rows = course.lessons.map { lesson -> HTML in
            let state = progress[lesson.id]
            let status: HTML = switch state {
            case let p? where p.isDone: "<span class=\"badge ok\">✓ \(s.statusDone)</span>"
            case let p? where p.completedAt != nil: "<span class=\"badge\">\(s.statusRead)</span>"
            case .some: "<span class=\"badge\">\(s.statusOpened)</span>"
            case nil: "<span class=\"muted\">\(s.statusNotStarted)</span>"
            }
            let score: HTML = state?.bestScore.map { " · <span class=\"muted\">\(s.bestScore($0))</span>" } ?? ""
            return """
                <li><a href="/learn/\(enrolment.id)/\(lesson.id)">\(s.lessonNumber(lesson.number)). \(lesson.title[language])</a><br>\(status)\(score)</li>
                """
        }
        let call: HTML = if enrolment.completedAt != nil {
            "<p class=\"notice ok\">\(s.courseCompleted)</p>"
        } else if let next {
            "<p><a class=\"button\" href=\"/learn/\(enrolment.id)/\(next.id)\">\(done == 0 && progress.isEmpty ? s.startCourse : s.resume): \(next.title[language])</a></p>"
        } else { "" }
        let practical: HTML = course.requiresPractical ? """
            <p><a href="/learn/\(enrolment.id)/practical">\(PracticalText.for(language).title)</a>: \(PracticalText.for(language).status(try store.practical(enrolmentID: enrolment.id)?.status))</p>
            """ : ""
        return page(visit, title: course.title[language], """
            <h1>\(course.title[language])</h1>
            <p><progress max="\(course.lessons.count)" value="\(done)" aria-label="\(s.lessonsDone(done, course.lessons.count))"></progress> \(s.lessonsDone(done, course.lessons.count))</p>
            \(call)
            \(practical)
            <h2>\(s.lessons)</h2>
            <ol class="items lesson-progress" data-offline-pages="\(offline.offlinePagesJSON(enrolment: enrolment.id, course: course, language: language))" data-saved-text="\(Strings.for(language).offline.savedLessons(course.lessons.count))">\(rows)</ol>
            """)
    }

    func enrolledLesson(_ request: Request) throws -> Response {
        let (visit, _, enrolment, course) = try ownEnrolment(request)
        guard let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        let s = visit.strings
        let state = try store.lessonProgress(enrolmentID: enrolment.id)[lesson.id]
        // The first opening starts the lesson's clock; later views refresh "last active" at most every ten minutes,
        // so reading stays a read. Saving for offline is not opening. One read, then at most one write: what the page
        // shows (read, quiz passed, best score) is not changed by opening it.
        let stale = state == nil || (state?.lastActivityAt ?? .distantPast) < Date().addingTimeInterval(-600)
        if stale, request.headers[OfflinePages.offlineSaveHeader] == nil {
            try writeOnTheSide { try store.markLessonOpened(enrolmentID: enrolment.id, lessonID: lesson.id) }
        }
        let readForm: HTML = state?.completedAt == nil ? """
            <form method="post" action="/learn/\(enrolment.id)/\(lesson.id)/read">
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <button type="submit">\(s.markRead)</button>
            </form>
            """ : ""
        let quizLink: HTML = state?.quizPassedAt == nil
            ? "<p><a class=\"button\" href=\"/learn/\(enrolment.id)/\(lesson.id)/quiz\">\(s.takeQuiz)</a></p>"
            : "<p class=\"notice ok\">\(s.quizPassed) \(state?.bestScore.map { s.bestScore($0) } ?? "")</p>"
        let nextLesson = course.lessons.first { $0.number == lesson.number + 1 }
        return page(visit, title: lesson.title[visit.language], lessonArticle(visit, course: course, lesson: lesson,
                                                                              kitAddress: "/learn/\(enrolment.id)/\(lesson.id)/kit.pdf", footer: """
            <div class="lesson-actions">
            \(readForm)
            \(quizLink)
            <p><a href="/learn/\(enrolment.id)">\(s.backToCourse)</a>\(nextLesson.map { " · <a href=\"/learn/\(enrolment.id)/\($0.id)\">\(s.nextLesson)</a>" as HTML })</p>
            </div>
            """))
    }

    func markLessonRead(_ request: Request) throws -> Response {
        let (visit, _, enrolment, course) = try ownEnrolment(request)
        try checkForm(visit, try request.form())
        guard let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        try store.markLessonRead(enrolmentID: enrolment.id, lessonID: lesson.id, cap: TimeInterval(lesson.minutes * 60 * 3))
        if try store.completeEnrolmentIfDone(enrolment.id, lessonCount: course.lessons.count) {
            try courseCompleted(enrolment)
        }
        return .redirect(to: "/learn/\(enrolment.id)/\(lesson.id)/quiz")
    }

    // MARK: Quizzes

    func quizPage(_ request: Request) throws -> Response {
        let (visit, _, enrolment, course) = try ownEnrolment(request)
        guard let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        let s = visit.strings
        let attempts = try store.quizAttempts(enrolmentID: enrolment.id, lessonID: lesson.id)
        guard attempts.count < course.maxAttempts else {
            throw HTTPError(409, s.noAttemptsLeft)
        }
        let attemptNumber = attempts.count + 1
        // The draw is fixed here, not at submission: every copy of this page (one saved for offline use too) asks
        // the same questions until they are answered.
        let draw = try store.pendingDraw(enrolmentID: enrolment.id, lessonID: lesson.id) { seen in
            let seed = UInt64.random(in: .min ... .max)
            return (seed, QuizDraw.items(for: lesson.quiz, seen: seen, seed: seed))
        }
        let drawn = draw.items.compactMap { lesson.quiz.question($0) }
        let questions = drawn.enumerated().map { index, question in
            questionFieldset(visit, question: question, number: index + 1, seed: draw.seed)
        }
        let bankNote: HTML = drawn.count < lesson.quiz.questions.count
            ? " · \(AssessmentText.for(visit.language).drawnForAttempt(drawn.count, lesson.quiz.questions.count))" : ""
        return page(visit, title: "\(s.quiz): \(lesson.title[visit.language])", """
            <p class="crumbs"><a href="/learn/\(enrolment.id)">\(course.title[visit.language])</a> · \(s.lessonNumber(lesson.number))</p>
            <h1>\(s.quiz): \(lesson.title[visit.language])</h1>
            <p class="muted">\(s.attemptOf(attemptNumber, course.maxAttempts)) · \(s.scoreLine(0, course.passMark).components(separatedBy: ". ").last ?? "")\(bankNote)</p>
            <form method="post" action="/learn/\(enrolment.id)/\(lesson.id)/quiz" class="quiz" data-queue>
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <input type="hidden" name="client_key" value="\(Secrets.randomToken())">
            <input type="hidden" name="draw" value="\(draw.id)">
            \(questions)
            <button type="submit">\(s.submitAnswers)</button>
            </form>
            """)
    }

    private func questionFieldset(_ visit: Visit, question: Question, number: Int, seed: UInt64) -> HTML {
        let s = visit.strings
        let language = visit.language
        let options = question.presentedOptions(seed: seed)
        let hint: String = switch question.kind {
        case .single, .truefalse: s.chooseOne
        case .multiple: s.chooseAll
        case .ordering: s.putInOrder
        }
        let controls: [HTML] = options.map { option in
            let id = "q-\(question.id)-\(option.id)"
            switch question.kind {
            case .single, .truefalse:
                return "<li><input type=\"radio\" id=\"\(id)\" name=\"q.\(question.id)\" value=\"\(option.id)\" required> <label for=\"\(id)\">\(option.text[language])</label></li>"
            case .multiple:
                return "<li><input type=\"checkbox\" id=\"\(id)\" name=\"q.\(question.id)\" value=\"\(option.id)\"> <label for=\"\(id)\">\(option.text[language])</label></li>"
            case .ordering:
                let choices = (1...options.count).map { "<option value=\"\($0)\">\($0)</option>" as HTML }
                return """
                    <li><label for="\(id)">\(option.text[language])</label>
                    <select id="\(id)" name="o.\(question.id).\(option.id)" required><option value="">\(s.position)…</option>\(choices)</select></li>
                    """
            }
        }
        return """
            <fieldset class="question" id="question-\(question.id)">
            <legend><span class="number">\(number).</span> \(question.prompt[language])</legend>
            <p class="hint">\(hint)</p>
            <ul class="options \(question.kind.rawValue)">\(controls)</ul>
            </fieldset>
            """
    }

    /// Reads answers from form fields: `q.<question>` (chosen options) and `o.<question>.<option>` (positions).
    static func answers(from form: Parameters, _ text: AssessmentText) throws -> [String: [String]] {
        var answers: [String: [String]] = [:]
        var positions: [String: [(Int, String)]] = [:]
        for (name, value) in form.pairs {
            let parts = name.split(separator: ".", maxSplits: 2).map(String.init)
            if parts.count == 2, parts[0] == "q" {
                answers[parts[1], default: []].append(value)
            } else if parts.count == 3, parts[0] == "o" {
                guard let position = Int(value) else { throw HTTPError.badRequest(text.positionMissing) }
                positions[parts[1], default: []].append((position, parts[2]))
            }
        }
        for (question, placed) in positions {
            guard Set(placed.map(\.0)).count == placed.count else { throw HTTPError.badRequest(text.positionTwice) }
            answers[question] = placed.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return answers
    }

    func submitQuiz(_ request: Request) throws -> Response {
        let (visit, _, enrolment, course) = try ownEnrolment(request)
        let form = try request.form()
        try checkForm(visit, form)
        guard let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        let text = AssessmentText.for(visit.language)
        guard let drawID = form["draw"].flatMap({ Int64($0) }) else { throw HTTPError.badRequest(text.drawMissing) }
        guard let draw = try store.quizDraw(id: drawID), draw.enrolmentID == enrolment.id, draw.lessonID == lesson.id else {
            throw HTTPError.badRequest(text.drawForeign)
        }
        let outcome = try gradeAndRecord(visit, enrolment: enrolment, course: course, lesson: lesson, draw: draw,
                                         answers: try LearningPages.answers(from: form, text), clientKey: form["client_key"])
        return .redirect(to: "/learn/\(enrolment.id)/\(lesson.id)/attempts/\(outcome.attempt.attemptNumber)")
    }

    /// Grades the drawn items on the server and records the attempt. A submission repeated with the same client key
    /// (a reply lost on a weak line) gets the attempt already recorded.
    func gradeAndRecord(_ visit: Visit, enrolment: EnrolmentRecord, course: Course, lesson: Lesson, draw: QuizDrawRecord,
                        answers: [String: [String]], clientKey: String?) throws -> AttemptOutcome {
        let text = AssessmentText.for(visit.language)
        let grade: QuizGrade
        do {
            grade = try lesson.quiz.grade(answers, items: draw.items, passMark: course.passMark)
        } catch {
            throw HTTPError.badRequest(text.answersDoNotFit)
        }
        let outcome: AttemptOutcome
        do {
            outcome = try store.recordQuizAttempt(
                enrolmentID: enrolment.id, versionID: enrolment.courseVersionID, lessonID: lesson.id, lessonIDs: course.lessons.map(\.id),
                drawID: draw.id, answers: answers, responses: ItemResponse.of(lesson.quiz, items: draw.items, answers: answers),
                score: grade.score, passed: grade.passed, maxAttempts: course.maxAttempts,
                clientKey: clientKey.flatMap { $0.isEmpty || $0.count > 100 ? nil : "\(enrolment.id):\($0)" })
        } catch LearningError.noAttemptsLeft {
            throw HTTPError(409, visit.strings.noAttemptsLeft)
        } catch LearningError.drawAlreadyAnswered {
            throw HTTPError(409, text.drawAnswered)
        } catch LearningError.unknownDraw {
            throw HTTPError.badRequest(text.drawForeign)
        }
        if outcome.completedCourse { try courseCompleted(enrolment) }
        return outcome
    }

    func attemptPage(_ request: Request) throws -> Response {
        let (visit, _, enrolment, course) = try ownEnrolment(request)
        let number = Int(try request.integer("attempt", in: 1...Int64(Int32.max)))
        guard let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        let attempts = try store.quizAttempts(enrolmentID: enrolment.id, lessonID: lesson.id)
        guard let attempt = attempts.first(where: { $0.attemptNumber == number }) else { throw HTTPError.notFound() }
        let s = visit.strings
        let text = AssessmentText.for(visit.language)
        let language = visit.language
        // Attempts recorded before draws showed every item.
        let items = try store.quizDraw(attemptID: attempt.id)?.items ?? lesson.quiz.questions.map(\.id)
        let grade = try lesson.quiz.grade(attempt.answers, items: items, passMark: course.passMark)
        let remaining = course.maxAttempts - attempts.count
        let passedEver = try store.lessonProgress(enrolmentID: enrolment.id)[lesson.id]?.quizPassedAt != nil
        // Until the learner passes or has no attempt left, a wrong answer points back to the lesson without the key.
        let reveal = passedEver || remaining <= 0
        let feedback = items.compactMap { lesson.quiz.question($0) }.enumerated().map { index, question -> HTML in
            let chosen = attempt.answers[question.id] ?? []
            let right = grade.correct[question.id] == true
            let heading: HTML = "<h2><span class=\"number\">\(index + 1).</span> \(question.prompt[language]) — \(right ? s.correctAnswer : s.wrongAnswer)</h2>"
            let chosenTexts = chosen.compactMap { id in question.options.first { $0.id == id }?.text[language] }
            guard right || reveal else {
                let document = lesson.document(language)
                // The section to reread; the whole lesson for items written before anchors.
                let section = question.reread.flatMap { anchor in document.heading(anchor: anchor).map { (anchor, $0) } }
                let target: HTML = if let (anchor, heading) = section {
                    "<a href=\"/learn/\(enrolment.id)/\(lesson.id)#\(anchor)\">\(LessonRenderer.inline(heading))</a>"
                } else {
                    "<a href=\"/learn/\(enrolment.id)/\(lesson.id)\">\(lesson.title[language])</a>"
                }
                let answer: HTML = chosenTexts.isEmpty ? "" : "<p class=\"muted\">\(text.yourAnswer): \(chosenTexts.joined(separator: question.kind == .ordering ? " → " : "; "))</p>"
                return """
                    <section class="feedback wrong">
                    \(heading)
                    \(answer)
                    <p class="reread">\(text.reread): \(target)</p>
                    </section>
                    """
            }
            let options = question.options.map { option -> HTML in
                let picked = chosen.contains(option.id)
                let mark: HTML = question.kind == .ordering ? "" : (option.correct ? "✓ " : "✗ ")
                return """
                    <li class="\(option.correct ? "right" : "wrong")\(picked ? " picked" : "")">\(mark)<strong>\(option.text[language])</strong>\(picked && question.kind != .ordering ? " <em>(\(s.yourChoice))</em>" as HTML : "")<br><span class="why">\(option.why[language])</span></li>
                    """
            }
            let yourOrder: HTML = question.kind == .ordering && !chosen.isEmpty
                ? "<p class=\"muted\">\(s.yourChoice): \(chosenTexts.joined(separator: " → "))</p>"
                : ""
            return """
                <section class="feedback \(right ? "right" : "wrong")">
                \(heading)
                \(question.kind == .ordering ? "<p>\(s.correctOrder):</p>" as HTML : "")
                <\(question.kind == .ordering ? "ol" : "ul") class="options">\(options)</\(question.kind == .ordering ? "ol" : "ul")>
                \(yourOrder)
                </section>
                """
        }
        let next = course.lessons.first { $0.number == lesson.number + 1 }
        let actions: HTML = if attempt.passed || passedEver {
            next.map { "<p><a class=\"button\" href=\"/learn/\(enrolment.id)/\($0.id)\">\(s.nextLesson): \($0.title[language])</a></p>" }
                ?? "<p><a class=\"button\" href=\"/learn/\(enrolment.id)\">\(s.backToCourse)</a></p>"
        } else if remaining > 0 {
            "<p><a class=\"button\" href=\"/learn/\(enrolment.id)/\(lesson.id)/quiz\">\(s.retakeQuiz)</a> <span class=\"muted\">\(s.attemptsLeft(remaining))</span></p>"
        } else {
            "<p class=\"notice error\">\(s.noAttemptsLeft)</p>"
        }
        let verdict = attempt.passed ? s.quizPassed : (reveal ? s.quizNotPassed : text.notPassedReread)
        let hidden = !reveal && grade.correct.values.contains(false)
        return page(visit, title: "\(s.quiz): \(lesson.title[language])", """
            <p class="crumbs"><a href="/learn/\(enrolment.id)">\(course.title[language])</a> · \(s.lessonNumber(lesson.number))</p>
            <h1>\(s.quiz): \(lesson.title[language])</h1>
            <p class="notice \(attempt.passed ? "ok" : "error")" role="status"><strong>\(verdict)</strong><br>\(s.scoreLine(attempt.score, course.passMark)) \(s.attemptOf(attempt.attemptNumber, course.maxAttempts))</p>
            \(actions)
            \(hidden ? "<p class=\"muted\">\(text.keysLater)</p>" as HTML : "")
            \(feedback)
            """)
    }

    /// Called once when an enrolment's last lesson is done: the certificate rules listen here.
    func courseCompleted(_ enrolment: EnrolmentRecord) throws {
        try store.audit(actorID: enrolment.personID, action: "course-completed", subject: "enrolment:\(enrolment.id)", about: enrolment.personID, address: nil)
        logger.info("course completed", metadata: ["enrolment": "\(enrolment.id)", "course": "\(enrolment.courseID)"])
        try certification.issueIfEarned(enrolment)
    }
}
