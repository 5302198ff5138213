import Foundation
import HTTPServer
import Passwords
import UstazCore
import UstazStore

extension AccountPages {
    func signInPage(_ request: Request) throws -> Response {
        let visit = try visit(request)
        if visit.viewer != nil { return .redirect(to: "/me") }
        let (token, headers) = formToken(for: visit)
        return page(visit, title: visit.strings.signIn, headers: headers,
                    "<section class=\"card narrow\">\(signInForm(visit, token: token, message: nil, next: AccountPages.safeNext(request.query["next"])))</section>")
    }

    func signIn(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let form = try request.form()
        try checkForm(visit, form)
        let login = (form["login"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = form["password"] ?? ""
        let next = AccountPages.safeNext(form["next"])
        func refuse(_ message: String, status: Int) -> Response {
            page(visit, title: visit.strings.signIn, status: status,
                 "<section class=\"card narrow\">\(signInForm(visit, token: visit.csrfToken, message: message, login: login, next: next))</section>")
        }
        if signInLimiter.isBlocked(login: login, address: request.remoteAddress) {
            var response = refuse(visit.strings.signInThrottled, status: 429)
            response.headers["Retry-After"] = "900"
            return response
        }
        let found = try store.credentialsForLogin(login)
        // Unknown logins cost the same hash as known ones, so timing does not tell which logins exist.
        let matches = PasswordHasher.verify(password, against: found?.passwordHash ?? passwords.dummyPasswordHash)
        guard let (person, _) = found, matches else {
            signInLimiter.recordFailure(login: login, address: request.remoteAddress)
            try store.audit(actorID: nil, action: "sign-in-failed", subject: login, address: request.remoteAddress)
            return refuse(visit.strings.signInFailed, status: 401)
        }
        signInLimiter.reset(login: login, address: request.remoteAddress)
        if let old = request.cookies[Site.sessionCookie] { try store.deleteSession(idHash: Secrets.hash(old)) }
        var response = Response.redirect(to: next)
        response.headers.add("Set-Cookie", try startSession(for: person))
        try store.audit(actorID: person.id, action: "sign-in", subject: nil, about: person.id, address: request.remoteAddress)
        return response
    }

    func signOut(_ request: Request) throws -> Response {
        let visit = try visit(request)
        try checkForm(visit, try request.form())
        if let token = request.cookies[Site.sessionCookie] { try store.deleteSession(idHash: Secrets.hash(token)) }
        var response = Response.redirect(to: "/")
        response.headers.add("Set-Cookie", Cookies.setCookie(name: Site.sessionCookie, value: "", maxAge: 0,
                                                             secure: configuration.secureCookies))
        return response
    }

    // MARK: First administrator

    /// The set-up link's code, checked (and a bad one counted as a guess) before anything else is looked at.
    private func setupCode(_ request: Request, _ visit: Visit) throws -> String {
        let code = try request.parameter("code")
        if codes.codeGuessingIsBlocked(purpose: "admin-setup", request) {
            throw HTTPError(429, visit.strings.signInThrottled, headers: ["Retry-After": "900"])
        }
        guard try codes.oneTimeCodeIsValid(code, purpose: "admin-setup", request) else { throw HTTPError(410, visit.strings.setupLinkInvalid) }
        return code
    }

    func setupPage(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let code = try setupCode(request, visit)
        let (token, headers) = formToken(for: visit)
        return page(visit, title: visit.strings.setupTitle, headers: headers,
                    setupForm(visit, code: code, token: token, errors: [:], values: [:]))
    }

    func setUpAdministrator(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let s = visit.strings
        let form = try request.form()
        try checkForm(visit, form)
        let code = try setupCode(request, visit)
        let values = ["full_name": (form["full_name"] ?? "").trimmingCharacters(in: .whitespaces),
                      "login": (form["login"] ?? "").trimmingCharacters(in: .whitespaces)]
        let password = form["password"] ?? ""
        var errors: [String: String] = [:]
        if values["full_name"]!.isEmpty { errors["full_name"] = s.fieldRequired }
        else if let problem = PersonName.problem(with: values["full_name"]!) {
            errors["full_name"] = SecurityText.for(visit.language).name(problem)
        }
        if values["login"]!.isEmpty { errors["login"] = s.fieldRequired }
        if password.count < 10 { errors["password"] = s.passwordTooShort }
        else if password != form["password_again"] { errors["password_again"] = s.passwordsDiffer }
        if errors.isEmpty, try store.loginExists(values["login"]!) { errors["login"] = s.loginTaken }
        guard errors.isEmpty else {
            return page(visit, title: s.setupTitle, status: 422,
                        setupForm(visit, code: code, token: visit.csrfToken, errors: errors, values: values))
        }
        let hash = passwords.hashPassword(password)
        let created = try store.consumeOneTimeCode(hash: Secrets.hash(code), purpose: "admin-setup", now: Date()) { _, transaction in
            try transaction.createPerson(NewPerson(fullName: values["full_name"]!, login: values["login"]!, passwordHash: hash,
                                                   language: visit.language, roles: [.admin]))
        }
        guard let admin = created else { throw HTTPError(410, s.setupLinkInvalid) }
        try store.audit(actorID: admin.id, action: "admin-created", subject: "person:\(admin.id)", about: admin.id, address: request.remoteAddress)
        var response = Response.redirect(to: "/me")
        response.headers.add("Set-Cookie", try startSession(for: admin))
        return response
    }

    private func setupForm(_ visit: Visit, code: String, token: String, errors: [String: String], values: [String: String]) -> HTML {
        let s = visit.strings
        func field(_ name: String, _ label: String, type: String = "text", autocomplete: String) -> HTML {
            let error = errors[name]
            return """
                <label for="\(name)">\(label)</label>
                <input id="\(name)" name="\(name)" type="\(type)" autocomplete="\(autocomplete)" required value="\(type == "password" ? "" : values[name] ?? "")"\(error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(name)-error\"" as HTML)>
                \(error.map { "<p class=\"field-error\" id=\"\(name)-error\">\($0)</p>" as HTML })
                """
        }
        return """
            <section class="card narrow">
            <h1>\(s.setupTitle)</h1>
            <p>\(s.setupIntro)</p>
            <form method="post" action="/setup/\(code)" class="stack">
            <input type="hidden" name="_csrf" value="\(token)">
            \(field("full_name", s.fullName, autocomplete: "name"))
            \(field("login", s.login, autocomplete: "username"))
            \(field("password", s.password, type: "password", autocomplete: "new-password"))
            \(field("password_again", s.repeatPassword, type: "password", autocomplete: "new-password"))
            <button type="submit">\(s.createAdministrator)</button>
            </form>
            </section>
            """
    }
}
