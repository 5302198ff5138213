/// A lesson's quiz: a bank of items, of which each attempt draws `draw`. Correctness lives here, on the server,
/// never in what the browser receives.
public struct Quiz: Sendable, Codable {
    /// Items drawn per attempt; nil in course versions written before banks, where every attempt shows every item.
    public var draw: Int?
    /// The bank.
    public var questions: [Question]

    public init(draw: Int? = nil, questions: [Question]) {
        self.draw = draw
        self.questions = questions
    }

    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }

    /// How many items one attempt shows.
    public var itemsPerAttempt: Int { min(draw ?? questions.count, questions.count) }
}

public struct Question: Sendable, Identifiable, Codable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case single, multiple, truefalse, ordering
    }

    public var id: String
    public var kind: Kind
    public var prompt: LocalizedText
    /// For `ordering`, listed in the correct order.
    public var options: [Option]
    /// The lesson objective (`o1`…) the item tests; nil in versions written before objective ids.
    public var objective: String? = nil
    /// The lesson anchor to reread after answering wrongly; nil in versions written before anchors.
    public var reread: String? = nil

    public struct Option: Sendable, Identifiable, Codable {
        public var id: String
        public var correct: Bool
        public var text: LocalizedText
        public var why: LocalizedText
    }

    /// Whether `chosen` (option ids; for ordering, the learner's order) is right.
    public func isCorrect(_ chosen: [String]) -> Bool {
        switch kind {
        case .ordering: chosen == options.map(\.id)
        case .single, .truefalse: chosen.count == 1 && options.first { $0.id == chosen[0] }?.correct == true
        case .multiple: Set(chosen) == Set(options.filter(\.correct).map(\.id)) && Set(chosen).count == chosen.count
        }
    }

    /// The options in the order shown for one attempt: shuffled, but the same every time for that seed.
    /// True/false keeps its natural order.
    public func presentedOptions(seed: UInt64) -> [Option] {
        guard kind != .truefalse else { return options }
        var generator = SeededGenerator(seed: seed ^ StableHash.of(id))
        var shuffled = options.shuffled(using: &generator)
        if kind == .ordering, shuffled.map(\.id) == options.map(\.id), shuffled.count > 1 {
            shuffled.swapAt(0, 1)  // never show an ordering question already solved
        }
        return shuffled
    }
}

/// The result of grading one attempt.
public struct QuizGrade: Sendable, Equatable {
    public var correct: [String: Bool]
    public var score: Int
    public var passed: Bool

    /// The percentage, rounded down, as the grader records it.
    public static func score(right: Int, of count: Int) -> Int { count == 0 ? 0 : (right * 100) / count }

    /// The fewest right answers out of `count` that reach `passMark`.
    public static func rightNeeded(of count: Int, passMark: Int) -> Int {
        (0...count).first { score(right: $0, of: count) >= passMark } ?? count + 1
    }
}

public enum QuizAnswerError: Error, Equatable, CustomStringConvertible {
    case unknownQuestion(String)
    case unknownOption(question: String, option: String)
    case notAnOrdering(question: String)
    case notDrawn(String)

    public var description: String {
        switch self {
        case .unknownQuestion(let id): "The answer names a question (\(id)) that is not in this lesson's quiz."
        case .notDrawn(let id): "The answer names a question (\(id)) that is not among this attempt's questions."
        case .unknownOption(let question, let option): "Question \(question) has no option \"\(option)\"."
        case .notAnOrdering(let question): "Question \(question) must be answered with every option, each once, in an order."
        }
    }
}

extension Quiz {
    /// Grades `answers` (question id → chosen option ids) to the drawn `items` (every item when nil). An unanswered
    /// item counts as wrong; an answer naming anything outside the drawn items is refused.
    public func grade(_ answers: [String: [String]], items: [String]? = nil, passMark: Int) throws(QuizAnswerError) -> QuizGrade {
        let drawn = items.map { ids in ids.compactMap { question($0) } } ?? questions
        for (questionID, chosen) in answers {
            guard let question = question(questionID) else { throw .unknownQuestion(questionID) }
            guard drawn.contains(where: { $0.id == questionID }) else { throw .notDrawn(questionID) }
            for option in chosen where !question.options.contains(where: { $0.id == option }) {
                throw .unknownOption(question: questionID, option: option)
            }
            if question.kind == .ordering, !chosen.isEmpty, Set(chosen).count != question.options.count || chosen.count != question.options.count {
                throw .notAnOrdering(question: questionID)
            }
        }
        var correct: [String: Bool] = [:]
        for question in drawn { correct[question.id] = question.isCorrect(answers[question.id] ?? []) }
        let right = correct.values.filter { $0 }.count
        let score = QuizGrade.score(right: right, of: drawn.count)
        return QuizGrade(correct: correct, score: score, passed: score >= passMark)
    }
}

/// SplitMix64: a small, fast generator whose sequence depends only on its seed.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// FNV-1a of a string: stable across processes, unlike `hashValue`.
public enum StableHash {
    public static func of(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
