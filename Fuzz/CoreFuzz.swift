// libFuzzer entry for the files people hand to Ustaz: CSV rosters (CSV + RosterImport), course
// files (course.yaml, lesson Markdown, quiz.yaml through Catalogue) and figures (the SVG reader).
// USTAZ_FUZZ_TARGET chooses "csv", "course" or "figure". Compiled with the UstazCore sources by scripts/fuzz.sh.
import Foundation
import Yams

let fuzzTarget = ProcessInfo.processInfo.environment["USTAZ_FUZZ_TARGET"] ?? "csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCore(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    switch fuzzTarget {
    case "course": checkCourse(bytes)
    case "figure": checkFigure(bytes)
    default: checkCSV(String(decoding: bytes, as: UTF8.self))
    }
    return 0
}

/// Parses or names the line of an unclosed quote; what parses survives writing back with every
/// field quoted; roster validation only accepts rows that exist and reports problems at real lines.
func checkCSV(_ text: String) {
    let rows: [CSVRow]
    do {
        rows = try CSV.parse(text)
    } catch {
        guard case .unterminatedQuote(let line) = error else { fatalError("unexpected CSV error") }
        require(line >= 1 && line <= physicalLines(text), "unterminated quote line out of range")
        return
    }
    var previous = 0
    let lineCount = physicalLines(text)
    for row in rows {
        require(row.line > previous && row.line <= lineCount, "row lines increase and exist")
        require(!row.fields.isEmpty, "a record has a field")
        require(!row.fields.contains { $0.unicodeScalars.contains("\r") }, "no carriage return inside a field")
        previous = row.line
    }
    let written = rows.map { row in row.fields.map(quoted).joined(separator: ",") }.joined(separator: "\n")
    guard let again = try? CSV.parse(written) else { fatalError("written CSV does not parse") }
    require(again.map(\.fields) == rows.map(\.fields), "CSV round trip differs")

    let lines = Set(rows.map(\.line)).union([1])
    let schools = RosterImport.validateSchools(rows)
    checkReport(schools, lines: lines)
    let codes = Set(schools.rows.map(\.row.code))
    for school in schools.rows.map(\.row) {
        require(!school.code.isEmpty && !school.name.isEmpty && Region.all.contains { $0.id == school.regionID }, "accepted school is whole")
    }
    let teachers = RosterImport.validateTeachers(rows, knownSchoolCodes: codes.union(["S-1"]))
    checkReport(teachers, lines: lines)
    for teacher in teachers.rows.map(\.row) {
        require(!teacher.fullName.isEmpty && (codes.contains(teacher.schoolCode) || teacher.schoolCode == "S-1"), "accepted teacher is whole")
    }
}

/// A CSV field in quotes, quote marks doubled. Done on scalars: a quote mark followed by a combining
/// accent is one Character, which String's own replacing would not see as a quote (fuzzing found this).
func quoted(_ field: String) -> String {
    var scalars = String.UnicodeScalarView()
    scalars.append("\"")
    for scalar in field.unicodeScalars {
        if scalar == "\"" { scalars.append("\"") }
        scalars.append(scalar)
    }
    scalars.append("\"")
    return String(scalars)
}

func checkReport<Row>(_ report: ImportReport<Row>, lines: Set<Int>) {
    for problem in report.problems {
        require(lines.contains(problem.line), "problem at line \(problem.line), which has no record")
        require(!problem.message.isEmpty, "problem has a message")
    }
    let failed = Set(report.problems.map(\.line))
    for row in report.rows { require(lines.contains(row.line) && !failed.contains(row.line), "accepted row on a failed line") }
}

func physicalLines(_ text: String) -> Int {
    var count = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
        if scalar == "\n" && previous != "\r" || scalar == "\r" { count += 1 }
        previous = scalar
    }
    return count
}

