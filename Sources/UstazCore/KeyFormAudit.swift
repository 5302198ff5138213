/// Whether a course's keys can be guessed from their form rather than from the lesson (Courses/FORMAT.md,
/// "Keys that cannot be guessed"): the longest option, the true/false balance, the key's position before
/// shuffling, and repeated items. Measured per course and, where wording matters, per language.
public struct KeyFormAudit: Sendable {
    public static let longestKeyLimit = 0.35
    public static let keyedTrueRange = 0.40...0.60
    public static let positionLimit = 0.40
    public static let similarityLimit = 0.9
    public static let trueFalsePerBankLimit = 4

    /// An item of the course.
    public struct Item: Hashable, Sendable, CustomStringConvertible {
        public var lessonID: String
        public var questionID: String
        public var description: String { "\(lessonID)/\(questionID)" }
    }

    /// A threshold crossed: a sentence for the course (nil when the items say it all), and each item that counts
    /// toward it with a note.
    public struct Finding: Sendable {
        public var message: String?
        public var items: [(item: Item, note: String)]
    }

    public struct LanguageFigures: Sendable {
        /// Single-choice items whose key is at least as long as every other option.
        public var longestKeys: [Item] = []
        /// Pairs of items that repeat each other: same normalised prompt, or word overlap at or above the limit.
        public var duplicates: [(first: Item, second: Item, similarity: Double)] = []
    }

    public var courseID: String
    public var singleChoice = 0
    public var trueFalse: (keyedTrue: [Item], keyedFalse: [Item]) = ([], [])
    /// Key positions before shuffling (single: the correct option; multiple: the first correct one): position → items.
    public var positions: [Int: [Item]] = [:]
    public var languages: [Language: LanguageFigures] = [:]

    public init(course: Course) {
        courseID = course.id
        var texts: [Language: [(Item, prompt: String, words: Set<String>)]] = [:]
        for lesson in course.lessons {
            for question in lesson.quiz.questions {
                let item = Item(lessonID: lesson.id, questionID: question.id)
                switch question.kind {
                case .single:
                    singleChoice += 1
                    for language in Language.allCases where KeyFormAudit.keyIsLongest(question, language) {
                        languages[language, default: LanguageFigures()].longestKeys.append(item)
                    }
                case .truefalse:
                    if question.options.first(where: \.correct)?.id == "true" { trueFalse.keyedTrue.append(item) }
                    else { trueFalse.keyedFalse.append(item) }
                case .multiple, .ordering: break
                }
                if question.kind == .single || question.kind == .multiple, let position = question.options.firstIndex(where: \.correct) {
                    positions[position, default: []].append(item)
                }
                for language in Language.allCases {
                    let whole = ([question.prompt[language]] + question.options.map { $0.text[language] }).joined(separator: " ")
                    texts[language, default: []].append((item, KeyFormAudit.normalised(question.prompt[language]), KeyFormAudit.words(whole)))
                }
            }
        }
        for language in Language.allCases {
            let items = texts[language] ?? []
            for (index, later) in items.enumerated() {
                for earlier in items[..<index] {
                    let similarity = later.prompt == earlier.prompt ? 1 : KeyFormAudit.jaccard(earlier.words, later.words)
                    if similarity >= KeyFormAudit.similarityLimit {
                        languages[language, default: LanguageFigures()].duplicates.append((earlier.0, later.0, similarity))
                    }
                }
            }
        }
    }

    public var keyedItems: Int { positions.values.reduce(0) { $0 + $1.count } }
    public var trueFalseCount: Int { trueFalse.keyedTrue.count + trueFalse.keyedFalse.count }

    public func longestShare(_ language: Language) -> Double {
        singleChoice == 0 ? 0 : Double(languages[language]?.longestKeys.count ?? 0) / Double(singleChoice)
    }

    public var keyedTrueShare: Double? {
        trueFalseCount == 0 ? nil : Double(trueFalse.keyedTrue.count) / Double(trueFalseCount)
    }

