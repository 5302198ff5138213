import Foundation
import HTTPServer
import Testing
import UstazCore
@testable import UstazWeb

@Suite("Error pages speak the visitor's language")
struct ErrorLanguageTests {
    /// Each error path, what it should say, and a visitor who meets it.
    @Test(arguments: Language.allCases)
    func everyErrorPathIsTranslated(language: Language) throws {
        let (_, client, world) = try demoService()
        let strings = Strings.for(language)
        func browser(_ login: String?) -> Browser {
            let browser = Browser(client)
            browser.acceptLanguage = language.rawValue
            browser.cookies["ustaz_lang"] = language.rawValue
            if let login { browser.signIn(login, world.password) }
            return browser
        }
        let admin = browser("admin"), teacher = browser("teacher.olga"), anonymous = browser(nil)
        let cases: [(String, Response, Int, String)] = [
            ("unknown address", anonymous.get("/no/such/page"), 404, strings.errors.notFound),
            ("forbidden page", teacher.get("/schools"), 403, strings.errors.forbidden),
            ("unknown region", admin.get("/cohorts?region=atlantis"), 400, strings.lists.unknownRegion),
            ("no such coverage table", anonymous.get("/api/v1/coverage/nothing"), 404, strings.errors.noSuchTable("nothing", "")),
            ("missing CSV", admin.postMultipart("/schools/import", [("_csrf", Browser.csrf(in: admin.get("/schools")))]), 400,
             strings.errors.attachCSV),
        ]
        for (name, response, status, text) in cases {
            #expect(response.status == status, "\(language) \(name)")
            let expected = String(text.prefix(24))
            #expect(response.bodyText.contains(expected.htmlEscaped) || response.bodyText.contains(expected), "\(language) \(name): \(expected)")
            if language != .en {
                let english = name == "missing CSV" ? ErrorText.en.attachCSV : ""
                if !english.isEmpty { #expect(!response.bodyText.contains(english), "\(language) \(name) is in English") }
            }
        }
    }

    /// The slow lane's 503 (its queue full) is worded by the application like every other refusal of the HTTP layer.
    @Test(arguments: Language.allCases)
    func theSlowLanesRefusalIsTranslated(language: Language) throws {
        let (ustaz, _, _) = try demoService()
        let request = try Request(method: .get, target: "/certificates/1/pdf",
                                  headers: ["Accept-Language": language.rawValue, "Cookie": "ustaz_lang=\(language.rawValue)"])
        let response = ustaz.makeApplication().respond(to: request, refusing: .busy(retryAfter: 3))
        #expect(response.status == 503)
        #expect(response.headers["Retry-After"] == "3")
        let sentence = Strings.for(language).errors.busy(Formatting.number(3, language))
        #expect(response.bodyText.contains(sentence.htmlEscaped), "\(language): \(sentence)")
    }
}
