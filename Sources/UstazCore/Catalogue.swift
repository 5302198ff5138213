import Crypto
public import Foundation
import Yams

/// A problem in a catalogue file, reported as `file:line: message`.
public struct CatalogueDiagnostic: Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var message: String
    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads and validates the `Courses/` folder described in Courses/FORMAT.md.
public struct Catalogue: Sendable {
    public var courses: [Course]

    public init(courses: [Course]) { self.courses = courses }

    public func course(_ id: String) -> Course? { courses.first { $0.id == id } }

    /// Loads every course under `folder`; returns the courses only when there is no problem at all.
    /// `requireFiguresAndKits` adds the release rule that every lesson has a figure and a kit
    /// (`ustaz courses check`); the service loads lessons without them.
    public static func load(from folder: URL, files: CourseFiles, requireFiguresAndKits: Bool = false) -> (Catalogue?, [CatalogueDiagnostic]) {
        let (courses, diagnostics) = inspect(folder, files: files, parsers: .standard, requireFiguresAndKits: requireFiguresAndKits)
        return (diagnostics.isEmpty ? Catalogue(courses: courses) : nil, diagnostics)
    }

    static func load(from folder: URL, files: CourseFiles, parsers: CourseParsers) -> (Catalogue?, [CatalogueDiagnostic]) {
        let (courses, diagnostics) = inspect(folder, files: files, parsers: parsers)
        return (diagnostics.isEmpty ? Catalogue(courses: courses) : nil, diagnostics)
    }

    /// Every problem under `folder`, and every course that could be read whole, even when the key-form rules fail,
    /// so the checker can report their figures.
    public static func inspect(_ folder: URL, files: CourseFiles, requireFiguresAndKits: Bool = false)
        -> (courses: [Course], diagnostics: [CatalogueDiagnostic]) {
        inspect(folder, files: files, parsers: .standard, requireFiguresAndKits: requireFiguresAndKits)
    }

    static func inspect(_ folder: URL, files: CourseFiles, parsers: CourseParsers, requireFiguresAndKits: Bool = false)
        -> (courses: [Course], diagnostics: [CatalogueDiagnostic]) {
        var diagnostics: [CatalogueDiagnostic] = []
        var courses: [Course] = []
        let names = files.names(folder).sorted()
        let courseFolders = names.filter { files.exists(folder.appendingPathComponent("\($0)/course.yaml")) }
        if courseFolders.isEmpty {
            diagnostics.append(CatalogueDiagnostic(file: folder.path, line: 0, message: "no course folders (each needs a course.yaml)"))
        }
        var glossary: Glossary?
        let glossaryFile = folder.appendingPathComponent("glossary.yaml")
        if files.exists(glossaryFile) {
            var reader = CourseReader(folder: folder, displayRoot: folder, files: files, parsers: parsers)
            glossary = reader.readGlossary(glossaryFile)
            diagnostics += reader.diagnostics
        }
        for name in courseFolders {
            var reader = CourseReader(folder: folder.appendingPathComponent(name), displayRoot: folder, files: files, parsers: parsers,
                                      requireFiguresAndKits: requireFiguresAndKits)
            reader.glossary = glossary
            if let course = reader.read() { courses.append(course) }
            diagnostics += reader.diagnostics
        }
        return (courses, diagnostics)
    }
}

/// Where course files are read from: memory here (the fuzzer replaces one file per input without touching the
/// disk), or the disk (`CourseFiles.disk`, in the CourseFolders module: UstazCore does no I/O).
public struct CourseFiles: Sendable {
    /// The names in a folder (empty when there is none).
    public var names: @Sendable (URL) -> [String]
    public var exists: @Sendable (URL) -> Bool
    /// A file's bytes; nil when it is missing.
    public var contents: @Sendable (URL) -> Data?

    public init(names: @escaping @Sendable (URL) -> [String], exists: @escaping @Sendable (URL) -> Bool,
                contents: @escaping @Sendable (URL) -> Data?) {
        self.names = names
        self.exists = exists
        self.contents = contents
    }

