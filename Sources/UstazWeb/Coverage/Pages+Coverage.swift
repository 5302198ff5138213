import Foundation
import HTTPServer
import UstazCore
import UstazStore

extension CoveragePages {
    func coverageReport() throws -> CoverageReport { try coverageBoard.report(store, configuration: configuration) }

    /// What a viewer sees beyond the public aggregates: administrators the country, coordinators their region.
    func coverageScope(_ viewer: Person?) -> CoverageReport.Scope? {
        guard let viewer else { return nil }
        if viewer.has(.admin) { return .national }
        if viewer.has(.coordinator), let region = viewer.coordinatorRegion { return .region(region) }
        return nil
    }

    // MARK: The page

    func coveragePage(_ request: Request, notice: HTML? = nil, status: Int = 200) throws -> Response {
        let visit = try visit(request)
        let report = try coverageReport()
        let scope = coverageScope(visit.viewer)
        return page(visit, title: visit.strings.coverage.title, status: status,
                    coverageContent(report, visit: visit, scope: scope, notice: notice))
    }

    private func coverageContent(_ report: CoverageReport, visit: Visit, scope: CoverageReport.Scope?, notice: HTML?) -> HTML {
        let language = visit.language
        let text = Strings.for(language).coverage
        let target = report.settings.nationalTarget
        func number(_ value: Int) -> String { Formatting.number(value, language) }
        func date(_ day: Day) -> String { Formatting.date(day, language) }
        func figure(_ value: Int, _ label: String, _ note: String? = nil, id: String) -> HTML {
            "<div class=\"figure\" id=\"\(id)\"><strong>\(number(value))</strong><span>\(label)</span>\(note.map { "<small>\($0)</small>" as HTML })</div>"
        }
        func table(_ spec: CoverageTableSpec, _ tableScope: CoverageReport.Scope, caption: String, rows: Int? = nil) -> HTML {
            var table = report.table(spec, scope: tableScope, language: language)
            if let rows { table.rows = Array(table.rows.suffix(rows)) }
            return renderCoverageTable(table, caption: caption, visit: visit, text: text)
        }

        let projection = report.projection
        let outlook: HTML
        if projection.alreadyReached {
            outlook = "<p id=\"outlook\">\(text.alreadyReached)</p>"
        } else if let day = projection.reachesTargetOn {
            outlook = "<p id=\"outlook\">\(text.reachesOn(date(day)))</p>"
        } else if projection.beyondHorizon {
            outlook = "<p id=\"outlook\">\(text.notWithinYears(CoverageProjection.horizonYears))</p>"
        } else {
            outlook = "<p id=\"outlook\">\(text.notAtCurrentRate)</p>"
        }
        let population = number(report.settings.teachersInCountry)
        let bounds: HTML = """
            \(projection.targetExceedsPopulation ? "<p class=\"notice error\" id=\"target-beyond-country\">\(text.targetBeyondCountry(population))</p>" as HTML : "")
            \(projection.populationExhaustedOn.flatMap { $0 <= report.settings.targetDate ? $0 : nil }.map { "<p id=\"pace-flattens\">\(text.paceFlattens(date($0), population))</p>" as HTML })
            """
        let weeks = report.weeks
        let recent = weeks.suffix(26)
        let charts: HTML = weeks.isEmpty ? "<p class=\"muted\">\(text.noCertificatesYet)</p>" : """
            \(SVGChart.progress(id: "chart-progress", title: text.progressChart, description: text.progressChartDescription,
                                cumulative: weeks.map { ($0.start, $0.cumulative) }, target: target, today: report.today,
                                current: report.certified, targetDate: report.settings.targetDate,
                                expected: projection.expectedAtTargetDate,
                                labels: (date(weeks[0].start), date(max(report.settings.targetDate, report.today)), number(target))))
            \(SVGChart.bars(id: "chart-weeks", title: text.weeklyChart, description: text.weeklyChart,
                            values: recent.map { (date($0.start), $0.newly) }))
            """
        let regionRows = report.regions.filter { $0.id != nil && (scope ?? .national).includes($0.id) }
        let regionChart = SVGChart.shares(
            id: "chart-regions", title: text.regionsChart, description: text.regionsChart,
            items: regionRows.map { row in
                let cell = CoverageCell.percent(row.certified, of: row.target)
                guard case .percent(let tenths) = cell else { return ("", 0, "") }
                return (report.regionName(row.id, language, text), tenths, Formatting.percent(row.certified, of: row.target, language))
            })
        let scopeNote: HTML = switch scope {
        case .region(let id)?: "<p class=\"notice\">\(text.scopeRegion(report.regionName(id, language, text)))</p>"
        case nil: "<p class=\"muted\">\(text.publicNote)</p>"
        default: ""
        }
        let restricted: HTML = scope.map { scope in
            """
            <section aria-labelledby="pilot"><h2 id="pilot">\(text.pilot)</h2><p>\(text.pilotIntro)</p>
            \(report.pilotSchools.contains { scope.includes($0.regionID) } ? table(.pilot, scope, caption: text.pilot) : "<p class=\"muted\">\(text.noPilotSchools)</p>" as HTML)
            </section>
            <section aria-labelledby="capacity"><h2 id="capacity">\(text.capacity)</h2>
            <p>\(text.capacityMethod(report.settings.cohortSize, report.settings.roundWeeks))</p>
            \(table(.capacity, scope, caption: text.capacity))
            </section>
            """
        } ?? ""
        let admin: HTML = scope == .national && visit.viewer?.has(.admin) == true ? coverageAdminForms(report, visit: visit, text: text) : ""
        return """
            <h1>\(text.title)</h1>
            <p class="lead">\(text.intro)</p>
            \(notice)
            \(scopeNote)
            <p class="muted" id="as-of">\(text.asOf(report.asOf.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))))</p>
            <section aria-labelledby="national"><h2 id="national">\(text.national)</h2>
            <div class="figures">
            \(figure(report.certified, text.certified, text.ofTarget(Formatting.percent(report.certified, of: target, language)), id: "figure-certified"))
            \(figure(target, text.target, date(report.settings.targetDate), id: "figure-target"))
            \(figure(report.inTraining, text.inTraining, id: "figure-training"))
            \(figure(report.enrolled, text.enrolled, id: "figure-enrolled"))
            </div>
            <h3>\(text.projection)</h3>
            <p id="pace">\(text.rate(Formatting.decimal(projection.weeklyRate, language)))</p>
            \(outlook)
            \(bounds)
            <p id="expected">\(text.expectedBy(date(report.settings.targetDate), number(projection.expectedAtTargetDate))) <strong class="badge \(projection.onTrack ? "ok" : "status-rejected")">\(projection.onTrack ? text.onTrack : text.offTrack)</strong></p>
            <p class="muted">\(text.method(CoverageProjection.window))</p>
            \(charts)
            \(table(.weeks, .national, caption: text.weekly, rows: 26))
            <div class="columns">
            <div>\(table(.kinds, .national, caption: text.byKind))</div>
            <div>\(table(.generations, .national, caption: text.byGeneration))</div>
            </div>
            </section>
            <section aria-labelledby="regions"><h2 id="regions">\(text.regions)</h2>
            <p class="muted">\(text.defaultTargetNote)</p>
            \(regionChart)
            \(table(.regions, scope ?? .national, caption: text.regions))
            </section>
            \(restricted)
            \(admin)
            <p class="muted">OpenAPI: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
            """
    }

