/// Ways to answer a quiz from the form of its items, without reading the lesson.
public enum SurfaceStrategy: String, CaseIterable, Sendable {
    /// Choose the longest option (ties: any of them); for multiple choice, the two longest.
    case longest = "always longest"
    /// Answer "false" to every true/false item; guess the rest.
    case alwaysFalse = "always false"
    /// Choose among the options longer than the item's average (all when none is); for multiple choice, exactly those.
    case longerThanAverage = "longer than average"
    /// Take the options in the order shown: the first one, the first two, or the order as presented.
    case listedOrder = "listed order"
    /// Guess attempt 1, then on attempt 2 use what its feedback showed: the key of each item answered right, and
    /// for each item answered wrong, that the chosen answer is not it.
    case replayFeedback = "replay feedback"
}

/// Plays surface strategies against a course's banks over every possible draw, exactly: per item kind the share of
/// items a strategy answers right against blind guessing, and per lesson the probability of passing.
public enum GuessingAudit {
    /// Beating blind guessing by more than this, per item kind, means the form gives the key away.
    public static let hitMarginLimit = 0.10
    /// No strategy may pass a quiz with a higher probability.
    public static let passLimit = 0.05

    public struct KindFigures: Sendable {
        /// Expected items of this kind per attempt, expected right answers, and expected right answers of a blind guess.
        public var items = 0.0, hits = 0.0, chance = 0.0
        public var hitRate: Double { items == 0 ? 0 : hits / items }
        public var chanceRate: Double { items == 0 ? 0 : chance / items }
        public var margin: Double { hitRate - chanceRate }
    }

    public struct LessonResult: Sendable {
        public var lessonID: String
        public var language: Language
        public var strategy: SurfaceStrategy
        /// On attempt 1; for `replayFeedback`, on attempt 2.
        public var passProbability: Double
        public var kinds: [Question.Kind: KindFigures]
    }

    /// Every strategy in every language against every bank of the course.
    public static func play(_ course: Course) -> [LessonResult] {
        var results: [LessonResult] = []
        for lesson in course.lessons {
            let quiz = lesson.quiz
            let needed = QuizGrade.rightNeeded(of: quiz.itemsPerAttempt, passMark: course.passMark)
            let first = QuizDraw.outcomes(for: quiz, seen: [])
            var seconds: [[String]: [QuizDraw.Outcome]] = [:]
            for outcome in first where seconds[outcome.items] == nil {
                seconds[outcome.items] = QuizDraw.outcomes(for: quiz, seen: Set(outcome.items))
            }
            for language in Language.allCases {
                for strategy in SurfaceStrategy.allCases {
                    var result = LessonResult(lessonID: lesson.id, language: language, strategy: strategy, passProbability: 0, kinds: [:])
                    func account(_ items: [String], weight: Double, hit: (Question) -> Double) {
                        let questions = items.compactMap { quiz.question($0) }
                        let hits = questions.map(hit)
                        result.passProbability += weight * atLeast(needed, of: hits)
                        for (question, probability) in zip(questions, hits) {
                            result.kinds[question.kind, default: KindFigures()].items += weight
                            result.kinds[question.kind, default: KindFigures()].hits += weight * probability
                            result.kinds[question.kind, default: KindFigures()].chance += weight * chance(question)
                        }
                    }
                    for outcome in first {
                        if strategy == .replayFeedback {
                            let seen = Set(outcome.items)
                            for second in seconds[outcome.items] ?? [] {
                                account(second.items, weight: outcome.probability * second.probability) {
                                    seen.contains($0.id) ? afterFeedback($0) : chance($0)
                                }
                            }
                        } else {
                            account(outcome.items, weight: outcome.probability) { hit($0, strategy, language) }
                        }
                    }
                    results.append(result)
                }
            }
        }
        return results
    }

    /// Per item kind over the whole course, for one language and strategy: expected items, hits and chance summed
    /// over its lessons.
    public static func courseFigures(_ results: [LessonResult], language: Language, strategy: SurfaceStrategy) -> [Question.Kind: KindFigures] {
        var total: [Question.Kind: KindFigures] = [:]
        for result in results where result.language == language && result.strategy == strategy {
            for (kind, figures) in result.kinds {
                total[kind, default: KindFigures()].items += figures.items
                total[kind, default: KindFigures()].hits += figures.hits
                total[kind, default: KindFigures()].chance += figures.chance
            }
        }
        return total
    }

    // MARK: One item

