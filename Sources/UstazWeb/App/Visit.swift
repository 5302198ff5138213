import Foundation
import HTTPServer
import UstazCore
import UstazStore

/// One request as the pages see it: who is asking, in which language, with which session.
struct Visit {
    let request: Request
    let language: Language
    let strings: Strings
    let viewer: Person?
    let session: SessionRecord?
    /// The anonymous form token (double-submit cookie) for visitors without a session.
    let formToken: String

    var isSignedIn: Bool { viewer != nil }

    /// The token forms must echo back: the session's CSRF token, or the anonymous one.
    var csrfToken: String { session?.csrfToken ?? formToken }
}

extension Site {
    static let sessionCookie = "ustaz_session"
    static let formCookie = "ustaz_form"
    static let languageCookie = "ustaz_lang"
    static let sessionIdleLimit: TimeInterval = 7 * 24 * 3600
    static let sessionAbsoluteLimit: TimeInterval = 30 * 24 * 3600

    /// The request context: the one `AccessMiddleware` built for this request, or (for routes open to anyone, which
    /// it leaves alone) one built now.
    func visit(_ request: Request, now: Date = Date()) throws -> Visit {
        if let built = request.context as? Visit { return built }
        let cookies = request.cookies
        var viewer: Person?
        var session: SessionRecord?
        if let token = cookies[Site.sessionCookie], token.count == 43 {
            let hash = Secrets.hash(token)
            if let (found, person) = try store.sessionWithPerson(idHash: hash) {
                if found.expiresAt > now, now.timeIntervalSince(found.lastSeenAt) < Site.sessionIdleLimit {
                    session = found
                    viewer = person
                    // Keep idle expiry sliding without a write on every request.
                    if now.timeIntervalSince(found.lastSeenAt) > 300 { try writeOnTheSide { try store.touchSession(idHash: hash, at: now) } }
                } else {
                    try writeOnTheSide { try store.deleteSession(idHash: hash) }
                }
            }
        }
        let language = cookies[Site.languageCookie].flatMap(Language.init(rawValue:))
            ?? viewer?.language
            ?? Language.preferred(acceptLanguage: request.headers["Accept-Language"])
            ?? configuration.defaultLanguage
        return Visit(request: request, language: language, strings: .for(language), viewer: viewer, session: session,
                     formToken: cookies[Site.formCookie] ?? "")
    }

    /// The signed-in visit, or 303 to the sign-in form for pages (401 for the API).
    func signedIn(_ request: Request) throws -> (Visit, Person) {
        let visit = try visit(request)
        guard let viewer = visit.viewer else { throw signInRequired(visit) }
        return (visit, viewer)
    }

    /// What a visitor who must sign in gets: the sign-in form, coming back here after (401 in their language for the API).
    func signInRequired(_ visit: Visit) -> HTTPError {
        let request = visit.request
        if request.prefersJSON || request.path.isUnder("/api/") { return HTTPError.unauthorized(visit.strings.errors.unauthorized) }
        return HTTPError(303, "", headers: ["Location": "/signin?next=\(request.target.urlEncoded)"])
    }

    /// Checks the form's CSRF token against the session (or the anonymous cookie), then the input rules.
    func checkForm(_ visit: Visit, _ form: Parameters) throws {
        let sent = form["_csrf"] ?? ""
        guard !visit.csrfToken.isEmpty, Secrets.constantTimeEquals(sent, visit.csrfToken) else {
            throw HTTPError(403, visit.strings.formExpired)
        }
        if let (field, codePoint) = InputRules.firstForbidden(in: form) {
            throw HTTPError.badRequest(visit.strings.privacy.forbiddenCharacter(field, codePoint))
        }
    }

    /// The token forms on this page must carry: the session's, or the anonymous one, setting its cookie
    /// (in `headers`) the first time an anonymous visitor sees a form.
    func formToken(for visit: Visit) -> (token: String, headers: HTTPHeaders) {
        if let session = visit.session { return (session.csrfToken, HTTPHeaders()) }
        if !visit.formToken.isEmpty { return (visit.formToken, HTTPHeaders()) }
        let token = Secrets.randomToken()
        var headers = HTTPHeaders()
        headers.add("Set-Cookie", Cookies.setCookie(name: Site.formCookie, value: token, secure: configuration.secureCookies))
        return (token, headers)
    }

    func startSession(for person: Person, now: Date = Date()) throws -> String {
        let token = Secrets.randomToken()
        try store.createSession(idHash: Secrets.hash(token), personID: person.id, csrfToken: Secrets.randomToken(),
                                now: now, expiresAt: now.addingTimeInterval(Site.sessionAbsoluteLimit))
        return Cookies.setCookie(name: Site.sessionCookie, value: token, maxAge: Int(Site.sessionAbsoluteLimit),
                                 secure: configuration.secureCookies)
    }
}
