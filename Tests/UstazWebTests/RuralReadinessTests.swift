import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
import UstazFixtures
@testable import UstazWeb

/// A demo world and a signed-in teacher with a course under way (Ольга, Pavlodar).
func teacherInDemo(courses: URL? = nil) throws -> (Ustaz, DemoWorld, Browser, EnrolmentRecord, Course) {
    let (ustaz, _, client) = try makeService(courses: courses)
    let world = try DemoWorld.load(into: ustaz)
    let browser = Browser(client)
    #expect(browser.signIn("teacher.olga", world.password).status == 303)
    let olga = try #require(try ustaz.store.person(login: "teacher.olga"))
    let enrolment = try #require(try ustaz.store.enrolments(personID: olga.id).first)
    let course = try #require(try ustaz.library.course(versionID: enrolment.courseVersionID))
    return (ustaz, world, browser, enrolment, course)
}

@Suite("Language choice, language switch and accessible page frame")
struct LanguageAndAccessibilityTests {
    @Test func languageComesFromChoiceThenAccountThenBrowserThenDefault() throws {
        let (ustaz, _, client) = try makeService()
        try ustaz.store.createPerson(.init(fullName: "Анна Ковалёва", login: "anna", passwordHash: ustaz.hashPassword("a long password"),
                                           language: .ru, roles: [.teacher]))
        let visitor = Browser(client)
        #expect(visitor.get("/").bodyText.contains("<html lang=\"kk\">"))  // nothing stated: the deployment default
        visitor.acceptLanguage = "de-DE, en;q=0.8, ru;q=0.5"
        #expect(visitor.get("/").bodyText.contains("<html lang=\"en\">"))  // the best supported one
        visitor.acceptLanguage = "de-DE"
        #expect(visitor.get("/").bodyText.contains("<html lang=\"kk\">"))
        visitor.acceptLanguage = "en"
        visitor.signIn("anna", "a long password")
        #expect(visitor.get("/me").bodyText.contains("<html lang=\"ru\">"))  // the account's language beats the browser's
        visitor.get("/lang/en?next=/me")
        #expect(visitor.get("/me").bodyText.contains("<html lang=\"en\">"))  // the switch beats the account
    }

    @Test func acceptLanguageIsReadByQuality() {
        #expect(Language.preferred(acceptLanguage: "ru-KZ,ru;q=0.9,kk;q=0.8") == .ru)
        #expect(Language.preferred(acceptLanguage: "kk;q=0.5, en;q=0.9") == .en)
        #expect(Language.preferred(acceptLanguage: "EN-us") == .en)
        #expect(Language.preferred(acceptLanguage: "en;q=0, de") == nil)
        #expect(Language.preferred(acceptLanguage: "") == nil)
        #expect(Language.preferred(acceptLanguage: nil) == nil)
    }

    @Test func everyPageHasTheLanguageSwitchLabelsAndOneHeading() throws {
        let (_, world, browser, enrolment, course) = try teacherInDemo()
        let lesson = course.lessons[5]
        let verification = try #require(browser.get("/c/\(world.serials[0])").headers["Location"])
        let pages = ["/", "/courses", "/courses/\(course.id)", "/me", "/learn/\(enrolment.id)", "/learn/\(enrolment.id)/\(lesson.id)",
                     "/learn/\(enrolment.id)/\(lesson.id)/quiz", "/offline", "/join", verification, "/no-such-page"]
        for path in pages {
            for language in Language.allCases {
                browser.get("/lang/\(language.rawValue)?next=/")
                let html = browser.get(path).bodyText
                #expect(html.contains("<html lang=\"\(language.rawValue)\">"), "\(path)")
                let switchLinks = html.components(separatedBy: "<ul class=\"languages\">").last?.components(separatedBy: "</ul>").first ?? ""
                for other in Language.allCases {
                    #expect(switchLinks.contains("lang=\"\(other.rawValue)\""), "\(path): switch to \(other)")
                }
                #expect(html.components(separatedBy: "<h1").count == 2, "\(path): one h1")
                #expect(html.contains("<main id=\"main\">") && html.contains("class=\"skip\" href=\"#main\""), "\(path)")
                // Links to a lesson's cited sources may leave the site; nothing the page loads may.
                #expect(!html.contains("src=\"http") && !html.contains("stylesheet\" href=\"http") && !html.contains("src=\"//"), "\(path): nothing from outside")
                for problem in unlabelledControls(html) { Issue.record("\(path) (\(language)): \(problem)") }
            }
        }
    }

