import Credentials
import Foundation
import HTTPServer
import UstazCore
import UstazStore

extension CohortPages {
    // MARK: Who sees which cohort

    func overseenCohort(_ request: Request) throws -> (Visit, Person, CohortRecord) {
        let (visit, viewer) = try signedIn(request)
        // Who may open it is the route's declared access (RecordPolicy.cohortOverseer and friends).
        guard let cohort = try store.cohort(id: try request.integer("cohort")) else { throw HTTPError.notFound() }
        return (visit, viewer, cohort)
    }

    func refusalText(_ refusal: IssuancePolicy.Refusal, _ s: Strings) -> String {
        switch refusal {
        case .trainerHasNoCredential: s.refusedNoCredential
        case .trainerCredentialWrongKind: s.refusedWrongKind
        case .trainerCredentialInvalid: s.refusedInvalid
        case .cascadeTooDeep: s.refusedTooDeep
        case .lessonsNotDone, .practicumMissing, .practicumFailed, .practicalNotAccepted: s.refusedNoCredential
        }
    }

    // MARK: List and create

    func cohortList(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let s = visit.strings
        let query = try listQuery(visit)
        let t = query.text
        let seesRegions = viewer.has(.admin)
        let seesTrainers = viewer.has(.admin) || viewer.has(.coordinator)
        var filter = CohortFilter(text: query.value("q"), trainerText: query.value("trainer"))
        if seesRegions {
            filter.regionID = try query.region()
        } else if viewer.has(.coordinator), let region = viewer.coordinatorRegion {
            filter.regionID = region
        } else {
            filter.trainerID = viewer.id
            filter.trainerText = ""
        }
        let courseID = query.value("course")
        if !courseID.isEmpty {
            guard catalogue.course(courseID) != nil else { throw HTTPError.badRequest(t.unknownCourse) }
            filter.courseID = courseID
        }
        let statusName = query.value("status")
        if !statusName.isEmpty {
            guard let status = CohortStatus(rawValue: statusName) else { throw HTTPError.badRequest(t.unknownStatus) }
            filter.status = status
        }
        let cohorts = try store.cohorts(filter, page: query.page, today: .today)
        let courses = catalogue.courses.sorted { AccountPages.catalogueOrder($0) < AccountPages.catalogueOrder($1) }
        let courseOptions = courses.map { course -> HTML in
            "<option value=\"\(course.id)\"\(courseID == course.id ? " selected" : "")>\(course.title[visit.language])</option>"
        }
        let statusOptions = CohortStatus.allCases.map { status -> HTML in
            "<option value=\"\(status.rawValue)\"\(filter.status == status ? " selected" : "")>\(t.statusName(status))</option>"
        }
        let fields: HTML = """
            \(searchField(query, name: "q", label: t.cohortName))
            \(seesTrainers ? searchField(query, name: "trainer", label: t.trainerNameOrLogin) : "")
            \(seesRegions ? regionField(query, visit) : "")
            <div class="field"><label for="filter-course">\(s.courseLabel)</label> <select id="filter-course" name="course"><option value="">\(t.allCourses)</option>\(courseOptions)</select></div>
            <div class="field"><label for="filter-status">\(t.status)</label> <select id="filter-status" name="status"><option value="">\(t.anyStatus)</option>\(statusOptions)</select></div>
            """
        let table = listTable(query, cohorts, head: """
            <th scope="col">\(s.cohortName)</th><th scope="col">\(s.courseLabel)</th>\(seesTrainers ? "<th scope=\"col\">\(s.trainer)</th>" as HTML : "")
            <th scope="col">\(s.capacity)</th><th scope="col">\(s.completed)</th><th scope="col">\(s.startsOn) – \(s.endsOn)</th>
            """) { listing -> HTML in
            let cohort = listing.cohort
            let course = catalogue.course(cohort.courseID)?.title[visit.language] ?? cohort.courseID
            return """
                <tr><td><a href="/cohorts/\(cohort.id)">\(cohort.name)</a></td><td>\(course)</td>\(seesTrainers ? "<td>\(listing.trainerName)</td>" as HTML : "")
                <td>\(listing.members)/\(cohort.capacity)</td><td>\(listing.completed)</td>
                <td>\(cohort.startsOn) – \(cohort.endsOn)</td></tr>
                """
        }
        let canCreate = viewer.has(.leadTrainer) || viewer.has(.masterTrainer)
        return page(visit, title: s.cohorts, """
            <h1>\(s.cohorts)</h1>
            \(canCreate ? "<p><a class=\"button\" href=\"/cohorts/new\">\(s.newCohort)</a></p>" as HTML : "")
            \(filterForm(query, fields))
            \(table)
            """)
    }