    /// Files held in memory, by path; a folder exists when some file lies under it.
    public static func memory(_ files: [String: Data]) -> CourseFiles {
        CourseFiles(
            names: { folder in
                let prefix = folder.path + "/"
                return Array(Set(files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count).prefix { $0 != "/" }) }))
            },
            exists: { url in files[url.path] != nil || files.keys.contains { $0.hasPrefix(url.path + "/") } },
            contents: { files[$0.path] })
    }
}

/// The two parsers a course goes through. The fuzzer (Fuzz/CoreFuzz.swift) swaps in ones that remember
/// the files it does not change, or that hand over a YAML tree built straight from its input.
struct CourseParsers {
    var yaml: (String) throws -> Node?
    var lesson: (String) -> (LessonDocument?, [LessonDocument.Problem])

    /// Every value is read as text (numbers with Int(_:)), so no implicit tags are resolved: Yams'
    /// default resolver would try a regular expression on every scalar.
    static var standard: CourseParsers { CourseParsers(yaml: { try Yams.compose(yaml: $0, .basic) }, lesson: LessonDocument.parse) }
}

/// Reads one course folder, collecting every problem with its file and line.
struct CourseReader {
    let folder: URL
    let displayRoot: URL
    let files: CourseFiles
    let parsers: CourseParsers
    let requireFiguresAndKits: Bool
    /// Every `[src:id]` met in lesson and kit files, checked against sources.yaml once all are read.
    private var citations: [(file: URL, line: Int, id: String)] = []
    var diagnostics: [CatalogueDiagnostic] = []
    var glossary: Glossary?
    private var hasher = SHA256()
    /// Where each quiz item and each bank's list begins, for reports about the whole course.
    private var itemLines: [KeyFormAudit.Item: (URL, Int)] = [:]

    init(folder: URL, displayRoot: URL, files: CourseFiles, parsers: CourseParsers = .standard, requireFiguresAndKits: Bool = false) {
        self.folder = folder
        self.displayRoot = displayRoot
        self.files = files
        self.parsers = parsers
        self.requireFiguresAndKits = requireFiguresAndKits
    }

