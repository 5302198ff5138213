import Credentials
import Foundation
import HTTPServer
import UstazCore
import UstazStore

extension CascadePages {
    // MARK: CSV enrolment (all or nothing)

    func importRoster(_ request: Request) throws -> Response {
        let (visit, viewer, cohort) = try cohorts.overseenCohort(request)
        let s = visit.strings
        let parts = try request.multipart()
        let fields = Parameters(parts.compactMap { $0.filename == nil ? ($0.name, $0.text ?? "") : nil })
        try checkForm(visit, fields)
        guard let file = parts.first(where: { $0.name == "file" }), let text = file.text else {
            throw HTTPError.badRequest(s.errors.attachCSV)
        }
        func rejected(_ problems: [String]) -> Response {
            page(visit, title: s.enrolByCSV, status: 422, """
                <p class="crumbs"><a href="/cohorts/\(cohort.id)">\(cohort.name)</a></p>
                <h1>\(s.enrolByCSV)</h1>
                <p class="notice error" role="alert">\(s.importRejected)</p>
                <ul class="problems">\(problems.map { "<li>\($0)</li>" as HTML })</ul>
                """)
        }
        let rows: [CSVRow]
        do { rows = try CSV.parse(text) } catch { return rejected([error.description]) }
        return try enrolRows(rows, visit: visit, viewer: viewer, cohort: cohort, request: request, rejected: rejected)
    }

