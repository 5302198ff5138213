/// A figure placed in a lesson or kit: `![alternative text](figure:name "caption")` on a line of its own.
public struct FigureReference: Sendable, Equatable, Codable {
    public var name: String
    public var alt: String
    public var caption: String

    public static let minimumAltLength = 10

    /// The reference a line holds, or why it is not one; nil when the line is no figure line at all.
    public static func parse(_ line: String) -> Result<FigureReference, LessonDocument.Problem>? {
        guard line.hasPrefix("![") else { return nil }
        let usage = "a figure is written on a line of its own: ![alternative text](figure:name \"caption\")"
        guard let close = line.range(of: "](figure:") else { return .failure(.init(line: 0, message: usage)) }
        let alt = String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound]).trimmed
        let rest = line[close.upperBound...]
        guard let space = rest.firstIndex(of: " "), rest.hasSuffix("\")"), rest.count >= 4 else { return .failure(.init(line: 0, message: usage)) }
        let name = String(rest[..<space])
        let quoted = rest[rest.index(after: space)...].trimmingCharacters(in: .whitespaces)
        guard quoted.hasPrefix("\""), quoted.count >= 3 else { return .failure(.init(line: 0, message: usage)) }
        let caption = String(quoted.dropFirst().dropLast(2)).trimmed
        guard CourseReader.isIdentifier(name) else {
            return .failure(.init(line: 0, message: "a figure name is lowercase letters, digits and -, not \"\(name)\""))
        }
        guard alt.count >= minimumAltLength else {
            return .failure(.init(line: 0, message: "the figure \(name) needs alternative text of at least \(minimumAltLength) characters that says what it shows"))
        }
        guard !caption.isEmpty, !caption.contains("\"") else {
            return .failure(.init(line: 0, message: "the figure \(name) needs a caption in quotes, without quotation marks inside"))
        }
        return .success(FigureReference(name: name, alt: alt, caption: caption))
    }
}

/// A pipe table: a header row and rows of the same width, inline text only.
public struct Table: Sendable, Equatable, Codable {
    public var header: [String]
    public var rows: [[String]]

    static let columns = 2...6

    /// Splits `| a | b |` into its cells.
    static func cells(_ line: String) -> [String] {
        var body = Substring(line.trimmed)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") { body = body.dropLast() }
        return body.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmed }
    }

    static func isSeparator(_ cells: [String]) -> Bool {
        cells.allSatisfy { cell in
            let dashes = cell.drop { $0 == ":" }.reversed().drop { $0 == ":" }
            return dashes.count >= 3 && dashes.allSatisfy { $0 == "-" }
        }
    }
}

/// Collects the blocks of one section from its lines: paragraphs, lists, tips, figures, tables and,
/// in kits, the print marks (writing lines `___` and tick boxes `- [ ] `). Headings and sections are
/// the caller's business.
struct BlockBuilder {
    struct Options {
        var tips: Bool
        var printMarks: Bool
        var kind: String
    }

    let options: Options
    private(set) var blocks: [LessonDocument.Block] = []
    private(set) var problems: [LessonDocument.Problem] = []
    private var paragraph: [String] = []
    private var list: (kind: ListKind, items: [String])?
    private var tip: [String] = []
    private var table: [(line: Int, cells: [String])] = []

    enum ListKind { case bullets, numbered, ticks }

    init(_ options: Options) { self.options = options }

    private mutating func report(_ line: Int, _ message: String) { problems.append(.init(line: line, message: message)) }

    /// Ends whatever paragraph, list, tip or table is open.
    mutating func flush() {
        if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
        if let current = list {
            switch current.kind {
            case .bullets: blocks.append(.bullets(current.items))
            case .numbered: blocks.append(.numbered(current.items))
            case .ticks: blocks.append(.tickBoxes(current.items))
            }
        }
        if !tip.isEmpty { blocks.append(.tip(tip.joined(separator: " "))) }
        if !table.isEmpty { finishTable() }
        paragraph = []; list = nil; tip = []; table = []
    }

    mutating func append(_ block: LessonDocument.Block) {
        flush()
        blocks.append(block)
    }

    /// Takes all blocks collected so far, leaving the builder empty for the next section.
    mutating func take() -> [LessonDocument.Block] {
        flush()
        defer { blocks = [] }
        return blocks
    }

