import Foundation
import Testing
import CourseFolders
@testable import UstazCore

/// Surface strategies against banks, over all possible draws (Courses/FORMAT.md, "Keys that cannot be guessed").
@Suite("Guessing strategies against the banks")
struct GuessingStrategyTests {
    /// Plays every strategy against `course` in each language, prints the table, and returns what crossed a limit.
    static func failures(_ course: Course) -> [String] {
        let results = GuessingAudit.play(course)
        var failures: [String] = []
        print("\(course.id): hit rate vs blind guessing per item kind; highest probability of passing a quiz")
        for language in Language.allCases {
            for strategy in SurfaceStrategy.allCases {
                let kinds = GuessingAudit.courseFigures(results, language: language, strategy: strategy)
                var cells: [String] = []
                for kind in Question.Kind.allCases {
                    guard let figures = kinds[kind] else { continue }
                    cells.append("\(kind.rawValue) \(percent(figures.hitRate)) vs \(percent(figures.chanceRate))")
                    if figures.margin > GuessingAudit.hitMarginLimit {
                        failures.append("\(course.id) \(language.rawValue) \(strategy.rawValue): \(kind.rawValue) items answered right "
                                        + "\(percent(figures.hitRate)), blind guessing \(percent(figures.chanceRate))")
                    }
                }
                let lessons = results.filter { $0.language == language && $0.strategy == strategy }
                let worst = lessons.max { $0.passProbability < $1.passProbability }!
                for lesson in lessons where lesson.passProbability > GuessingAudit.passLimit {
                    failures.append("\(course.id)/\(lesson.lessonID) \(language.rawValue) \(strategy.rawValue): passes with probability "
                                    + String(format: "%.1f%%", lesson.passProbability * 100))
                }
                print("  \(language.rawValue) | \(strategy.rawValue.padding(toLength: 19, withPad: " ", startingAt: 0)) | "
                      + cells.joined(separator: " | ") + " | pass ≤ " + String(format: "%.3f%%", worst.passProbability * 100)
                      + " (\(worst.lessonID))")
            }
        }
        return failures
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f%%", share * 100) }

    @Test func noStrategyBeatsGuessingOnTheFixtureBanks() throws {
        let course = try #require(Catalogue.load(from: fixtureCourses).0?.course("fixture-teachers"))
        #expect(Self.failures(course) == [])
    }

    /// Fails on content written before banks; passes once every shipped course is a bank with balanced keys.
    @Test func noStrategyBeatsGuessingOnAnyShippedBank() throws {
        let (catalogue, diagnostics) = Catalogue.load(from: repositoryRoot.appendingPathComponent("Courses"))
        try #require(diagnostics.isEmpty, "the shipped catalogue does not pass `ustaz courses check`: \(diagnostics.prefix(3))")
        let courses = try #require(catalogue).courses
        #expect(courses.count >= 4)
        for course in courses {
            #expect(Self.failures(course) == [], "\(course.id)")
        }
    }

    /// The audit must be able to fail: a bank whose keys are always the longest option, and true/false always false.
    @Test func aBankWithGuessableKeysIsCaught() throws {
        var course = try #require(Catalogue.load(from: fixtureCourses).0?.course("fixture-teachers"))
        for lesson in course.lessons.indices {
            for index in course.lessons[lesson].quiz.questions.indices {
                var question = course.lessons[lesson].quiz.questions[index]
                switch question.kind {
                case .single:
                    for option in question.options.indices where question.options[option].correct {
                        question.options[option].text = text(String(repeating: "long key ", count: 8))
                    }
                case .truefalse:
                    for option in question.options.indices { question.options[option].correct = question.options[option].id == "false" }
                default: break
                }
                course.lessons[lesson].quiz.questions[index] = question
            }
        }
        let failures = Self.failures(course)
        #expect(failures.contains { $0.contains("always longest: single items answered right 100.0%") })
        #expect(failures.contains { $0.contains("always false: truefalse items answered right 100.0%") })
    }

    @Test func exactFiguresOnASmallBank() throws {
        // Four true/false items, two drawn: "always false" passes whenever both drawn are keyed false.
        let items = (1...4).map { number in
            Question(id: "t\(number)", kind: .truefalse, prompt: text("t\(number)"),
                     options: [option("true", number <= 1), option("false", number > 1)], objective: "o1", reread: "explanation")
        }
        let quiz = Quiz(draw: 2, questions: items)
        let document = LessonDocument(title: "T", sections: [])
        let lesson = Lesson(id: "l", number: 1, minutes: 30, competencies: [], documents: [.kk: document, .ru: document, .en: document], quiz: quiz)
        let course = Course(id: "c", credential: .teacher, audience: "", passMark: 70, maxAttempts: 3, title: text("c"), summary: text("c"),
                            lessons: [lesson], contentHash: "x")
        let results = GuessingAudit.play(course)
        let alwaysFalse = try #require(results.first { $0.strategy == .alwaysFalse && $0.language == .en })
        // Three of the four keyed false: both drawn are false in C(3,2)/C(4,2) = 1/2 of draws.
        #expect(abs(alwaysFalse.passProbability - 0.5) < 1e-12)
        #expect(abs(try #require(alwaysFalse.kinds[.truefalse]).hitRate - 0.75) < 1e-12)
        // Replay on attempt 2: the other two items, never seen, so blind guessing: 1/4 to get both right.
        let replay = try #require(results.first { $0.strategy == .replayFeedback && $0.language == .en })
        #expect(abs(replay.passProbability - 0.25) < 1e-12)
        #expect(GuessingAudit.atLeast(2, of: [0.5, 0.5, 0.5]) == 0.5)
        #expect(abs(GuessingAudit.afterFeedback(sampleQuiz.questions[0]) - (1.0 / 3 + 2.0 / 3 * 0.5)) < 1e-12)
    }
}
