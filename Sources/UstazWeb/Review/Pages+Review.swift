import Foundation
import HTTPServer
import UstazCore
import UstazStore

extension ReviewPages {
    /// Reviewers and administrators (the routes declare it).
    func reviewer(_ request: Request) throws -> (Visit, Person) { try signedIn(request) }

    private func statusLabel(_ status: String, _ s: Strings) -> HTML {
        let text = switch status {
        case "approved": s.statusApproved
        case "rejected": s.statusRejected
        case "retired": s.statusRetired
        default: s.statusInReview
        }
        return "<span class=\"badge status-\(status)\">\(text)</span>"
    }

    /// Latest decision per lesson.
    private func latestDecisions(_ reviews: [LessonReview]) -> [String: LessonReview] {
        var latest: [String: LessonReview] = [:]
        for review in reviews { latest[review.lessonID] = review }
        return latest
    }

    func reviewQueue(_ request: Request) throws -> Response {
        let (visit, _) = try reviewer(request)
        let s = visit.strings
        let versions = try store.courseVersions().sorted { ($0.status == "in-review" ? 0 : 1, -$0.id) < ($1.status == "in-review" ? 0 : 1, -$1.id) }
        let rows = try versions.compactMap { version -> HTML? in
            guard let course = try library.course(versionID: version.id) else { return nil }
            let approved = latestDecisions(try store.reviews(versionID: version.id)).values.filter { $0.decision == "approved" }.count
            return """
                <tr><td><a href="/review/\(version.id)">\(course.title[visit.language])</a></td>
                <td><code>\(String(version.contentHash.prefix(12)))</code></td>
                <td>\(statusLabel(version.status, s))</td>
                <td>\(s.lessonsApproved(min(approved, course.lessons.count), course.lessons.count))</td></tr>
                """
        }
        return page(visit, title: s.review, """
            <h1>\(s.review)</h1>
            <p>\(s.reviewIntro)</p>
            <table class="data"><thead><tr><th scope="col">\(s.catalogue)</th><th scope="col">\(s.versionLabel)</th><th scope="col">\(s.statusInReview)?</th><th scope="col">\(s.lessons)</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """)
    }

    func reviewedVersion(_ request: Request) throws -> (CourseVersionRecord, Course) {
        guard let version = try store.courseVersion(id: try request.integer("version")),
              let course = try library.course(versionID: version.id) else { throw HTTPError.notFound() }
        return (version, course)
    }

    func reviewVersion(_ request: Request) throws -> Response {
        let (visit, _) = try reviewer(request)
        let s = visit.strings
        let (version, course) = try reviewedVersion(request)
        let reviews = try store.reviews(versionID: version.id)
        let latest = latestDecisions(reviews)
        let lessons = course.lessons.map { lesson -> HTML in
            "<li><a href=\"/review/\(version.id)/\(lesson.id)\">\(s.lessonNumber(lesson.number)). \(lesson.title[visit.language])</a> \(latest[lesson.id].map { statusLabel($0.decision, s) } ?? statusLabel("in-review", s))</li>"
        }
        return page(visit, title: "\(s.review): \(course.title[visit.language])", """
            <p class="crumbs"><a href="/review">\(s.review)</a></p>
            <h1>\(course.title[visit.language])</h1>
            <p>\(s.versionLabel) <code>\(version.contentHash)</code> · \(statusLabel(version.status, s))</p>
            <p><a href="/review/\(version.id)/statistics">\(AssessmentText.for(visit.language).itemStatistics)</a></p>
            <ol class="items">\(lessons)</ol>
            \(history(reviews, course: course, visit: visit))
            """)
    }

    private func history(_ reviews: [LessonReview], course: Course, visit: Visit) -> HTML {
        let s = visit.strings
        let rows = reviews.reversed().map { review -> HTML in
            let lesson = course.lesson(review.lessonID)
            return """
                <tr><td>\(Formatting.date(Day(review.decidedAt), visit.language))</td><td>\(review.reviewerName)</td>
                <td>\(lesson.map { s.lessonNumber($0.number) } ?? review.lessonID)</td><td>\(statusLabel(review.decision, s))</td><td>\(review.comment ?? "")</td></tr>
                """
        }
        return """
            <h2>\(s.reviewHistory)</h2>
            \(reviews.isEmpty ? "<p class=\"muted\">\(s.noReviewsYet)</p>" as HTML : "<table class=\"data\"><tbody>\(rows)</tbody></table>")
            """
    }

    func reviewLesson(_ request: Request) throws -> Response {
        let (visit, viewer) = try reviewer(request)
        let (version, course) = try reviewedVersion(request)
        guard let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        return reviewLessonPage(visit, viewer: viewer, version: version, course: course, lesson: lesson, error: nil)
    }

