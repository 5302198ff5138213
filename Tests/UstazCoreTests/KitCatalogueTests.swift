import Foundation
import Testing
import CourseFolders
@testable import UstazCore

/// A scratch copy of the catalogue with the fixture figure, table, citation and kit of Tests/Fixtures/kit-overlay
/// in the first two lessons of primary-teachers (the same copy the browser tests use).
func overlaidCatalogue() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("kits-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let courses = root.appendingPathComponent("Courses")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [repositoryRoot.appendingPathComponent("Tests/Fixtures/kit_overlay.py").path,
                         repositoryRoot.appendingPathComponent("Courses").path, courses.path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    return courses
}

let fixtureLesson = "primary-teachers/01-what-is-ai"

@Suite("Figures, tables, kits and sources in the catalogue")
struct KitCatalogueTests {
    @Test func fixtureLoadsWithFiguresTablesKitAndSources() throws {
        let (catalogue, diagnostics) = Catalogue.load(from: try overlaidCatalogue())
        #expect(diagnostics == [])
        let course = try #require(catalogue?.course("primary-teachers"))
        let lesson = try #require(course.lesson("what-is-ai"))
        #expect(course.sources?.contains { $0.id == "fixture-unesco-2024" } == true)
        for language in Language.allCases {
            #expect(lesson.figure("fixture-learning", language) != nil)
            let blocks = lesson.document(language).sections[1].blocks
            #expect(blocks.contains { if case .figure(let figure) = $0 { figure.name == "fixture-learning" } else { false } })
            #expect(blocks.contains { if case .table(let table) = $0 { table.header.count == 2 && table.rows.count == 2 } else { false } })
            let kit = try #require(lesson.kit).document(language)
            #expect(kit.sections.map(\.part) == [.worksheet, .answerKey, .exitTicket, .cards, .parentLetter])
            #expect(kit.cards.count == 12)
            #expect(kit.numberedItems(.worksheet) == 3 && kit.numberedItems(.answerKey) == 3)
            #expect(kit.section(.worksheet)?.blocks.contains(.writingLines(2)) == true)
            #expect(kit.section(.worksheet)?.blocks.contains { if case .tickBoxes(let items) = $0 { items.count == 3 } else { false } } == true)
        }
        #expect(lesson.kit?.document(.en).cards.first == KitDocument.Card(front: "apple", back: "fruit"))
    }

    @Test func releaseRuleAsksEveryLessonForAFigureAndAKit() throws {
        let root = try overlaidCatalogue()
        // Lesson 3 loses its figure lines and its kit: list, as a lesson written before figures and kits.
        let course = root.appendingPathComponent("primary-teachers/course.yaml")
        var lines = try String(contentsOf: course, encoding: .utf8).components(separatedBy: "\n")
        let third = try #require(lines.firstIndex { $0.contains("id: how-machines-see-and-hear") })
        if let kit = lines[third...].firstIndex(where: { $0.contains("kit:") }), kit < third + 5 { lines.remove(at: kit) }
        try lines.joined(separator: "\n").write(to: course, atomically: true, encoding: .utf8)
        for language in Language.allCases {
            let file = root.appendingPathComponent("primary-teachers/03-how-machines-see-and-hear/\(language.rawValue).md")
            let text = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").filter { !$0.hasPrefix("![") }
            try text.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        }
        let (catalogue, diagnostics) = Catalogue.load(from: root, requireFiguresAndKits: true)
        #expect(catalogue == nil)
        let primary = diagnostics.filter { $0.file.hasPrefix("Courses/primary-teachers/") }
        #expect(!primary.contains { $0.file.contains("01-what-is-ai") || $0.file.contains("02-how-machines-learn") })
        #expect(primary.contains { $0.description == "Courses/primary-teachers/03-how-machines-see-and-hear/en.md:1: the lesson places no figure; every lesson has at least one (Courses/FORMAT.md, Figures)" })
        #expect(primary.contains { $0.file == "Courses/primary-teachers/course.yaml" && $0.message.hasPrefix("lesson how-machines-see-and-hear has no kit") })
        #expect(!Catalogue.load(from: root).1.contains { $0.message.contains("places no figure") || $0.message.contains("has no kit") },
                "the service itself loads lessons without figures or kits")
    }

    @Test func unsafeFigureIsRefusedAtItsFileAndLine() throws {
        let root = try overlaidCatalogue()
        try edit(root.appendingPathComponent("\(fixtureLesson)/figures/fixture-learning.ru.svg")) {
            $0.replacingOccurrences(of: "  <title>", with: "  <script>fetch('https://evil.example')</script>\n  <title>")
        }
        let (catalogue, diagnostics) = Catalogue.load(from: root)
        #expect(catalogue == nil)
        #expect(diagnostics.map(\.description) == ["Courses/\(fixtureLesson)/figures/fixture-learning.ru.svg:3: scripts are not allowed in figures"])
    }

