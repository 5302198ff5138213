import Testing
@testable import UstazCore

func text(_ s: String) -> LocalizedText { LocalizedText(kk: s, ru: s, en: s) }

func option(_ id: String, _ correct: Bool = false) -> Question.Option {
    Question.Option(id: id, correct: correct, text: text(id), why: text("because"))
}

let sampleQuiz = Quiz(questions: [
    Question(id: "q1", kind: .single, prompt: text("one"), options: [option("a", true), option("b"), option("c")]),
    Question(id: "q2", kind: .multiple, prompt: text("many"), options: [option("a", true), option("b", true), option("c")]),
    Question(id: "q3", kind: .truefalse, prompt: text("tf"), options: [option("true"), option("false", true)]),
    Question(id: "q4", kind: .ordering, prompt: text("order"), options: [option("x"), option("y"), option("z")]),
])

@Suite("Quiz grading")
struct QuizTests {
    @Test func allRightPasses() throws {
        let grade = try sampleQuiz.grade(["q1": ["a"], "q2": ["b", "a"], "q3": ["false"], "q4": ["x", "y", "z"]], passMark: 70)
        #expect(grade.score == 100)
        #expect(grade.passed)
    }

    @Test func partialAnswersAndUnansweredCountAsWrong() throws {
        let grade = try sampleQuiz.grade(["q1": ["a"], "q2": ["a"], "q4": ["y", "x", "z"]], passMark: 70)
        #expect(grade.correct == ["q1": true, "q2": false, "q3": false, "q4": false])
        #expect(grade.score == 25)
        #expect(!grade.passed)
        let threeOfFour = try sampleQuiz.grade(["q1": ["a"], "q2": ["a", "b"], "q3": ["false"], "q4": ["z", "y", "x"]], passMark: 70)
        #expect(threeOfFour.score == 75)
        #expect(threeOfFour.passed)
    }

    @Test func refusesAnswersOutsideTheQuiz() {
        #expect(throws: QuizAnswerError.unknownQuestion("q9")) { try sampleQuiz.grade(["q9": ["a"]], passMark: 70) }
        #expect(throws: QuizAnswerError.unknownOption(question: "q1", option: "d")) { try sampleQuiz.grade(["q1": ["d"]], passMark: 70) }
        #expect(throws: QuizAnswerError.notAnOrdering(question: "q4")) { try sampleQuiz.grade(["q4": ["x", "x", "y"]], passMark: 70) }
        #expect(throws: QuizAnswerError.notAnOrdering(question: "q4")) { try sampleQuiz.grade(["q4": ["x", "y"]], passMark: 70) }
    }

    @Test func multipleChoiceNeedsExactlyTheCorrectSet() {
        let question = sampleQuiz.questions[1]
        #expect(question.isCorrect(["a", "b"]))
        #expect(!question.isCorrect(["a", "b", "c"]))
        #expect(!question.isCorrect(["a", "a"]))
    }

    @Test func shuffleIsStablePerSeedAndNeverShowsTheSolvedOrder() {
        let ordering = sampleQuiz.questions[3]
        for seed in UInt64(0)..<200 {
            let shown = ordering.presentedOptions(seed: seed).map(\.id)
            #expect(shown != ["x", "y", "z"])
            #expect(Set(shown) == ["x", "y", "z"])
            #expect(ordering.presentedOptions(seed: seed).map(\.id) == shown)
        }
        let single = sampleQuiz.questions[0]
        let orders = Set((UInt64(0)..<50).map { single.presentedOptions(seed: $0).map(\.id) })
        #expect(orders.count > 1)
        #expect(sampleQuiz.questions[2].presentedOptions(seed: 7).map(\.id) == ["true", "false"])
    }
}
