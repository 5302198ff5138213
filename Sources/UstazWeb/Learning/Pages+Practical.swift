import Foundation
import HTTPServer
import UstazCore
import UstazStore

/// The classroom practical: the teacher reports on a lesson taught in their own class, their trainer accepts it or
/// returns it with a comment, and a coordinator or administrator hands waiting reports to another trainer when theirs
/// has gone quiet. The certificate waits for acceptance.
extension LearningPages {
    // MARK: The teacher's report

    private func practicalEnrolment(_ request: Request) throws -> (Visit, Person, EnrolmentRecord, Course) {
        let (visit, viewer, enrolment, course) = try ownEnrolment(request)
        guard course.requiresPractical else { throw HTTPError.notFound() }
        return (visit, viewer, enrolment, course)
    }

    func practicalPage(_ request: Request) throws -> Response {
        let (visit, _, enrolment, course) = try practicalEnrolment(request)
        let record = try store.practical(enrolmentID: enrolment.id)
        return practicalForm(visit, enrolment: enrolment, course: course, record: record, fields: nil, problems: [])
    }

    func submitPractical(_ request: Request) throws -> Response {
        let (visit, _, enrolment, course) = try practicalEnrolment(request)
        let form = try request.form()
        try checkForm(visit, form)
        let text = PracticalText.for(visit.language)
        var fields: [String: String] = [:]
        for field in PracticalReport.Field.allCases { fields[field.rawValue] = form[field.rawValue] }
        let record = try store.practical(enrolmentID: enrolment.id)
        switch PracticalReport.read(fields, lessonIDs: course.lessons.map(\.id), today: .today) {
        case .failure(let problems):
            return practicalForm(visit, enrolment: enrolment, course: course, record: record, fields: fields, problems: problems.list,
                                 status: 422)
        case .success(let report):
            guard let cohort = try store.cohort(id: enrolment.cohortID) else { throw HTTPError.notFound() }
            let clientKey = form["client_key"].flatMap { $0.isEmpty || $0.count > 100 ? nil : $0 }
            do {
                // A report returned for revision goes back to whoever returned it; a first one to the cohort's trainer.
                _ = try store.submitPractical(enrolmentID: enrolment.id, reviewerID: record?.reviewerID ?? cohort.trainerID,
                                              report: report, clientKey: clientKey)
            } catch PracticalError.notOpenForSubmission(let status) {
                throw HTTPError.conflict(status == .accepted ? text.alreadyAccepted : text.waitingForTrainer)
            }
            try store.audit(actorID: enrolment.personID, action: "practical-submitted", subject: "enrolment:\(enrolment.id)",
                            about: enrolment.personID, address: request.remoteAddress)
            return .redirect(to: "/learn/\(enrolment.id)/practical")
        }
    }

