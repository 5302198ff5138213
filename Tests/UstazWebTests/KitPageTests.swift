import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
import UstazFixtures
@testable import UstazWeb

/// The demo world on the fixture catalogue, with Ольга (Russian) signed in, and her enrolment and course.
private func olgaWithKits() throws -> (Ustaz, DemoWorld, Browser, EnrolmentRecord, Course) {
    try teacherInDemo(courses: try overlaidCourses())
}

/// The value of `attribute` in the first tag of `html` that begins with `tagStart`.
private func attribute(_ attribute: String, ofTag tagStart: String, in html: String) -> String? {
    guard let tag = html.range(of: tagStart).map({ html[$0.lowerBound...].prefix { $0 != ">" } }),
          let value = tag.range(of: "\(attribute)=\"") else { return nil }
    return String(tag[value.upperBound...].prefix { $0 != "\"" })
}

@Suite("Figures, tables and kits on lesson pages")
struct KitPageTests {
    @Test func aLessonShowsItsFigureTableAndSourcesAndLinksItsKit() throws {
        let (_, _, browser, enrolment, course) = try olgaWithKits()
        let html = browser.get("/learn/\(enrolment.id)/what-is-ai").bodyText
        let figure = try #require(course.lessons[0].figure("fixture-learning", .ru))
        let address = CourseLibrary.address(of: figure)
        #expect(address.range(of: #"^/f/[0-9a-f]{16}\.svg$"#, options: .regularExpression) != nil)
        #expect(html.contains("<figure class=\"lesson-figure\"><img src=\"\(address)\" alt=\"Три блока, соединённые стрелками"))
        #expect(attribute("width", ofTag: "<img src=\"/f/", in: html) == "640")
        #expect(attribute("height", ofTag: "<img src=\"/f/", in: html) == "250")
        #expect(attribute("loading", ofTag: "<img src=\"/f/", in: html) == "lazy")
        #expect(html.contains("<figcaption>Как модель учится на размеченных примерах</figcaption>"))
        #expect(html.contains("<div class=\"table-scroll\" role=\"region\" aria-label=\"Таблица: Пример, Метка\" tabindex=\"0\">"))
        #expect(html.contains("<th scope=\"col\">Пример</th>"))
        #expect(html.contains("<sup class=\"cite\"><a href=\"#src-fixture-unesco-2024\">[1]</a></sup>"))
        #expect(html.contains("<li id=\"src-fixture-unesco-2024\">UNESCO. «AI competency framework for teachers», 2024.</li>"))
        let kit = "/learn/\(enrolment.id)/what-is-ai/kit.pdf?lang=ru"
        #expect(html.contains("<a class=\"button\" href=\"\(kit)\" type=\"application/pdf\">\(KitText.ru.printKit)</a>"))
        #expect(html.contains("data-save-kit=\"\(kit)\" hidden>"), "the save button waits for the script")
        let without = browser.get("/learn/\(enrolment.id)/how-machines-see-and-hear").bodyText
        #expect(!without.contains("kit.pdf") && !without.contains("<figure"))
    }

    @Test func figuresAreFingerprintedImmutableAndLockedDown() throws {
        let (ustaz, _, browser, _, course) = try olgaWithKits()
        let figure = try #require(course.lessons[0].figure("fixture-learning", .kk))
        let address = CourseLibrary.address(of: figure)
        let anonymous = Browser(browser.client)
        let plain = anonymous.get(address)
        #expect(plain.status == 200)
        #expect(plain.headers["Content-Type"] == "image/svg+xml")
        #expect(plain.headers["Cache-Control"] == "public, max-age=31536000, immutable")
        #expect(plain.headers["Content-Security-Policy"] == KitPages.figurePolicy)
        #expect(plain.headers["X-Content-Type-Options"] == "nosniff")
        #expect(plain.bodyText == figure.svg)
        var headers = HTTPHeaders()
        headers["Accept-Encoding"] = "gzip"
        let compressed = browser.client.execute(.get, address, headers: headers, body: [])
        #expect(compressed.headers["Content-Encoding"] == "gzip")
        #expect(Gzip.decompress(compressed.body) == Array(figure.svg.utf8))
        headers["If-None-Match"] = try #require(plain.headers["ETag"])
        #expect(browser.client.execute(.get, address, headers: headers, body: []).status == 304)
        for missing in ["/f/0123456789abcdef.svg", "/f/\(address.dropFirst(3).dropLast(4))", "/f/..%2F..%2Fetc%2Fpasswd"] {
            #expect(anonymous.get(missing).status == 404, "\(missing)")
        }
        _ = ustaz
    }