    /// The probability that a blind guess is right (multiple choice: any set of two or more options).
    public static func chance(_ question: Question) -> Double {
        let count = question.options.count
        return switch question.kind {
        case .single, .truefalse: 1 / Double(count)
        case .multiple: 1 / Double((1 << count) - 1 - count)
        case .ordering: 1 / Double(factorial(count))
        }
    }

    /// The probability a guess is right once an earlier feedback showed the key (answered right) or ruled out the
    /// answer given (answered wrong).
    public static func afterFeedback(_ question: Question) -> Double {
        let guess = chance(question)
        let remaining = 1 / guess - 1
        return guess + (1 - guess) * (remaining > 0 ? 1 / remaining : 1)
    }

    /// The probability the strategy answers this item right on first sight.
    public static func hit(_ question: Question, _ strategy: SurfaceStrategy, _ language: Language) -> Double {
        let lengths = question.options.map { $0.text[language].count }
        switch (question.kind, strategy) {
        case (.single, .longest), (.truefalse, .longest):
            let longest = lengths.max() ?? 0
            return share(question, picks: question.options.indices.filter { lengths[$0] == longest })
        case (.single, .longerThanAverage), (.truefalse, .longerThanAverage):
            let average = Double(lengths.reduce(0, +)) / Double(max(lengths.count, 1))
            let longer = question.options.indices.filter { Double(lengths[$0]) > average }
            return share(question, picks: longer.isEmpty ? Array(question.options.indices) : longer)
        case (.truefalse, .alwaysFalse):
            return question.options.first { $0.id == "false" }?.correct == true ? 1 : 0
        case (.truefalse, .listedOrder):
            // True/false is shown in its written order.
            return question.options.first?.correct == true ? 1 : 0
        case (.single, .listedOrder):
            return 1 / Double(question.options.count)
        case (.multiple, .longest):
            return longestSet(question, size: 2, lengths: lengths)
        case (.multiple, .longerThanAverage):
            let average = Double(lengths.reduce(0, +)) / Double(max(lengths.count, 1))
            let longer = Set(question.options.indices.filter { Double(lengths[$0]) > average })
            if longer.count < 2 { return longestSet(question, size: 2, lengths: lengths) }
            return longer == Set(question.options.indices.filter { question.options[$0].correct }) ? 1 : 0
        case (.multiple, .listedOrder):
            // The first two of a uniformly shuffled list.
            let correct = question.options.filter(\.correct).count
            let count = question.options.count
            return correct == 2 ? 2 / Double(count * (count - 1)) : 0
        case (.ordering, .listedOrder):
            return 0  // the order shown is never the right one
        default:
            return chance(question)
        }
    }

    /// The chance of choosing the key when choosing uniformly among `picks` (option indices).
    private static func share(_ question: Question, picks: [Int]) -> Double {
        picks.contains { question.options[$0].correct } ? 1 / Double(picks.count) : 0
    }

    /// The chance that the `size` longest options, ties broken at random, are exactly the correct set.
    private static func longestSet(_ question: Question, size: Int, lengths: [Int]) -> Double {
        let correct = Set(question.options.indices.filter { question.options[$0].correct })
        guard correct.count == size, lengths.count >= size else { return 0 }
        let threshold = lengths.sorted(by: >)[size - 1]
        let above = Set(lengths.indices.filter { lengths[$0] > threshold })
        let tied = Set(lengths.indices.filter { lengths[$0] == threshold })
        let fromTied = size - above.count
        guard above.isSubset(of: correct), correct.subtracting(above).isSubset(of: tied) else { return 0 }
        return 1 / Double(binomial(tied.count, fromTied))
    }

    // MARK: Arithmetic

    /// The probability that at least `needed` of independent events with the given probabilities happen.
    public static func atLeast(_ needed: Int, of probabilities: [Double]) -> Double {
        var distribution = [1.0]  // distribution[k] = P(exactly k so far)
        for p in probabilities {
            var next = Array(repeating: 0.0, count: distribution.count + 1)
            for (k, mass) in distribution.enumerated() {
                next[k] += mass * (1 - p)
                next[k + 1] += mass * p
            }
            distribution = next
        }
        return distribution.indices.filter { $0 >= needed }.reduce(0) { $0 + distribution[$1] }
    }

    static func factorial(_ n: Int) -> Int { n <= 1 ? 1 : (2...n).reduce(1, *) }

    static func binomial(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 0 }
        return (0..<k).reduce(1) { $0 * (n - $1) / ($1 + 1) }
    }
}
