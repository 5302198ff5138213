/// What completing a course earns.
public enum CredentialKind: String, Sendable, Codable, CaseIterable {
    case masterTrainer = "master-trainer"
    case leadTrainer = "lead-trainer"
    case teacher
}

/// A course as written in `Courses/<id>/`: metadata, lessons in three languages, quizzes.
public struct Course: Sendable, Identifiable, Codable {
    public var id: String
    public var credential: CredentialKind
    public var audience: String
    public var passMark: Int
    public var maxAttempts: Int
    public var title: LocalizedText
    public var summary: LocalizedText
    public var lessons: [Lesson]
    /// SHA-256 over every file of the course: the identity of this version for review.
    public var contentHash: String
    /// Logins of the people who wrote this course; they may not approve it.
    public var authors: [String] = []
    /// Whether the credential also needs an accepted classroom practical (`practical: required`); nil in versions
    /// written before practicals.
    public var practicalRequired: Bool? = nil

    public var requiresPractical: Bool { practicalRequired == true }

    /// sources.yaml: what the course's `[src:id]` citations name. Optional in JSON: versions stored before
    /// sources existed decode without it.
    public var sources: [Source]? = nil

    public func lesson(_ id: String) -> Lesson? { lessons.first { $0.id == id } }
}

public struct Lesson: Sendable, Identifiable, Codable {
    public var id: String
    public var number: Int
    public var minutes: Int
    public var competencies: [Competency]
    public var documents: [Language: LessonDocument]
    public var quiz: Quiz
    /// The lesson's figures by language and name, as rewritten by the figure reader (nil in versions stored
    /// before figures existed).
    public var figures: [Language: [String: Figure]]? = nil
    /// The printable classroom kit, when the lesson has one.
    public var kit: Kit? = nil

    public func document(_ language: Language) -> LessonDocument { documents[language] ?? documents[.en]! }
    public func figure(_ name: String, _ language: Language) -> Figure? { figures?[language]?[name] }
    public var title: LocalizedText {
        LocalizedText(kk: document(.kk).title, ru: document(.ru).title, en: document(.en).title)
    }
}

/// A lesson's classroom kit: the parts course.yaml lists, and the kit file in each language.
public struct Kit: Sendable, Codable {
    public var parts: [KitDocument.Part]
    public var documents: [Language: KitDocument]

    public func document(_ language: Language) -> KitDocument { documents[language] ?? documents[.en]! }
}

/// One entry of a course's sources.yaml, cited in text as `[src:id]`.
public struct Source: Sendable, Codable, Equatable {
    public var id: String
    public var publisher: String
    public var title: String
    /// As written: 2024, 2024-12 or 2024-12-05.
    public var date: String
    public var url: String?
}

/// A UNESCO AI competency (2024 frameworks), written `teacher.ethics.acquire`.
public struct Competency: Sendable, Hashable, CustomStringConvertible, Codable {
    public enum Framework: String, Sendable, Codable { case teacher, student }
    public var framework: Framework
    public var dimension: String
    public var level: String

    static let teacherDimensions = ["mindset", "ethics", "foundations", "pedagogy", "development"]
    static let teacherLevels = ["acquire", "deepen", "create"]
    static let studentDimensions = ["mindset", "ethics", "techniques", "design"]
    static let studentLevels = ["understand", "apply", "create"]

    public init?(_ tag: String) {
        let parts = tag.split(separator: ".").map(String.init)
        guard parts.count == 3, let framework = Framework(rawValue: parts[0]) else { return nil }
        let (dimensions, levels) = framework == .teacher
            ? (Competency.teacherDimensions, Competency.teacherLevels)
            : (Competency.studentDimensions, Competency.studentLevels)
        guard dimensions.contains(parts[1]), levels.contains(parts[2]) else { return nil }
        self.framework = framework
        dimension = parts[1]
        level = parts[2]
    }

    public var description: String { "\(framework.rawValue).\(dimension).\(level)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Competency(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown competency \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
