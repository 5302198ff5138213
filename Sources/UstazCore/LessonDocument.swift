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
        case figure(FigureReference)
        case table(Table)
        /// Kits only: lines a pupil writes on (one `___` line each).
        case writingLines(Int)
        /// Kits only: a list of tick boxes (`- [ ] …`).
        case tickBoxes([String])
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
        problems.sort { $0.line < $1.line }
        let document = LessonDocument(title: file.title, sections: file.sections.map { Section(anchor: $0.anchor, heading: $0.heading, blocks: $0.blocks) })
        let found = document.sections.map(\.anchor)
        for anchor in sectionAnchors where !found.contains(anchor) {
            problems.append(Problem(line: file.lineCount, message: "the section {#\(anchor)} is missing"))
        }
        for section in document.sections where section.blocks.isEmpty {
            problems.append(Problem(line: 1, message: "the section {#\(section.anchor)} is empty"))
        }
        return (problems.isEmpty ? document : nil, problems)
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