    private func reviewLessonPage(_ visit: Visit, viewer: Person, version: CourseVersionRecord, course: Course, lesson: Lesson,
                                  error: String?, status: Int = 200) -> Response {
        let s = visit.strings
        let language = visit.language
        let document = lesson.document(language)
        let text = AssessmentText.for(language)
        let objectives = Dictionary(document.objectives.map { ($0.id, $0.text) }, uniquingKeysWith: { first, _ in first })
        let quiz = lesson.quiz.questions.enumerated().map { index, question -> HTML in
            let options = question.options.map { option -> HTML in
                let mark: HTML = option.correct ? " <strong class=\"badge ok\">\(s.correctMark)</strong>" : ""
                return "<li>\(option.text[language])\(mark)<br><span class=\"why\">\(option.why[language])</span></li>"
            }
            let list: HTML = question.kind == .ordering ? "<ol>\(options)</ol>" : "<ul>\(options)</ul>"
            var notes: [HTML] = []
            if let objective = question.objective {
                notes.append("\(text.objective) \(objective): \(LessonRenderer.inline(objectives[objective] ?? ""))")
            }
            if let anchor = question.reread {
                notes.append("\(text.rereadAnchor): \(LessonRenderer.inline(document.heading(anchor: anchor) ?? anchor))")
            }
            let about: HTML = notes.isEmpty ? "" : "<p class=\"muted\">\(HTML.join(notes, separator: " · "))</p>"
            return "<section class=\"feedback\" id=\"item-\(question.id)\"><h3>\(index + 1). \(question.prompt[language]) <small class=\"muted\">(\(question.id), \(question.kind.rawValue))</small></h3>\(about)\(list)</section>"
        }
        let isAuthor = viewer.login.map { (try? store.courseVersionAuthors(versionID: version.id))?.contains($0.lowercased()) == true } ?? false
        let form: HTML = if version.status != "in-review" {
            "<p class=\"notice\">\(s.notInReview)</p>"
        } else if isAuthor {
            "<p class=\"notice error\">\(s.ownCourse)</p>"
        } else if viewer.has(.reviewer) {
            """
            <form method="post" action="/review/\(version.id)/\(lesson.id)" class="stack card">
            \(error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="comment">\(s.commentLabel)</label>
            <textarea id="comment" name="comment" rows="3"></textarea>
            <div class="buttons"><button type="submit" name="decision" value="approve">\(s.approve)</button>
            <button type="submit" name="decision" value="reject" class="secondary">\(s.reject)</button></div>
            </form>
            """
        } else { "" }
        return page(visit, title: "\(s.review): \(lesson.title[language])", status: status, """
            <p class="crumbs"><a href="/review/\(version.id)">\(course.title[language])</a> · \(s.lessonNumber(lesson.number))</p>
            \(form)
            <article class="lesson" lang="\(language.rawValue)"><h1>\(document.title)</h1>\(library.lessonBody(course, lesson, language))</article>
            \(KitPages.kitForReview(visit, version: version, course: course, lesson: lesson, library: library))
            <h2>\(s.quiz)</h2>
            <p>\(text.bank(lesson.quiz.questions.count, lesson.quiz.itemsPerAttempt))</p>
            \(quiz)
            """)
    }

    func decideLesson(_ request: Request) throws -> Response {
        let (visit, viewer) = try reviewer(request)
        let form = try request.form()
        try checkForm(visit, form)
        let (version, course) = try reviewedVersion(request)
        guard let lesson = course.lesson(try request.parameter("lesson")) else { throw HTTPError.notFound() }
        if let login = viewer.login, try store.courseVersionAuthors(versionID: version.id).contains(login.lowercased()) {
            throw HTTPError.forbidden(visit.strings.ownCourse)
        }
        guard let decision = form["decision"], ["approve", "reject"].contains(decision) else {
            throw HTTPError.badRequest(visit.strings.errors.decisionChoice)
        }
        let comment = (form["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if decision == "reject", comment.isEmpty {
            return reviewLessonPage(visit, viewer: viewer, version: version, course: course, lesson: lesson,
                                    error: visit.strings.commentRequired, status: 422)
        }
        do {
            _ = try store.recordLessonReview(versionID: version.id, lessonID: lesson.id, lessonIDs: course.lessons.map(\.id),
                                             reviewerID: viewer.id, approve: decision == "approve",
                                             comment: comment.isEmpty ? nil : String(comment.prefix(2000)))
        } catch is StoreError {
            throw HTTPError.conflict(visit.strings.notInReview)
        }
        try store.audit(actorID: viewer.id, action: "lesson-\(decision == "approve" ? "approved" : "rejected")",
                        subject: "course-version:\(version.id)/\(lesson.id)", address: request.remoteAddress)
        let next = course.lessons.first { $0.number == lesson.number + 1 }
        return .redirect(to: next.map { "/review/\(version.id)/\($0.id)" } ?? "/review/\(version.id)")
    }
}
