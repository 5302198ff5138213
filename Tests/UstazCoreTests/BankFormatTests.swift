import Foundation
import Testing
import CourseFolders
@testable import UstazCore

/// The line (1-based) of the first line of `file` containing `text`, searching from line `after`.
func lineOf(_ text: String, in file: URL, after: Int = 0) throws -> Int {
    let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
    return try #require(lines.indices.first { $0 >= after && lines[$0].contains(text) }) + 1
}

@Suite("Banks, objectives, anchors and key form in `ustaz courses check`")
struct BankFormatTests {
    let lesson = "fixture-teachers/01-lesson-1"

    func fixture() throws -> URL { try copyOfCourse("fixture-teachers", from: fixtureCourses) }

    @Test func theFixtureCatalogueReadsWholeWithItsBanks() throws {
        let (catalogue, diagnostics) = Catalogue.load(from: fixtureCourses)
        #expect(diagnostics == [])
        let course = try #require(catalogue?.course("fixture-teachers"))
        for lesson in course.lessons {
            #expect(lesson.quiz.draw == 6)
            #expect(lesson.quiz.questions.count == 12)
            #expect(lesson.document(.kk).objectiveIDs == ["o1", "o2", "o3", "o4"])
            #expect(lesson.document(.ru).anchors == lesson.document(.en).anchors)
        }
    }

    @Test func aMissingDrawAndASmallBankAreReportedAtTheirLines() throws {
        let root = try fixture()
        let quiz = root.appendingPathComponent("\(lesson)/quiz.yaml")
        try edit(quiz) { $0.replacingOccurrences(of: "draw: 6", with: "draw: 7") }
        let small = Catalogue.load(from: root).1
        #expect(small.contains { $0.file.hasSuffix("quiz.yaml") && $0.line == 2 && $0.message.contains("needs at least 14") })
        try edit(quiz) { $0.replacingOccurrences(of: "draw: 7\n", with: "") }
        let missing = Catalogue.load(from: root).1
        #expect(missing.contains { $0.file.hasSuffix("\(lesson)/quiz.yaml") && $0.message.contains("missing draw") })
    }

    @Test func objectivesWithoutItemsAndUnknownObjectivesOrAnchorsAreReported() throws {
        let root = try fixture()
        let quiz = root.appendingPathComponent("\(lesson)/quiz.yaml")
        // Items of o4 now name o9, which the lesson does not have; o4 is left without items.
        try edit(quiz) { $0.replacingOccurrences(of: "objective: o4", with: "objective: o9") }
        try edit(quiz) { $0.replacingOccurrences(of: "reread: part-two", with: "reread: part-nine") }
        let diagnostics = Catalogue.load(from: root).1
        let o9 = try lineOf("objective: o9", in: quiz)
        let nine = try lineOf("reread: part-nine", in: quiz)
        #expect(diagnostics.contains { $0.line == o9 && $0.message.contains("objective o9 is not one of the lesson's (o1, o2, o3, o4)") })
        #expect(diagnostics.contains { $0.line == nine && $0.message.contains("reread {#part-nine} is not an anchor") })
        #expect(diagnostics.contains { $0.line == 2 && $0.message == "objective o4 has no item in the bank" })
    }

    @Test func objectiveIdsAndAnchorsMustMatchAcrossLanguages() throws {
        let root = try fixture()
        let kk = root.appendingPathComponent("\(lesson)/kk.md")
        let ru = root.appendingPathComponent("\(lesson)/ru.md")
        try edit(kk) { $0.replacingOccurrences(of: "{#part-two}", with: "{#bolim-eki}") }
        try edit(ru) { $0.replacingOccurrences(of: "### Часть 3 {#part-three}", with: "### Часть 3") }
        try edit(ru) { $0.replacingOccurrences(of: "{#o2}", with: "{#o3}") }
        let diagnostics = Catalogue.load(from: root).1
        let renamed = try lineOf("{#bolim-eki}", in: kk)
        #expect(diagnostics.contains { $0.file.hasSuffix("kk.md") && $0.line == renamed && $0.message.contains("{#bolim-eki} is not in en.md") })
        #expect(diagnostics.contains { $0.file.hasSuffix("kk.md") && $0.message.contains("{#part-two} of en.md is missing") })
        let bare = try lineOf("### Часть 3", in: ru)
        #expect(diagnostics.contains { $0.file.hasSuffix("ru.md") && $0.line == bare && $0.message.contains("must end with its anchor") })
        #expect(diagnostics.contains { $0.file.hasSuffix("ru.md") && $0.message.contains("expected {#o2} here, found {#o3}") })
    }