/// A one-lesson course made from the first lesson of Courses/primary-teachers, held in memory, with one
/// of its files replaced by the input. The first byte picks the mode:
///   0, 1, 2  course.yaml, quiz.yaml or en.md replaced by the rest of the input, as text;
///   3        the rest as a lesson, to the Markdown parser alone;
///   4, 5     quiz.yaml or course.yaml replaced by a YAML tree built straight from the input (TreeBuilder):
///            the checks below the YAML parser, at the speed of those checks alone.
/// Loading never crashes, every diagnostic names a file of the course and a line inside it, and a course
/// comes back only when nothing is wrong. Nothing touches the disk per input (CourseFiles.memory), and
/// the files an input leaves as they were are not parsed again (their trees and documents are kept).
let courseRoot = URL(fileURLWithPath: "/ustaz-fuzz/courses")
let courseFiles = ["course.yaml", "01-what-is-ai/quiz.yaml", "01-what-is-ai/en.md", "", "01-what-is-ai/quiz.yaml", "course.yaml"]
/// What a file replaced by a tree holds: the YAML parser hands over the tree when it meets this text.
let treeMarker = "# a tree built from the fuzzer's input\n"

struct CourseTemplate {
    /// Bytes, not Data: LeakSanitizer cannot follow a Data held in a global (its reference sits in an
    /// enum's spare bits) and would report the template as leaked.
    var files: [String: [UInt8]] = [:]
    // Looked up by comparing bytes: hashing a String normalises it first, which costs more than the few
    // comparisons with the two or three texts kept here.
    var trees: [(text: String, tree: Node?)] = []
    var lessons: [(text: String, parsed: (LessonDocument?, [LessonDocument.Problem]))] = []

    /// Parsers that know the template's files, and for `tree` hand it over in place of the marker text.
    func parsers(tree: Node? = nil) -> CourseParsers {
        CourseParsers(
            yaml: { text in
                if let known = trees.first(where: { $0.text.utf8.elementsEqual(text.utf8) }) { return known.tree }
                if let tree, text.utf8.elementsEqual(treeMarker.utf8) { return tree }
                return try CourseParsers.standard.yaml(text)
            },
            lesson: { text in
                lessons.first(where: { $0.text.utf8.elementsEqual(text.utf8) })?.parsed ?? LessonDocument.parse(text)
            })
    }
}

nonisolated(unsafe) let courseTemplate: CourseTemplate = {
    let source = URL(fileURLWithPath: ProcessInfo.processInfo.environment["USTAZ_FUZZ_COURSES"] ?? "Courses")
        .appendingPathComponent("primary-teachers")
    let folder = courseRoot.appendingPathComponent("fuzz")
    func read(_ name: String) -> String {
        guard let text = try? String(contentsOf: source.appendingPathComponent(name), encoding: .utf8) else {
            fatalError("cannot read \(name) of the course template")
        }
        return text
    }
    var template = CourseTemplate()
    let lines = read("course.yaml").split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(of: "lessons:") else { fatalError("course.yaml has no lessons list") }
    let oneLesson = lines[...(start + 3)].map { $0 == "id: primary-teachers" ? "id: fuzz" : $0 }
    var yamlTexts = [oneLesson.joined(separator: "\n") + "\n"]
    template.files[folder.appendingPathComponent("course.yaml").path] = Array(yamlTexts[0].utf8)
    // The lesson's own bank and texts. Figure lines are left out (the template holds no figure files), and the
    // course entry above carries no kit, so the lesson needs neither; it cites no source, so no sources.yaml.
    // Its first eight items, four drawn: the smallest bank the rules allow.
    let items = read("01-what-is-ai/quiz.yaml").components(separatedBy: "\n  - id: ")
    let quiz = items.prefix(9).joined(separator: "\n  - id: ").replacingOccurrences(of: "draw: 6", with: "draw: 4") + "\n"
    yamlTexts.append(quiz)
    template.files[folder.appendingPathComponent("01-what-is-ai/quiz.yaml").path] = Array(quiz.utf8)
    for yaml in yamlTexts { template.trees.append((yaml, try? CourseParsers.standard.yaml(yaml))) }
    for language in ["kk", "ru", "en"] {
        // Cut short, since its size is paid on every run: headings (with the anchors the bank points to),
        // objectives, and the first line under each heading; no figure lines.
        let lines = read("01-what-is-ai/\(language).md").split(separator: "\n", omittingEmptySubsequences: false)
        var kept: [Substring] = []
        var afterHeading = false
        for line in lines where !line.hasPrefix("![") {
            if line.hasPrefix("#") || line.hasSuffix("}") && line.contains("{#o") {
                kept += kept.isEmpty ? [line] : ["", line]
                afterHeading = line.hasPrefix("#")
            } else if afterHeading && !line.isEmpty {
                kept += ["", line]
                afterHeading = false
            }
        }
        let lesson = kept.joined(separator: "\n") + "\n"
        template.files[folder.appendingPathComponent("01-what-is-ai/\(language).md").path] = Array(lesson.utf8)
        template.lessons.append((lesson, LessonDocument.parse(lesson)))
    }
    // The untouched template is sound but for having one lesson instead of eight, parsed or remembered.
    for parsers in [CourseParsers.standard, template.parsers()] {
        let (_, diagnostics) = Catalogue.load(from: courseRoot, files: .memory(template.files.mapValues { Data($0) }), parsers: parsers)
        require(diagnostics.count == 1 && diagnostics[0].message.contains("8 to 10 lessons"), "template diagnostics: \(diagnostics)")
    }
    return template
}()