    private func display(_ url: URL) -> String {
        let root = displayRoot.deletingLastPathComponent().path
        let path = url.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    private mutating func report(_ url: URL, _ line: Int, _ message: String) {
        diagnostics.append(CatalogueDiagnostic(file: display(url), line: line, message: message))
    }

    private mutating func readText(_ url: URL) -> String? {
        guard let data = files.contents(url) else {
            report(url, 0, "file is missing")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            report(url, 1, "file is not UTF-8 text")
            return nil
        }
        hasher.update(data: Array(url.lastPathComponent.utf8) + [0] + Array(data))
        return text
    }

    private mutating func readYAML(_ url: URL) -> YAMLNode? {
        guard let text = readText(url) else { return nil }
        do {
            guard let node = try parsers.yaml(text) else {
                report(url, 1, "file is empty")
                return nil
            }
            return YAMLNode(node: node, file: url)
        } catch let error as YamlError {
            report(url, CourseReader.line(of: error), "YAML syntax error: \(CourseReader.summary(of: error))")
        } catch {
            report(url, 1, "YAML syntax error: \(error)")
        }
        return nil
    }

    mutating func read() -> Course? {
        let courseFile = folder.appendingPathComponent("course.yaml")
        guard let root = readYAML(courseFile) else { return nil }
        let before = diagnostics.count
        let id = string(root, "id") ?? ""
        if !id.isEmpty, id != folder.lastPathComponent {
            report(courseFile, root["id"]?.line ?? 1, "id \"\(id)\" must equal the folder name \"\(folder.lastPathComponent)\"")
        }
        let credentialText = string(root, "credential") ?? ""
        let credential = CredentialKind(rawValue: credentialText).flatMap { $0 == .masterTrainer ? nil : $0 }
        if credential == nil, !credentialText.isEmpty {
            report(courseFile, root["credential"]?.line ?? 1, "credential must be teacher or lead-trainer, not \"\(credentialText)\"")
        }
        var practical = false
        if let node = root["practical"] {
            switch node.scalar {
            case "required": practical = true
            case "none": break
            default: report(courseFile, node.line, "practical must be required or none")
            }
        }
        let passMark = int(root, "pass_mark", in: 1...100) ?? 70
        let maxAttempts = int(root, "max_attempts", in: 1...20) ?? 3
        let title = localized(root, "title")
        let summary = localized(root, "summary")
        var lessons: [Lesson] = []
        if let list = root["lessons"]?.sequence(), !list.isEmpty {
            if !(8...10).contains(list.count) {
                report(courseFile, root["lessons"]!.line, "a course has 8 to 10 lessons, this one has \(list.count)")
            }
            var seen: Set<String> = []
            for (index, entry) in list.enumerated() {
                guard let lessonID = string(entry, "id"), CourseReader.isIdentifier(lessonID) else {
                    report(courseFile, entry.line, "each lesson needs an id of lowercase letters, digits and -")
                    continue
                }
                if !seen.insert(lessonID).inserted { report(courseFile, entry.line, "lesson id \"\(lessonID)\" is used twice") }
                let minutes = int(entry, "minutes", in: 20...90) ?? 45
                var competencies: [Competency] = []
                for tag in entry["competencies"]?.sequence() ?? [] {
                    if let text = tag.scalar, let competency = Competency(text) { competencies.append(competency) }
                    else { report(courseFile, tag.line, "unknown competency \"\(tag.scalar ?? "?")\" (see Courses/FORMAT.md)") }
                }
                if competencies.isEmpty { report(courseFile, entry.line, "lesson \(lessonID) names no UNESCO competency") }
                let lessonFolder = folder.appendingPathComponent(String(format: "%02d-%@", index + 1, lessonID))
                var kitParts: [KitDocument.Part]?
                if let kitNode = entry["kit"] { kitParts = readKitParts(kitNode, file: courseFile, lesson: lessonID) }
                if requireFiguresAndKits, entry["kit"] == nil {
                    report(courseFile, entry.line, "lesson \(lessonID) has no kit: every lesson lists its kit parts, e.g. kit: [worksheet, answer-key, exit-ticket]")
                }
                if let lesson = readLesson(id: lessonID, number: index + 1, minutes: minutes,
                                           competencies: competencies, kitParts: kitParts, folder: lessonFolder) {
                    lessons.append(lesson)
                }
            }
        } else {
            report(courseFile, root.line, "the course has no lessons list")
        }
        let sources = readSources()
        guard diagnostics.count == before, let credential, let title, let summary else { return nil }
        let hash = Hex.string(hasher.finalize())
        let authors = (root["authors"]?.sequence() ?? []).compactMap(\.scalar)
        let course = Course(id: id, credential: credential, audience: string(root, "audience") ?? "", passMark: passMark,
                            maxAttempts: maxAttempts, title: title, summary: summary, lessons: lessons, contentHash: hash,
                            authors: authors, practicalRequired: practical, sources: sources)
        for finding in KeyFormAudit(course: course).findings {
            if let message = finding.message { report(courseFile, 1, message) }
            for (item, note) in finding.items {
                let (file, line) = itemLines[item] ?? (courseFile, 1)
                report(file, line, note)
            }
        }
        return course
    }

    /// A lesson's `kit:` list: known parts, each once, the required ones included.
    private mutating func readKitParts(_ node: YAMLNode, file: URL, lesson: String) -> [KitDocument.Part]? {
        guard let list = node.sequence() else {
            report(file, node.line, "kit: is a list of parts, e.g. [worksheet, answer-key, exit-ticket, cards]")
            return nil
        }
        var parts: [KitDocument.Part] = []
        for item in list {
            guard let part = item.scalar.flatMap(KitDocument.Part.init(rawValue:)) else {
                report(file, item.line, "unknown kit part \"\(item.scalar ?? "?")\" (worksheet, answer-key, exit-ticket, cards, parent-letter)")
                continue
            }
            if parts.contains(part) { report(file, item.line, "the kit part \(part.rawValue) is listed twice") }
            parts.append(part)
        }
        for part in KitDocument.requiredParts where !parts.contains(part) {
            report(file, node.line, "lesson \(lesson)'s kit lacks the required part \(part.rawValue)")
        }
        return parts
    }

    /// sources.yaml, if the course has one; then every citation must name a source and every source be cited.
    private mutating func readSources() -> [Source]? {
        let file = folder.appendingPathComponent("sources.yaml")
        var sources: [Source] = []
        var lines: [String: Int] = [:]
        if files.exists(file), let root = readYAML(file) {
            if let list = root["sources"]?.sequence() {
                for node in list {
                    guard let id = string(node, "id") else { continue }
                    if !CourseReader.isIdentifier(id) { report(file, node.line, "a source id is lowercase letters, digits and -, not \"\(id)\"") }
                    if lines[id] != nil { report(file, node.line, "the source id \(id) is used twice") }
                    lines[id] = node.line
                    let date = string(node, "date") ?? ""
                    if !date.isEmpty, date.range(of: #"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"#, options: .regularExpression) == nil {
                        report(file, node["date"]?.line ?? node.line, "source \(id): date is written 2024, 2024-12 or 2024-12-05")
                    }
                    let url = node["url"]?.scalar
                    if let url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") {
                        report(file, node["url"]?.line ?? node.line, "source \(id): url must be a full http(s) address (or left out)")
                    }
                    guard let publisher = string(node, "publisher"), let title = string(node, "title") else { continue }
                    sources.append(Source(id: id, publisher: publisher, title: title, date: date, url: url))
                }
            } else {
                report(file, root.line, "sources.yaml holds a list: sources: [- id: …, publisher: …, title: …, date: …]")
            }
        }
        let cited = Set(citations.map(\.id))
        for citation in citations where lines[citation.id] == nil {
            report(citation.file, citation.line, "[src:\(citation.id)] names no source in \(folder.lastPathComponent)/sources.yaml")
        }
        for (id, line) in lines.sorted(by: { $0.value < $1.value }) where !cited.contains(id) {
            report(file, line, "the source \(id) is never cited; cite it as [src:\(id)] or remove it")
        }
        return sources.isEmpty ? nil : sources
    }