    func newCohortPage(_ request: Request) throws -> Response {
        let (visit, _) = try signedIn(request)
        return cohortForm(visit, values: [:], error: nil)
    }

    private func cohortForm(_ visit: Visit, values: [String: String], error: String?, status: Int = 200) -> Response {
        let s = visit.strings
        let today = Day.today
        let courses = catalogue.courses.sorted { AccountPages.catalogueOrder($0) < AccountPages.catalogueOrder($1) }.map { course -> HTML in
            "<option value=\"\(course.id)\"\(values["course"] == course.id ? " selected" : "")>\(course.title[visit.language])</option>"
        }
        let modes = [("in-person", s.modeInPerson), ("online", s.modeOnline), ("blended", s.modeBlended)].map { value, label -> HTML in
            "<option value=\"\(value)\"\(values["mode"] == value ? " selected" : "")>\(label)</option>"
        }
        return page(visit, title: s.newCohort, status: status, """
            <section class="card narrow">
            <h1>\(s.newCohort)</h1>
            \(error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            <form method="post" action="/cohorts" class="stack">
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="name">\(s.cohortName)</label><input id="name" name="name" required maxlength="120" value="\(values["name"] ?? "")">
            <label for="course">\(s.courseLabel)</label><select id="course" name="course">\(courses)</select>
            <label for="capacity">\(s.capacity)</label><input id="capacity" name="capacity" type="number" min="1" max="200" value="\(values["capacity"] ?? "25")">
            <label for="starts">\(s.startsOn)</label><input id="starts" name="starts" type="date" required value="\(values["starts"] ?? today.iso)">
            <label for="ends">\(s.endsOn)</label><input id="ends" name="ends" type="date" required value="\(values["ends"] ?? today.adding(days: 42).iso)">
            <label for="mode">\(s.mode)</label><select id="mode" name="mode">\(modes)</select>
            <label for="school_code">\(s.schoolCode) <span class="muted">(\(s.optionalSchoolScope))</span></label>
            <input id="school_code" name="school_code" value="\(values["school_code"] ?? "")" autocapitalize="characters">
            <button type="submit">\(s.createCohort)</button>
            </form>
            </section>
            """)
    }

    func createCohort(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let s = visit.strings
        let form = try request.form()
        try checkForm(visit, form)
        var values: [String: String] = [:]
        for key in ["name", "course", "capacity", "starts", "ends", "mode", "school_code"] { values[key] = (form[key] ?? "").trimmingCharacters(in: .whitespaces) }
        func refuse(_ message: String, status: Int = 422) -> Response { cohortForm(visit, values: values, error: message, status: status) }
        guard let course = catalogue.course(values["course"]!), let (published, version) = try library.published(course.id) else {
            return refuse(s.courseNotPublished)
        }
        guard !values["name"]!.isEmpty else { return refuse(s.fieldRequired) }
        guard let capacity = Int(values["capacity"]!), (1...200).contains(capacity) else { return refuse(s.capacityInvalid) }
        guard let starts = Day(iso: values["starts"]!), let ends = Day(iso: values["ends"]!), ends > starts else { return refuse(s.datesInvalid) }
        let mode = ["in-person", "online", "blended"].contains(values["mode"]!) ? values["mode"]! : "in-person"
        // Eligibility: the trainer's own credential decides which cohorts they may run.
        let required = IssuancePolicy.requiredTrainerKind(for: published.credential)
        let kinds: [CredentialKind] = required == .leadTrainer ? [.leadTrainer, .masterTrainer] : [required]
        let credential = try store.validCredential(personID: viewer.id, kinds: kinds, on: .today)
            ?? store.credentials(personID: viewer.id).first { $0.supersededBy == nil }
        let standing = credential?.standing
        if let refusal = issuancePolicy.mayRunCohort(earning: published.credential, trainer: standing, on: .today) {
            return refuse(refusalText(refusal, s), status: 403)
        }
        // A cohort may be run for one school; otherwise its region is the trainer's.
        var scopedSchool: School?
        if let code = values["school_code"], !code.isEmpty {
            guard let found = try store.school(code: code.uppercased()) else { return refuse(s.unknownSchool) }
            scopedSchool = found
        }
        let school = try scopedSchool ?? viewer.schoolID.flatMap { try store.school(id: $0) }
        let cohort = try store.createCohort(
            name: String(values["name"]!.prefix(120)), courseID: course.id, courseVersionID: version.id, trainerID: viewer.id,
            trainerCredentialID: credential!.id, regionID: school?.regionID ?? viewer.regionID, schoolID: scopedSchool?.id, capacity: capacity,
            startsOn: starts.iso, endsOn: ends.iso, mode: mode, joinCode: CohortPages.newJoinCode())
        try store.audit(actorID: viewer.id, action: "cohort-created", subject: "cohort:\(cohort.id)", address: request.remoteAddress)
        return .redirect(to: "/cohorts/\(cohort.id)")
    }