    @Test func figureTextInTheWrongLanguageIsRefused() throws {
        let root = try overlaidCatalogue()
        let kazakh = try String(contentsOf: root.appendingPathComponent("\(fixtureLesson)/figures/fixture-learning.kk.svg"), encoding: .utf8)
        try kazakh.write(to: root.appendingPathComponent("\(fixtureLesson)/figures/fixture-learning.ru.svg"), atomically: true, encoding: .utf8)
        try edit(root.appendingPathComponent("\(fixtureLesson)/en.md")) {
            $0.replacingOccurrences(of: "\"How a model learns from labelled examples\"", with: "\"Модель қалай үйренеді\"")
        }
        let diagnostics = Catalogue.load(from: root).1.map(\.description)
        #expect(diagnostics.contains { $0.hasPrefix("Courses/\(fixtureLesson)/figures/fixture-learning.ru.svg:1: the figure's text: Russian text holds the Kazakh letter") })
        #expect(diagnostics.contains { $0.hasPrefix("Courses/\(fixtureLesson)/en.md:11: the figure's caption: English text holds the Cyrillic letter") })
    }

    @Test func missingLanguageFileAndShortAltTextAreReported() throws {
        let root = try overlaidCatalogue()
        try FileManager.default.removeItem(at: root.appendingPathComponent("\(fixtureLesson)/figures/fixture-learning.kk.svg"))
        try edit(root.appendingPathComponent("\(fixtureLesson)/ru.md")) {
            $0.replacingOccurrences(of: "![Три блока, соединённые стрелками: примеры с метками, модель находит закономерности, новый пример получает метку.]", with: "![Схема]")
        }
        let diagnostics = Catalogue.load(from: root).1.map(\.description)
        #expect(diagnostics.contains("Courses/\(fixtureLesson)/figures/fixture-learning.kk.svg:0: file is missing (the figure fixture-learning needs a file in each of kk, ru and en)"))
        #expect(diagnostics.contains("Courses/\(fixtureLesson)/kk.md:11: the figure fixture-learning has no file figures/fixture-learning.kk.svg"))
        #expect(diagnostics.contains("Courses/\(fixtureLesson)/ru.md:11: the figure fixture-learning needs alternative text of at least 10 characters that says what it shows"))
    }

    @Test func kitMustHaveEveryListedPartInEveryLanguage() throws {
        let root = try overlaidCatalogue()
        try FileManager.default.removeItem(at: root.appendingPathComponent("\(fixtureLesson)/kit/ru.md"))
        try edit(root.appendingPathComponent("\(fixtureLesson)/kit/kk.md")) {
            $0.replacingOccurrences(of: "- **асқабақ** — көкөніс\n", with: "").replacingOccurrences(of: "{#parent-letter}", with: "{#parents}")
        }
        try edit(root.appendingPathComponent("\(fixtureLesson)/kit/en.md")) { $0.replacingOccurrences(of: "3. Any picture", with: "Any picture") }
        let diagnostics = Catalogue.load(from: root).1.map(\.description)
        let kit = "Courses/\(fixtureLesson)/kit"
        #expect(diagnostics.contains("\(kit)/ru.md:0: file is missing"))
        #expect(diagnostics.contains { $0.hasPrefix("\(kit)/kk.md:") && $0.contains("a card set has 12 to 20 cards, this one has 11") })
        #expect(diagnostics.contains { $0.hasPrefix("\(kit)/kk.md:") && $0.contains("{#parents} is no kit part") })
        #expect(diagnostics.contains { $0.hasPrefix("\(kit)/kk.md:") && $0.contains("the part {#parent-letter} is missing") })
        #expect(diagnostics.contains { $0.hasPrefix("\(kit)/en.md:") && $0.contains("the answer key has 2 numbered answers; the worksheet has 3 numbered tasks") })
    }

    @Test func kitListInCourseYAMLIsChecked() throws {
        let root = try overlaidCatalogue()
        try edit(root.appendingPathComponent("primary-teachers/course.yaml")) {
            $0.replacingOccurrences(of: "kit: [worksheet, answer-key, exit-ticket, cards, parent-letter]\n  - id: how-machines-learn",
                                    with: "kit: [worksheet, exit-ticket, posters]\n  - id: how-machines-learn")
        }
        let diagnostics = Catalogue.load(from: root).1.filter { $0.file.hasSuffix("course.yaml") }.map(\.message)
        #expect(diagnostics.contains("unknown kit part \"posters\" (worksheet, answer-key, exit-ticket, cards, parent-letter)"))
        #expect(diagnostics.contains("lesson what-is-ai's kit lacks the required part answer-key"))
    }