func checkCourse(_ bytes: [UInt8]) {
    guard let selector = bytes.first.map({ Int($0) % 6 }) else { return }
    if selector == 3 { return checkLesson(String(decoding: bytes.dropFirst(), as: UTF8.self)) }
    let replaced = courseFiles[selector]
    var files = courseTemplate.files.mapValues { Data($0) }
    let parsers: CourseParsers
    let lineCount: Int
    if selector >= 4 {
        var builder = TreeBuilder(bytes: bytes.dropFirst())
        parsers = courseTemplate.parsers(tree: builder.node(depth: 0))
        files[courseRoot.appendingPathComponent("fuzz/" + replaced).path] = Data(treeMarker.utf8)
        lineCount = 1  // a built tree has no marks: its nodes all say line 1
    } else {
        parsers = courseTemplate.parsers()
        files[courseRoot.appendingPathComponent("fuzz/" + replaced).path] = Data(bytes.dropFirst())
        lineCount = yamlLines(String(decoding: bytes.dropFirst(), as: UTF8.self)) + 1
    }

    let (catalogue, diagnostics) = Catalogue.load(from: courseRoot, files: .memory(files), parsers: parsers)
    require((catalogue == nil) == !diagnostics.isEmpty, "a catalogue comes back exactly when nothing is wrong")
    for diagnostic in diagnostics {
        require(!diagnostic.message.isEmpty && diagnostic.file.hasPrefix(courseRoot.lastPathComponent + "/fuzz"), "diagnostic names a course file")
        if diagnostic.file.hasSuffix(replaced) { require(diagnostic.line >= 0 && diagnostic.line <= lineCount, "diagnostic line \(diagnostic.line) inside the file") }
    }
}

/// A YAML tree read straight from bytes, no text: mappings and sequences of up to 7 entries, 6 deep, keys
/// and values from the words the course format uses or short raw texts. The checks behind the parser
/// meet shapes that YAML text mutations would take long to build.
struct TreeBuilder {
    var bytes: ArraySlice<UInt8>
    static let words = ["id", "kind", "prompt", "options", "correct", "text", "why", "kk", "ru", "en", "questions",
                        "true", "false", "single", "multiple", "truefalse", "ordering", "q1", "q2", "a", "b", "c",
                        "lessons", "minutes", "competencies", "title", "summary", "credential", "teacher", "lead-trainer",
                        "master-trainer", "pass_mark", "max_attempts", "authors", "audience", "fuzz", "what-is-ai",
                        "tr.mindset.acquire", "0", "3", "5", "8", "20", "45", "70", "100", "-1", "", " ", "Жасанды интеллект"]

