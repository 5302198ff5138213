// libFuzzer entry for the files people hand to Ustaz: CSV rosters (CSV + RosterImport), course
// files (course.yaml, lesson Markdown, quiz.yaml through Catalogue) and figures (the SVG reader).
// USTAZ_FUZZ_TARGET chooses "csv", "course" or "figure". Compiled with the UstazCore sources by scripts/fuzz.sh.
import Foundation

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
    for row in rows {
        require(row.line > previous && row.line <= physicalLines(text), "row lines increase and exist")
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

/// A one-lesson course made from the first lesson of Courses/primary-teachers, with one of its files
/// replaced by the input (first byte picks which). Loading never crashes, every diagnostic names a
/// file of the course and a line inside it, and a course comes back only when nothing is wrong.
let courseRoot = FileManager.default.temporaryDirectory.appendingPathComponent("ustaz-fuzz-course-\(getpid())")
let courseFiles = ["course.yaml", "01-what-is-ai/quiz.yaml", "01-what-is-ai/en.md"]

func makeCourseTemplate(_ folder: URL) throws {
    let source = URL(fileURLWithPath: ProcessInfo.processInfo.environment["USTAZ_FUZZ_COURSES"] ?? "Courses")
        .appendingPathComponent("primary-teachers")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: source.appendingPathComponent("01-what-is-ai"), to: folder.appendingPathComponent("01-what-is-ai"))
    let yaml = try String(contentsOf: source.appendingPathComponent("course.yaml"), encoding: .utf8)
    let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(of: "lessons:") else { fatalError("course.yaml has no lessons list") }
    // The first lesson's whole entry (its kit: list included, once it has one).
    let end = lines[(start + 2)...].firstIndex { $0.hasPrefix("  - id:") } ?? lines.endIndex
    let oneLesson = lines[..<end].map { $0 == "id: primary-teachers" ? "id: fuzz" : $0 }
    let sources = source.appendingPathComponent("sources.yaml")
    if FileManager.default.fileExists(atPath: sources.path) {
        try FileManager.default.copyItem(at: sources, to: folder.appendingPathComponent("sources.yaml"))
    }
    try (oneLesson.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("course.yaml"), atomically: true, encoding: .utf8)
    // A small valid quiz (five true/false questions) keeps each run short: YAML parsing dominates.
    let text = "{kk: мәтін, ru: текст, en: text}"
    let questions = (1...5).map { number in
        """
          - id: q\(number)
            kind: truefalse
            prompt: \(text)
            options:
              - {id: "true", correct: true, text: \(text), why: \(text)}
              - {id: "false", correct: false, text: \(text), why: \(text)}
        """
    }
    try ("questions:\n" + questions.joined(separator: "\n") + "\n").write(
        to: folder.appendingPathComponent("01-what-is-ai/quiz.yaml"), atomically: true, encoding: .utf8)
    // Lesson texts cut to the first lines of each section: the Markdown parser has its own fast path below.
    for language in ["kk", "ru", "en"] {
        let file = folder.appendingPathComponent("01-what-is-ai/\(language).md")
        let sections = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n## ")
        // Figure and table lines stay, so every figure file stays placed and no table is cut in two.
        let short = sections.map { section in
            section.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset < 3 || $0.element.hasPrefix("![") || $0.element.hasPrefix("|") }.map(\.element).joined(separator: "\n")
        }
        try (short.joined(separator: "\n\n## ") + "\n").write(to: file, atomically: true, encoding: .utf8)
    }
}

func checkCourse(_ bytes: [UInt8]) {
    guard let selector = bytes.first else { return }
    if Int(selector) % 4 == 3 { return checkLesson(String(decoding: bytes.dropFirst(), as: UTF8.self)) }
    let folder = courseRoot.appendingPathComponent("fuzz")
    let fileManager = FileManager.default
    if !fileManager.fileExists(atPath: folder.path) {
        do { try makeCourseTemplate(folder) } catch { fatalError("cannot make the course template: \(error)") }
        // The untouched template is sound but for having one lesson instead of eight (and sources other lessons cite).
        let (_, diagnostics) = Catalogue.load(from: courseRoot)
        require(diagnostics.contains { $0.message.contains("8 to 10 lessons") }
                && diagnostics.allSatisfy { $0.message.contains("8 to 10 lessons") || $0.message.contains("is never cited") },
                "template diagnostics: \(diagnostics)")
    }
    let replaced = courseFiles[Int(selector) % 4]
    let target = folder.appendingPathComponent(replaced)
    let original = try! Data(contentsOf: target)
    try! Data(bytes.dropFirst()).write(to: target)
    defer { try! original.write(to: target) }

    let (catalogue, diagnostics) = Catalogue.load(from: courseRoot)
    require((catalogue == nil) == !diagnostics.isEmpty, "a catalogue comes back exactly when nothing is wrong")
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count + 1
    for diagnostic in diagnostics {
        require(!diagnostic.message.isEmpty && diagnostic.file.hasPrefix(courseRoot.lastPathComponent + "/fuzz"), "diagnostic names a course file")
        if diagnostic.file.hasSuffix(replaced) { require(diagnostic.line >= 0 && diagnostic.line <= lineCount, "diagnostic line \(diagnostic.line) inside the file") }
    }
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
