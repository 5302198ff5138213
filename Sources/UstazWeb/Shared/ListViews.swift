import HTTPServer
import UstazCore
import UstazStore

/// The parts every long list shares: the page and filters read from the link, a filter form that
/// works without JavaScript, and previous/next links that keep the filters.
struct ListQuery {
    let request: Request
    /// The list's own address (a form that posts elsewhere shows the list too).
    let path: String
    let page: PageRequest
    let text: ListText

    /// A trimmed filter value, at most 120 characters (longer is no real name).
    func value(_ name: String) -> String {
        String((request.query[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(120))
    }

    /// A region from the list, nil for "all"; anything else is refused.
    func region(_ name: String = "region") throws -> String? {
        let id = value(name)
        guard !id.isEmpty else { return nil }
        guard Region.all.contains(where: { $0.id == id }) else { throw HTTPError.badRequest(text.unknownRegion) }
        return id
    }

    /// This list at another page, with the same filters.
    func link(toPage number: Int) -> String {
        var pairs = request.query.pairs.filter { $0.name != "page" && !$0.value.isEmpty }
        if number > 1 { pairs.append((name: "page", value: String(number))) }
        let query = pairs.map { "\($0.name.urlEncoded)=\($0.value.urlEncoded)" }.joined(separator: "&")
        return path + (query.isEmpty ? "" : "?" + query)
    }

    var isFiltered: Bool { request.query.pairs.contains { $0.name != "page" && !$0.value.isEmpty } }
}

extension Site {
    func listQuery(_ visit: Visit, path: String? = nil, size: Int = PageRequest.defaultSize) throws -> ListQuery {
        let bounds: ClosedRange<Int64> = 1...Int64(PageRequest.maximumNumber)
        let number = try visit.request.query.integer("page", in: bounds) ?? 1
        guard let page = PageRequest(number: Int(number), size: size) else {
            throw HTTPError.refused(.outOfRange(parameter: "page", lower: bounds.lowerBound, upper: bounds.upperBound))
        }
        return ListQuery(request: visit.request, path: path ?? visit.request.path, page: page, text: visit.strings.lists)
    }

    /// A GET form for a list's filters; `fields` are its labelled inputs.
    func filterForm(_ query: ListQuery, _ fields: HTML) -> HTML {
        """
        <form method="get" action="\(query.path)" class="filters" role="search">
        \(fields)
        <button type="submit">\(query.text.show)</button>
        \(query.isFiltered ? "<a href=\"\(query.path)\">\(query.text.clearFilters)</a>" as HTML : "")
        </form>
        """
    }

    func searchField(_ query: ListQuery, name: String, label: String) -> HTML {
        "<div class=\"field\"><label for=\"filter-\(name)\">\(label)</label> <input id=\"filter-\(name)\" type=\"search\" name=\"\(name)\" value=\"\(query.value(name))\" maxlength=\"120\"></div>"
    }

    func regionField(_ query: ListQuery, _ visit: Visit) -> HTML {
        let selected = query.value("region")
        let options = Region.all.map { region -> HTML in
            "<option value=\"\(region.id)\"\(selected == region.id ? " selected" : "")>\(region.name[visit.language])</option>"
        }
        return "<div class=\"field\"><label for=\"filter-region\">\(visit.strings.regionLabel)</label> <select id=\"filter-region\" name=\"region\"><option value=\"\">\(query.text.allRegions)</option>\(options)</select></div>"
    }

    /// "Page N" with links to the neighbouring pages; nothing to count, so it costs no query.
    func pager<Item>(_ query: ListQuery, _ page: ListPage<Item>) -> HTML {
        guard page.hasPrevious || page.hasNext else { return "" }
        return """
            <nav class="pager" aria-label="\(query.text.pageNumber(page.request.number))">
            \(page.hasPrevious ? "<a rel=\"prev\" href=\"\(query.link(toPage: page.request.number - 1))\">\(query.text.previous)</a>" as HTML : "")
            <span>\(query.text.pageNumber(page.request.number))</span>
            \(page.hasNext ? "<a rel=\"next\" href=\"\(query.link(toPage: page.request.number + 1))\">\(query.text.next)</a>" as HTML : "")
            </nav>
            """
    }

    /// The table, or a sentence when the filters match nothing.
    func listTable<Item>(_ query: ListQuery, _ page: ListPage<Item>, head: HTML, row: (Item) throws -> HTML) rethrows -> HTML {
        guard !page.items.isEmpty else { return "<p class=\"muted\">\(query.text.nothingFound)</p>" }
        return """
            <div class="table-scroll"><table class="data"><thead><tr>\(head)</tr></thead>
            <tbody>\(try page.items.map(row))</tbody></table></div>
            \(pager(query, page))
            """
    }

    /// The one CSV upload form (cohort rosters, schools): multipart, CSRF token, one file.
    func csvUploadForm(_ visit: Visit, title: String, help: String, action: String) -> HTML {
        let s = visit.strings
        return """
            <section class="card">
            <h2>\(title)</h2>
            <p class="muted">\(help)</p>
            <form method="post" action="\(action)" enctype="multipart/form-data" class="stack">
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="file">\(s.csvFile)</label><input id="file" name="file" type="file" accept=".csv,text/csv" required>
            <button type="submit">\(s.upload)</button>
            </form>
            </section>
            """
    }
}