    /// One teacher added by hand goes through exactly the same checks as a CSV file of one row.
    func addTeacher(_ request: Request) throws -> Response {
        let (visit, viewer, cohort) = try cohorts.overseenCohort(request)
        let form = try request.form()
        try checkForm(visit, form)
        // An empty form would be a file of no rows, "accepted" with nobody added.
        guard !(form["full_name"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HTTPError.unprocessable(visit.strings.fieldRequired)
        }
        let rows = [CSVRow(line: 1, fields: ["full_name", "school_code", "iin"]),
                    CSVRow(line: 2, fields: [form["full_name"] ?? "", form["school_code"] ?? "", form["iin"] ?? ""])]
        return try enrolRows(rows, visit: visit, viewer: viewer, cohort: cohort, request: request) { problems in
            self.page(visit, title: visit.strings.addOne, status: 422, """
                <p class="crumbs"><a href="/cohorts/\(cohort.id)">\(cohort.name)</a></p>
                <h1>\(visit.strings.addOne)</h1>
                <ul class="notice error problems" role="alert">\(problems.map { "<li>\($0.replacingOccurrences(of: "line 2, ", with: ""))</li>" as HTML })</ul>
                """)
        }
    }

    private func enrolRows(_ rows: [CSVRow], visit: Visit, viewer: Person, cohort: CohortRecord, request: Request,
                           rejected: ([String]) -> Response) throws -> Response {
        let s = visit.strings
        let result: TeacherImportResult
        switch try rosters.importTeachers(rows: rows, cohortID: cohort.id, by: .trainer, language: visit.language) {
        case .success(let imported): result = imported
        case .failure(let problems): return rejected(problems.lines)
        }
        try store.audit(actorID: viewer.id, action: "roster-imported",
                        subject: "cohort:\(cohort.id) created:\(result.created.count) enrolled:\(result.enrolled)", address: request.remoteAddress)
        // A printable sheet: each new teacher's code, and a QR that opens the activation form with it filled in.
        for created in result.created {
            try recordView(request, by: viewer, subject: "activation-card cohort:\(cohort.id)", about: created.personID)
        }
        let cards = try result.created.map { created -> HTML in
            let link = "\(configuration.baseURL)/activate?code=\(created.activationCode)"
            let qr = try QRCode.encode(link)
            let side = qr.sizeWithQuietZone * 3
            return """
                <li class="activation-card"><strong>\(created.name)</strong>
                <span class="code">\(created.activationCode)</span>
                <svg class="qr" role="img" aria-label="\(s.activationCode)" viewBox="0 0 \(side) \(side)"><rect width="100%" height="100%" fill="#fff"/><path d="\(qr.svgPath(moduleSize: 3, originX: 0, originY: 0))" fill="#000"/></svg>
                <small>\(configuration.baseURL)/activate</small></li>
                """
        }
        return page(visit, title: s.enrolByCSV, """
            <p class="crumbs"><a href="/cohorts/\(cohort.id)">\(cohort.name)</a></p>
            <h1>\(s.enrolByCSV)</h1>
            <p class="notice ok" role="status">\(s.importDone(result.created.count, result.enrolled))</p>
            \(cards.isEmpty ? "" : "<p>\(s.activationCodes)</p><ul class=\"activation-sheet\">\(cards)</ul>" as HTML)
            """)
    }


    // MARK: Activation of imported teachers

    func activationPage(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let (token, headers) = formToken(for: visit)
        return activationForm(visit, token: token, code: request.query["code"] ?? "", error: nil, headers: headers)
    }

    private func activationForm(_ visit: Visit, token: String, code: String, error: String?, status: Int = 200,
                                headers: HTTPHeaders = HTTPHeaders()) -> Response {
        let s = visit.strings
        return page(visit, title: s.activateTitle, status: status, headers: headers, """
            <section class="card narrow"><h1>\(s.activateTitle)</h1><p>\(s.activateIntro)</p>
            \(error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            <form method="post" action="/activate" class="stack"><input type="hidden" name="_csrf" value="\(token)">
            <label for="code">\(s.activationCode)</label><input id="code" name="code" required autocomplete="one-time-code" autocapitalize="characters" value="\(code)">
            <label for="login">\(s.login)</label><input id="login" name="login" required autocomplete="username" autocapitalize="none">
            <label for="password">\(s.password)</label><input id="password" name="password" type="password" required autocomplete="new-password" minlength="10">
            <button type="submit">\(s.activate)</button></form></section>
            """)
    }

    func activate(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let s = visit.strings
        let form = try request.form()
        try checkForm(visit, form)
        let code = OneTimeCodes.typedCode(form)
        let login = (form["login"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        func refuse(_ message: String, status: Int = 422) -> Response {
            activationForm(visit, token: visit.csrfToken, code: code, error: message, status: status)
        }
        if codes.codeGuessingIsBlocked(purpose: "activation", request) { return OneTimeCodes.throttled(refuse(s.signInThrottled, status: 429)) }
        guard !login.isEmpty else { return refuse(s.fieldRequired) }
        guard password.count >= 10 else { return refuse(s.passwordTooShort) }
        // The code first: without a valid one, nothing is said about logins, and the attempt counts as a guess.
        guard try codes.oneTimeCodeIsValid(code, purpose: "activation", request) else { return refuse(s.activationInvalid, status: 410) }
        if try store.loginExists(login) { return refuse(s.loginTaken) }
        let hash = passwords.hashPassword(password)
        let redeemed: Person?
        do {
            redeemed = try codes.redeem(code, purpose: "activation", request) { personID, transaction in
                try transaction.activate(personID: personID, login: login, passwordHash: hash)
            }
        } catch ActivationError.loginTaken {
            return refuse(s.loginTaken)
        } catch ActivationError.alreadyActive {
            redeemed = nil
        }
        guard let person = redeemed else { return refuse(s.activationInvalid, status: 410) }
        try store.audit(actorID: person.id, action: "account-activated", subject: nil, about: person.id, address: request.remoteAddress)
        var response = Response.redirect(to: "/me")
        response.headers.add("Set-Cookie", try startSession(for: person))
        return response
    }

    // MARK: Lineage and fidelity

    func lineagePage(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let s = visit.strings
        let language = visit.language
        let personID = request.parameters["person"] == nil ? viewer.id : try request.integer("person")
        guard let person = try store.person(id: personID) else { throw HTTPError.notFound() }
        // Oneself, an admin, or someone above the person in the cascade: RecordPolicy.lineageViewer.
        let own = try store.credentials(personID: personID)
        if personID != viewer.id { try recordView(request, by: viewer, subject: "lineage", about: personID) }
        let up = try own.first.map { try store.credentialChain(serial: $0.serial) } ?? []
        let upItems = up.map { credential -> HTML in
            "<li>\(credential.holderName) — \(s.credentialNames[credential.kind] ?? ""), \(s.generationLabel.lowercased()) \(credential.generation) <a href=\"/v/\(credential.token)\">\(credential.serial)</a></li>"
        }
        let below = try store.lineageBelow(personID: personID).filter { $0.depth > 0 }
        let counts = Dictionary(grouping: below, by: \.credential.generation).mapValues(\.count).sorted { $0.key < $1.key }
        let tree = below.prefix(500).map { node -> HTML in
            "<li style=\"margin-left: \(node.depth - 1)rem\">\(node.credential.holderName) <span class=\"muted\">(\(s.generationLabel.lowercased()) \(node.credential.generation), \(node.credential.serial))\(node.credential.revokedAt != nil ? " — \(s.statusRevokedTitle)" : "")</span></li>"
        }
        return page(visit, title: s.lineage, """
            <h1>\(s.lineage): \(person.fullName)</h1>
            \(upItems.isEmpty ? "" : "<ol class=\"chain\">\(upItems)</ol>" as HTML)
            <h2>\(s.lineageBelow)</h2>
            <table class="data"><thead><tr><th scope="col">\(s.generationLabel)</th><th scope="col">\(s.learnersCount)</th></tr></thead>
            <tbody>\(counts.map { "<tr><td>\($0.key)</td><td>\(Formatting.number($0.value, language))</td></tr>" as HTML })</tbody></table>
            <ul class="tree">\(tree)</ul>
            """)
    }

    func fidelityPage(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let s = visit.strings
        let scope: (key: String, region: String?, beneath: Int64?)
        if viewer.has(.admin) {
            scope = ("national", nil, nil)
        } else if viewer.has(.coordinator), let region = viewer.coordinatorRegion {
            scope = ("region:" + region, region, nil)
        } else if viewer.has(.masterTrainer) {
            scope = ("beneath:\(viewer.id)", nil, viewer.id)
        } else {
            throw HTTPError.forbidden()
        }
        let query = try listQuery(visit)
        let t = query.text
        let report = try fidelityReports.value(for: scope.key, counter: try store.outcomesChangeCounter()) { [store] in
            try FidelityReport(outcomes: try store.fidelityOutcomes(regionID: scope.region, beneathPersonID: scope.beneath), store: store)
        }
        let trainerText = SearchKey.fold(query.value("trainer"))
        let matching = trainerText.isEmpty ? report.value.trainers : report.value.trainers.filter { $0.foldedName.contains(trainerText) }
        let trainers = ListPage(slicing: matching, request: query.page)
        func score(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
        func rate(_ value: Double) -> String { String(format: "%.0f %%", value) }
        // Accepted classroom-practical reports of those submitted, with how many were submitted.
        func practicals(_ summary: Fidelity.Summary) -> String {
            summary.practicalAcceptanceRate.map { "\(rate($0)) (\(summary.practicalsAccepted)/\(summary.practicals))" } ?? "—"
        }
        let generations = report.value.generations.map { row -> HTML in
            "<tr><td>\(row.generation)</td><td>\(Formatting.number(row.summary.learners, visit.language))</td><td>\(rate(row.summary.completionRate))</td><td>\(score(row.summary.meanScore))</td><td>\(practicals(row.summary))</td></tr>"
        }
        let head: HTML = "<th scope=\"col\">\(s.learnersCount)</th><th scope=\"col\">\(s.completionRate)</th><th scope=\"col\">\(s.meanScore)</th><th scope=\"col\">\(PracticalText.for(visit.language).acceptanceRate)</th>"
        let trainerTable = listTable(query, trainers, head: """
            <th scope="col">\(s.trainer)</th><th scope="col">\(s.generationLabel)</th>\(head)<th scope="col">\(t.concern)</th>
            """) { row -> HTML in
            let trainer = row.summary
            return """
                <tr class="\(trainer.flagged ? "flagged" : "")"><td><a href="/lineage/\(trainer.trainerID)">\(row.name)</a>\(trainer.flagged ? " <strong class=\"badge status-rejected\">\(s.flaggedTrainer)</strong>" as HTML : "")</td>
                <td>\(trainer.generation)</td><td>\(trainer.summary.learners)</td><td>\(rate(trainer.summary.completionRate))</td><td>\(score(trainer.summary.meanScore))</td><td>\(practicals(trainer.summary))</td>
                <td>\(trainer.judged ? String(format: "%.1f", trainer.concern) : t.notJudged)</td></tr>
                """
        }
        return page(visit, title: s.fidelity, """
            <h1>\(s.fidelity)</h1>
            <p>\(s.fidelityIntro)</p>
            <p class="muted">\(t.figuresAsOf(Formatting.time(report.asOf, visit.language)))</p>
            <h2>\(s.perGeneration)</h2>
            <table class="data"><thead><tr><th scope="col">\(s.generationLabel)</th>\(head)</tr></thead><tbody>\(generations)</tbody></table>
            <h2 id="trainers">\(s.trainer)</h2>
            <p>\(t.concernIntro)</p>
            \(filterForm(query, searchField(query, name: "trainer", label: t.trainerNameOrLogin)))
            \(trainerTable)
            """)
    }
}

/// Fidelity for one scope, computed once per change: generations, then trainers by concern with the
/// names a search needs, so a page of it is a slice of memory.
struct FidelityReport: Sendable {
    struct GenerationRow: Sendable {
        var generation: Int
        var summary: Fidelity.Summary
    }

    struct TrainerRow: Sendable {
        var summary: Fidelity.TrainerSummary
        var name: String
        var foldedName: String
    }

    var generations: [GenerationRow]
    var trainers: [TrainerRow]

    init(outcomes: [Fidelity.Outcome], store: Store) throws {
        generations = Fidelity.byGeneration(outcomes).sorted { $0.key < $1.key }.map { GenerationRow(generation: $0.key, summary: $0.value) }
        let ranked = Fidelity.byConcern(outcomes)
        let names = try store.names(of: Array(Set(ranked.map(\.trainerID))))
        trainers = ranked.map { summary in
            let name = names[summary.trainerID] ?? "#\(summary.trainerID)"
            return TrainerRow(summary: summary, name: name, foldedName: SearchKey.fold(name))
        }
    }
}
