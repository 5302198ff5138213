import Credentials
import Foundation
import HTTPServer
import Passwords
import UstazCore
import UstazStore

extension PrivacyPages {
    /// Profiles, password reset, personal-data export and erasure, and the audit log (docs/SECURITY.md).
    /// `ResetCodePermission`: administrators for anyone but themselves; a trainer only for a plain teacher whose link to
    /// them is an account they created or a join by code, never an account a name or IIN matched.
    private func mayIssueResetCode(_ viewer: Person, _ person: Person) throws -> Bool {
        ResetCodePermission.allows(viewerID: viewer.id, viewerRoles: viewer.roles, personID: person.id, personRoles: person.roles,
                                   links: try store.enrolmentLinks(personID: person.id))
    }

    private func requestedPerson(_ request: Request) throws -> (Visit, Person, Person) {
        let (visit, viewer) = try signedIn(request)
        guard let person = try store.person(id: try request.integer("person")) else { throw HTTPError.notFound() }
        return (visit, viewer, person)
    }

    /// Administrators only: the routes declare it (RecordPolicy.personAdministrator).
    private func administeredPerson(_ request: Request) throws -> (Visit, Person, Person) { try requestedPerson(request) }

    // MARK: Profile

    func profilePage(_ request: Request) throws -> Response {
        let (visit, viewer, person) = try requestedPerson(request)
        guard let details = try store.personDetails(id: person.id) else { throw HTTPError.notFound() }
        let s = visit.strings, p = visit.strings.privacy
        try recordView(request, by: viewer, subject: "profile", about: person.id)
        let region = person.regionID.flatMap(Region.named).map { $0.name[visit.language] }
        func row(_ label: String, _ value: String?) -> HTML {
            "<dt>\(label)</dt><dd>\(value.flatMap { $0.isEmpty ? nil : $0 } ?? p.noValue)</dd>"
        }
        let roles = person.roles.map { s.roleNames[$0] ?? $0.rawValue }.joined(separator: ", ")
        // A trainer sees what the person does in the trainer's own cohorts; an administrator sees everything.
        let ownCohorts = viewer.has(.admin) ? nil : Set(try store.cohortSummaries(trainerID: viewer.id).map(\.cohort.id))
        let visibleEnrolments = Set(try store.enrolments(personID: person.id)
            .filter { ownCohorts?.contains($0.cohortID) ?? true }.map(\.id))
        let learning = try store.enrolmentSummaries(personID: person.id).filter { visibleEnrolments.contains($0.enrolmentID) }.map { summary -> HTML in
            "<li>\(catalogue.course(summary.courseID)?.title[visit.language] ?? summary.courseID) — \(summary.cohortName)\(summary.completed ? " ✓" : "")</li>"
        }
        let certificates = try store.credentials(personID: person.id)
            .filter { credential in ownCohorts.map { cohorts in credential.cohortID.map(cohorts.contains) ?? false } ?? true }
            .map { credential -> HTML in
            "<li>\(s.credentialNames[credential.kind] ?? credential.kind.rawValue) — \(credential.serial)\(credential.revokedAt != nil ? " (\(s.statusRevokedTitle))" : "")</li>"
        }
        var actions: [HTML] = []
        if details.erasedAt == nil, try mayIssueResetCode(viewer, person) {
            actions.append("""
                <form method="post" action="/people/\(person.id)/reset-code" class="stack card narrow">
                <input type="hidden" name="_csrf" value="\(visit.csrfToken)"><p>\(p.resetCodeIntro)</p>
                <button type="submit">\(p.issueResetCode)</button></form>
                """)
        }
        if viewer.has(.admin) {
            actions.append("<p><a href=\"/people/\(person.id)/export\">\(p.exportData)</a> · <a href=\"/admin/audit?person=\(person.id)\">\(p.auditLog)</a>\(details.erasedAt == nil ? " · <a href=\"/people/\(person.id)/erase\">\(p.erase)</a>" as HTML : "")</p>")
        }
        return page(visit, title: p.profile, """
            <h1><bdi>\(person.fullName)</bdi></h1>
            \(details.erasedAt != nil ? "<p class=\"notice\">\(p.erasedNote)</p>" as HTML : "")
            <dl class="facts">
            \(row(s.login, person.login))\(row(p.contact, person.email))\(row(p.phone, details.phone))\(row(p.iinMasked, details.iinMasked))
            \(row(p.school, details.schoolName))\(row(s.regionLabel, region))\(row(s.yourRoles, roles))
            </dl>
            <h2>\(p.enrolments)</h2><ul class="items">\(learning)</ul>
            <h2>\(s.myCertificates)</h2><ul class="items">\(certificates)</ul>
            \(actions)
            """)
    }

