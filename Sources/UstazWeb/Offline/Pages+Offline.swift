import Foundation
import HTTPServer
import UstazCore

/// The installable web app: manifest, service worker at the root scope, and the page shown offline
/// for anything not saved on the phone.
extension OfflinePages {
    /// A request from the service worker saving a page for offline reading: it must not count as the
    /// teacher opening the lesson.
    static let offlineSaveHeader = "Ustaz-Save"

    /// Public/sw.js with the app shell it precaches: the offline page and the current fingerprinted files.
    var serviceWorkerScript: String {
        let shell = ["/offline", staticFiles.url(for: "app.css"), staticFiles.url(for: "offline.js"), staticFiles.url(for: "icon.svg")]
        let list = "[" + shell.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        let source = String(decoding: staticFiles.contents(of: "sw.js") ?? [], as: UTF8.self)
        return source.replacingOccurrences(of: "[/*SHELL*/]", with: list)
            .replacingOccurrences(of: "/*VERSION*/", with: String(Secrets.hash(list).prefix(12)))
    }

    func offlinePage(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let text = visit.strings.offline
        return page(visit, title: text.offlineTitle, """
            <section class="notice" id="no-connection">
            <h1>\(text.offlineTitle)</h1>
            <p>\(text.offlineBody)</p>
            <p><a href="/me">\(text.openMyPage)</a></p>
            </section>
            """)
    }

    /// The pages of an enrolment the service worker saves when the teacher opens the course: the course page,
    /// every lesson and every quiz, the classroom-practical report when the course requires one, and the figures
    /// the lessons show in the reader's language (kits are saved only when asked for).
    func offlinePagesJSON(enrolment: Int64, course: Course, language: Language) -> String {
        let pages = ["/learn/\(enrolment)"] + course.lessons.flatMap { ["/learn/\(enrolment)/\($0.id)", "/learn/\(enrolment)/\($0.id)/quiz"] }
            + (course.requiresPractical ? ["/learn/\(enrolment)/practical"] : [])
        let figures = course.lessons.flatMap { lesson in
            lesson.document(language).figureReferences.compactMap { lesson.figure($0.name, language).map(CourseLibrary.address) }
        }
        var seen = Set<String>()
        return "[" + (pages + figures).filter { seen.insert($0).inserted }.map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }

}
