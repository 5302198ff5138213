/// A lesson text in one language, parsed from the safe Markdown subset of Courses/FORMAT.md.
public struct LessonDocument: Sendable, Codable {
    public static let sectionAnchors = ["objectives", "explanation", "activity", "unplugged", "discussion", "vocabulary"]

    public struct Section: Sendable, Codable {
        public var anchor: String
        public var heading: String
        public var blocks: [Block]
    }

    public enum Block: Sendable, Equatable, Codable {
        case heading(String)
        case paragraph(String)
        case bullets([String])
        case numbered([String])
        case tip(String)
    }

    public var title: String
    public var sections: [Section]

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
                document.sections[document.sections.count - 1].blocks.append(.heading(String(line.dropFirst(4)).trimmed))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                if list == nil || list!.numbered { flush(); list = (false, []) }
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
        return (problems.isEmpty ? document : nil, problems)
    }

    public var wordCount: Int {
        sections.reduce(0) { total, section in
            total + section.blocks.reduce(0) { count, block in
                switch block {
                case .heading(let text), .paragraph(let text), .tip(let text): count + text.split(separator: " ").count
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
