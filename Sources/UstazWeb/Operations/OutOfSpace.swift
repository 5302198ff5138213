import Foundation
import HTTPServer
import UstazCore

/// A write refused because the disk under the database is full becomes 503 with a page in the
/// visitor's language, never a 500: the visitor learns that this one thing was not saved, and that
/// reading goes on. Writing resumes by itself once there is space again (SQLite keeps no error state).
struct OutOfSpaceGuard: Middleware {
    let site: Site
    /// Seconds a client is asked to wait before trying again.
    static let retryAfter = 60

    func handle(_ request: Request, next: (Request) throws -> Response) throws -> Response {
        do {
            return try next(request)
        } catch {
            guard site.store.noteIfOutOfSpace(error) else { throw error }
            site.logger.warning("write refused: the disk holding the database is full", metadata: ["path": "\(request.path)"])
            // The visit only reads (its side writes give way to a full disk), so it still finds the language.
            let language = (try? site.visit(request))?.language ?? site.configuration.defaultLanguage
            throw HTTPError(503, UnavailableText.for(language).cannotSave, headers: ["Retry-After": String(Self.retryAfter)])
        }
    }
}

extension Site {
    /// A write a read makes on the side (the session's sliding expiry, a lesson's clock). When the disk
    /// is full it is left out, so the page is still shown; any other failure is thrown as usual.
    func writeOnTheSide(_ write: () throws -> Void) throws {
        do {
            try write()
        } catch {
            guard store.noteIfOutOfSpace(error) else { throw error }
        }
    }
}