    private mutating func readLesson(id: String, number: Int, minutes: Int, competencies: [Competency],
                                     kitParts: [KitDocument.Part]?, folder: URL) -> Lesson? {
        guard files.exists(folder) else {
            report(folder, 0, "lesson folder is missing (course.yaml lists lesson \(number) as \"\(id)\")")
            return nil
        }
        let before = diagnostics.count
        var documents: [Language: LessonDocument] = [:]
        var texts: [Language: String] = [:]
        var placed: [Language: [PlacedFigure]] = [:]
        for language in Language.allCases {
            let file = folder.appendingPathComponent("\(language.rawValue).md")
            guard let text = readText(file) else { continue }
            let (document, problems) = parsers.lesson(text)
            for problem in problems { report(file, problem.line, problem.message) }
            documents[language] = document
            texts[language] = text
            checkGlossary(lessonText: text, language: language, file: file)
            placed[language, default: []] += scanText(text, file: file, language: language, kit: false)
        }
        if let english = documents[.en] {
            for language in [Language.kk, .ru] {
                guard let document = documents[language], let text = texts[language] else { continue }
                compare(document, text: text, to: english, file: folder.appendingPathComponent("\(language.rawValue).md"))
            }
        }
        let quizFile = folder.appendingPathComponent("quiz.yaml")
        // When en.md itself has problems, its objectives and anchors are unknown: items are not checked against them.
        let english = documents[.en]
        let quiz = readYAML(quizFile).flatMap { readQuiz($0, file: quizFile, lessonID: id, objectives: english?.objectiveIDs,
                                                          anchors: english.map { Set($0.anchors) }) }
        let kit = readKit(kitParts, folder: folder, placed: &placed)
        let figures = readFigures(folder.appendingPathComponent("figures"), placed: placed)
        if requireFiguresAndKits, let english = placed[.en], english.allSatisfy(\.inKit) {
            report(folder.appendingPathComponent("en.md"), 1, "the lesson places no figure; every lesson has at least one (Courses/FORMAT.md, Figures)")
        }
        guard diagnostics.count == before, documents.count == Language.allCases.count, let quiz else { return nil }
        return Lesson(id: id, number: number, minutes: minutes, competencies: competencies, documents: documents, quiz: quiz,
                      figures: figures.isEmpty ? nil : figures, kit: kit)
    }
    /// Where a lesson or kit file places a figure.
    struct PlacedFigure {
        var file: URL
        var line: Int
        var name: String
        var inKit: Bool
    }

