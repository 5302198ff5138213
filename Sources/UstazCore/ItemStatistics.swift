/// What one submitted attempt says about one item it showed.
public struct ItemResponse: Sendable, Equatable {
    public var itemID: String
    public var correct: Bool
    /// Items right among the attempt's other items: the "rest of the attempt" that discrimination correlates with.
    public var rest: Int
    /// Options chosen; for an ordering item, the steps put in their right place.
    public var options: [String]

    public init(itemID: String, correct: Bool, rest: Int, options: [String]) {
        self.itemID = itemID
        self.correct = correct
        self.rest = rest
        self.options = options
    }

    /// The responses of one attempt at the drawn `items`; an unanswered item counts as wrong.
    public static func of(_ quiz: Quiz, items: [String], answers: [String: [String]]) -> [ItemResponse] {
        let questions = items.compactMap { quiz.question($0) }
        let marks = questions.map { $0.isCorrect(answers[$0.id] ?? []) }
        let right = marks.filter { $0 }.count
        return zip(questions, marks).map { question, correct in
            let chosen = answers[question.id] ?? []
            let options: [String] = switch question.kind {
            case .ordering: zip(chosen, question.options).filter { $0 == $1.id }.map(\.0)
            default: question.options.map(\.id).filter(chosen.contains)
            }
            return ItemResponse(itemID: question.id, correct: correct, rest: right - (correct ? 1 : 0), options: options)
        }
    }
}

/// Running sums for one item over every attempt that showed it: enough for its facility, its point-biserial
/// discrimination against the rest of the attempt, and the share choosing each option. Kept up to date one attempt at
/// a time, so a report never scans attempts.
public struct ItemTally: Sendable, Equatable {
    public var responses = 0
    public var correct = 0
    public var restSum = 0
    public var restSquares = 0
    /// Σ rest over the responses answered right.
    public var correctRest = 0
    public var options: [String: Int] = [:]

    public init(responses: Int = 0, correct: Int = 0, restSum: Int = 0, restSquares: Int = 0, correctRest: Int = 0,
                options: [String: Int] = [:]) {
        self.responses = responses
        self.correct = correct
        self.restSum = restSum
        self.restSquares = restSquares
        self.correctRest = correctRest
        self.options = options
    }

    public mutating func add(_ response: ItemResponse) {
        responses += 1
        correct += response.correct ? 1 : 0
        restSum += response.rest
        restSquares += response.rest * response.rest
        correctRest += response.correct ? response.rest : 0
        for option in response.options { options[option, default: 0] += 1 }
    }

    /// The share of responses answered right.
    public var facility: Double? { responses == 0 ? nil : Double(correct) / Double(responses) }

    /// The correlation between answering this item right (0/1) and the rest of the attempt's score; nil when either
    /// does not vary.
    public var discrimination: Double? {
        let n = Double(responses), x = Double(correct), y = Double(restSum)
        let spreadX = n * x - x * x
        let spreadY = n * Double(restSquares) - y * y
        guard responses > 1, spreadX > 0, spreadY > 0 else { return nil }
        return (n * Double(correctRest) - x * y) / (spreadX * spreadY).squareRoot()
    }

    public func share(_ option: String) -> Double? {
        responses == 0 ? nil : Double(options[option] ?? 0) / Double(responses)
    }
}

/// Why a reviewer should look at an item again.
public enum ItemFlag: Sendable, Equatable, Hashable {
    case tooHard, tooEasy
    /// Discrimination below 0.10.
    case weakDiscrimination
    /// Discrimination below zero: those who do well on the rest tend to get this item wrong. An alarm.
    case negativeDiscrimination
    /// A wrong option nobody chose.
    case unchosenDistractor(String)

    public static let hardBelow = 0.20
    public static let easyAbove = 0.95
    public static let weakBelow = 0.10

    public var isAlarm: Bool { self == .negativeDiscrimination }

    /// A stable name for files: too-hard, too-easy, weak-discrimination, negative-discrimination, unchosen:<option>.
    public var code: String {
        switch self {
        case .tooHard: "too-hard"
        case .tooEasy: "too-easy"
        case .weakDiscrimination: "weak-discrimination"
        case .negativeDiscrimination: "negative-discrimination"
        case .unchosenDistractor(let option): "unchosen:\(option)"
        }
    }

    public static func flags(_ question: Question, _ tally: ItemTally) -> [ItemFlag] {
        guard let facility = tally.facility else { return [] }
        var flags: [ItemFlag] = []
        if facility < hardBelow { flags.append(.tooHard) }
        if facility > easyAbove { flags.append(.tooEasy) }
        if let discrimination = tally.discrimination {
            if discrimination < 0 { flags.append(.negativeDiscrimination) } else if discrimination < weakBelow { flags.append(.weakDiscrimination) }
        }
        if question.kind != .ordering {
            for option in question.options where !option.correct && (tally.options[option.id] ?? 0) == 0 {
                flags.append(.unchosenDistractor(option.id))
            }
        }
        return flags
    }
}
