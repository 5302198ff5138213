import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

/// Every route the router holds (read from its table, not listed here), called with hostile values in each path
/// parameter and in the query, signed in as an administrator and anonymously: nothing may crash the process or
/// answer 5xx. `GET /admin/audit?page=9223372036854775807` once killed the server.
@Suite("Hostile values in every route's parameters and query")
struct HostileParameterTests {
    /// Written as they travel in a URL (percent-encoded where that is the point).
    static let hostileValues: [String] = [
        "99999999999999999999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-1", "0", "",
        "abc", "1e9", "0x10", "%201", "1.5", "%E2%80%AE1", "%D2%9B%D0%B0%D0%B7",
        String(repeating: "9", count: 4000), String(repeating: "x", count: 4000),
        "%FF%FE", "%C3%28", "%ED%A0%80", "%00", "%", "%zz", "..%2F..%2Fetc%2Fpasswd", "%2F%2F", "%3Cscript%3E",
    ]
    /// Every name a handler reads from a query string or a form, and one it never reads.
    static let queryNames = ["page", "person", "actor", "from", "until", "action", "code", "next", "flagged", "login",
                             "full_name", "school_code", "iin", "capacity", "target", "unknown"]

    /// Well-formed values for the parameters not under attack, from the demo world.
    static func samples(_ w: AuthorizationMatrixTests.World) -> [String: String] {
        ["cohort": String(w.cohort), "enrolment": String(w.enrolment), "lesson": w.lesson, "attempt": "1", "person": String(w.teacher),
         "serial": w.serial, "token": w.token, "version": String(w.version), "course": "primary-teachers", "code": "en",
         "table": "capacity", "path": "app.css"]
    }

    /// `pattern` with `parameter` set to `value` and every other parameter to its sample.
    static func target(_ pattern: String, _ parameter: String?, _ value: String, samples: [String: String]) -> String {
        let pieces = pattern.split(separator: "/").map { piece -> String in
            guard let first = piece.first, first == ":" || first == "*" else { return String(piece) }
            let name = String(piece.dropFirst())
            return name == parameter ? value : samples[name] ?? "x"
        }
        return "/" + pieces.joined(separator: "/")
    }

    static func parameters(of pattern: String) -> [String] {
        pattern.split(separator: "/").compactMap { $0.first == ":" || $0.first == "*" ? String($0.dropFirst()) : nil }
    }

    @Test func noRouteCrashesOrAnswers5xxOnHostileParameters() throws {
        let w = try AuthorizationMatrixTests.world()
        let routes = w.ustaz.routeTable().router.table
        #expect(routes.count >= 60)
        let samples = Self.samples(w)

        var signIns = 0
        func administrator() -> Browser {
            signIns += 1
            let browser = Browser(w.client)
            // A fresh address each time: the hostile sign-ins below count as failures against the old one.
            browser.remoteAddress = "203.0.113.\(100 + signIns % 100)"
            _ = browser.signIn("admin", w.password)
            return browser
        }
        var admin = administrator()
        let anonymous = Browser(w.client)
        anonymous.remoteAddress = "198.51.100.99"

        var cases = 0
        var failures: [String] = []
        for route in routes {
            var targets: [(target: String, value: String)] = []
            for value in Self.hostileValues {
                for parameter in Self.parameters(of: route.pattern) {
                    targets.append((Self.target(route.pattern, parameter, value, samples: samples), value))
                }
                targets.append((Self.target(route.pattern, nil, "", samples: samples) + "?"
                                + Self.queryNames.map { "\($0)=\(value)" }.joined(separator: "&"), value))
            }
            for (target, value) in targets {
                for signedIn in [true, false] {
                    if signedIn, admin.cookies["ustaz_session"] == nil { admin = administrator() }
                    let browser = signedIn ? admin : anonymous
                    let response: Response
                    if route.method == .post {
                        let token = Browser.csrf(in: browser.get(signedIn ? "/me" : "/signin"))
                        let fields = Self.queryNames.map { "\($0)=\(value)" }
                        let body = (["_csrf=\(token)"] + fields).joined(separator: "&")
                        response = browser.send(.post, target, body: Array(body.utf8), contentType: "application/x-www-form-urlencoded")
                    } else {
                        response = browser.send(route.method, target)
                    }
                    cases += 1
                    if response.status >= 500 {
                        failures.append("\(route.method.rawValue) \(target.prefix(120)) as \(signedIn ? "admin" : "anonymous"): \(response.status)")
                    }
                }
            }
        }
        print("hostile parameters: \(cases) requests over \(routes.count) routes (\(Self.hostileValues.count) values, admin and anonymous), \(failures.count) answered 5xx")
        #expect(failures.isEmpty, "\(failures.count) answered 5xx:\n\(failures.prefix(40).joined(separator: "\n"))")
    }

    @Test func refusedNumbersAre400WithTheParameterInTheVisitorsLanguage() throws {
        let w = try AuthorizationMatrixTests.world()
        let admin = AuthorizationMatrixTests.browser(.admin, w)
        let marker: [Language: String] = [.kk: "бүтін сан", .ru: "целым числом", .en: "whole number"]
        for (target, parameter) in [("/people/abc", "person"), ("/cohorts/-3", "cohort"), ("/review/99999999999999999999", "version"),
                                    ("/lineage/1e3", "person"), ("/admin/audit?page=0", "page")] {
            for language in Language.allCases {
                admin.cookies["ustaz_lang"] = language.rawValue
                let response = admin.get(target)
                #expect(response.status == 400, "\(target)")
                #expect(response.bodyText.contains("«\(parameter)»") || response.bodyText.contains("“\(parameter)”"), "\(target) \(language)")
                #expect(response.bodyText.contains(marker[language]!), "\(target) \(language)")
            }
        }
        // The HTTP layer's own refusals are worded by the application too.
        let escape = w.client.get("/courses?q=%zz", headers: ["Accept-Language": "ru"])
        #expect(escape.status == 400 && escape.bodyText.contains(SecurityText.ru.malformedEscape.htmlEscaped))
        let utf8 = w.client.get("/people/%FF%FE", headers: ["Accept-Language": "kk"])
        #expect(utf8.status == 400 && utf8.bodyText.contains(SecurityText.kk.notUTF8.htmlEscaped))
    }
}