    /// Eight characters people can read aloud and type on a phone: no 0/O, 1/I/L.
    static func newJoinCode() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let code = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(code[0..<4]) + "-" + String(code[4...])
    }

    // MARK: The cohort page: join code, progress matrix, who needs help, enrolment, practicum

    func cohortPage(_ request: Request) throws -> Response {
        let (visit, viewer, cohort) = try overseenCohort(request)
        let s = visit.strings
        let language = visit.language
        guard let course = try library.course(versionID: cohort.courseVersionID) else { throw HTTPError.notFound() }
        let members = try store.cohortMembers(cohortID: cohort.id).sortedByName(\.name)
        try recordView(request, by: viewer, subject: "members cohort:\(cohort.id)", about: nil)
        // Profiles (contact details, reset codes) are for the cohort's trainer and administrators.
        let linksProfiles = cohort.trainerID == viewer.id || viewer.has(.admin)
        let progress = try store.cohortProgress(cohortID: cohort.id)
        let failed = try store.lessonsFailedTwice(cohortID: cohort.id)
        let today = Day.today
        let starts = Day(iso: cohort.startsOn) ?? today, ends = Day(iso: cohort.endsOn) ?? today
        var needsHelp: [HTML] = []
        let header = course.lessons.map { "<th scope=\"col\" title=\"\($0.title[language])\">\($0.number)</th>" as HTML }
        let rows = members.map { member -> HTML in
            let lessons = progress[member.enrolmentID] ?? [:]
            let cells = course.lessons.map { lesson -> HTML in
                guard let state = lessons[lesson.id] else { return "<td class=\"cell none\">·</td>" }
                if state.isDone { return "<td class=\"cell done\" title=\"\(s.statusDone)\">\(state.bestScore ?? 0)</td>" }
                if (failed[member.enrolmentID] ?? []).contains(lesson.id) { return "<td class=\"cell failed\" title=\"\(s.wrongAnswer)\">✗</td>" }
                return "<td class=\"cell started\" title=\"\(s.statusOpened)\">\(state.bestScore.map(String.init) ?? "…")</td>"
            }
            let last = lessons.values.compactMap(\.lastActivityAt).max()
            let state = FallingBehind.LearnerState(
                lessonsDone: lessons.values.filter(\.isDone).count, lastActivity: last.map(Day.init), enrolledOn: Day(member.enrolledAt),
                lessonsFailedTwice: failed[member.enrolmentID] ?? [], completed: member.completedAt != nil)
            let flags = FallingBehind.flags(for: state, lessonCount: course.lessons.count, starts: starts, ends: ends, today: today)
            if !flags.isEmpty {
                let reasons = flags.map { flag -> String in
                    switch flag {
                    case .inactive(let days): s.flagInactive(days)
                    case .failedTwice(let lesson): s.flagFailedTwice(course.lesson(lesson)?.number ?? 0)
                    case .behindPace(let done, let expected): s.flagBehind(done, expected)
                    }
                }
                needsHelp.append("<li><strong>\(member.name)</strong> — \(reasons.joined(separator: "; "))</li>")
            }
            return """
                <tr><th scope="row">\(linksProfiles ? "<a href=\"/people/\(member.personID)\">\(member.name)</a>" as HTML : "\(member.name)")\(member.schoolName.map { "<br><small class=\"muted\">\($0)</small>" as HTML })</th>\(cells)
                <td>\(last.map { Formatting.date(Day($0), language) } ?? "—")</td>\(practicumCell(visit, viewer: viewer, cohort: cohort, course: course, member: member))</tr>
                """
        }
        let joinURL = "\(configuration.baseURL)/join/\(cohort.joinCode)"
        let qr = try QRCode.encode(joinURL)
        let module = 4.0
        let side = Double(qr.sizeWithQuietZone) * module
        let isTrainer = cohort.trainerID == viewer.id
        let leadTrack = course.credential == .leadTrainer
        return page(visit, title: cohort.name, """
            <p class="crumbs"><a href="/cohorts">\(s.cohorts)</a></p>
            <h1>\(cohort.name)</h1>
            <p>\(course.title[language]) · \(Formatting.date(starts, language)) – \(Formatting.date(ends, language)) · \(s.members(members.count))/\(cohort.capacity)</p>
            <div class="columns">
            <section class="card join">
            <h2>\(s.joinCode)</h2>
            <p class="join-code">\(cohort.joinCode)</p>
            <svg class="qr" role="img" aria-label="\(s.scanToJoin)" viewBox="0 0 \(Int(side)) \(Int(side))" width="\(Int(side))" height="\(Int(side))"><rect width="100%" height="100%" fill="#fff"/><path d="\(qr.svgPath(moduleSize: module, originX: 0, originY: 0))" fill="#000"/></svg>
            <p class="muted">\(s.scanToJoin): \(joinURL)</p>
            </section>
            <section class="card"><h2>\(s.needsHelp)</h2>
            \(needsHelp.isEmpty ? "<p class=\"muted\">\(s.noOneBehind)</p>" as HTML : "<ul>\(needsHelp)</ul>")</section>
            </div>
            \(try learning.pendingPracticalsSection(visit, cohortID: cohort.id))
            <h2>\(s.progressMatrix)</h2>
            <div class="table-scroll"><table class="data matrix"><thead><tr><th scope="col">\(s.learner)</th>\(header)<th scope="col">\(s.lastActivity)</th>\(leadTrack ? "<th scope=\"col\">\(s.practicum)</th>" as HTML : "")</tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(isTrainer ? importForm(visit, cohort: cohort) : "")
            \(members.contains { $0.completedAt != nil } ? "<p><a href=\"/cohorts/\(cohort.id)/certificates.zip\">\(s.cohortCertificates)</a></p>" as HTML : "")
            """)
    }

    private func practicumCell(_ visit: Visit, viewer: Person, cohort: CohortRecord, course: Course, member: CohortMember) -> HTML {
        guard course.credential == .leadTrainer else { return "" }
        let s = visit.strings
        let result = (try? store.practicumPassed(enrolmentID: member.enrolmentID)) ?? nil
        let label = result.map { $0 ? s.practicumPassed : s.practicumFailed } ?? s.practicumNone
        guard cohort.trainerID == viewer.id else { return "<td>\(label)</td>" }
        return """
            <td><form method="post" action="/cohorts/\(cohort.id)/practicum/\(member.enrolmentID)" class="practicum">
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label class="visually-hidden" for="p-\(member.enrolmentID)">\(s.practicum)</label>
            <select id="p-\(member.enrolmentID)" name="result"><option value="">\(label)</option><option value="passed">\(s.practicumPassed)</option><option value="failed">\(s.practicumFailed)</option></select>
            <input name="notes" placeholder="\(s.notes)" aria-label="\(s.notes)" maxlength="500">
            <button type="submit">\(s.recordPracticum)</button></form></td>
            """
    }

    private func importForm(_ visit: Visit, cohort: CohortRecord) -> HTML {
        let s = visit.strings
        return """
            <section class="card">
            <h2>\(s.addOne)</h2>
            <form method="post" action="/cohorts/\(cohort.id)/add" class="stack">
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="full_name">\(s.fullName)</label><input id="full_name" name="full_name" required maxlength="200">
            <label for="school_code">\(s.schoolCode)</label><input id="school_code" name="school_code" required>
            <label for="iin">\(s.iinOptional)</label><input id="iin" name="iin" inputmode="numeric" autocomplete="off" maxlength="14">
            <button type="submit">\(s.addToCohort)</button>
            </form>
            </section>
            \(csvUploadForm(visit, title: s.enrolByCSV, help: s.csvHelp, action: "/cohorts/\(cohort.id)/import"))
            """
    }

    func recordPracticum(_ request: Request) throws -> Response {
        let (visit, viewer, cohort) = try overseenCohort(request)
        let form = try request.form()
        try checkForm(visit, form)
        let enrolmentID = try request.integer("enrolment")
        guard let enrolment = try store.enrolment(id: enrolmentID), enrolment.cohortID == cohort.id,
              enrolment.personID != viewer.id else { throw HTTPError.notFound() }
        guard let result = form["result"], ["passed", "failed"].contains(result) else {
            throw HTTPError.badRequest(visit.strings.errors.practicumChoice)
        }
        try store.recordPracticum(enrolmentID: enrolmentID, observerID: viewer.id, passed: result == "passed",
                                  notes: form["notes"].map { String($0.prefix(500)) }, on: .today)
        try store.audit(actorID: viewer.id, action: "practicum-recorded", subject: "enrolment:\(enrolmentID) \(result)", about: enrolment.personID, address: request.remoteAddress)
        try certification.issueIfEarned(enrolment)
        return .redirect(to: "/cohorts/\(cohort.id)")
    }

    // MARK: Joining by code or QR

    func joinPage(_ request: Request) throws -> Response {
        let (visit, _) = try signedIn(request)
        let s = visit.strings
        if let code = try? request.parameter("code"), let cohort = try store.cohort(joinCode: code) {
            let course = catalogue.course(cohort.courseID)?.title[visit.language] ?? cohort.courseID
            return page(visit, title: s.joinTitle, """
                <section class="card narrow"><h1>\(s.joinConfirm(cohort.name))</h1><p>\(course)</p>
                <form method="post" action="/join" class="stack"><input type="hidden" name="_csrf" value="\(visit.csrfToken)">
                <input type="hidden" name="code" value="\(cohort.joinCode)"><button type="submit">\(s.joinButton)</button></form></section>
                """)
        }
        return joinForm(visit, error: nil)
    }

    private func joinForm(_ visit: Visit, error: String?, status: Int = 200) -> Response {
        let s = visit.strings
        return page(visit, title: s.joinTitle, status: status, """
            <section class="card narrow"><h1>\(s.joinTitle)</h1><p>\(s.joinIntro)</p>
            \(error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            <form method="post" action="/join" class="stack"><input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="code">\(s.joinCode)</label><input id="code" name="code" required autocapitalize="characters" autocomplete="off">
            <button type="submit">\(s.joinButton)</button></form></section>
            """)
    }

    func join(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let s = visit.strings
        let form = try request.form()
        try checkForm(visit, form)
        let code = (form["code"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard let cohort = try store.cohort(joinCode: code) else { return joinForm(visit, error: s.unknownJoinCode, status: 404) }
        // The person confirms with the code that they mean to join; a trainer never learns in (and so never
        // certifies themself through) their own cohort.
        let existing = AccountMatch.Existing(personID: viewer.id, roles: viewer.roles, links: try store.enrolmentLinks(personID: viewer.id))
        let origin: EnrolmentOrigin
        switch AccountMatch.decide(actor: .person, cohortID: cohort.id, cohortTrainerID: cohort.trainerID, existing: existing, key: .signedIn) {
        case .enrol(let how): origin = how
        case .refuseOwnCohort: return joinForm(visit, error: SecurityText.for(visit.language).ownCohort, status: 409)
        case .alreadyEnrolled, .create, .needsJoinCode: return joinForm(visit, error: s.alreadyEnrolled, status: 409)
        }
        do {
            let enrolmentID = try store.enrolWithinCapacity(personID: viewer.id, cohortID: cohort.id, origin: origin)
            try store.audit(actorID: viewer.id, action: "joined-cohort", subject: "cohort:\(cohort.id)", about: viewer.id, address: request.remoteAddress)
            return .redirect(to: "/learn/\(enrolmentID)")
        } catch EnrolmentError.cohortFull(let capacity) {
            return joinForm(visit, error: s.cohortFull(capacity), status: 409)
        } catch EnrolmentError.alreadyEnrolled {
            return joinForm(visit, error: s.alreadyEnrolled, status: 409)
        }
    }
}