    @Test func aFigureOfAVersionNotYetReadSinceStartIsStillServed() throws {
        let courses = try overlaidCourses()
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("ustaz-\(UUID().uuidString)/data")
        let (first, _, _) = try makeService(courses: courses, data: data)
        let figure = try #require(first.catalogue.course("primary-teachers")?.lessons[0].figure("fixture-learning", .en))
        // A restart: nothing decoded yet, and the phone asks for the figure of a page it saved earlier.
        let (_, _, client) = try makeService(courses: courses, data: data)
        #expect(client.get(CourseLibrary.address(of: figure)).status == 200)
    }

    @Test func theKitPrintsInTheAskedLanguageForItsOwnerOnly() throws {
        let (ustaz, world, browser, enrolment, _) = try olgaWithKits()
        let address = "/learn/\(enrolment.id)/what-is-ai/kit.pdf"
        let russian = browser.get(address + "?lang=ru")
        #expect(russian.status == 200)
        #expect(russian.headers["Content-Type"] == "application/pdf")
        #expect(russian.body.starts(with: Array("%PDF-".utf8)) && russian.body.count < 1 << 20)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kit-\(UUID().uuidString).pdf")
        try Data(russian.body).write(to: file)
        #expect(try tool(["pdftotext", file.path, "-"]).output.contains("Рабочий лист: Научим машину"))
        let kazakh = browser.get(address + "?lang=kk")
        try Data(kazakh.body).write(to: file)
        #expect(try tool(["pdftotext", file.path, "-"]).output.contains("Жұмыс парағы: Машинаны үйретейік"))
        #expect(browser.get(address + "?lang=ru").body == russian.body, "printed once, then kept")
        var headers = HTTPHeaders()
        headers["Cookie"] = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        headers["If-None-Match"] = try #require(russian.headers["ETag"])
        #expect(browser.client.execute(.get, address + "?lang=ru", headers: headers, body: []).status == 304)
        // Someone else's enrolment is not found; a lesson without a kit says so.
        let other = Browser(browser.client)
        other.signIn("teacher.aigerim", world.password)
        #expect(other.get(address).status == 404)
        let none = browser.get("/learn/\(enrolment.id)/how-machines-see-and-hear/kit.pdf")
        #expect(none.status == 404 && none.bodyText.contains(KitText.ru.noKit))
        _ = ustaz
    }

    @Test func reviewersReadTheKitWithTheLessonAndPrintIt() throws {
        let (ustaz, client, world) = try demoService(courses: try overlaidCourses())
        let version = try #require(try ustaz.store.courseVersions(courseID: "primary-teachers").first)
        let reviewer = Browser(client)
        reviewer.signIn("reviewer", world.password)
        let page = reviewer.get("/review/\(version.id)/what-is-ai").bodyText
        #expect(page.contains("<h2>\(KitText.ru.classroomKit)</h2>"))
        #expect(page.contains("<section class=\"kit-part\" id=\"kit-cards\">"))
        #expect(page.contains("<ol start=\"2\">"), "the worksheet's numbering runs on through the part")
        #expect(page.contains("<ul class=\"ticks\">") && page.contains("<div class=\"write-lines\" aria-hidden=\"true\"><span></span><span></span></div>"))
        #expect(page.components(separatedBy: "<img src=\"/f/").count - 1 >= 2, "the lesson's figures and the kit's")
        #expect(reviewer.get("/review/\(version.id)/what-is-ai/kit.pdf?lang=en").headers["Content-Type"] == "application/pdf")
    }

    @Test func theCourseSavesItsFiguresWithItsLessonsButNotItsKits() throws {
        let (_, _, browser, enrolment, course) = try olgaWithKits()
        let html = browser.get("/learn/\(enrolment.id)").bodyText
        let attribute = try #require(html.components(separatedBy: "data-offline-pages=\"").dropFirst().first?.components(separatedBy: "\"").first)
        let pages = try #require(try JSONSerialization.jsonObject(with: Data(attribute.replacingOccurrences(of: "&quot;", with: "\"").utf8)) as? [String])
        let figures = try course.lessons.prefix(2).map { CourseLibrary.address(of: try #require($0.figure("fixture-learning", .ru))) }
        #expect(Set(figures).count == 2 && figures.allSatisfy(pages.contains))
        #expect(pages.filter { $0.hasPrefix("/learn/") }.count == 1 + 2 * course.lessons.count + 1, "course, lessons, quizzes, practical")
        #expect(!pages.contains { $0.contains("kit.pdf") })
    }

    @Test func everyLanguageHasEveryKitText() {
        for language in Language.allCases {
            for child in Mirror(reflecting: KitText.for(language)).children {
                #expect(!(child.value as? String ?? "x").isEmpty, "\(language) \(child.label ?? "")")
            }
        }
        #expect(Set(Language.allCases.map { KitText.for($0).printKit }).count == 3)
    }
}
