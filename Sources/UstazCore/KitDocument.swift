/// A lesson's printable classroom kit in one language (`kit/<lang>.md`, Courses/FORMAT.md "Classroom kits"):
/// a title and one section per part listed in course.yaml, in that order.
public struct KitDocument: Sendable, Codable {
    public enum Part: String, Sendable, Codable, CaseIterable {
        case worksheet
        case answerKey = "answer-key"
        case exitTicket = "exit-ticket"
        case cards
        case parentLetter = "parent-letter"
    }

    public struct Section: Sendable, Codable {
        public var part: Part
        public var heading: String
        public var blocks: [LessonDocument.Block]
    }

    /// One card of a card set: `- **front** — back`.
    public struct Card: Sendable, Equatable {
        public var front: String
        public var back: String
    }

    public static let requiredParts: [Part] = [.worksheet, .answerKey, .exitTicket]
    public static let cardCount = 12...20
    public static let exitTicketQuestions = 2...4
    /// A parent letter fits one printed page.
    public static let parentLetterWords = 450

    public var title: String
    public var sections: [Section]

    public func section(_ part: Part) -> Section? { sections.first { $0.part == part } }

    /// The cards of the card set, front and back.
    public var cards: [Card] {
        guard let cardSection = section(.cards) else { return [] }
        return cardSection.blocks.flatMap { block -> [Card] in
            guard case .bullets(let items) = block else { return [] }
            return items.compactMap(KitDocument.card)
        }
    }

    /// Numbered items of a part: the worksheet's tasks, the answer key's answers, the exit ticket's questions.
    public func numberedItems(_ part: Part) -> Int {
        section(part)?.blocks.reduce(0) { count, block in
            if case .numbered(let items) = block { return count + items.count }
            return count
        } ?? 0
    }

    public static func card(_ item: String) -> Card? {
        guard item.hasPrefix("**"), let close = item.dropFirst(2).range(of: "**") else { return nil }
        let front = String(item.dropFirst(2)[..<close.lowerBound]).trimmed
        var back = Substring(item[close.upperBound...]).trimmingCharacters(in: .whitespaces)[...]
        if let dash = back.first, ["—", "–", "-", ":"].contains(dash) { back = back.dropFirst() }
        return front.isEmpty ? nil : Card(front: front, back: String(back).trimmed)
    }

    /// Parses a kit file for the listed parts; every problem found is returned, each at its line.
    public static func parse(_ text: String, parts: [Part]) -> (KitDocument?, [LessonDocument.Problem]) {
        typealias Problem = LessonDocument.Problem
        let example = "## Worksheet: AI or not? {#\(parts.first?.rawValue ?? "worksheet")}"
        guard let file = SectionedMarkdown.parse(text, example: example,
                                                 options: .init(tips: false, printMarks: true, kind: "kit")) else {
            return (nil, [Problem(line: 1, message: "the first line must be the kit's title, written \"# Title\"")])
        }
        var problems = file.problems
        var document = KitDocument(title: file.title, sections: [])
        var sectionLines: [Int] = []
        for section in file.sections {
            guard let part = Part(rawValue: section.anchor) else {
                problems.append(Problem(line: section.line, message: "{#\(section.anchor)} is no kit part (worksheet, answer-key, exit-ticket, cards, parent-letter)"))
                continue
            }
            let expected = parts.indices.contains(document.sections.count) ? parts[document.sections.count] : nil
            if part != expected {
                problems.append(Problem(line: section.line, message: expected.map { "course.yaml lists {#\($0.rawValue)} as the next part, found {#\(part.rawValue)}" }
                                            ?? "{#\(part.rawValue)} is not listed in this lesson's kit: in course.yaml"))
            }
            document.sections.append(Section(part: part, heading: section.heading, blocks: section.blocks))
            sectionLines.append(section.line)
        }
        let found = document.sections.map(\.part)
        for part in parts where !found.contains(part) {
            problems.append(Problem(line: file.lineCount, message: "the part {#\(part.rawValue)} is missing"))
        }
        for (section, line) in zip(document.sections, sectionLines) {
            if section.blocks.isEmpty { problems.append(Problem(line: line, message: "the part {#\(section.part.rawValue)} is empty")) }
            problems += document.partProblems(section, line: line)
        }
        problems.sort { $0.line < $1.line }
        return (problems.isEmpty ? document : nil, problems)
    }

    /// The rules of each part (KITS-SPEC): real cards, answers for every task, a short exit ticket, a one-page letter.
    private func partProblems(_ current: Section, line: Int) -> [LessonDocument.Problem] {
        var problems: [String] = []
        switch current.part {
        case .worksheet:
            if numberedItems(.worksheet) == 0 { problems.append("the worksheet needs numbered tasks (1. …) for the answer key to match") }
        case .answerKey:
            let tasks = numberedItems(.worksheet), answers = numberedItems(.answerKey)
            if section(.worksheet) != nil, tasks != answers {
                problems.append("the answer key has \(answers) numbered answers; the worksheet has \(tasks) numbered tasks")
            }
        case .exitTicket:
            let questions = numberedItems(.exitTicket)
            if !KitDocument.exitTicketQuestions.contains(questions) {
                problems.append("an exit ticket has 2 to 4 numbered questions, this one has \(questions)")
            }
        case .cards:
            var items = 0
            for block in current.blocks {
                switch block {
                case .bullets(let list):
                    items += list.count
                    for item in list where KitDocument.card(item) == nil {
                        problems.append("each card is written - **front text** — back text; \"\(item.prefix(40))\" is not")
                    }
                case .paragraph: break
                default: problems.append("the cards part holds the card list (and a short note before it), nothing else")
                }
            }
            if !KitDocument.cardCount.contains(items) { problems.append("a card set has 12 to 20 cards, this one has \(items)") }
        case .parentLetter:
            let words = LessonDocument(title: "", sections: [LessonDocument.Section(anchor: "", heading: "", blocks: current.blocks)]).wordCount
            if words > KitDocument.parentLetterWords {
                problems.append("the parent letter has \(words) words; it must fit one page (at most \(KitDocument.parentLetterWords))")
            }
        }
        return problems.map { LessonDocument.Problem(line: line, message: $0) }
    }

    /// Every figure the kit places.
    public var figureReferences: [FigureReference] { LessonDocument.Block.figures(in: sections.flatMap(\.blocks)) }
}

extension LessonDocument {
    /// Every figure the lesson places.
    public var figureReferences: [FigureReference] { Block.figures(in: sections.flatMap(\.blocks)) }
}

extension LessonDocument.Block {
    static func figures(in blocks: [LessonDocument.Block]) -> [FigureReference] {
        blocks.compactMap { if case .figure(let reference) = $0 { reference } else { nil } }
    }
}
