import Foundation
import HTTPServer
import UstazCore

extension Site {
    /// The frame of every page: header with navigation and language switch, main, footer.
    func page(_ visit: Visit, title: String, status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), _ content: HTML) -> Response {
        let s = visit.strings
        let here = visit.request.target
        let languageLinks = Language.allCases.map { language -> HTML in
            language == visit.language
                ? "<li><span aria-current=\"true\" lang=\"\(language.rawValue)\">\(language.nativeName)</span></li>"
                : "<li><a href=\"/lang/\(language.rawValue)?next=\(here.urlEncoded)\" lang=\"\(language.rawValue)\" hreflang=\"\(language.rawValue)\">\(language.nativeName)</a></li>"
        }
        var links: [(String, String)] = [("/courses", s.catalogue)]
        if let viewer = visit.viewer {
            links.insert(("/me", s.dashboard), at: 0)
            if viewer.has(.leadTrainer) || viewer.has(.masterTrainer) || viewer.has(.coordinator) || viewer.has(.admin) {
                links.append(("/cohorts", s.cohorts))
            }
            if viewer.has(.masterTrainer) || viewer.has(.coordinator) || viewer.has(.admin) { links.append(("/fidelity", s.fidelity)) }
            if viewer.has(.reviewer) || viewer.has(.admin) { links.append(("/review", s.review)) }
            if viewer.has(.coordinator) || viewer.has(.admin) { links.append(("/coverage", visit.strings.coverage.title)) }
            if viewer.has(.admin) {
                links += [("/people", visit.strings.lists.people), ("/schools", s.schools), ("/admin/master-trainers", s.masterTrainers),
                          ("/admin/audit", visit.strings.privacy.auditLog)]
            }
            if viewer.has(.teacher) { links.append(("/join", s.joinTitle)) }
        }
        let path = visit.request.path
        let menu = links.map { href, label -> HTML in
            path == href || path.isUnder(href + "/")
                ? "<li><a href=\"\(href)\" aria-current=\"page\">\(label)</a></li>"
                : "<li><a href=\"\(href)\">\(label)</a></li>"
        }
        let account: HTML = if let viewer = visit.viewer {
            """
            <a href="/me">\(viewer.fullName)</a>
            <form method="post" action="/signout" class="inline"><input type="hidden" name="_csrf" value="\(visit.csrfToken)"><button type="submit" class="link">\(s.signOut)</button></form>
            """
        } else {
            "<a href=\"/signin\">\(s.signIn)</a>"
        }
        let html: HTML = """
            <!doctype html>
            <html lang="\(visit.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Ustaz</title>
            <link rel="stylesheet" href="\(staticFiles.url(for: "app.css"))">
            <link rel="icon" href="\(staticFiles.url(for: "icon.svg"))" type="image/svg+xml">
            <meta name="theme-color" content="#0b5c55">
            <link rel="manifest" href="/manifest.webmanifest">
            \(visit.viewer != nil && !visit.request.path.isUnder("/v/") ? offlineScriptTag(visit.language) : "")
            </head>
            <body>
            <a class="skip" href="#main">\(s.skipToContent)</a>
            <header class="site">
            <a class="brand" href="/"><span aria-hidden="true">◆</span> Ustaz</a>
            <nav aria-label="\(s.language)"><ul class="languages">\(languageLinks)</ul></nav>
            <div class="account">\(account)</div>
            </header>
            <nav class="main-menu" aria-label="Ustaz"><ul>\(menu)</ul></nav>
            <main id="main">
            \(content)
            </main>
            <footer class="site"><p>\(s.footer)</p></footer>
            </body>
            </html>
            """
        var response = Response.html(html.text, status: status)
        for (name, value) in headers { response.headers.add(name, value) }
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    func errorPage(_ error: HTTPError, _ request: Request?) -> Response {
        if error.status == 303, let location = error.headers["Location"] { return .redirect(to: location) }
        guard let request, let visit = try? visit(request) else { return Application.plainErrorPage(error, request) }
        let title = switch error.status {
        case 404: visit.strings.notFoundTitle
        case 503: UnavailableText.for(visit.language).title
        default: visit.strings.errorTitle
        }
        return page(visit, title: title, status: error.status, """
            <section class="notice error">
            <h1>\(title)</h1>
            <p>\(localized(error, visit.strings.errors, visit.language))</p>
            <p><a href="/">\(visit.strings.backHome)</a></p>
            </section>
            """)
    }

    /// The HTTP layer's stock sentences in the visitor's language; the application's own are already.
    func localized(_ error: HTTPError, _ errors: ErrorText, _ language: Language) -> String {
        switch error.stock {
        case .unauthorized?: errors.unauthorized
        case .forbidden?: errors.forbidden
        case .notFound?: errors.notFound
        case .methodNotAllowed?: errors.methodNotAllowed
        case .serverError?: errors.serverError
        case .tooLarge(let limit)?: errors.tooLarge(ByteCount(limit).description)
        case .tooManyRequests(let seconds)?: errors.tooManyRequests(Formatting.number(seconds, language))
        case .busy(let seconds)?: errors.busy(Formatting.number(seconds, language))
        case nil: error.message
        }
    }

    /// The `<script>` a signed-in person's pages load (deferred, from our own origin): registers the worker, saves
    /// courses for offline reading, keeps quiz answers given offline until they can be sent. Public pages, and
    /// certificate verification for anyone, stay script-free.
    func offlineScriptTag(_ language: Language) -> HTML {
        "<script src=\"\(staticFiles.url(for: "offline.js"))\" defer data-texts=\"\(Site.offlineScriptTexts[language] ?? "{}")\"></script>"
    }

    /// The script's texts as JSON, one document per language, made once: JSONSerialization costs more than
    /// the rest of a lesson page.
    static let offlineScriptTexts: [Language: String] = Dictionary(uniqueKeysWithValues: Language.allCases.map { language in
        let texts = Strings.for(language).offline.scriptTexts
        let json = (try? JSONSerialization.data(withJSONObject: texts, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
        return (language, json ?? "{}")
    })
}