    /// A table with localized headings and values, and its CSV and JSON links (the same cells).
    private func renderCoverageTable(_ table: CoverageTable, caption: String, visit: Visit, text: CoverageText) -> HTML {
        let language = visit.language
        let headings: [String: String] = [
            "kind": text.kind, "people": text.people, "generation": text.generation, "week_start": text.weekStart,
            "newly_certified": text.newlyCertified, "cumulative": text.cumulative, "complete": text.complete,
            "region": text.region, "name": text.region, "certified": text.certified, "in_training": text.inTraining,
            "enrolled": text.enrolled, "target": text.target, "target_is_default": text.defaultTarget,
            "target_source": text.targetSource, "percent_of_target": text.percentOfTarget, "weekly_rate": text.weeklyRate,
            "reaches_target_on": text.projection, "on_track": text.onTrack, "wave": text.wave, "school_kind": text.schoolKind,
            "schools": text.schools, "with_certified": text.withCertified,
            "with_native_language": text.subjects[.nativeLanguage]!, "with_mathematics": text.subjects[.mathematics]!,
            "with_digital_literacy": text.subjects[.digitalLiteracy]!, "with_ai_fundamentals": text.subjects[.aiFundamentals]!,
            "with_all_subjects": text.withAllSubjects, "lead_trainers": text.leadTrainers, "cohort_size": text.cohortSize,
            "seats_per_round": text.seatsPerRound, "still_to_train": text.stillToTrain, "rounds_left": text.roundsLeft,
            "trainers_needed": text.trainersNeeded, "shortfall": text.shortfall, "short": text.short,
        ]
        // The region id column is for machines; people read the name beside it.
        let shown = table.spec.columns.indices.filter { table.spec.columns[$0].key != "region" }
        func display(_ key: String, _ cell: CoverageCell) -> String {
            switch (key, cell) {
            case ("kind", .text(let kind?)): visit.strings.credentialNames[CredentialKind(rawValue: kind) ?? .teacher] ?? kind
            case ("school_kind", .text(let kind?)): text.schoolKinds[kind] ?? kind
            case ("target_is_default", .bool(let value)): value ? text.defaultTarget : "—"
            case ("short", .bool(let value)): value ? text.short : text.enough
            case ("complete", .bool(let value)): value ? text.yes : text.running
            case ("on_track", .bool(let value)): value ? text.onTrack : text.offTrack
            case ("trainers_needed", .optionalInt(nil)): text.noRoundLeft
            case (_, .int(let value)), (_, .optionalInt(let value?)): Formatting.number(value, language)
            case (_, .percent(let tenths)): Formatting.percent(tenths, of: 1000, language)
            case (_, .rate(let value)): Formatting.decimal(value, language)
            case (_, .day(let day?)): Formatting.date(day, language)
            case (_, .bool(let value)): value ? text.yes : text.no
            case (_, .text(let value?)): value
            default: "—"
            }
        }
        let head = shown.map { "<th scope=\"col\">\(headings[table.spec.columns[$0].key] ?? table.spec.columns[$0].key)</th>" as HTML }
        let rows = table.rows.map { row -> HTML in
            let cells = shown.map { index -> HTML in
                let key = table.spec.columns[index].key
                return "<td data-key=\"\(key)\">\(display(key, row[index]))</td>"
            }
            return "<tr>\(cells)</tr>"
        }
        let link = "/api/v1/coverage/\(table.spec.name)"
        return """
            <div class="table-scroll"><table class="data" id="table-\(table.spec.name)"><caption>\(caption)</caption>
            <thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table></div>
            <p class="muted">\(text.download): <a href="\(link).csv">CSV</a> · <a href="\(link)">JSON</a></p>
            """
    }

