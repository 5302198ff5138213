import HTTPServer
import UstazCore

extension AccountPages {
    func homePage(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let s = visit.strings
        // The figures come from the coverage report, so the two pages always agree (and, at national
        // scale, the home page reads a cached snapshot rather than counting every credential).
        let coverage = try coverage.coverageReport()
        let language = visit.language
        func figure(_ value: Int, _ label: String, _ note: String? = nil) -> HTML {
            "<div class=\"figure\"><strong>\(Formatting.number(value, language))</strong><span>\(label)</span>\(note.map { "<small>\($0)</small>" as HTML })</div>"
        }
        let target = Formatting.number(coverage.settings.nationalTarget, language)
        let (token, headers) = visit.viewer == nil ? formToken(for: visit) : ("", HTTPHeaders())
        let signInBox: HTML = visit.viewer == nil
            ? signInForm(visit, token: token, message: nil)
            : "<p><a class=\"button\" href=\"/me\">\(s.dashboard)</a></p>"
        return page(visit, title: s.tagline, headers: headers, """
            <section class="hero">
            <div>
            <h1>\(s.homeHeading)</h1>
            <p class="lead">\(s.homeIntro)</p>
            <p>\(s.homeCascade)</p>
            <p>\(s.homeVerify)</p>
            <p><a href="/courses">\(s.catalogue)</a></p>
            </div>
            <div class="card">\(signInBox)</div>
            </section>
            <section aria-labelledby="progress">
            <h2 id="progress">\(s.nationalProgress)</h2>
            <div class="figures">
            \(figure(coverage.certified, s.certifiedTeachers, s.ofTarget(target)))
            \(figure(coverage.inTraining, s.teachersEnrolled))
            \(figure(coverage.cohorts, s.cohortsRunning))
            \(figure(coverage.schools, s.schoolsTaking))
            </div>
            <p><a href="/coverage">\(Strings.for(language).coverage.title)</a></p>
            </section>
            """)
    }

    func signInForm(_ visit: Visit, token: String, message: String?, login: String = "", next: String = "/me") -> HTML {
        let s = visit.strings
        return """
            <h2>\(s.signIn)</h2>
            \(message.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            <form method="post" action="/signin" class="stack">
            <input type="hidden" name="_csrf" value="\(token)">
            <input type="hidden" name="next" value="\(next)">
            <label for="login">\(s.login)</label>
            <input id="login" name="login" autocomplete="username" required value="\(login)" autocapitalize="none">
            <label for="password">\(s.password)</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit">\(s.signIn)</button>
            </form>
            """
    }

    func switchLanguage(_ request: Request) throws -> Response {
        guard let language = Language(rawValue: try request.parameter("code")) else { throw HTTPError.notFound() }
        var response = Response.redirect(to: AccountPages.safeNext(request.query["next"]))
        response.headers.add("Set-Cookie", Cookies.setCookie(name: Site.languageCookie, value: language.rawValue,
                                                             maxAge: 365 * 24 * 3600, httpOnly: false,
                                                             secure: configuration.secureCookies))
        return response
    }

    /// Only same-site paths are followed after sign-in or a language switch (no open redirects).
    static func safeNext(_ next: String?) -> String {
        // Browsers drop tabs and newlines from URLs and treat "\\" as "/", so "/\t/evil" would leave the site.
        // Compared as bytes: as characters, "//" followed by a combining mark does not start with "//".
        guard let next, next.isUnder("/"), !next.isUnder("//"),
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\\" }) else { return "/" }
        return next
    }
}