    @Test func keysThatAreTheLongestOptionFailThePerLanguageLimitWithEveryItemNamed() throws {
        let root = try fixture()
        // Lengthen every single-choice key in English only: the share crosses 35% in en, not in kk or ru.
        for number in 1...8 {
            let quiz = root.appendingPathComponent("fixture-teachers/0\(number)-lesson-\(number)/quiz.yaml")
            let lines = try String(contentsOf: quiz, encoding: .utf8).components(separatedBy: "\n")
            var edited = lines
            var kind = ""
            for (index, line) in lines.enumerated() {
                if line.contains("kind:") { kind = line }
                if kind.contains("single"), line.contains("correct: true"), lines[index + 2].contains("kk:") {
                    edited[index + 4] = lines[index + 4].replacingOccurrences(of: "\"\n", with: "").dropLast() + " with a long tail of words\""
                }
            }
            try edited.joined(separator: "\n").write(to: quiz, atomically: true, encoding: .utf8)
        }
        let (catalogue, diagnostics) = Catalogue.inspect(root)
        let course = try #require(catalogue.first)
        let audit = KeyFormAudit(course: course)
        #expect(audit.longestShare(.en) == 1)
        #expect(audit.longestShare(.kk) < 0.35)
        #expect(diagnostics.contains { $0.file == "Courses/fixture-teachers/course.yaml" && $0.message.contains("(en): the key is the longest option in 100%") })
        let quiz = root.appendingPathComponent("\(lesson)/quiz.yaml")
        #expect(diagnostics.contains { $0.file.hasSuffix("01-lesson-1/quiz.yaml") && $0.line == (try? lineOf("- id: q1", in: quiz)) && $0.message == "q1 (en): the key is the longest option" })
        #expect(!diagnostics.contains { $0.message.contains("(kk): the key is the longest") })
    }

    @Test func trueFalseBalanceKeyPositionAndRepeatsAreChecked() throws {
        let root = try fixture()
        for number in 1...8 {
            let quiz = root.appendingPathComponent("fixture-teachers/0\(number)-lesson-\(number)/quiz.yaml")
            try edit(quiz) { text in
                // Every true/false item keyed false.
                var lines = text.components(separatedBy: "\n")
                for index in lines.indices where lines[index].contains("- id: \"true\"") {
                    lines[index + 1] = "        correct: false"
                    lines[index + 11] = "        correct: true"
                }
                return lines.joined(separator: "\n")
            }
        }
        let lessonTwo = root.appendingPathComponent("fixture-teachers/02-lesson-2/quiz.yaml")
        // q2 of lesson 2 asks what q1 of lesson 1 asks, in Russian, but for punctuation and case.
        let q1 = try String(contentsOf: root.appendingPathComponent("\(lesson)/quiz.yaml"), encoding: .utf8)
            .components(separatedBy: "\n").first { $0.contains("ru: \"Урок 1, вопрос 1") }!
        try edit(lessonTwo) { text in
            var lines = text.components(separatedBy: "\n")
            let index = lines.firstIndex { $0.contains("ru: \"Урок 2, вопрос 2") }!
            lines[index] = q1.uppercased().replacingOccurrences(of: "RU: ", with: "ru: ").replacingOccurrences(of: ",", with: "")
            return lines.joined(separator: "\n")
        }
        let diagnostics = Catalogue.inspect(root).diagnostics
        #expect(diagnostics.contains { $0.message.contains("0% of true/false items are keyed true") })
        #expect(diagnostics.filter { $0.message.hasSuffix("true/false keyed false") }.count == 16)
        let repeated = try lineOf("- id: q2", in: lessonTwo)
        #expect(diagnostics.contains { $0.file.hasSuffix("02-lesson-2/quiz.yaml") && $0.line == repeated
                && $0.message == "q2 (ru) has the same prompt as lesson-1/q1" })
    }

    @Test func keyPositionsCrowdedOnOneLetterFail() throws {
        var course = try #require(Catalogue.load(from: fixtureCourses).0?.courses.first)
        for lesson in course.lessons.indices {
            for index in course.lessons[lesson].quiz.questions.indices where course.lessons[lesson].quiz.questions[index].kind == .single {
                var options = course.lessons[lesson].quiz.questions[index].options
                let key = options.firstIndex(where: \.correct)!
                options.swapAt(0, key)
                course.lessons[lesson].quiz.questions[index].options = options
            }
        }
        let audit = KeyFormAudit(course: course)
        #expect(audit.positionShare(0) > 0.4)
        #expect(audit.findings.contains { $0.message?.contains("of keys are option a") == true })
        let fixture = KeyFormAudit(course: try #require(Catalogue.load(from: fixtureCourses).0?.courses.first))
        #expect(fixture.findings.isEmpty)
        #expect((0..<4).allSatisfy { fixture.positionShare($0) <= 0.4 })
    }

    @Test func nearDuplicatesAreMeasuredByWordOverlap() {
        #expect(KeyFormAudit.normalised("Is AI, a tool?") == KeyFormAudit.normalised("is ai a tool"))
        let a = KeyFormAudit.words("one two three four five six seven eight nine ten")
        let b = KeyFormAudit.words("one two three four five six seven eight nine ten eleven")
        #expect(KeyFormAudit.jaccard(a, b) >= 0.9)
        #expect(KeyFormAudit.jaccard(a, KeyFormAudit.words("one two three")) < 0.9)
    }
}