    /// Reads a file's lines for what the block parser does not judge: figure lines (for their line numbers and
    /// the language of their alternative text and caption), citations, and in kits the language of every line.
    private mutating func scanText(_ text: String, file: URL, language: Language, kit: Bool) -> [PlacedFigure] {
        var placed: [PlacedFigure] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmed
            let (ids, problem) = Citation.ids(in: line)
            if let problem { report(file, offset + 1, problem) }
            citations += ids.map { (file, offset + 1, $0) }
            if case .success(let figure)? = FigureReference.parse(line) {
                placed.append(PlacedFigure(file: file, line: offset + 1, name: figure.name, inKit: kit))
                for (what, words) in [("alternative text", figure.alt), ("caption", figure.caption)] {
                    if let problem = ScriptCheck.problem(words, language: language) { report(file, offset + 1, "the figure's \(what): \(problem)") }
                }
            } else if kit, language != .kk, let problem = ScriptCheck.problem(line, language: language) {
                report(file, offset + 1, problem)
            }
        }
        if kit, language == .kk, let problem = ScriptCheck.problem(text, language: .kk) { report(file, 1, problem) }
        return placed
    }

    /// kit/<lang>.md for the parts course.yaml lists, the same cards and tasks in every language.
    private mutating func readKit(_ parts: [KitDocument.Part]?, folder: URL, placed: inout [Language: [PlacedFigure]]) -> Kit? {
        let kitFolder = folder.appendingPathComponent("kit")
        guard let parts else {
            if files.exists(kitFolder) {
                report(kitFolder, 0, "kit/ exists but course.yaml lists no kit: parts for this lesson")
            }
            return nil
        }
        var documents: [Language: KitDocument] = [:]
        for language in Language.allCases {
            let file = kitFolder.appendingPathComponent("\(language.rawValue).md")
            guard let text = readText(file) else { continue }
            let (document, problems) = KitDocument.parse(text, parts: parts)
            for problem in problems { report(file, problem.line, problem.message) }
            documents[language] = document
            placed[language, default: []] += scanText(text, file: file, language: language, kit: true)
        }
        guard documents.count == Language.allCases.count else { return nil }
        let english = documents[.en]!
        for language in [Language.kk, .ru] {
            let document = documents[language]!
            let file = kitFolder.appendingPathComponent("\(language.rawValue).md")
            if document.cards.count != english.cards.count {
                report(file, 1, "\(document.cards.count) cards here, \(english.cards.count) in en.md; every language prints the same card set")
            }
            if document.numberedItems(.worksheet) != english.numberedItems(.worksheet) {
                report(file, 1, "the worksheet has \(document.numberedItems(.worksheet)) tasks here, \(english.numberedItems(.worksheet)) in en.md")
            }
        }
        return Kit(parts: parts, documents: documents)
    }

    /// figures/<name>.<lang>.svg: every file safe and in its language, every placed figure present in all three
    /// languages, every file placed.
    private mutating func readFigures(_ figuresFolder: URL, placed: [Language: [PlacedFigure]]) -> [Language: [String: Figure]] {
        var figures: [Language: [String: Figure]] = [:]
        let names = files.names(figuresFolder).sorted()
        var figureNames: Set<String> = []
        for fileName in names {
            let file = figuresFolder.appendingPathComponent(fileName)
            let parts = fileName.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[2] == "svg", CourseReader.isIdentifier(parts[0]), let language = Language(rawValue: parts[1]) else {
                report(file, 0, "figures/ holds only <name>.<kk|ru|en>.svg files, name in lowercase letters, digits and -")
                continue
            }
            figureNames.insert(parts[0])
            guard let data = files.contents(file) else {
                report(file, 0, "file could not be read")
                continue
            }
            hasher.update(data: Array(fileName.utf8) + [0] + Array(data))
            let (figure, problems) = FigureReader.read(Array(data))
            for problem in problems { report(file, problem.line, problem.message) }
            guard let figure else { continue }
            if let problem = ScriptCheck.problem(figure.text, language: language) { report(file, 1, "the figure's text: \(problem)") }
            figures[language, default: [:]][parts[0]] = figure
        }
        for name in figureNames.sorted() {
            for language in Language.allCases where !names.contains("\(name).\(language.rawValue).svg") {
                report(figuresFolder.appendingPathComponent("\(name).\(language.rawValue).svg"), 0,
                       "file is missing (the figure \(name) needs a file in each of kk, ru and en)")
            }
        }
        for (language, list) in placed {
            for figure in list where !names.contains("\(figure.name).\(language.rawValue).svg") {
                report(figure.file, figure.line, "the figure \(figure.name) has no file figures/\(figure.name).\(language.rawValue).svg")
            }
            let used = Set(list.map(\.name))
            for name in figureNames.sorted() where !used.contains(name) && names.contains("\(name).\(language.rawValue).svg") {
                report(figuresFolder.appendingPathComponent("\(name).\(language.rawValue).svg"), 0,
                       "the figure is placed nowhere in the \(language.rawValue) lesson or kit; place it or remove it")
            }
        }
        let lessonSets = Dictionary(uniqueKeysWithValues: placed.map { ($0.key, Set($0.value.filter { !$0.inKit }.map(\.name))) })
        if let english = lessonSets[.en] {
            for language in [Language.kk, .ru] where lessonSets[language].map({ $0 != english }) == true {
                report(figuresFolder.deletingLastPathComponent().appendingPathComponent("\(language.rawValue).md"), 1,
                       "places figures \(lessonSets[language]!.sorted()), en.md places \(english.sorted()); every language shows the same figures")
            }
        }
        return figures
    }


    /// Objective ids and anchors must match across kk, ru and en (the English slugs are used in all three).
    private mutating func compare(_ document: LessonDocument, text: String, to english: LessonDocument, file: URL) {
        let lines = text.components(separatedBy: "\n")
        func line(of anchor: String) -> Int { (lines.firstIndex { $0.contains("{#\(anchor)}") } ?? 0) + 1 }
        if let ids = document.objectiveIDs, let englishIDs = english.objectiveIDs, ids != englishIDs {
            report(file, line(of: ids.first ?? "objectives"),
                   "the objective ids (\(ids.joined(separator: ", "))) differ from en.md's (\(englishIDs.joined(separator: ", ")))")
        }
        let anchors = Set(document.anchors), englishAnchors = Set(english.anchors)
        for anchor in anchors.subtracting(englishAnchors).sorted() {
            report(file, line(of: anchor), "the anchor {#\(anchor)} is not in en.md; use the same anchors in kk, ru and en")
        }
        for anchor in englishAnchors.subtracting(anchors).sorted() {
            report(file, 1, "the anchor {#\(anchor)} of en.md is missing here; use the same anchors in kk, ru and en")
        }
    }

    private mutating func readQuiz(_ root: YAMLNode, file: URL, lessonID: String, objectives: [String]?, anchors: Set<String>?) -> Quiz? {
        guard let list = root["questions"]?.sequence() else {
            report(file, root.line, "the quiz needs a questions list")
            return nil
        }
        let bankLine = root.line(ofKey: "questions") ?? root.line
        var draw: Int?
        if root["draw"] == nil {
            report(file, root.line, "missing draw: the number of items drawn per attempt, 4 to 10")
        } else {
            draw = int(root, "draw", in: 4...10)
        }
        if let draw, list.count < 2 * draw {
            report(file, bankLine, "the bank has \(list.count) items; drawing \(draw) per attempt needs at least \(2 * draw)")
        }
        if list.count > 30 { report(file, bankLine, "the bank has \(list.count) items, at most 30 allowed") }
        var questions: [Question] = []
        var seen: Set<String> = []
        for node in list {
            guard let id = string(node, "id"), CourseReader.isIdentifier(id) else {
                report(file, node.line, "each question needs an id of lowercase letters, digits and -")
                continue
            }
            if !seen.insert(id).inserted { report(file, node.line, "question id \"\(id)\" is used twice") }
            guard let kindText = string(node, "kind"), let kind = Question.Kind(rawValue: kindText) else {
                report(file, node["kind"]?.line ?? node.line, "question \(id): kind must be single, multiple, truefalse or ordering")
                continue
            }
            let prompt = localized(node, "prompt")
            itemLines[KeyFormAudit.Item(lessonID: lessonID, questionID: id)] = (file, node.line)
            let objective = string(node, "objective")
            if let objective, let objectives, !objectives.contains(objective) {
                report(file, node["objective"]!.line,
                       "question \(id): objective \(objective) is not one of the lesson's (\(objectives.isEmpty ? "none" : objectives.joined(separator: ", ")))")
            }
            let reread = string(node, "reread")
            if let reread, let anchors, !anchors.contains(reread) {
                report(file, node["reread"]!.line, "question \(id): reread {#\(reread)} is not an anchor of the lesson")
            }
            var options: [Question.Option] = []
            var optionIDs: Set<String> = []
            for optionNode in node["options"]?.sequence() ?? [] {
                guard let optionID = string(optionNode, "id"), CourseReader.isIdentifier(optionID) else {
                    report(file, optionNode.line, "question \(id): each option needs an id")
                    continue
                }
                if !optionIDs.insert(optionID).inserted { report(file, optionNode.line, "question \(id): option id \"\(optionID)\" is used twice") }
                let correctNode = optionNode["correct"]
                if kind == .ordering, correctNode != nil {
                    report(file, correctNode!.line, "question \(id): ordering options take no correct key; list them in the right order")
                }
                let correct = correctNode?.scalar == "true"
                if let correctNode, !["true", "false"].contains(correctNode.scalar ?? "") {
                    report(file, correctNode.line, "question \(id): correct must be true or false")
                }
                guard let text = localized(optionNode, "text", context: kind == .truefalse ? .trueFalseOption : .text),
                      let why = localized(optionNode, "why") else { continue }
                options.append(Question.Option(id: optionID, correct: correct, text: text, why: why))
            }
            let correctCount = options.filter(\.correct).count
            let line = node.line
            switch kind {
            case .single where !(3...5).contains(options.count) || correctCount != 1:
                report(file, line, "question \(id): a single-choice question has 3 to 5 options and exactly one correct")
            case .multiple where !(3...6).contains(options.count) || correctCount < 2:
                report(file, line, "question \(id): a multiple-choice question has 3 to 6 options and at least two correct")
            case .truefalse where Set(options.map(\.id)) != ["true", "false"] || correctCount != 1:
                report(file, line, "question \(id): a true/false question has options true and false, one correct")
            case .ordering where !(3...6).contains(options.count):
                report(file, line, "question \(id): an ordering question has 3 to 6 options")
            default: break
            }
            if let prompt {
                questions.append(Question(id: id, kind: kind, prompt: prompt, options: options, objective: objective, reread: reread))
            }
        }
        for objective in objectives ?? [] where !questions.contains(where: { $0.objective == objective }) {
            report(file, bankLine, "objective \(objective) has no item in the bank")
        }
        let trueFalse = questions.filter { $0.kind == .truefalse }.count
        if trueFalse > KeyFormAudit.trueFalsePerBankLimit {
            report(file, bankLine, "the bank has \(trueFalse) true/false items, at most \(KeyFormAudit.trueFalsePerBankLimit) allowed")
        }
        return Quiz(draw: draw, questions: questions)
    }

    // MARK: The glossary

    mutating func readGlossary(_ file: URL) -> Glossary? {
        guard let root = readYAML(file) else { return nil }
        guard let list = root["terms"]?.sequence() else {
            report(file, root.line, "the glossary needs a terms list")
            return nil
        }
        var terms: [Glossary.Term] = []
        for node in list {
            let languageText = string(node, "language")
            let language = languageText.flatMap(Language.init(rawValue:))
            if languageText != nil, language == nil { report(file, node["language"]!.line, "language must be kk, ru or en") }
            let preferred = string(node, "preferred")
            let rejected = (node["rejected"]?.sequence() ?? []).compactMap(\.scalar).filter { !$0.trimmed.isEmpty }
            if rejected.isEmpty { report(file, node.line, "each term needs a non-empty rejected list") }
            var scope: Glossary.Scope?
            if let scopeNode = node["scope"] {
                scope = scopeNode.scalar.flatMap(Glossary.Scope.init(rawValue:))
                if scope == nil { report(file, scopeNode.line, "scope must be truefalse or headings") }
            }
            if let language, let preferred, !rejected.isEmpty {
                terms.append(Glossary.Term(language: language, preferred: preferred, rejected: rejected, scope: scope))
            }
        }
        return Glossary(terms: terms)
    }

    private mutating func checkGlossary(_ text: String, language: Language, context: Glossary.Context, file: URL, line: Int) {
        guard let glossary else { return }
        for (rejected, preferred) in glossary.violations(in: text, language: language, context: context) {
            report(file, line, "glossary: write \"\(preferred)\", not \"\(rejected)\" (Courses/glossary.yaml)")
        }
    }

    private mutating func checkGlossary(lessonText text: String, language: Language, file: URL) {
        for (offset, line) in text.components(separatedBy: "\n").enumerated() {
            checkGlossary(line, language: language, context: line.hasPrefix("#") ? .heading : .text, file: file, line: offset + 1)
        }
    }

    // MARK: Typed reads that report where the value is wrong

    private mutating func string(_ node: YAMLNode, _ key: String) -> String? {
        guard let value = node[key] else {
            report(node.file, node.line, "missing \(key)")
            return nil
        }
        guard let text = value.scalar, !CourseReader.isBlank(text) else {
            report(node.file, value.line, "\(key) must be a non-empty text")
            return nil
        }
        return text
    }

    private mutating func int(_ node: YAMLNode, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = node[key] else { return nil }
        guard let number = value.scalar.flatMap(Int.init), range.contains(number) else {
            report(node.file, value.line, "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    private mutating func localized(_ node: YAMLNode, _ key: String, context: Glossary.Context = .text) -> LocalizedText? {
        guard let value = node[key] else {
            report(node.file, node.line, "missing \(key) (kk, ru and en)")
            return nil
        }
        var texts: [Language: String] = [:]
        for language in Language.allCases {
            if let textNode = value[language.rawValue], let text = textNode.scalar, !CourseReader.isBlank(text) {
                texts[language] = text
                checkGlossary(text, language: language, context: context, file: node.file, line: textNode.line)
            } else {
                report(node.file, value.line, "\(key) has no \(language.rawValue) translation")
            }
        }
        guard texts.count == 3 else { return nil }
        return LocalizedText(kk: texts[.kk]!, ru: texts[.ru]!, en: texts[.en]!)
    }

    /// Empty or only blanks: what `trimmingCharacters(in: .whitespaces).isEmpty` says (tab and the Unicode
    /// space separators), without a trip through NSString for every value of every course file.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator }
    }

    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }

    static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}

/// A YAML node that remembers its file, so every read can report `file:line`.
struct YAMLNode {
    let node: Node
    let file: URL

    var line: Int { node.mark?.line ?? 1 }
    var scalar: String? { node.scalar?.string }

    subscript(key: String) -> YAMLNode? {
        guard let mapping = node.mapping else { return nil }
        for (name, value) in mapping where name.scalar?.string == key { return YAMLNode(node: value, file: file) }
        return nil
    }

    func sequence() -> [YAMLNode]? { node.sequence.map { $0.map { YAMLNode(node: $0, file: file) } } }

    /// The line of `key` itself (a block sequence's value starts on the line after its key).
    func line(ofKey key: String) -> Int? {
        node.mapping?.first { $0.key.scalar?.string == key }.flatMap { $0.key.mark?.line }
    }
}