    // MARK: Password reset

    func issueResetCode(_ request: Request) throws -> Response {
        let (visit, viewer, person) = try requestedPerson(request)
        try checkForm(visit, try request.form())
        guard try !store.isErased(personID: person.id) else {
            throw HTTPError.notFound()
        }
        let p = visit.strings.privacy
        guard person.isActivated else { throw HTTPError.conflict(p.notActivatedYet) }
        let code = try store.issueResetCode(personID: person.id, codeHash: Secrets.hash, now: Date())
        try store.audit(actorID: viewer.id, action: "reset-code-issued", subject: nil, about: person.id, address: request.remoteAddress)
        let link = "\(configuration.baseURL)/reset?code=\(code)"
        let qr = try QRCode.encode(link)
        let side = qr.sizeWithQuietZone * 3
        var response = page(visit, title: p.resetCardTitle, """
            <p class="crumbs"><a href="/people/\(person.id)">\(p.profile)</a></p>
            <h1>\(p.resetCardTitle)</h1>
            <ul class="activation-sheet"><li class="activation-card"><strong><bdi>\(person.fullName)</bdi></strong>
            <span class="code">\(code)</span>
            <svg class="qr" role="img" aria-label="\(p.resetCode)" viewBox="0 0 \(side) \(side)"><rect width="100%" height="100%" fill="#fff"/><path d="\(qr.svgPath(moduleSize: 3, originX: 0, originY: 0))" fill="#000"/></svg>
            <small>\(configuration.baseURL)/reset</small>
            <p>\(p.resetCardHelp(Int(Store.resetCodeLifetime / 3600)))</p></li></ul>
            """)
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    func resetPage(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let (token, headers) = formToken(for: visit)
        return resetForm(visit, token: token, code: request.query["code"] ?? "", error: nil, headers: headers)
    }

    private func resetForm(_ visit: Visit, token: String, code: String, error: String?, status: Int = 200,
                           headers: HTTPHeaders = HTTPHeaders()) -> Response {
        let s = visit.strings, p = visit.strings.privacy
        return page(visit, title: p.resetTitle, status: status, headers: headers, """
            <section class="card narrow"><h1>\(p.resetTitle)</h1><p>\(p.resetIntro)</p>
            \(error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            <form method="post" action="/reset" class="stack"><input type="hidden" name="_csrf" value="\(token)">
            <label for="code">\(p.resetCode)</label><input id="code" name="code" required autocomplete="one-time-code" autocapitalize="characters" value="\(code)">
            <label for="password">\(p.newPassword)</label><input id="password" name="password" type="password" required autocomplete="new-password" minlength="10">
            <label for="password_again">\(s.repeatPassword)</label><input id="password_again" name="password_again" type="password" required autocomplete="new-password" minlength="10">
            <button type="submit">\(p.setPassword)</button></form></section>
            """)
    }

    func resetPassword(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let s = visit.strings, p = visit.strings.privacy
        let form = try request.form()
        try checkForm(visit, form)
        let code = OneTimeCodes.typedCode(form)
        let password = form["password"] ?? ""
        func refuse(_ message: String, status: Int = 422) -> Response {
            resetForm(visit, token: visit.csrfToken, code: code, error: message, status: status)
        }
        if codes.codeGuessingIsBlocked(purpose: "password-reset", request) { return OneTimeCodes.throttled(refuse(s.signInThrottled, status: 429)) }
        guard password.count >= 10 else { return refuse(s.passwordTooShort) }
        guard password == form["password_again"] else { return refuse(s.passwordsDiffer) }
        let hash = passwords.hashPassword(password)
        guard let person = try codes.redeem(code, purpose: "password-reset", request, { personID, transaction in
            try transaction.replacePassword(personID: personID, passwordHash: hash)
        }) else { return refuse(p.resetInvalid, status: 410) }
        try store.audit(actorID: person.id, action: "password-reset", subject: nil, about: person.id, address: request.remoteAddress)
        var response = Response.redirect(to: "/me")
        response.headers.add("Set-Cookie", try startSession(for: person))
        return response
    }

    // MARK: Printed one-time codes (activation, reset)

    // MARK: Export

    private func personalDataResponse(_ personID: Int64) throws -> Response {
        guard let data = try store.personalData(personID: personID) else { throw HTTPError.notFound() }
        var response = Response.bytes(Array(data), contentType: "application/json; charset=utf-8")
        response.headers["Content-Disposition"] = "attachment; filename=\"ustaz-person-\(personID).json\""
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    func exportOwnData(_ request: Request) throws -> Response {
        let (_, viewer) = try signedIn(request)
        try recordView(request, by: viewer, subject: "export", about: viewer.id)
        return try personalDataResponse(viewer.id)
    }

    func exportPerson(_ request: Request) throws -> Response {
        let (_, viewer, person) = try administeredPerson(request)
        try recordView(request, by: viewer, subject: "export", about: person.id)
        return try personalDataResponse(person.id)
    }

    // MARK: Erasure

    func erasurePage(_ request: Request) throws -> Response {
        let (visit, _, person) = try administeredPerson(request)
        return erasureForm(visit, person: person, error: nil)
    }

    private func erasureForm(_ visit: Visit, person: Person, error: String?, status: Int = 200) -> Response {
        let p = visit.strings.privacy
        return page(visit, title: p.eraseTitle, status: status, """
            <p class="crumbs"><a href="/people/\(person.id)">\(p.profile)</a></p>
            <section class="card narrow"><h1>\(p.eraseTitle): <bdi>\(person.fullName)</bdi></h1><p>\(p.eraseExplain)</p>
            \(error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            <form method="post" action="/people/\(person.id)/erase" class="stack"><input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label><input type="checkbox" name="confirm" value="yes" required> \(p.eraseConfirm)</label>
            <button type="submit" class="secondary">\(p.erase)</button></form></section>
            """)
    }

    func erasePerson(_ request: Request) throws -> Response {
        let (visit, viewer, person) = try administeredPerson(request)
        let form = try request.form()
        try checkForm(visit, form)
        let p = visit.strings.privacy
        guard form["confirm"] == "yes" else { return erasureForm(visit, person: person, error: p.eraseNeedsConfirmation, status: 422) }
        guard !person.has(.admin), person.id != viewer.id else { throw HTTPError.conflict(p.eraseRefusedAdmin) }
        let report: ErasureReport
        do {
            // The placeholder is language-neutral on purpose: it is printed wherever the name was.
            guard let done = try store.erasePerson(personID: person.id, placeholder: PrivacyText.en.erasedPlaceholder) else {
                throw HTTPError.notFound()
            }
            report = done
        } catch let error as StoreError {
            throw HTTPError.conflict(error.description)
        }
        try store.audit(actorID: viewer.id, action: "person-erased", subject: "revoked:\(report.revokedSerials.count)",
                        about: person.id, address: request.remoteAddress)
        return page(visit, title: p.eraseTitle, """
            <h1>\(p.eraseTitle)</h1><p class="notice ok" role="status">\(p.eraseDone(report.revokedSerials.count))</p>
            <p><a href="/admin/audit?person=\(person.id)">\(p.auditLog)</a></p>
            """)
    }

    // MARK: Audit log

    static let auditPageSize = 50

    /// The filter the query asks for; nil when it names a person or actor who does not exist (the page and the CSV
    /// then answer 404). A number is read by the typed reader (400 beyond Int64); anything else is a login.
    private func auditFilter(_ query: Parameters) throws -> AuditFilter? {
        func personID(_ field: String) throws -> Int64?? {
            let text = (query[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return .some(nil) }
            let digits = text.hasPrefix("-") ? text.dropFirst() : text[...]
            if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
                let id = try TypedParameters.integer(text, name: field, in: -Int64.max...Int64.max)
                return try store.person(id: id) == nil ? nil : .some(id)
            }
            return try store.person(login: text).map { .some($0.id) } ?? nil
        }
        func day(_ field: String) -> String? { query[field].flatMap(Day.init(iso:))?.iso }
        guard let person = try personID("person"), let actor = try personID("actor") else { return nil }
        let action = (query["action"] ?? "").trimmingCharacters(in: .whitespaces)
        return AuditFilter(personID: person, actorID: actor, fromDay: day("from"), untilDay: day("until"), action: action.isEmpty ? nil : action)
    }

    /// The filtered log as CSV for a spreadsheet (cells that could run as formulas are neutralised by `CSV.write`).
    func auditCSV(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        guard let filter = try auditFilter(request.query) else {
            throw HTTPError.notFound(visit.strings.privacy.unknownPersonFilter)
        }
        let entries = try store.auditEntries(filter, limit: 100_000, offset: 0).entries
        let rows = [["at", "actor_id", "actor", "action", "person_id", "person", "subject", "address"]] + entries.map { entry in
            [entry.at, entry.actorID.map(String.init) ?? "", entry.actorName ?? "", entry.action, entry.personID.map(String.init) ?? "",
             entry.personName ?? "", entry.subject ?? "", entry.address ?? ""]
        }
        try store.audit(actorID: viewer.id, action: "view", subject: "audit export (\(entries.count) entries)", about: filter.personID,
                        address: request.remoteAddress)
        var response = Response.text(CSV.write(rows), contentType: "text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = "attachment; filename=\"ustaz-audit.csv\""
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    /// The most pages the log is paged to: 50 entries a page, so 20 million entries.
    static let auditPageLimit: Int64 = 400_000

    func auditPage(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let p = visit.strings.privacy
        let query = request.query
        let filter = try auditFilter(query)
        let pageNumber = Int(try query.integer("page", in: 1...PrivacyPages.auditPageLimit) ?? 1)
        let (entries, total) = try filter.map {
            try store.auditEntries($0, limit: PrivacyPages.auditPageSize, offset: (pageNumber - 1) * PrivacyPages.auditPageSize)
        } ?? ([], 0)
        let pages = max(1, (total + PrivacyPages.auditPageSize - 1) / PrivacyPages.auditPageSize)
        func who(_ id: Int64?, _ name: String?, field: String) -> HTML {
            guard let id else { return "—" }
            return "<a href=\"/admin/audit?\(field)=\(id)\"><bdi>\(name ?? "#\(id)")</bdi></a> <span class=\"muted\">#\(id)</span>"
        }
        let rows = entries.map { entry -> HTML in
            """
            <tr><td>\(entry.at)</td><td>\(who(entry.actorID, entry.actorName, field: "actor"))</td><td>\(entry.action)</td>
            <td>\(who(entry.personID, entry.personName, field: "person"))</td><td>\(entry.subject ?? "")</td><td>\(entry.address ?? "")</td></tr>
            """
        }
        func link(toPage number: Int) -> String {
            var pairs = query.pairs.filter { $0.name != "page" }
            pairs.append((name: "page", value: String(number)))
            return "/admin/audit?" + pairs.map { "\($0.name.urlEncoded)=\($0.value.urlEncoded)" }.joined(separator: "&")
        }
        let value: (String) -> String = { query[$0] ?? "" }
        return page(visit, title: p.auditLog, status: filter == nil ? 404 : 200, """
            <h1>\(p.auditLog)</h1><p>\(p.auditIntro)</p>
            <form method="get" action="/admin/audit" class="filters">
            <label>\(p.auditPerson) <input name="person" value="\(value("person"))"></label>
            <label>\(p.auditActor) <input name="actor" value="\(value("actor"))"></label>
            <label>\(p.auditAction) <input name="action" value="\(value("action"))"></label>
            <label>\(p.auditFrom) <input name="from" type="date" value="\(value("from"))"></label>
            <label>\(p.auditUntil) <input name="until" type="date" value="\(value("until"))"></label>
            <button type="submit">\(p.filter)</button></form>
            \(filter != nil ? "" : "<p class=\"notice error\" role=\"alert\">\(p.unknownPersonFilter)</p>" as HTML)
            <p><a href="\(link(toPage: 1).replacingOccurrences(of: "/admin/audit?", with: "/admin/audit.csv?"))">CSV</a></p>
            <p class="muted">\(p.pageOf(pageNumber, pages, total))</p>
            \(entries.isEmpty ? "<p class=\"muted\">\(p.noEntries)</p>" as HTML : """
            <div class="table-scroll"><table class="data"><thead><tr><th scope="col">\(p.auditWhen)</th><th scope="col">\(p.auditActor)</th>
            <th scope="col">\(p.auditAction)</th><th scope="col">\(p.auditPerson)</th><th scope="col">\(p.auditSubject)</th>
            <th scope="col">\(p.auditAddress)</th></tr></thead><tbody>\(rows)</tbody></table></div>
            """)
            <nav class="pager">\(pageNumber > 1 ? "<a rel=\"prev\" href=\"\(link(toPage: pageNumber - 1))\">\(p.newer)</a>" as HTML : "")
            \(pageNumber < pages ? "<a rel=\"next\" href=\"\(link(toPage: pageNumber + 1))\">\(p.older)</a>" as HTML : "")</nav>
            """)
    }
}