@Suite("The glossary")
struct GlossaryTests {
    let glossary = Glossary(terms: [
        .init(language: .kk, preferred: "дербес деректер", rejected: ["жеке деректер"], scope: nil),
        .init(language: .kk, preferred: "Дұрыс", rejected: ["Жалған", "Ақиқат"], scope: .truefalse),
        .init(language: .ru, preferred: "Занятие", rejected: ["Активность"], scope: .headings),
        .init(language: .ru, preferred: "большая языковая модель", rejected: ["LLM"], scope: nil),
    ])

    @Test func variantsMatchAtWordStartsWhateverTheEnding() {
        #expect(glossary.violations(in: "Оқушылардың Жеке деректерін қорғаңыз.", language: .kk, context: .text).map(\.preferred) == ["дербес деректер"])
        #expect(glossary.violations(in: "Бұл жекелеген деректер туралы.", language: .kk, context: .text).count == 1)
        #expect(glossary.violations(in: "Мектептің деректері жеке сақталады.", language: .kk, context: .text).isEmpty)
        #expect(glossary.violations(in: "Модели LLM-класса", language: .ru, context: .text).count == 1)
        #expect(glossary.violations(in: "Модели LLM-класса", language: .en, context: .text).isEmpty)
    }

    @Test func scopedTermsApplyOnlyWhereScoped() {
        #expect(glossary.violations(in: "Жалған", language: .kk, context: .trueFalseOption).count == 1)
        #expect(glossary.violations(in: "Жалған ақпарат тарайды.", language: .kk, context: .text).isEmpty)
        #expect(glossary.violations(in: "## Активность {#activity}", language: .ru, context: .heading).count == 1)
        #expect(glossary.violations(in: "Активность учеников растёт.", language: .ru, context: .text).isEmpty)
    }

    @Test func theCheckerReportsVariantsWithFileAndLineAndTheShippedGlossaryReads() throws {
        let root = try copyOfCourse("fixture-teachers", from: fixtureCourses)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Courses/glossary.yaml"),
                                         to: root.appendingPathComponent("glossary.yaml"))
        let kk = root.appendingPathComponent("fixture-teachers/02-lesson-2/kk.md")
        try edit(kk) { $0.replacingOccurrences(of: "Бөлім мәтіні 2", with: "Оқушының жеке деректерін қорғау 2") }
        let ru = root.appendingPathComponent("fixture-teachers/02-lesson-2/ru.md")
        try edit(ru) { $0.replacingOccurrences(of: "## Занятие {#activity}", with: "## Активность {#activity}") }
        let quiz = root.appendingPathComponent("fixture-teachers/02-lesson-2/quiz.yaml")
        try edit(quiz) { $0.replacingOccurrences(of: "kk: \"Бұрыс\"", with: "kk: \"Жалған\"") }
        let diagnostics = Catalogue.load(from: root).1
        #expect(diagnostics.contains { $0.file.hasSuffix("02-lesson-2/kk.md") && $0.line == (try? lineOf("жеке деректерін", in: kk))
                && $0.message == "glossary: write \"дербес деректер\", not \"жеке деректер\" (Courses/glossary.yaml)" })
        #expect(diagnostics.contains { $0.file.hasSuffix("02-lesson-2/ru.md") && $0.message.contains("\"Активность\"") })
        #expect(diagnostics.filter { $0.file.hasSuffix("02-lesson-2/quiz.yaml") && $0.message.contains("\"Жалған\"") }.count == 2)
        #expect(diagnostics.count == 4)
    }
}
