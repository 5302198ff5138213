import HTTPServer
import UstazCore
import UstazStore

extension AdministrationPages {
    /// Everyone with an account, for administrators: searchable by name or login in any case and
    /// script mix, narrowed by region and school, in Kazakh alphabetical order, a page at a time.
    func peoplePage(_ request: Request) throws -> Response {
        let (visit, _) = try signedIn(request)
        let s = visit.strings
        let query = try listQuery(visit)
        let t = query.text
        let filter = PeopleFilter(text: query.value("q"), regionID: try query.region(), schoolCode: query.value("school"))
        let people = try store.people(filter, page: query.page)
        let fields: HTML = """
            \(searchField(query, name: "q", label: t.nameOrLogin))
            \(regionField(query, visit))
            \(searchField(query, name: "school", label: s.schoolCode))
            """
        let table = listTable(query, people, head: """
            <th scope="col">\(t.people)</th><th scope="col">\(s.login)</th><th scope="col">\(t.school)</th>
            <th scope="col">\(s.regionLabel)</th><th scope="col">\(t.roles)</th>
            """) { listing -> HTML in
            let person = listing.person
            let region = person.regionID.flatMap(Region.named).map { $0.name[visit.language] }
            let school: HTML = listing.schoolName.map { "\($0) <span class=\"muted\">\(listing.schoolCode ?? "")</span>" } ?? ""
            return """
                <tr><td><a href="/people/\(person.id)"><bdi>\(person.fullName)</bdi></a></td><td>\(person.login ?? "")</td>
                <td>\(school)</td><td>\(region ?? "")</td><td>\(person.roles.map { s.roleNames[$0] ?? $0.rawValue }.joined(separator: ", "))</td></tr>
                """
        }
        return page(visit, title: t.people, """
            <h1>\(t.people)</h1>
            <p>\(t.peopleIntro)</p>
            \(filterForm(query, fields))
            \(table)
            """)
    }
}