    private func practicalForm(_ visit: Visit, enrolment: EnrolmentRecord, course: Course, record: PracticalRecord?,
                               fields: [String: String]?, problems: [PracticalReport.Problem], status: Int = 200) -> Response {
        let text = PracticalText.for(visit.language)
        let language = visit.language
        let shown = fields ?? record.map(LearningPages.fields) ?? [:]
        let comment: HTML = record?.comment.map { "<div class=\"notice\"><strong>\(text.trainerComment):</strong> \($0)</div>" } ?? ""
        let state: HTML = "<p class=\"notice\(record?.status == .accepted ? " ok" : "")\" role=\"status\">\(text.title): \(text.status(record?.status))</p>"
        let errors: HTML = problems.isEmpty ? "" : "<div class=\"notice error\" role=\"alert\"><ul>\(problems.map { "<li>\(text.message($0))</li>" as HTML })</ul></div>"
        let open = record == nil || record?.status == .returned
        func area(_ field: PracticalReport.Field, rows: Int) -> HTML {
            let range = PracticalReport.limits[field]!
            return """
                <label for="\(field.rawValue)">\(text.label(field)) <small class="muted">(\(text.characters(range.lowerBound, range.upperBound)))</small></label>
                <textarea id="\(field.rawValue)" name="\(field.rawValue)" rows="\(rows)" minlength="\(range.lowerBound)" maxlength="\(range.upperBound)"\(range.lowerBound > 0 ? " required" as HTML : "")\(open ? "" : " readonly" as HTML)>\(shown[field.rawValue] ?? "")</textarea>
                """
        }
        let lessons = course.lessons.map { lesson -> HTML in
            "<option value=\"\(lesson.id)\"\(shown[PracticalReport.Field.lessonID.rawValue] == lesson.id ? " selected" as HTML : "")>\(lesson.number). \(lesson.title[language])</option>"
        }
        let button: HTML = open ? "<button type=\"submit\">\(record == nil ? text.send : text.sendAgain)</button>" : ""
        return page(visit, title: text.title, status: status, """
            <p class="crumbs"><a href="/learn/\(enrolment.id)">\(course.title[language])</a></p>
            <h1>\(text.title)</h1>
            <p>\(text.intro)</p>
            \(state)
            \(comment)
            \(errors)
            <form method="post" action="/learn/\(enrolment.id)/practical" class="stack practical" data-queue>
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <input type="hidden" name="client_key" value="\(Secrets.randomToken())">
            <p class="notice"><strong>\(text.noPupilNames)</strong></p>
            <label for="taught_on">\(text.taughtOn)</label>
            <input type="date" id="taught_on" name="taught_on" value="\(shown["taught_on"] ?? "")" min="\(Day.today.adding(days: -PracticalReport.oldestDays).iso)" max="\(Day.today.iso)" required\(open ? "" : " readonly" as HTML)>
            <label for="class_name">\(text.className)</label>
            <input id="class_name" name="class_name" value="\(shown["class_name"] ?? "")" maxlength="40" required\(open ? "" : " readonly" as HTML)>
            <label for="lesson_id">\(text.lesson)</label>
            <select id="lesson_id" name="lesson_id" required\(open ? "" : " disabled" as HTML)>\(lessons)</select>
            \(area(.pupilsDid, rows: 5))
            \(area(.pupilQuestion, rows: 2))
            \(area(.wouldChange, rows: 4))
            \(area(.adaptedPlan, rows: 8))
            \(button)
            </form>
            """)
    }

    static func fields(_ record: PracticalRecord) -> [String: String] {
        let report = record.report
        return ["taught_on": report.taughtOn.iso, "class_name": report.className, "lesson_id": report.lessonID, "pupils_did": report.pupilsDid,
                "pupil_question": report.pupilQuestion, "would_change": report.wouldChange, "adapted_plan": report.adaptedPlan ?? ""]
    }

    // MARK: The trainer's decision

    /// The report of an enrolment, for its reviewer and for those who oversee the cohort; every view is audited.
    private func overseenPractical(_ request: Request) throws -> (Visit, Person, EnrolmentRecord, Course, PracticalRecord) {
        let (visit, viewer) = try signedIn(request)
        guard let id = Int64(try request.parameter("enrolment")), let enrolment = try store.enrolment(id: id),
              let record = try store.practical(enrolmentID: id), let cohort = try store.cohort(id: enrolment.cohortID),
              let course = try library.course(versionID: enrolment.courseVersionID) else { throw HTTPError.notFound() }
        try recordView(request, by: viewer, subject: "practical enrolment:\(enrolment.id)", about: enrolment.personID)
        return (visit, viewer, enrolment, course, record)
    }

    func practicalReviewPage(_ request: Request) throws -> Response {
        let (visit, viewer, enrolment, course, record) = try overseenPractical(request)
        return practicalReview(visit, viewer: viewer, enrolment: enrolment, course: course, record: record, error: nil)
    }

