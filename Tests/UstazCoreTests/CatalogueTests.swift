import Foundation
import Testing
import CourseFolders
@testable import UstazCore

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bank-format fixture catalogue (Tests/Fixtures/make-fixture-course.py), independent of the shipped content.
let fixtureCourses = repositoryRoot.appendingPathComponent("Tests/Fixtures/Courses")

/// A scratch copy of one shipped (or fixture) course, to break on purpose.
func copyOfCourse(_ id: String, from catalogue: URL = repositoryRoot.appendingPathComponent("Courses")) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString)/Courses")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: catalogue.appendingPathComponent(id), to: root.appendingPathComponent(id))
    return root
}

func edit(_ file: URL, _ transform: (String) -> String) throws {
    try transform(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
}

@Suite("The shipped catalogue and the course checker")
struct CatalogueTests {
    @Test func shippedCatalogueIsCompleteInThreeLanguages() throws {
        let (catalogue, diagnostics) = Catalogue.load(from: repositoryRoot.appendingPathComponent("Courses"))
        #expect(diagnostics == [])
        let courses = try #require(catalogue).courses
        #expect(courses.count >= 4)
        for course in courses {
            #expect((8...10).contains(course.lessons.count), "\(course.id)")
            for lesson in course.lessons {
                for language in Language.allCases {
                    let document = lesson.document(language)
                    #expect(document.sections.map(\.anchor) == LessonDocument.sectionAnchors)
                    #expect(document.wordCount > 300, "\(course.id)/\(lesson.id)/\(language)")
                }
                let draw = try #require(lesson.quiz.draw, "\(course.id)/\(lesson.id) has no draw")
                #expect(lesson.quiz.questions.count >= 2 * draw, "\(course.id)/\(lesson.id)")
                #expect(Set(lesson.quiz.questions.compactMap(\.objective)) == Set(lesson.document(.en).objectiveIDs ?? []))
                #expect(!lesson.competencies.isEmpty)
            }
        }
        #expect(Set(courses.map(\.credential)) == [.teacher, .leadTrainer])
    }

    @Test func contentHashChangesWithAnyEdit() throws {
        let root = try copyOfCourse("fixture-teachers", from: fixtureCourses)
        let before = try #require(Catalogue.load(from: root).0?.courses.first?.contentHash)
        try edit(root.appendingPathComponent("fixture-teachers/03-lesson-3/ru.md")) { $0 + "\nЕщё одна фраза.\n" }
        let after = try #require(Catalogue.load(from: root).0?.courses.first?.contentHash)
        #expect(before != after)
    }

    @Test func missingTranslationIsReportedWithItsFile() throws {
        let root = try copyOfCourse("primary-teachers")
        try FileManager.default.removeItem(at: root.appendingPathComponent("primary-teachers/02-how-machines-learn/kk.md"))
        let (catalogue, diagnostics) = Catalogue.load(from: root)
        #expect(catalogue == nil)
        #expect(diagnostics.map(\.description).contains("Courses/primary-teachers/02-how-machines-learn/kk.md:0: file is missing"))
    }

    @Test func quizWithoutCorrectAnswerIsReportedAtItsLine() throws {
        let root = try copyOfCourse("fixture-teachers", from: fixtureCourses)
        let quiz = root.appendingPathComponent("fixture-teachers/01-lesson-1/quiz.yaml")
        let original = try String(contentsOf: quiz, encoding: .utf8)
        let lines = original.components(separatedBy: "\n")
        // Find the first single-choice question and drop its correct flag.
        let kindLine = try #require(lines.firstIndex { $0.contains("kind: single") })
        let correctLine = try #require(lines[kindLine...].firstIndex { $0.contains("correct: true") })
        var edited = lines
        edited[correctLine] = edited[correctLine].replacingOccurrences(of: "correct: true", with: "correct: false")
        try edited.joined(separator: "\n").write(to: quiz, atomically: true, encoding: .utf8)
        let questionLine = try #require(lines[..<kindLine].lastIndex { $0.contains("- id:") }) + 1
        let (_, diagnostics) = Catalogue.load(from: root)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.file == "Courses/fixture-teachers/01-lesson-1/quiz.yaml")
        #expect(diagnostics.first?.line == questionLine)
        #expect(diagnostics.first?.message.contains("exactly one correct") == true)
    }

    @Test func coursesCannotAwardMasterTrainerCertificates() throws {
        let root = try copyOfCourse("lead-trainer-track")
        try edit(root.appendingPathComponent("lead-trainer-track/course.yaml")) {
            $0.replacingOccurrences(of: "credential: lead-trainer", with: "credential: master-trainer")
        }
        let (_, diagnostics) = Catalogue.load(from: root)
        #expect(diagnostics.contains { $0.file == "Courses/lead-trainer-track/course.yaml" && $0.line == 2 && $0.message.contains("teacher or lead-trainer") })
    }

    @Test func brokenLessonReferenceIsReported() throws {
        let root = try copyOfCourse("primary-teachers")
        try edit(root.appendingPathComponent("primary-teachers/course.yaml")) {
            $0.replacingOccurrences(of: "- id: data-and-fairness", with: "- id: data-and-fairnes")
        }
        let (_, diagnostics) = Catalogue.load(from: root)
        #expect(diagnostics.contains { $0.file == "Courses/primary-teachers/04-data-and-fairnes" && $0.message.contains("lesson folder is missing") })
    }

    @Test func yamlSyntaxErrorsAndBadSectionsCarryLineNumbers() throws {
        let root = try copyOfCourse("primary-teachers")
        try edit(root.appendingPathComponent("primary-teachers/course.yaml")) { $0.replacingOccurrences(of: "pass_mark: 70", with: "pass_mark: [70") }
        let (_, diagnostics) = Catalogue.load(from: root)
        let text = diagnostics.map(\.description)
        #expect(text.count == 1)
        #expect((diagnostics.first?.line ?? 0) >= 4)
        #expect(text.contains { $0.hasPrefix("Courses/primary-teachers/course.yaml:") && $0.contains("YAML syntax error") })

        let other = try copyOfCourse("primary-teachers")
        try edit(other.appendingPathComponent("primary-teachers/05-machines-that-create/en.md")) {
            $0.replacingOccurrences(of: "{#unplugged}", with: "{#offline}") + "\n<script>alert(1)</script>\n"
        }
        let markdown = Catalogue.load(from: other).1.filter { $0.file.hasSuffix("05-machines-that-create/en.md") }
        #expect(markdown.contains { $0.message.contains("expected section {#unplugged} here, found {#offline}") && $0.line > 1 })
        #expect(markdown.contains { $0.message.contains("raw HTML") })
    }
}

