import Foundation
import HTTPServer
import Logging
import UstazCore
import UstazStore

/// What every page of the site shares, and nothing more: the request context (session, person, language),
/// forms and their tokens, the page frame and error pages, list navigation, the audit of views, and side writes.
/// Each feature's controller holds a `Site` beside the few services of its own.
struct Site: Sendable {
    let store: Store
    let configuration: AppConfiguration
    let staticFiles: StaticFiles
    let logger: Logger
}

/// A feature's controller: its handlers reach the site's shared parts as if they were their own.
protocol SitePages: Sendable {
    var site: Site { get }
}

extension SitePages {
    var store: Store { site.store }
    var configuration: AppConfiguration { site.configuration }
    var logger: Logger { site.logger }
    var staticFiles: StaticFiles { site.staticFiles }
    func visit(_ request: Request, now: Date = Date()) throws -> Visit { try site.visit(request, now: now) }
    func signedIn(_ request: Request) throws -> (Visit, Person) { try site.signedIn(request) }
    func signInRequired(_ visit: Visit) -> HTTPError { site.signInRequired(visit) }
    func checkForm(_ visit: Visit, _ form: Parameters) throws { try site.checkForm(visit, form) }
    func formToken(for visit: Visit) -> (token: String, headers: HTTPHeaders) { site.formToken(for: visit) }
    func startSession(for person: Person, now: Date = Date()) throws -> String { try site.startSession(for: person, now: now) }
    func page(_ visit: Visit, title: String, status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), _ content: HTML) -> Response {
        site.page(visit, title: title, status: status, headers: headers, content)
    }
    func localized(_ error: HTTPError, _ errors: ErrorText, _ language: Language) -> String { site.localized(error, errors, language) }
    func recordView(_ request: Request, by viewer: Person, subject: String, about personID: Int64?) throws {
        try site.recordView(request, by: viewer, subject: subject, about: personID)
    }
    func writeOnTheSide(_ write: () throws -> Void) throws { try site.writeOnTheSide(write) }
    func listQuery(_ visit: Visit, path: String? = nil, size: Int = PageRequest.defaultSize) throws -> ListQuery {
        try site.listQuery(visit, path: path, size: size)
    }
    func filterForm(_ query: ListQuery, _ fields: HTML) -> HTML { site.filterForm(query, fields) }
    func searchField(_ query: ListQuery, name: String, label: String) -> HTML { site.searchField(query, name: name, label: label) }
    func regionField(_ query: ListQuery, _ visit: Visit) -> HTML { site.regionField(query, visit) }
    func csvUploadForm(_ visit: Visit, title: String, help: String, action: String) -> HTML {
        site.csvUploadForm(visit, title: title, help: help, action: action)
    }
    func pager<Item>(_ query: ListQuery, _ page: ListPage<Item>) -> HTML { site.pager(query, page) }
    func listTable<Item>(_ query: ListQuery, _ page: ListPage<Item>, head: HTML, row: (Item) throws -> HTML) rethrows -> HTML {
        try site.listTable(query, page, head: head, row: row)
    }
}

extension Site {
    /// Records that `viewer` looked at personal data of `personID` (or of a cohort's members).
    func recordView(_ request: Request, by viewer: Person, subject: String, about personID: Int64?) throws {
        // On a page read in one snapshot, the audit is written once its reads are done.
        try store.afterReads { [store] in
            try store.audit(actorID: viewer.id, action: "view", subject: subject, about: personID, address: request.remoteAddress)
        }
    }
}