    private func practicalReview(_ visit: Visit, viewer: Person, enrolment: EnrolmentRecord, course: Course, record: PracticalRecord,
                                 error: String?, status: Int = 200) -> Response {
        let text = PracticalText.for(visit.language)
        let language = visit.language
        let report = record.report
        let teacher = (try? store.person(id: enrolment.personID))?.fullName ?? ""
        let lesson = course.lesson(report.lessonID)
        func row(_ label: String, _ value: String) -> HTML { "<dt>\(label)</dt><dd class=\"prose\">\(value)</dd>" }
        let decision: HTML = record.status == .submitted && record.reviewerID == viewer.id ? """
            <form method="post" action="/practicals/\(enrolment.id)" class="stack card">
            \(error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="comment">\(text.comment)</label>
            <textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
            <div class="buttons"><button type="submit" name="decision" value="accept">\(text.accept)</button>
            <button type="submit" name="decision" value="return" class="secondary">\(text.returnIt)</button></div>
            </form>
            """ : ""
        return page(visit, title: "\(text.title): \(teacher)", status: status, """
            <p class="crumbs"><a href="/cohorts/\(enrolment.cohortID)">\(course.title[language])</a></p>
            <h1>\(text.title): \(teacher)</h1>
            <p class="notice" role="status">\(text.status(record.status)) · \(text.sentOn) \(Formatting.date(Day(record.submittedAt), language))</p>
            \(record.comment.map { "<p><strong>\(text.trainerComment):</strong> \($0)</p>" as HTML })
            <dl class="report">
            \(row(text.taughtOn, Formatting.date(report.taughtOn, language)))
            \(row(text.className, report.className))
            \(row(text.lesson, lesson.map { "\($0.number). \($0.title[language])" } ?? report.lessonID))
            \(row(text.pupilsDid, report.pupilsDid))
            \(row(text.pupilQuestion, report.pupilQuestion))
            \(row(text.wouldChange, report.wouldChange))
            \(report.adaptedPlan.map { row(text.adaptedPlan, $0) })
            </dl>
            \(decision)
            """)
    }

