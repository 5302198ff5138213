/// A lesson text in one language, parsed from the safe Markdown subset of Courses/FORMAT.md.
public struct LessonDocument: Sendable, Codable {
    public static let sectionAnchors = ["objectives", "explanation", "activity", "unplugged", "discussion", "vocabulary"]

    public struct Section: Sendable, Codable {
        public var anchor: String
        public var heading: String
        public var blocks: [Block]
    }

    public enum Block: Sendable, Equatable, Codable {
        /// A `###` sub-heading; its anchor is nil in versions written before sub-heading anchors.
        case heading(String, anchor: String? = nil)
        case paragraph(String)
        case bullets([String])
        case numbered([String])
        case tip(String)
        case figure(FigureReference)
        case table(Table)
        /// Kits only: lines a pupil writes on (one `___` line each).
        case writingLines(Int)
        /// Kits only: a list of tick boxes (`- [ ] …`).
        case tickBoxes([String])
    }

    public var title: String
    public var sections: [Section]
    /// The ids (`o1`…) of the objective bullets, in order; nil in versions written before objective ids.
    public var objectiveIDs: [String]? = nil

    /// Every anchor a link can point at: the six section anchors and the `###` anchors.
    public var anchors: [String] {
        sections.flatMap { section in
            [section.anchor] + section.blocks.compactMap { if case .heading(_, let anchor?) = $0 { anchor } else { nil } }
        }
    }

    /// The heading text of a section or sub-heading anchor.
    public func heading(anchor wanted: String) -> String? {
        for section in sections {
            if section.anchor == wanted { return section.heading }
            for case .heading(let text, let anchor?) in section.blocks where anchor == wanted { return text }
        }
        return nil
    }

    /// The objectives as written, by id.
    public var objectives: [(id: String, text: String)] {
        guard let ids = objectiveIDs, let section = sections.first(where: { $0.anchor == "objectives" }) else { return [] }
        let items = section.blocks.flatMap { block -> [String] in if case .bullets(let items) = block { items } else { [] } }
        return zip(ids, items).map { ($0, $1) }
    }

    /// A problem at a line of the file.
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// Parses the text; every problem found is returned, not only the first.
    public static func parse(_ text: String) -> (LessonDocument?, [Problem]) {
        guard let file = SectionedMarkdown.parse(text, example: "## … {#objectives}",
                                                 options: .init(tips: true, printMarks: false, kind: "lesson")) else {
            return (nil, [Problem(line: 1, message: "the first line must be the lesson title, written \"# Title\"")])
        }
        var problems = file.problems
        for (index, section) in file.sections.enumerated() {
            let expected = sectionAnchors.indices.contains(index) ? sectionAnchors[index] : nil
            if section.anchor != expected {
                problems.append(Problem(line: section.line, message: expected.map { "expected section {#\($0)} here, found {#\(section.anchor)}" }
                                            ?? "unexpected extra section {#\(section.anchor)}"))
            }
        }
        // Where the `###` sub-headings and the objective bullets stand, for problems at their lines.
        var headingLines: [Int] = [], objectiveLines: [Int] = []
        var inObjectives = false
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("## ") { inObjectives = line.hasSuffix("{#objectives}") }
            if line.hasPrefix("### ") { headingLines.append(offset + 1) }
            if inObjectives, line.hasPrefix("- ") || line.hasPrefix("* ") { objectiveLines.append(offset + 1) }
        }
        var usedAnchors = Set(file.sections.map(\.anchor))
        var headingIndex = 0
        // `###` sub-headings carry anchors that quiz feedback links to ("reread …").
        var sections: [Section] = []
        for section in file.sections {
            var blocks: [Block] = []
            for block in section.blocks {
                guard case .heading(let raw, _) = block else { blocks.append(block); continue }
                let line = headingLines.indices.contains(headingIndex) ? headingLines[headingIndex] : section.line
                headingIndex += 1
                let (text, anchor) = LessonDocument.splitAnchor(raw)
                if let anchor {
                    if !usedAnchors.insert(anchor).inserted {
                        problems.append(Problem(line: line, message: "the anchor {#\(anchor)} is used twice in this lesson"))
                    }
                } else {
                    problems.append(Problem(line: line, message: "a ### sub-heading must end with its anchor of lowercase letters, digits and -, e.g. {#rules-and-learning}"))
                }
                blocks.append(.heading(text, anchor: anchor))
            }
            sections.append(Section(anchor: section.anchor, heading: section.heading, blocks: blocks))
        }
        problems.sort { $0.line < $1.line }
        var document = LessonDocument(title: file.title, sections: sections)
        let found = document.sections.map(\.anchor)
        for anchor in sectionAnchors where !found.contains(anchor) {
            problems.append(Problem(line: file.lineCount, message: "the section {#\(anchor)} is missing"))
        }
        for section in document.sections where section.blocks.isEmpty {
            problems.append(Problem(line: 1, message: "the section {#\(section.anchor)} is empty"))
        }
        if found.contains("objectives") { problems += document.takeObjectiveIDs(lines: objectiveLines) }
        return (problems.isEmpty ? document : nil, problems)
    }

    /// Splits `Heading text {#anchor}` into the text and the anchor (nil when there is none).
    static func splitAnchor(_ text: String) -> (String, String?) {
        guard let match = text.range(of: #"\s*\{#([a-z0-9-]+)\}$"#, options: .regularExpression) else { return (text.trimmed, nil) }
        let anchor = text[match].drop { $0 != "#" }.dropFirst().dropLast()
        return (String(text[..<match.lowerBound]).trimmed, String(anchor))
    }

    /// Moves the `{#oN}` ending every objective bullet into `objectiveIDs`; the ids run o1, o2, … in order.
    private mutating func takeObjectiveIDs(lines: [Int]) -> [Problem] {
        guard let index = sections.firstIndex(where: { $0.anchor == "objectives" }) else { return [] }
        var problems: [Problem] = []
        var ids: [String] = []
        var bullet = 0
        for (blockIndex, block) in sections[index].blocks.enumerated() {
            guard case .bullets(var items) = block else { continue }
            for itemIndex in items.indices {
                let line = lines.indices.contains(bullet) ? lines[bullet] : 1
                bullet += 1
                let (text, anchor) = LessonDocument.splitAnchor(items[itemIndex])
                let expected = "o\(ids.count + 1)"
                guard let anchor else {
                    problems.append(Problem(line: line, message: "each objective ends with its id, e.g. {#\(expected)}"))
                    continue
                }
                if anchor != expected {
                    problems.append(Problem(line: line, message: "objective ids run o1, o2, … in order: expected {#\(expected)} here, found {#\(anchor)}"))
                }
                ids.append(anchor)
                items[itemIndex] = text
            }
            sections[index].blocks[blockIndex] = .bullets(items)
        }
        if !(3...5).contains(ids.count) {
            problems.append(Problem(line: lines.first ?? 1, message: "a lesson has 3 to 5 objectives (o1…o5), this one has \(ids.count)"))
        }
        objectiveIDs = ids
        return problems
    }

    public var wordCount: Int {
        sections.reduce(0) { total, section in
            total + section.blocks.reduce(0) { count, block in count + block.texts.reduce(0) { $0 + $1.split(separator: " ").count } }
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}

import Foundation