    /// Any line of the file, headings included: raw HTML is refused everywhere.
    mutating func checkMarkup(_ line: String, number: Int) {
        if line.contains("<") && line.range(of: #"<[A-Za-z/!]"#, options: .regularExpression) != nil {
            report(number, "raw HTML is not allowed in \(options.kind)s")
        }
    }

    /// One line of body text (not a heading); `raw` keeps its indentation.
    mutating func add(_ line: String, raw: String, number: Int) {
        if line.isEmpty { flush(); return }
        if let figure = FigureReference.parse(line) {
            switch figure {
            case .success(let reference): append(.figure(reference))
            case .failure(let problem): report(number, problem.message)
            }
            return
        }
        if line.contains("](") || line.hasPrefix("```") {
            report(number, "links and code blocks are not allowed in \(options.kind)s")
            return
        }
        if line.hasPrefix("|") {
            if table.isEmpty { flush() }
            table.append((number, Table.cells(line)))
            return
        }
        if !table.isEmpty { flush() }
        if options.printMarks, line.allSatisfy({ $0 == "_" }), line.count >= 3 {
            flush()
            if case .writingLines(let count)? = blocks.last { blocks[blocks.count - 1] = .writingLines(count + 1) } else { blocks.append(.writingLines(1)) }
            return
        }
        if line.hasPrefix("- ") || line.hasPrefix("* ") {
            var item = String(line.dropFirst(2)).trimmed
            var kind = ListKind.bullets
            if item.hasPrefix("[ ] ") || item == "[ ]" {
                guard options.printMarks else {
                    report(number, "tick boxes - [ ] belong in kits, not in \(options.kind)s")
                    return
                }
                kind = .ticks
                item = String(item.dropFirst(3)).trimmed
            }
            if list?.kind != kind { flush(); list = (kind, []) }
            list!.items.append(item)
        } else if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty,
                  line[line.index(after: dot)...].hasPrefix(" ") {
            if list?.kind != .numbered { flush(); list = (.numbered, []) }
            list!.items.append(String(line[line.index(after: dot)...]).trimmed)
        } else if line.hasPrefix(">") {
            guard options.tips else {
                report(number, "tips (>) belong in lessons, not in \(options.kind)s")
                return
            }
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

    private mutating func finishTable() {
        let first = table[0].line
        guard table.count >= 3, Table.isSeparator(table[1].cells) else {
            report(first, "a table is a header row, a separator row |---|---| and at least one row")
            return
        }
        let width = table[0].cells.count
        guard Table.columns.contains(width) else {
            report(first, "a table has \(Table.columns.lowerBound) to \(Table.columns.upperBound) columns, this one has \(width)")
            return
        }
        for row in table.dropFirst() where row.cells.count != width {
            report(row.line, "this row has \(row.cells.count) cells; the header has \(width)")
            return
        }
        blocks.append(.table(Table(header: table[0].cells, rows: table.dropFirst(2).map(\.cells))))
    }
}

/// Citations of sources.yaml in course text: `[src:issai-kazllm-2024]`.
public enum Citation {
    /// The cited ids on a line, in order, or a problem for a malformed citation.
    public static func ids(in line: String) -> (ids: [String], problem: String?) {
        var ids: [String] = []
        var rest = Substring(line)
        while let open = rest.range(of: "[src:") {
            let body = rest[open.upperBound...].prefix { $0 != "]" }
            guard body.endIndex < rest.endIndex, CourseReader.isIdentifier(String(body)) else {
                return (ids, "a citation is written [src:id] with the id of a source in sources.yaml")
            }
            ids.append(String(body))
            rest = rest[rest.index(after: body.endIndex)...]
        }
        return (ids, nil)
    }
}

extension Citation {
    /// The text with every `[src:id]` replaced by what `replacement` makes of the id.
    public static func replacing(in text: String, _ replacement: (String) -> String) -> String {
        guard text.contains("[src:") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "[src:"), let close = rest[open.upperBound...].firstIndex(of: "]") {
            result += rest[..<open.lowerBound]
            result += replacement(String(rest[open.upperBound..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The ids a document cites, in the order first cited.
    public static func order(in texts: [String]) -> [String] {
        var seen: [String] = []
        for text in texts {
            var rest = Substring(text)
            while let open = rest.range(of: "[src:"), let close = rest[open.upperBound...].firstIndex(of: "]") {
                let id = String(rest[open.upperBound..<close])
                if !seen.contains(id) { seen.append(id) }
                rest = rest[rest.index(after: close)...]
            }
        }
        return seen
    }
}

/// The inline emphasis of the Markdown subset: paired `**` for bold and `*` for italic, written out in a
/// target's markup (HTML for pages, Pango markup for print) after the text has been escaped for it.
public enum InlineMarkup {
    public static func convert(_ text: String, escape: (String) -> String,
                               bold: (open: String, close: String), italic: (open: String, close: String)) -> String {
        var escaped = escape(text)
        escaped = replacePairs(in: escaped, marker: "**", open: bold.open, close: bold.close)
        return replacePairs(in: escaped, marker: "*", open: italic.open, close: italic.close)
    }

    private static func replacePairs(in text: String, marker: String, open: String, close: String) -> String {
        var pieces = text.components(separatedBy: marker)
        guard pieces.count >= 3 else { return text }
        var result = pieces.removeFirst()
        var isOpen = false
        for (index, piece) in pieces.enumerated() {
            let unmatched = !isOpen && index == pieces.count - 1
            result += unmatched ? marker : (isOpen ? close : open)
            isOpen.toggle()
            result += piece
        }
        return result
    }

    /// The text without its emphasis markers, for plain uses (alternative text, metadata).
    public static func plain(_ text: String) -> String {
        convert(text, escape: { $0 }, bold: ("", ""), italic: ("", ""))
    }
}

/// Every text a list of blocks shows, in order: for citation numbering and word counts.
extension LessonDocument.Block {
    public var texts: [String] {
        switch self {
        case .heading(let text, _), .paragraph(let text), .tip(let text): [text]
        case .bullets(let items), .numbered(let items), .tickBoxes(let items): items
        case .figure(let figure): [figure.caption]
        case .table(let table): table.header + table.rows.flatMap { $0 }
        case .writingLines: []
        }
    }
}

/// A file of the Markdown subset: `# Title` on the first line, then `##` sections whose headings end in `{#anchor}`,
/// each holding blocks. Lessons and kits differ in which anchors they expect and which blocks they allow.
struct SectionedMarkdown {
    struct Section {
        var anchor: String
        var heading: String
        var line: Int
        var blocks: [LessonDocument.Block]
    }

    var title: String
    var sections: [Section] = []
    var problems: [LessonDocument.Problem] = []
    var lineCount: Int

    /// `example` is a section heading to show in messages.
    static func parse(_ text: String, example: String, options: BlockBuilder.Options) -> SectionedMarkdown? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        guard let first = lines.first, first.hasPrefix("# "), first.count > 2 else { return nil }
        var file = SectionedMarkdown(title: String(first.dropFirst(2)).trimmed, lineCount: lines.count)
        var body = BlockBuilder(options)

        func endSection() {
            let blocks = body.take()
            if !file.sections.isEmpty { file.sections[file.sections.count - 1].blocks += blocks }
        }

        for (offset, raw) in lines.enumerated().dropFirst() {
            let number = offset + 1
            let line = raw.trimmed
            body.checkMarkup(line, number: number)
            if line.isEmpty { body.flush(); continue }
            if line.hasPrefix("## ") {
                endSection()
                guard let match = line.range(of: #"\{#([a-z-]+)\}$"#, options: .regularExpression) else {
                    file.problems.append(.init(line: number, message: "a section heading must end with its anchor, e.g. \(example)"))
                    continue
                }
                let heading = String(line.dropFirst(3)[..<match.lowerBound]).trimmed
                file.sections.append(Section(anchor: String(line[match].dropFirst(2).dropLast()), heading: heading, line: number, blocks: []))
            } else if file.sections.isEmpty {
                file.problems.append(.init(line: number, message: "text before the first section; start with \(example)"))
            } else if line.hasPrefix("# ") {
                file.problems.append(.init(line: number, message: "only the first line may be a level-1 heading"))
            } else if line.hasPrefix("### ") {
                body.append(.heading(String(line.dropFirst(4)).trimmed))
            } else {
                body.add(line, raw: raw, number: number)
            }
        }
        endSection()
        file.problems += body.problems
        return file
    }
}

/// Escaping for XML text and attribute values, and for Pango markup, which reads the same way.
public enum XMLText {
    /// `& < > " '` as references; control characters XML cannot hold are dropped (tab and line breaks stay).
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