    private func coverageAdminForms(_ report: CoverageReport, visit: Visit, text: CoverageText) -> HTML {
        let options = Region.all.map { "<option value=\"\($0.id)\">\($0.name[visit.language])</option>" as HTML }
        let settings = report.settings
        return """
            <section aria-labelledby="targets" class="card"><h2 id="targets">\(text.setTarget)</h2><p>\(text.setTargetHelp)</p>
            <form method="post" action="/coverage/targets" class="stack"><input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="target-region">\(text.region)</label><select id="target-region" name="region">\(options)</select>
            <label for="target-value">\(text.target)</label><input id="target-value" name="target" inputmode="numeric">
            <label for="target-source">\(text.source)</label><input id="target-source" name="source" maxlength="300">
            <button type="submit">\(text.save)</button></form></section>
            <section aria-labelledby="coverage-settings" class="card"><h2 id="coverage-settings">\(text.settings)</h2>
            <form method="post" action="/coverage/settings" class="stack"><input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="national-target">\(text.nationalTarget)</label><input id="national-target" name="national_target" inputmode="numeric" value="\(settings.nationalTarget)">
            <label for="target-date">\(text.targetDate)</label><input id="target-date" name="target_date" type="date" value="\(settings.targetDate.iso)">
            <label for="cohort-size">\(text.cohortSize)</label><input id="cohort-size" name="cohort_size" inputmode="numeric" value="\(settings.cohortSize)">
            <label for="round-weeks">\(text.roundWeeks)</label><input id="round-weeks" name="round_weeks" inputmode="numeric" value="\(settings.roundWeeks)">
            <label for="teachers-in-country">\(text.teachersInCountry)</label><input id="teachers-in-country" name="teachers_in_country" inputmode="numeric" value="\(settings.teachersInCountry)" aria-describedby="teachers-in-country-help">
            <small id="teachers-in-country-help">\(text.teachersInCountryHelp)</small>
            <button type="submit">\(text.save)</button></form></section>
            """
    }

