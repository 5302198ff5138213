import Foundation
import HTTPServer
import UstazCore
import UstazStore

extension AdministrationPages {
    private func administrator(_ request: Request) throws -> (Visit, Person) {
        try signedIn(request)
    }

    func schoolsPage(_ request: Request) throws -> Response {
        let (visit, _) = try administrator(request)
        return try schoolsView(visit, message: nil, problems: [])
    }

    private func schoolsView(_ visit: Visit, message: String?, problems: [String], status: Int = 200) throws -> Response {
        let s = visit.strings
        let query = try listQuery(visit, path: "/schools")
        let t = query.text
        let counts = try store.schoolCountsByRegion()
        let rows = Region.all.map { region -> HTML in
            "<tr><td>\(region.name[visit.language])</td><td>\(Formatting.number(counts[region.id] ?? 0, visit.language))</td></tr>"
        }
        let schools = try store.schools(matching: query.value("q"), regionID: try query.region(), page: query.page)
        let table = listTable(query, schools, head: """
            <th scope="col">\(s.schoolCode)</th><th scope="col">\(t.school)</th><th scope="col">\(s.regionLabel)</th><th scope="col">\(t.teachers)</th>
            """) { listing -> HTML in
            let school = listing.school
            let region = Region.named(school.regionID)?.name[visit.language] ?? school.regionID
            return """
                <tr><td>\(school.code)</td><td>\(school.name)\(school.district.map { "<br><small class=\"muted\">\($0)</small>" as HTML })</td>
                <td>\(region)</td><td><a href="/people?school=\(school.code.urlEncoded)">\(Formatting.number(listing.teachers, visit.language))</a></td></tr>
                """
        }
        return page(visit, title: s.schools, status: status, """
            <h1>\(s.schools)</h1>
            \(message.map { "<p class=\"notice ok\" role=\"status\">\($0)</p>" as HTML })
            \(problems.isEmpty ? "" : "<div class=\"notice error\" role=\"alert\"><p>\(s.importRejected)</p><ul class=\"problems\">\(problems.map { "<li>\($0)</li>" as HTML })</ul></div>" as HTML)
            \(csvUploadForm(visit, title: s.importSchools, help: s.schoolsCSVHelp, action: "/schools/import"))
            <table class="data"><thead><tr><th scope="col">\(s.regionLabel)</th><th scope="col">\(s.schools)</th></tr></thead><tbody>\(rows)</tbody></table>
            <h2 id="list">\(t.search)</h2>
            \(filterForm(query, "\(searchField(query, name: "q", label: t.schoolSearch))\(regionField(query, visit))"))
            \(table)
            """)
    }

    func importSchoolsForm(_ request: Request) throws -> Response {
        let (visit, viewer) = try administrator(request)
        let parts = try request.multipart()
        try checkForm(visit, Parameters(parts.compactMap { $0.filename == nil ? ($0.name, $0.text ?? "") : nil }))
        guard let text = parts.first(where: { $0.name == "file" })?.text else { throw HTTPError.badRequest(visit.strings.errors.attachCSV) }
        switch try rosters.importSchools(csv: text) {
        case .success(let count):
            try store.audit(actorID: viewer.id, action: "schools-imported", subject: "count:\(count)", address: request.remoteAddress)
            return try schoolsView(visit, message: visit.strings.schoolsImported(count), problems: [])
        case .failure(let problems):
            return try schoolsView(visit, message: nil, problems: problems.lines, status: 422)
        }
    }
}