    @Test func citationsAndSourcesMustMatch() throws {
        let root = try overlaidCatalogue()
        try edit(root.appendingPathComponent("\(fixtureLesson)/en.md")) { $0.replacingOccurrences(of: "[src:fixture-unesco-2024]", with: "[src:unknown-2025] [src:Bad id]") }
        try edit(root.appendingPathComponent("primary-teachers/sources.yaml")) { $0 + "  - id: never-cited\n    publisher: \"Nobody\"\n    title: \"Nothing\"\n    date: 2025-13-99\n" }
        let diagnostics = Catalogue.load(from: root).1.map(\.description)
        #expect(diagnostics.contains("Courses/\(fixtureLesson)/en.md:18: [src:unknown-2025] names no source in primary-teachers/sources.yaml"))
        #expect(diagnostics.contains("Courses/\(fixtureLesson)/en.md:18: a citation is written [src:id] with the id of a source in sources.yaml"))
        #expect(diagnostics.contains { $0.hasPrefix("Courses/primary-teachers/sources.yaml:") && $0.hasSuffix("the source never-cited is never cited; cite it as [src:never-cited] or remove it") })
        #expect(diagnostics.contains { $0.hasPrefix("Courses/primary-teachers/sources.yaml:") && $0.hasSuffix("source never-cited: date is written 2024, 2024-12 or 2024-12-05") })
    }

    @Test func russianKitKeepsKazakhToQuotes() throws {
        let root = try overlaidCatalogue()
        try edit(root.appendingPathComponent("\(fixtureLesson)/kit/ru.md")) { $0.replacingOccurrences(of: "(по-казахски «белгі»)", with: "(по-казахски белгі)") }
        let diagnostics = Catalogue.load(from: root).1.map(\.description)
        #expect(diagnostics == ["Courses/\(fixtureLesson)/kit/ru.md:3: Russian text holds the Kazakh letter і; put Kazakh examples in quotation marks «…»"])
    }

    @Test func figuresAndKitsAreCoveredByTheContentHash() throws {
        let root = try overlaidCatalogue()
        let before = try #require(Catalogue.load(from: root).0?.course("primary-teachers")?.contentHash)
        try edit(root.appendingPathComponent("\(fixtureLesson)/figures/fixture-learning.en.svg")) { $0.replacingOccurrences(of: "#12263f", with: "#12263e") }
        let figureEdited = try #require(Catalogue.load(from: root).0?.course("primary-teachers")?.contentHash)
        try edit(root.appendingPathComponent("\(fixtureLesson)/kit/en.md")) { $0.replacingOccurrences(of: "a pencil", with: "a pen") }
        let kitEdited = try #require(Catalogue.load(from: root).0?.course("primary-teachers")?.contentHash)
        #expect(Set([before, figureEdited, kitEdited]).count == 3)
    }
}

@Suite("Kit Markdown")
struct KitDocumentTests {
    @Test func printMarksBelongToKitsOnly() {
        let lesson = "# T\n## A {#objectives}\n- [ ] tick\n"
        #expect(LessonDocument.parse(lesson).1.contains { $0.line == 3 && $0.message.contains("tick boxes - [ ] belong in kits") })
        let kit = """
            # Kit
            ## Worksheet {#worksheet}
            1. Write.
            ___
            ___

            ___
            - [ ] yes
            - [ ] no
            ## Answers {#answer-key}
            1. Anything.
            ## Ticket {#exit-ticket}
            1. One?
            2. Two?
            > a tip
            """
        let (document, problems) = KitDocument.parse(kit, parts: [.worksheet, .answerKey, .exitTicket])
        #expect(document == nil)
        #expect(problems == [LessonDocument.Problem(line: 15, message: "tips (>) belong in lessons, not in kits")])
        let (fixed, none) = KitDocument.parse(kit.replacingOccurrences(of: "> a tip", with: ""), parts: [.worksheet, .answerKey, .exitTicket])
        #expect(none == [])
        #expect(fixed?.sections[0].blocks == [.numbered(["Write."]), .writingLines(3), .tickBoxes(["yes", "no"])])
    }

    @Test func tablesNeedAHeaderASeparatorAndEvenRows() {
        let text = "# T\n## A {#objectives}\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n\n| only |\n|---|\n| x |\n"
        let problems = LessonDocument.parse(text).1
        #expect(problems.contains(LessonDocument.Problem(line: 5, message: "this row has 3 cells; the header has 2")))
        #expect(problems.contains(LessonDocument.Problem(line: 7, message: "a table has 2 to 6 columns, this one has 1")))
        #expect(LessonDocument.parse("# T\n## A {#objectives}\n| a | b |\n| 1 | 2 |\n").1.first?.message
                == "a table is a header row, a separator row |---|---| and at least one row")
    }

    @Test func figureLinesAreWholeAndOtherImagesAreNot() {
        #expect(FigureReference.parse("![A cat and a dog side by side](figure:cat-dog \"Two pets\")") == .success(
            FigureReference(name: "cat-dog", alt: "A cat and a dog side by side", caption: "Two pets")))
        #expect(FigureReference.parse("![pic](https://evil.example/a.png)").map { if case .failure = $0 { true } else { false } } == true)
        #expect(FigureReference.parse("plain text") == nil)
        let problems = LessonDocument.parse("# T\n## A {#objectives}\n![x](http://evil.example/a.png)\n").1
        #expect(problems.contains { $0.line == 3 && $0.message.hasPrefix("a figure is written on a line of its own") })
    }
}