@Suite("Lesson Markdown subset")
struct LessonDocumentTests {
    @Test func parsesSectionsListsAndTips() throws {
        let text = """
            # Title
            ## Goals {#objectives}
            - first {#o1}
            - second
              continued {#o2}
            - third {#o3}
            ## Explain {#explanation}
            A paragraph
            over two lines.

            > A tip.
            ## Do {#activity}
            1. one
            2. two
            ## No devices {#unplugged}
            ### Sub {#sub}
            Text.
            ## Talk {#discussion}
            - Why?
            ## Words {#vocabulary}
            - **AI** — artificial intelligence
            """
        let (document, problems) = LessonDocument.parse(text)
        #expect(problems == [])
        let parsed = try #require(document)
        #expect(parsed.title == "Title")
        #expect(parsed.sections[0].blocks == [.bullets(["first", "second continued", "third"])])
        #expect(parsed.sections[1].blocks == [.paragraph("A paragraph over two lines."), .tip("A tip.")])
        #expect(parsed.sections[2].blocks == [.numbered(["one", "two"])])
        #expect(parsed.sections[3].blocks == [.heading("Sub", anchor: "sub"), .paragraph("Text.")])
        #expect(parsed.objectiveIDs == ["o1", "o2", "o3"])
        #expect(parsed.anchors.contains("sub"))
        #expect(parsed.heading(anchor: "sub") == "Sub")
        #expect(parsed.heading(anchor: "activity") == "Do")
    }

    @Test func reportsMissingSectionsAndLinks() {
        let (document, problems) = LessonDocument.parse("# T\n## A {#objectives}\nSee [this](http://x).\n")
        #expect(document == nil)
        #expect(problems.contains(LessonDocument.Problem(line: 3, message: "links and code blocks are not allowed in lessons")))
        #expect(problems.contains { $0.message == "the section {#vocabulary} is missing" })
    }
}