    func decidePractical(_ request: Request) throws -> Response {
        let (visit, viewer, enrolment, course, record) = try overseenPractical(request)
        let form = try request.form()
        try checkForm(visit, form)
        let text = PracticalText.for(visit.language)
        guard let decision = form["decision"], ["accept", "return"].contains(decision) else {
            throw HTTPError.badRequest(text.notPending)
        }
        let comment = (form["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if decision == "return", comment.isEmpty {
            return practicalReview(visit, viewer: viewer, enrolment: enrolment, course: course, record: record,
                                   error: text.commentRequired, status: 422)
        }
        do {
            _ = try store.decidePractical(enrolmentID: enrolment.id, reviewerID: viewer.id, accept: decision == "accept",
                                          comment: comment.isEmpty ? nil : String(comment.prefix(2000)))
        } catch PracticalError.notTheReviewer {
            throw HTTPError.forbidden(text.notTheReviewer)
        } catch PracticalError.notPending {
            throw HTTPError.conflict(text.notPending)
        }
        try store.audit(actorID: viewer.id, action: "practical-\(decision == "accept" ? "accepted" : "returned")",
                        subject: "enrolment:\(enrolment.id)", about: enrolment.personID, address: request.remoteAddress)
        if decision == "accept", let current = try store.enrolment(id: enrolment.id), current.completedAt != nil {
            _ = try certification.issueIfEarned(current)
        }
        return .redirect(to: "/cohorts/\(enrolment.cohortID)")
    }

    // MARK: Waiting reports and reassignment

    /// Waiting reports of a cohort, for its page.
    func pendingPracticalsSection(_ visit: Visit, cohortID: Int64) throws -> HTML {
        let waiting = try store.pendingPracticals(cohortID: cohortID)
        guard !waiting.isEmpty else { return "" }
        let text = PracticalText.for(visit.language)
        let rows = waiting.map { item -> HTML in
            "<li><a href=\"/practicals/\(item.record.enrolmentID)\">\(item.teacherName)</a> <span class=\"muted\">· \(text.sentOn) \(Formatting.date(Day(item.record.submittedAt), visit.language)) · \(text.reviewer): \(item.reviewerName)</span></li>"
        }
        return "<section class=\"card\" id=\"practicals\"><h2>\(text.waiting) (\(waiting.count))</h2><ul>\(rows)</ul></section>"
    }

    /// Coordinators (their region) and administrators (everywhere) see every waiting report with its reviewer's last
    /// activity, and may hand a report to another trainer.
    func practicalsPage(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        return try practicalsList(visit, region: try practicalsScope(viewer), error: nil)
    }

    /// Administrators see every region (nil); a coordinator their own.
    private func practicalsScope(_ viewer: Person) throws -> String? {
        if viewer.has(.admin) { return nil }
        if viewer.has(.coordinator), let region = viewer.coordinatorRegion { return region }
        throw HTTPError.forbidden()
    }

    private func practicalsList(_ visit: Visit, region: String?, error: String?, status: Int = 200) throws -> Response {
        let text = PracticalText.for(visit.language)
        let language = visit.language
        let query = try listQuery(visit, path: "/practicals")
        let waiting = ListPage(fetched: try store.pendingPracticals(regionID: region, page: query.page), request: query.page)
        let table = listTable(query, waiting, head: """
            <th scope="col">\(text.teacher)</th><th scope="col">\(text.sentOn)</th>
            <th scope="col">\(text.reviewer)</th><th scope="col">\(text.lastActive)</th><th scope="col">\(text.reassign)</th>
            """) { item -> HTML in
            """
            <tr><td><a href="/practicals/\(item.record.enrolmentID)">\(item.teacherName)</a><br><small class="muted">\(item.cohortName)</small></td>
            <td>\(Formatting.date(Day(item.record.submittedAt), language))</td><td>\(item.reviewerName)</td>
            <td>\(item.reviewerLastSeen.map { Formatting.date(Day($0), language) } ?? text.never)</td>
            <td><form method="post" action="/practicals/\(item.record.enrolmentID)/reassign" class="inline">
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label class="visually-hidden" for="to-\(item.record.enrolmentID)">\(text.reassignTo)</label>
            <input id="to-\(item.record.enrolmentID)" name="login" required maxlength="100" placeholder="\(text.reassignTo)">
            <button type="submit">\(text.reassign)</button></form></td></tr>
            """
        }
        return page(visit, title: text.waiting, status: status, """
            <h1>\(text.waiting)</h1>
            \(error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            \(waiting.items.isEmpty && query.page.number == 1 ? "<p class=\"muted\">\(text.noneWaiting)</p>" as HTML : table)
            """)
    }

    func reassignPractical(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let region = try practicalsScope(viewer)
        let form = try request.form()
        try checkForm(visit, form)
        let text = PracticalText.for(visit.language)
        guard let id = Int64(try request.parameter("enrolment")), let enrolment = try store.enrolment(id: id),
              try store.practical(enrolmentID: id) != nil else { throw HTTPError.notFound() }
        guard let login = form["login"]?.trimmingCharacters(in: .whitespaces), let reviewer = try store.person(login: login),
              reviewer.has(.leadTrainer) || reviewer.has(.masterTrainer), reviewer.id != enrolment.personID else {
            return try practicalsList(visit, region: region, error: text.unknownReviewer, status: 422)
        }
        do {
            try store.reassignPractical(enrolmentID: id, to: reviewer.id)
        } catch PracticalError.notPending {
            throw HTTPError.conflict(text.notPending)
        }
        try store.audit(actorID: viewer.id, action: "practical-reassigned", subject: "enrolment:\(id) to person:\(reviewer.id)",
                        about: enrolment.personID, address: request.remoteAddress)
        return .redirect(to: "/practicals")
    }
}
