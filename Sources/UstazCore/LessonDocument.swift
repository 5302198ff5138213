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
        var problems: [Problem] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard let first = lines.first, first.hasPrefix("# "), first.count > 2 else {
            return (nil, [Problem(line: 1, message: "the first line must be the lesson title, written \"# Title\"")])
        }
        var document = LessonDocument(title: String(first.dropFirst(2)).trimmed, sections: [])
        var paragraph: [String] = []
        var list: (numbered: Bool, items: [String])?
        var tip: [String] = []
        var usedAnchors: Set<String> = []
        var objectiveLines: [Int] = []

        func flush() {
            guard !document.sections.isEmpty else { paragraph = []; list = nil; tip = []; return }
            if !paragraph.isEmpty { document.sections[document.sections.count - 1].blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            if let current = list {
                document.sections[document.sections.count - 1].blocks.append(current.numbered ? .numbered(current.items) : .bullets(current.items))
            }
            if !tip.isEmpty { document.sections[document.sections.count - 1].blocks.append(.tip(tip.joined(separator: " "))) }
            paragraph = []; list = nil; tip = []
        }

        for (offset, raw) in lines.enumerated().dropFirst() {
            let number = offset + 1
            let line = raw.trimmed
            if line.contains("<") && line.range(of: #"<[A-Za-z/!]"#, options: .regularExpression) != nil {
                problems.append(Problem(line: number, message: "raw HTML is not allowed in lessons"))
            }
            if line.contains("](") || line.hasPrefix("![") || line.hasPrefix("|") || line.hasPrefix("```") {
                problems.append(Problem(line: number, message: "links, images, tables and code blocks are not allowed in lessons"))
            }
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("## ") {
                flush()
                guard let match = line.range(of: #"\{#([a-z-]+)\}$"#, options: .regularExpression) else {
                    problems.append(Problem(line: number, message: "a section heading must end with its anchor, e.g. {#objectives}"))
                    continue
                }
                let anchor = String(line[match].dropFirst(2).dropLast())
                let heading = String(line[line.index(line.startIndex, offsetBy: 3)..<match.lowerBound]).trimmed
                let expected = sectionAnchors.indices.contains(document.sections.count) ? sectionAnchors[document.sections.count] : nil
                if anchor != expected {
                    problems.append(Problem(line: number, message: expected.map { "expected section {#\($0)} here, found {#\(anchor)}" }
                                                ?? "unexpected extra section {#\(anchor)}"))
                }
                usedAnchors.insert(anchor)
                document.sections.append(Section(anchor: anchor, heading: heading, blocks: []))
                continue
            }
            if document.sections.isEmpty {
                problems.append(Problem(line: number, message: "text before the first section; start with ## … {#objectives}"))
                continue
            }
            if line.hasPrefix("# ") {
                problems.append(Problem(line: number, message: "only the first line may be a level-1 heading"))
            } else if line.hasPrefix("### ") {
                flush()
                let (text, anchor) = LessonDocument.splitAnchor(String(line.dropFirst(4)))
                if let anchor {
                    if !usedAnchors.insert(anchor).inserted {
                        problems.append(Problem(line: number, message: "the anchor {#\(anchor)} is used twice in this lesson"))
                    }
                } else {
                    problems.append(Problem(line: number, message: "a ### sub-heading must end with its anchor of lowercase letters, digits and -, e.g. {#rules-and-learning}"))
                }
                document.sections[document.sections.count - 1].blocks.append(.heading(text, anchor: anchor))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                if list == nil || list!.numbered { flush(); list = (false, []) }
                if document.sections.last?.anchor == "objectives" { objectiveLines.append(number) }
                list!.items.append(String(line.dropFirst(2)).trimmed)
            } else if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty,
                      line[line.index(after: dot)...].hasPrefix(" ") {
                if list == nil || !list!.numbered { flush(); list = (true, []) }
                list!.items.append(String(line[line.index(after: dot)...]).trimmed)
            } else if line.hasPrefix(">") {
                if !paragraph.isEmpty || list != nil { flush() }
                tip.append(String(line.dropFirst()).trimmed)
            } else if var current = list, raw.hasPrefix("  ") {
                // A wrapped list item continues on an indented line.
                current.items[current.items.count - 1] += " " + line
                list = current
            } else {
                if list != nil || !tip.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        let found = document.sections.map(\.anchor)
        for anchor in sectionAnchors where !found.contains(anchor) {
            problems.append(Problem(line: lines.count, message: "the section {#\(anchor)} is missing"))
        }
        for section in document.sections where section.blocks.isEmpty {
            problems.append(Problem(line: 1, message: "the section {#\(section.anchor)} is empty"))
        }
        problems += document.takeObjectiveIDs(lines: objectiveLines)
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
            total + section.blocks.reduce(0) { count, block in
                switch block {
                case .heading(let text, _), .paragraph(let text), .tip(let text): count + text.split(separator: " ").count
                case .bullets(let items), .numbered(let items): count + items.reduce(0) { $0 + $1.split(separator: " ").count }
                }
            }
        }
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}

import Foundation