    public func positionShare(_ position: Int) -> Double {
        keyedItems == 0 ? 0 : Double(positions[position]?.count ?? 0) / Double(keyedItems)
    }

    /// Every threshold crossed, with the items to rewrite.
    public var findings: [Finding] {
        var findings: [Finding] = []
        for language in Language.allCases {
            let share = longestShare(language)
            if share > KeyFormAudit.longestKeyLimit {
                findings.append(Finding(
                    message: "\(courseID) (\(language.rawValue)): the key is the longest option in \(KeyFormAudit.percent(share)) of single-choice items; at most \(KeyFormAudit.percent(KeyFormAudit.longestKeyLimit)) allowed",
                    items: (languages[language]?.longestKeys ?? []).map { ($0, "\($0.questionID) (\(language.rawValue)): the key is the longest option") }))
            }
            for duplicate in languages[language]?.duplicates ?? [] {
                let how = duplicate.similarity == 1 ? "has the same prompt as" : "nearly repeats (word overlap \(KeyFormAudit.decimal(duplicate.similarity)))"
                findings.append(Finding(message: nil,
                                        items: [(duplicate.second, "\(duplicate.second.questionID) (\(language.rawValue)) \(how) \(duplicate.first)")]))
            }
        }
        if let share = keyedTrueShare, !KeyFormAudit.keyedTrueRange.contains(share) {
            let majority = share > KeyFormAudit.keyedTrueRange.upperBound ? trueFalse.keyedTrue : trueFalse.keyedFalse
            let key = share > KeyFormAudit.keyedTrueRange.upperBound ? "true" : "false"
            findings.append(Finding(
                message: "\(courseID): \(KeyFormAudit.percent(share)) of true/false items are keyed true; keep it between 40% and 60%",
                items: majority.map { ($0, "\($0.questionID): true/false keyed \(key)") }))
        }
        for (position, items) in positions.sorted(by: { $0.key < $1.key }) where positionShare(position) > KeyFormAudit.positionLimit {
            let letter = KeyFormAudit.letter(position)
            findings.append(Finding(
                message: "\(courseID): \(KeyFormAudit.percent(positionShare(position))) of keys are option \(letter) (listed position \(position + 1)); no position may hold more than 40%",
                items: items.map { ($0, "\($0.questionID): key listed at position \(letter)") }))
        }
        return findings
    }

    /// A one-line table row per language, for `ustaz courses check`.
    public var summary: [String] {
        let spread = (0..<(positions.keys.max().map { $0 + 1 } ?? 0)).map { "\(KeyFormAudit.letter($0)) \(KeyFormAudit.percent(positionShare($0)))" }
        let trueShare = keyedTrueShare.map(KeyFormAudit.percent) ?? "–"
        return Language.allCases.map { language in
            "\(courseID) \(language.rawValue): key longest \(languages[language]?.longestKeys.count ?? 0)/\(singleChoice) (\(KeyFormAudit.percent(longestShare(language)))), "
                + "true/false keyed true \(trueFalse.keyedTrue.count)/\(trueFalseCount) (\(trueShare)), "
                + "key positions \(spread.joined(separator: ", ")), repeated items \(languages[language]?.duplicates.count ?? 0)"
        }
    }

    // MARK: Measures

    /// Whether the single-choice key is at least as long, in characters, as every other option.
    public static func keyIsLongest(_ question: Question, _ language: Language) -> Bool {
        guard let key = question.options.first(where: \.correct) else { return false }
        let length = key.text[language].count
        return question.options.allSatisfy { $0.correct || $0.text[language].count <= length }
    }

    /// Lower case, letters and digits only: "Is AI a tool?" and "is ai a tool" are the same prompt.
    static func normalised(_ text: String) -> String {
        String(text.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init))
    }

    static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
    }

    static func letter(_ position: Int) -> String { String(UnicodeScalar(UInt8(97 + min(position, 25)))) }
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
    static func decimal(_ value: Double) -> String { String(Double(Int((value * 100).rounded())) / 100) }
}