    @Test func everyRolesPagesAreLabelledToo() throws {
        let (ustaz, _, client) = try makeService()
        let world = try DemoWorld.load(into: ustaz)
        let pages: [(String, [String])] = [
            ("lead.pavlodar", ["/me", "/cohorts", "/cohorts/new", "/lineage", "/join"]),
            ("master", ["/me", "/cohorts", "/fidelity", "/lineage"]),
            ("admin", ["/schools", "/admin/master-trainers", "/cohorts", "/fidelity", "/people"]),
            ("reviewer", ["/review"]),
            ("coordinator", ["/cohorts", "/fidelity"]),
        ]
        for (login, paths) in pages {
            let browser = Browser(client)
            browser.signIn(login, world.password)
            var visited = paths
            // Each cohort the person can see, too.
            let list = browser.get("/cohorts").bodyText
            visited += list.components(separatedBy: "href=\"/cohorts/").dropFirst()
                .map { "/cohorts/" + $0.prefix { $0 != "\"" } }.filter { $0.dropFirst(9).allSatisfy(\.isNumber) }
            if login == "lead.pavlodar" { #expect(visited.count > paths.count, "the lead trainer's cohort pages are audited") }
            for path in visited {
                let response = browser.get(path)
                #expect(response.status == 200, "\(login) \(path)")
                let html = response.bodyText
                #expect(html.components(separatedBy: "<h1").count == 2, "\(login) \(path): one h1")
                for problem in unlabelledControls(html) { Issue.record("\(login) \(path): \(problem)") }
            }
        }
    }

    /// Form controls without a `<label for>` or an aria-label, and images without alt text.
    func unlabelledControls(_ html: String) -> [String] {
        var problems: [String] = []
        let tags = html.components(separatedBy: "<").dropFirst().map { "<" + ($0.components(separatedBy: ">").first ?? "") + ">" }
        func attribute(_ name: String, _ tag: String) -> String? {
            guard let range = tag.range(of: " \(name)=\"") else { return nil }
            return String(tag[range.upperBound...].prefix { $0 != "\"" })
        }
        for tag in tags where tag.hasPrefix("<input") || tag.hasPrefix("<select") || tag.hasPrefix("<textarea") {
            if ["hidden", "submit"].contains(attribute("type", tag) ?? "") { continue }
            if attribute("aria-label", tag) != nil {
                // An aria-label hides the visible <label> from screen readers; use one or the other.
                if let id = attribute("id", tag), html.contains("for=\"\(id)\"") { problems.append("#\(id) has a label and an aria-label") }
                continue
            }
            guard let id = attribute("id", tag) else { problems.append("no id or aria-label: \(tag)"); continue }
            if !html.contains("for=\"\(id)\"") { problems.append("no label for #\(id)") }
        }
        for tag in tags where tag.hasPrefix("<img") && attribute("alt", tag) == nil { problems.append("image without alt: \(tag)") }
        for tag in tags where tag.hasPrefix("<progress") && attribute("aria-label", tag) == nil { problems.append("progress bar without a name") }
        for tag in tags where tag.hasPrefix("<nav") && attribute("aria-label", tag) == nil { problems.append("navigation without a name") }
        return problems
    }
}

@Suite("Installable web app and offline lessons")
struct OfflineTests {
    @Test func serviceWorkerIsServedFromTheRootWithTheCurrentShell() throws {
        let (ustaz, _, client) = try makeService()
        let worker = client.get("/sw.js")
        #expect(worker.status == 200)
        #expect(worker.headers["Content-Type"]?.hasPrefix("application/javascript") == true)
        #expect(worker.headers["Service-Worker-Allowed"] == "/")
        #expect(worker.headers["Cache-Control"] == "no-cache")
        let script = worker.bodyText
        #expect(script.contains("\"\(ustaz.staticFiles.url(for: "app.css"))\""))
        #expect(script.contains("\"\(ustaz.staticFiles.url(for: "offline.js"))\""))
        #expect(script.contains("\"/offline\""))
        #expect(!script.contains("/*SHELL*/") && !script.contains("/*VERSION*/"))

        let manifest = client.get("/manifest.webmanifest")
        #expect(manifest.headers["Content-Type"] == "application/manifest+json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(manifest.body)) as? [String: Any])
        #expect(document["start_url"] as? String == "/me")
        #expect(document["scope"] as? String == "/")
        #expect(document["display"] as? String == "standalone")
        let icons = try #require(document["icons"] as? [[String: String]])
        for icon in icons { #expect(client.get(icon["src"] ?? "").status == 200) }

        let home = client.get("/").bodyText
        #expect(home.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"))
        #expect(!home.contains("<script"))  // nothing to save for a visitor
        #expect(client.get("/offline").status == 200)
        let world = try DemoWorld.load(into: ustaz)
        let teacher = Browser(client)
        teacher.signIn("teacher.olga", world.password)
        #expect(teacher.get("/me").bodyText.contains("<script src=\"\(ustaz.staticFiles.url(for: "offline.js"))\" defer data-texts=\""))
        let verification = try #require(teacher.get("/c/\(world.serials[0])").headers["Location"])
        #expect(!teacher.get(verification).bodyText.contains("<script"))
    }

    /// The page script looks its texts up by name; every name it uses must be one the server sends.
    @Test func thePageScriptFindsEveryTextItShows() throws {
        let script = try String(contentsOf: repositoryRoot.appendingPathComponent("Public/offline.js"), encoding: .utf8)
        let used = Set(script.components(separatedBy: "texts.").dropFirst().map { String($0.prefix { $0.isLetter }) })
        #expect(used.count >= 8)
        for language in Language.allCases {
            #expect(used.subtracting(Strings.for(language).offline.scriptTexts.keys) == [], "\(language)")
        }
    }

    @Test func theCoursePageListsItsLessonsAndQuizzesForSaving() throws {
        let (ustaz, _, browser, enrolment, course) = try teacherInDemo()
        let html = browser.get("/learn/\(enrolment.id)").bodyText
        let attribute = try #require(html.components(separatedBy: "data-offline-pages=\"").dropFirst().first?.components(separatedBy: "\"").first)
        let pages = try #require(try JSONSerialization.jsonObject(with: Data(attribute.replacingOccurrences(of: "&quot;", with: "\"").utf8)) as? [String])
        // The course page, each lesson and its quiz, and the classroom-practical report (a teacher course requires one).
        #expect(course.requiresPractical)
        // The course page, each lesson and its quiz, the practical, then the figures the lessons show.
        let learning = pages.filter { $0.hasPrefix("/learn/") }
        #expect(learning.count == 1 + 2 * course.lessons.count + 1)
        #expect(learning.last == "/learn/\(enrolment.id)/practical")
        #expect(browser.get(learning.last!).status == 200)
        #expect(pages.allSatisfy { $0.hasPrefix("/learn/") || $0.hasPrefix("/f/") })
        #expect(pages.contains("/learn/\(enrolment.id)/\(course.lessons[7].id)"))
        #expect(pages.contains("/learn/\(enrolment.id)/\(course.lessons[7].id)/quiz"))
        for page in pages.prefix(3) { #expect(browser.get(page).status == 200, "\(page)") }
        #expect(html.contains("data-saved-text=\"8 уроков сохранено"))
        _ = ustaz
    }

    @Test func savingALessonForOfflineDoesNotCountAsOpeningIt() throws {
        let (ustaz, _, browser, enrolment, course) = try teacherInDemo()
        let lesson = course.lessons[7]
        var headers = HTTPHeaders()
        headers["Cookie"] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers[OfflinePages.offlineSaveHeader] = "offline"
        #expect(browser.client.execute(.get, "/learn/\(enrolment.id)/\(lesson.id)", headers: headers, body: []).status == 200)
        #expect(try ustaz.store.lessonProgress(enrolmentID: enrolment.id)[lesson.id] == nil)
        browser.get("/learn/\(enrolment.id)/\(lesson.id)")
        #expect(try ustaz.store.lessonProgress(enrolmentID: enrolment.id)[lesson.id]?.openedAt != nil)
    }

    /// What the page script does with answers given offline: the same form body, sent again later,
    /// perhaps twice (a response lost on the way) — counted once, and only with the session's form token.
    @Test func aQueuedQuizSubmissionCountsOnceAndNeedsTheFormToken() throws {
        let (ustaz, _, browser, enrolment, course) = try teacherInDemo()
        let lesson = course.lessons[6]
        let quiz = browser.get("/learn/\(enrolment.id)/\(lesson.id)/quiz")
        let token = Browser.csrf(in: quiz)
        // The page saved on the phone shows the same draw as any other copy served before it is answered.
        #expect(drawOn(browser.get("/learn/\(enrolment.id)/\(lesson.id)/quiz")).id == drawOn(quiz).id)
        let answers = [("draw", drawOn(quiz).id)] + answerFields(drawOn(quiz).items.compactMap { lesson.quiz.question($0) }, correct: false)
        let form = [("_csrf", token), ("client_key", "queued-on-a-phone-1")] + answers
        let forged = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", [("_csrf", "stale")] + form.dropFirst())
        #expect(forged.status == 403)
        #expect(try ustaz.store.quizAttempts(enrolmentID: enrolment.id, lessonID: lesson.id).isEmpty)
        let first = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", form)
        let again = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", form)
        #expect(first.status == 303)
        #expect(again.status == 303)
        #expect(again.headers["Location"] == first.headers["Location"])
        #expect(try ustaz.store.quizAttempts(enrolmentID: enrolment.id, lessonID: lesson.id).count == 1)
        // A new submission (a new key) of the answered draw is refused, saying why; the quiz page gives a new draw.
        let spent = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", [("_csrf", token), ("client_key", "queued-on-a-phone-2")] + answers)
        #expect(spent.status == 409)
        let again2 = browser.get("/learn/\(enrolment.id)/\(lesson.id)/quiz")
        #expect(drawOn(again2).id != drawOn(quiz).id)
        let next = browser.post("/learn/\(enrolment.id)/\(lesson.id)/quiz", quizForm(lesson, page: again2, correct: false, clientKey: "queued-on-a-phone-3"))
        #expect(next.status == 303)
        #expect(try ustaz.store.quizAttempts(enrolmentID: enrolment.id, lessonID: lesson.id).count == 2)
    }

    @Test func cohortMembersAreListedInKazakhAlphabeticalOrder() throws {
        let (ustaz, _, client) = try makeService()
        let world = try DemoWorld.load(into: ustaz)
        let lead = try #require(try ustaz.store.person(login: "lead.pavlodar"))
        let cohort = try #require(try ustaz.store.cohorts(trainerID: lead.id).first { $0.cohort.regionID == "pavlodar" && $0.cohort.name.contains("бастауыш") }?.cohort)
        for (index, name) in ["Яна Ким", "Әсел Нұрова", "Ілияс Бекұлы"].enumerated() {
            let person = try ustaz.store.createPerson(.init(fullName: name, login: "extra\(index)", passwordHash: "x", roles: [.teacher]))
            _ = try ustaz.store.enrol(personID: person.id, cohortID: cohort.id)
        }
        let browser = Browser(client)
        browser.signIn("lead.pavlodar", world.password)
        let html = browser.get("/cohorts/\(cohort.id)").bodyText
        let expected = ["Әсел Нұрова", "Жанна Бекова", "Марат Іскаков", "Ольга Петренко", "Ілияс Бекұлы", "Яна Ким"]
        // The trainer sees each name as a link to the person's profile.
        let positions = expected.map { html.range(of: "\">\($0)</a>")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }
}

@Suite("Colour contrast of the stylesheet (WCAG 2.1 AA)")
struct ContrastTests {
    let css: String

    init() throws {
        css = try String(contentsOf: repositoryRoot.appendingPathComponent("Public/app.css"), encoding: .utf8)
    }

    /// The value of `property` in the rule whose selector list is exactly `selector`, custom properties resolved.
    func value(_ selector: String, _ property: String) -> String? {
        for rule in css.components(separatedBy: "}") {
            let parts = rule.components(separatedBy: "{")
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(selector),
                  parts[0].trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n").last?
                    .trimmingCharacters(in: .whitespaces) == selector else { continue }
            for declaration in parts[1].components(separatedBy: ";") {
                let pair = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                guard pair.count == 2, pair[0] == property else { continue }
                return resolve(pair[1])
            }
        }
        return nil
    }

    func resolve(_ declared: String) -> String {
        let colour = declared.split(separator: " ").first { $0.hasPrefix("#") || $0.hasPrefix("var(") }.map(String.init) ?? declared
        if colour.hasPrefix("var(--") {
            let name = String(colour.dropFirst(4).prefix { $0 != ")" })
            return value(":root", name) ?? "?"
        }
        if colour.hasPrefix("#"), colour.count == 4 { return "#" + colour.dropFirst().map { "\($0)\($0)" }.joined() }
        return colour
    }

    static func luminance(_ hex: String) -> Double {
        let digits = hex.dropFirst()
        let channels = stride(from: 0, to: 6, by: 2).map { offset -> Double in
            let start = digits.index(digits.startIndex, offsetBy: offset)
            let c = Double(Int(digits[start..<digits.index(start, offsetBy: 2)], radix: 16)!) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func knowsTheFormula() {
        #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 0.01)
        #expect(abs(Self.contrast("#777777", "#ffffff") - 4.48) < 0.01)
    }

    /// Text pairs need 4.5:1; focus rings and input borders (non-text) 3:1.
    @Test func everyColourPairMeetsAA() throws {
        let paper = try #require(value(":root", "background")), card = try #require(value(":root", "--card"))
        let ink = try #require(value(":root", "color"))
        let pairs: [(String, String?, String?, Double)] = [
            ("body text", ink, paper, 4.5),
            ("muted text on the page", value(".muted", "color"), paper, 4.5),
            ("muted text on cards", value(".muted", "color"), card, 4.5),
            ("links", value("a", "color"), paper, 4.5),
            ("links on cards", value("a", "color"), card, 4.5),
            ("header", value("header.site a", "color"), value("header.site", "background"), 4.5),
            ("buttons", value("button, .button", "color"), value("button, .button", "background"), 4.5),
            ("main menu", value("a", "color"), value(".main-menu", "background"), 4.5),
            ("competency tags", value(".tags li", "color"), value(".tags li", "background"), 4.5),
            ("error notices", value(".notice.error", "color"), card, 4.5),
            ("success notices", value(".notice.ok", "color"), card, 4.5),
            ("badges", ink, value(".badge", "background"), 4.5),
            ("finished cells", value("td.cell.done", "color"), value("td.cell.done", "background"), 4.5),
            ("failed cells", value("td.cell.failed", "color"), value("td.cell.failed", "background"), 4.5),
            ("expired status", value(".status.expired, .status.superseded", "color"), paper, 4.5),
            ("forged verdict", value(".verdict.forged h1", "color"), value(".verdict.forged", "background"), 4.5),
            ("secondary buttons", value("button.secondary", "color"), value("button.secondary", "background"), 4.5),
            ("save-kit button", value("button.kit-save", "color"), value("button.kit-save", "background"), 4.5),
            ("table headers in lessons", ink, value("table.lesson-table th", "background"), 4.5),
            ("figure captions and sources", value(".lesson-figure figcaption, .sources", "color"), paper, 4.5),
            ("focus ring", value("a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible", "outline"), paper, 3),
            ("focus ring in the header", value("header.site a:focus-visible, header.site button:focus-visible, .skip:focus-visible", "outline-color"), value(":root", "--brand"), 3),
            ("input borders", value("input, select, textarea", "border"), value("input, select, textarea", "background"), 3),
        ]
        for (name, foreground, background, minimum) in pairs {
            guard let foreground, let background, foreground.hasPrefix("#"), background.hasPrefix("#") else {
                Issue.record("\(name): colour not found in app.css (\(foreground ?? "nil") on \(background ?? "nil"))")
                continue
            }
            let ratio = Self.contrast(foreground, background)
            #expect(ratio >= minimum, "\(name): \(foreground) on \(background) is \(String(format: "%.2f", ratio)):1")
        }
    }
}
