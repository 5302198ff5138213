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
    public static func load(from folder: URL, files: CourseFiles = .disk) -> (Catalogue?, [CatalogueDiagnostic]) {
        load(from: folder, files: files, parsers: .standard)
    }

    static func load(from folder: URL, files: CourseFiles, parsers: CourseParsers) -> (Catalogue?, [CatalogueDiagnostic]) {
        var diagnostics: [CatalogueDiagnostic] = []
        var courses: [Course] = []
        let names = files.names(folder).sorted()
        let courseFolders = names.filter { files.exists(folder.appendingPathComponent("\($0)/course.yaml")) }
        if courseFolders.isEmpty {
            diagnostics.append(CatalogueDiagnostic(file: folder.path, line: 0, message: "no course folders (each needs a course.yaml)"))
        }
        for name in courseFolders {
            var reader = CourseReader(folder: folder.appendingPathComponent(name), displayRoot: folder, files: files, parsers: parsers)
            if let course = reader.read() { courses.append(course) }
            diagnostics += reader.diagnostics
        }
        return (diagnostics.isEmpty ? Catalogue(courses: courses) : nil, diagnostics)
    }
}

/// Where course files are read from: the disk, or memory (the fuzzer replaces one file per input
/// without touching the disk).
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

    public static let disk = CourseFiles(
        names: { (try? FileManager.default.contentsOfDirectory(atPath: $0.path)) ?? [] },
        exists: { FileManager.default.fileExists(atPath: $0.path) },
        contents: { FileManager.default.contents(atPath: $0.path) })

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
    var diagnostics: [CatalogueDiagnostic] = []
    private var hasher = SHA256()

    init(folder: URL, displayRoot: URL, files: CourseFiles = .disk, parsers: CourseParsers = .standard) {
        self.folder = folder
        self.displayRoot = displayRoot
        self.files = files
        self.parsers = parsers
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
                if let lesson = readLesson(id: lessonID, number: index + 1, minutes: minutes,
                                           competencies: competencies, folder: lessonFolder) {
                    lessons.append(lesson)
                }
            }
        } else {
            report(courseFile, root.line, "the course has no lessons list")
        }
        guard diagnostics.count == before, let credential, let title, let summary else { return nil }
        let hash = Hex.string(hasher.finalize())
        let authors = (root["authors"]?.sequence() ?? []).compactMap(\.scalar)
        return Course(id: id, credential: credential, audience: string(root, "audience") ?? "", passMark: passMark,
                      maxAttempts: maxAttempts, title: title, summary: summary, lessons: lessons, contentHash: hash,
                      authors: authors)
    }

    private mutating func readLesson(id: String, number: Int, minutes: Int, competencies: [Competency], folder: URL) -> Lesson? {
        guard files.exists(folder) else {
            report(folder, 0, "lesson folder is missing (course.yaml lists lesson \(number) as \"\(id)\")")
            return nil
        }
        var documents: [Language: LessonDocument] = [:]
        for language in Language.allCases {
            let file = folder.appendingPathComponent("\(language.rawValue).md")
            guard let text = readText(file) else { continue }
            let (document, problems) = parsers.lesson(text)
            for problem in problems { report(file, problem.line, problem.message) }
            documents[language] = document
        }
        let quizFile = folder.appendingPathComponent("quiz.yaml")
        let quiz = readYAML(quizFile).flatMap { readQuiz($0, file: quizFile) }
        guard documents.count == Language.allCases.count, let quiz else { return nil }
        return Lesson(id: id, number: number, minutes: minutes, competencies: competencies, documents: documents, quiz: quiz)
    }

    private mutating func readQuiz(_ root: YAMLNode, file: URL) -> Quiz? {
        guard let list = root["questions"]?.sequence() else {
            report(file, root.line, "the quiz needs a questions list")
            return nil
        }
        if !(5...8).contains(list.count) { report(file, root["questions"]!.line, "a quiz has 5 to 8 questions, this one has \(list.count)") }
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
                guard let text = localized(optionNode, "text"), let why = localized(optionNode, "why") else { continue }
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
            if let prompt { questions.append(Question(id: id, kind: kind, prompt: prompt, options: options)) }
        }
        return Quiz(questions: questions)
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

    private mutating func localized(_ node: YAMLNode, _ key: String) -> LocalizedText? {
        guard let value = node[key] else {
            report(node.file, node.line, "missing \(key) (kk, ru and en)")
            return nil
        }
        var texts: [Language: String] = [:]
        for language in Language.allCases {
            if let text = value[language.rawValue]?.scalar, !CourseReader.isBlank(text) {
                texts[language] = text
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
}