    mutating func word() -> Node {
        Node.scalar(Node.Scalar(TreeBuilder.words[Int(bytes.popFirst() ?? 0) % TreeBuilder.words.count]))
    }

    mutating func node(depth: Int) -> Node {
        guard let byte = bytes.popFirst() else { return word() }
        switch byte % 4 {
        case 0 where depth < 6:
            let count = Int(bytes.popFirst() ?? 0) % 8
            return Node.mapping(Node.Mapping((0..<count).map { _ in (word(), node(depth: depth + 1)) }))
        case 1 where depth < 6:
            let count = Int(bytes.popFirst() ?? 0) % 8
            return Node.sequence(Node.Sequence((0..<count).map { _ in node(depth: depth + 1) }))
        case 2:
            let length = Int(bytes.popFirst() ?? 0) % 16
            let text = bytes.prefix(length)
            bytes = bytes.dropFirst(length)
            return Node.scalar(Node.Scalar(String(decoding: text, as: UTF8.self)))
        default:
            return word()
        }
    }
}

/// Lines as YAML counts them: besides LF, a lone CR and the Unicode breaks NEL, LS and PS end a line
/// (CRLF is one break). Editors differ, so a diagnostic is inside the file if it is inside by this count.
func yamlLines(_ text: String) -> Int {
    var count = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n" where previous != "\r", "\r", "\u{85}", "\u{2028}", "\u{2029}": count += 1
        default: break
        }
        previous = scalar
    }
    return count
}

/// The Markdown parser alone: a document or problems, problems at lines of the text.
func checkLesson(_ text: String) {
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
    let (document, problems) = LessonDocument.parse(text)
    require(document != nil || !problems.isEmpty, "a refused lesson says why")
    for problem in problems { require(problem.line >= 1 && problem.line <= lineCount, "lesson problem line inside the text") }
}

/// The figure reader: a figure or problems, never both; problems at lines of the file; what it accepts it
/// rewrites into a document that reads again to the same figure and holds nothing that runs or fetches.
func checkFigure(_ bytes: [UInt8]) {
    let (figure, problems) = FigureReader.read(bytes)
    require((figure == nil) == !problems.isEmpty, "a figure comes back exactly when nothing is wrong")
    let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    for problem in problems { require(problem.line >= 1 && problem.line <= lines && !problem.message.isEmpty, "problem line \(problem.line) inside the file") }
    guard let figure else { return }
    require(figure.width > 0 && figure.width <= FigureReader.maximumWidth && figure.height > 0, "accepted figure has a sane size")
    let (again, againProblems) = FigureReader.read(Array(figure.svg.utf8))
    require(againProblems.isEmpty && again == figure, "the rewritten figure reads back to itself")
    // Element and attribute names of the markup (character data and attribute values aside), and every
    // reference: only the allow-list's names, and references inside the figure (or a small embedded image).
    var markup = ""
    var inTag = false
    for character in figure.svg {
        if character == "<" { inTag = true }
        if inTag { markup.append(character) }
        if character == ">" { inTag = false }
    }
    let names = markup.replacingOccurrences(of: #"="[^"]*""#, with: "", options: .regularExpression)
    for forbidden in ["<script", "<style", "<foreignObject", "<iframe", "<a ", "<!", "<?", " style", "\\"] {
        require(!names.contains(forbidden), "the rewritten figure holds \(forbidden)")
    }
    require(names.range(of: #"\son[A-Za-z0-9:_.-]*"#, options: .regularExpression) == nil, "the rewritten figure holds an event attribute")
    for match in markup.matches(of: #/(href="|url\()([^")]*)/#.ignoresCase()) {
        var target = match.output.2
        while let next = [" ", "&#39;", "&quot;"].first(where: { target.hasPrefix($0) }) { target = target.dropFirst(next.count) }
        require(target.hasPrefix("#") || target.hasPrefix("data:image/"), "the rewritten figure refers outside itself: \(target)")
    }
}

func require(_ condition: @autoclosure () throws -> Bool, _ what: @autoclosure () -> String) {
    guard (try? condition()) == true else { fatalError("invariant broken: \(what())") }
}