    // MARK: Administrators' changes

    func setCoverageTarget(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let form = try request.form()
        try checkForm(visit, form)
        let text = visit.strings.coverage
        guard let region = Region.named(form["region"] ?? "") else { throw HTTPError.unprocessable(visit.strings.errors.chooseRegion) }
        let targetText = (form["target"] ?? "").filter { !$0.isWhitespace && $0 != "," }
        let source = (form["source"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        func refuse(_ message: String) throws -> Response {
            try coveragePage(request, notice: "<p class=\"notice error\" role=\"alert\">\(message)</p>", status: 422)
        }
        var target: Int?
        if !targetText.isEmpty {
            guard let value = Int(targetText), (0...1_000_000).contains(value) else { return try refuse(text.targetInvalid) }
            guard !source.isEmpty, source.count <= 300 else { return try refuse(text.sourceRequired) }
            target = value
        }
        try store.setRegionTarget(regionID: region.id, target: target, source: source)
        try store.audit(actorID: viewer.id, action: "region-target-set",
                        subject: "region:\(region.id) target:\(target.map(String.init) ?? "default")", address: request.remoteAddress)
        return .redirect(to: "/coverage#regions")
    }

    func setCoverageSettings(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let form = try request.form()
        try checkForm(visit, form)
        func whole(_ name: String, _ range: ClosedRange<Int>) -> Int? {
            Int((form[name] ?? "").filter { !$0.isWhitespace && $0 != "," }).flatMap { range.contains($0) ? $0 : nil }
        }
        guard let target = whole("national_target", 1...1_000_000), let date = Day(iso: form["target_date"] ?? ""),
              let cohortSize = whole("cohort_size", 1...100), let roundWeeks = whole("round_weeks", 1...52),
              let teachers = (form["teachers_in_country"] ?? "").isEmpty ? CoverageProjection.defaultPopulation : whole("teachers_in_country", 1...2_000_000) else {
            return try coveragePage(request, notice: "<p class=\"notice error\" role=\"alert\">\(visit.strings.coverage.settingInvalid)</p>",
                                    status: 422)
        }
        let keys = CoverageSettings.keys
        for (key, value) in [(keys.nationalTarget, String(target)), (keys.targetDate, date.iso),
                             (keys.cohortSize, String(cohortSize)), (keys.roundWeeks, String(roundWeeks)),
                             (keys.teachersInCountry, String(teachers))] {
            try store.setSetting(key, value)
        }
        try store.audit(actorID: viewer.id, action: "coverage-settings-set",
                        subject: "target:\(target) date:\(date.iso) cohort:\(cohortSize) round:\(roundWeeks) teachers:\(teachers)", address: request.remoteAddress)
        return .redirect(to: "/coverage#national")
    }

    // MARK: The API

    struct CoverageSummary: Encodable {
        var asOf: Date
        var certified: Int
        var target: Int
        var percentOfTarget: Double
        var enrolled: Int
        var inTraining: Int
        var targetDate: String
        var weeklyRate: Double
        var windowStart: String
        var windowEnd: String
        var reachesTargetOn: String?
        var alreadyReached: Bool
        var expectedAtTargetDate: Int
        var onTrack: Bool
        var method: String

        enum CodingKeys: String, CodingKey {
            case asOf = "as_of", certified, target, percentOfTarget = "percent_of_target", enrolled, inTraining = "in_training"
            case targetDate = "target_date", weeklyRate = "weekly_rate", windowStart = "window_start", windowEnd = "window_end"
            case reachesTargetOn = "reaches_target_on", alreadyReached = "already_reached"
            case expectedAtTargetDate = "expected_at_target_date", onTrack = "on_track", method
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(asOf, forKey: .asOf)
            try container.encode(certified, forKey: .certified)
            try container.encode(target, forKey: .target)
            try container.encode(percentOfTarget, forKey: .percentOfTarget)
            try container.encode(enrolled, forKey: .enrolled)
            try container.encode(inTraining, forKey: .inTraining)
            try container.encode(targetDate, forKey: .targetDate)
            try container.encode(weeklyRate, forKey: .weeklyRate)
            try container.encode(windowStart, forKey: .windowStart)
            try container.encode(windowEnd, forKey: .windowEnd)
            try container.encode(reachesTargetOn, forKey: .reachesTargetOn)  // null rather than absent
            try container.encode(alreadyReached, forKey: .alreadyReached)
            try container.encode(expectedAtTargetDate, forKey: .expectedAtTargetDate)
            try container.encode(onTrack, forKey: .onTrack)
            try container.encode(method, forKey: .method)
        }
    }

    func coverageSummary(_ request: Request) throws -> Response {
        let report = try coverageReport()
        let projection = report.projection
        guard case .percent(let tenths) = CoverageCell.percent(report.certified, of: report.settings.nationalTarget) else { throw HTTPError.notFound() }
        return apiResponse(.json(CoverageSummary(
            asOf: report.asOf, certified: report.certified, target: report.settings.nationalTarget,
            percentOfTarget: Double(tenths) / 10, enrolled: report.enrolled, inTraining: report.inTraining,
            targetDate: report.settings.targetDate.iso, weeklyRate: (projection.weeklyRate * 100).rounded() / 100,
            windowStart: projection.windowStart.iso, windowEnd: projection.windowEnd.iso,
            reachesTargetOn: projection.reachesTargetOn?.iso, alreadyReached: projection.alreadyReached,
            expectedAtTargetDate: projection.expectedAtTargetDate, onTrack: projection.onTrack,
            method: CoverageText.en.method(CoverageProjection.window))))
    }

    func coverageTable(_ request: Request) throws -> Response {
        var name = try request.parameter("table")
        let csv = name.hasSuffix(".csv")
        if csv { name.removeLast(4) }
        let visit = try visit(request)
        guard let spec = CoverageTableSpec.all.first(where: { $0.name == name }) else {
            throw HTTPError.notFound(visit.strings.errors.noSuchTable(name, CoverageTableSpec.all.map(\.name).joined(separator: ", ")))
        }
        var scope = CoverageReport.Scope.national
        // Who may read a table that is not public is the route's declared access (RecordPolicy.coverageTableAudience).
        if !spec.isPublic, let allowed = coverageScope(visit.viewer) { scope = allowed }
        let table = try coverageReport().table(spec, scope: scope, language: visit.language)
        if csv {
            var response = Response.text(table.csv, contentType: "text/csv; charset=utf-8")
            response.headers["Content-Disposition"] = "attachment; filename=\"coverage-\(spec.name).csv\""
            return apiResponse(response, isPublic: spec.isPublic)
        }
        return apiResponse(.json(table), isPublic: spec.isPublic)
    }

    /// Public aggregates may be cached briefly by browsers; scoped tables never are.
    private func apiResponse(_ response: Response, isPublic: Bool = true) -> Response {
        var response = response
        response.headers["Cache-Control"] = isPublic ? "public, max-age=60" : "private, no-store"
        response.headers["Vary"] = "Cookie, Accept-Language"
        return response
    }
}
