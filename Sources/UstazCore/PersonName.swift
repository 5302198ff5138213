/// The one rule for a person's name, at every entry point (first administrator, roster files and the one-by-one
/// form, `ustaz import teachers`, a reissued certificate's corrected name).
///
/// A name prints on a certificate and travels in its signed token, whose fields hold 255 bytes, so it is bounded
/// both ways: at most 120 characters (grapheme clusters, as people count letters) and at most 240 bytes of UTF-8.
/// Each character may carry at most 2 combining marks, so a few letters cannot hide kilobytes of accents.
/// A Kazakh three-part name ("Әйгерім Құрманғазықызы Ұлықпанова", 33 characters, 64 bytes) fits well within that.
public enum PersonName {
    public static let maximumCharacters = 120
    public static let maximumBytes = 240
    public static let maximumMarksPerCharacter = 2
    public static let minimumCharacters = 2

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case missing
        case tooShort
        case tooManyCharacters(Int)
        case tooManyBytes(Int)
        /// A character carrying more than two combining marks.
        case tooManyMarks
        case forbidden(InputText.Problem)

        public var description: String {
            switch self {
            case .missing: "The name is missing."
            case .tooShort: "The name is too short; it needs at least \(PersonName.minimumCharacters) characters."
            case .tooManyCharacters(let count):
                "The name is too long; it may have at most \(PersonName.maximumCharacters) characters, this one has \(count)."
            case .tooManyBytes(let bytes):
                "The name is too long to print and sign; it may take at most \(PersonName.maximumBytes) bytes, this one takes \(bytes)."
            case .tooManyMarks:
                "The name has a letter with more than \(PersonName.maximumMarksPerCharacter) accents or other combining marks."
            case .forbidden(let problem): "The name \(problem.description)"
            }
        }
    }

    /// What is wrong with `name` (already trimmed), or nil when it may be stored and printed.
    public static func problem(with name: String) -> Problem? {
        if let forbidden = InputText.problem(in: name) { return .forbidden(forbidden) }
        if name.isEmpty { return .missing }
        // A hostile 12 KB name is refused before its characters are counted.
        let bytes = name.utf8.count
        if bytes > 4 * maximumBytes { return .tooManyBytes(bytes) }
        var characters = 0
        for character in name {
            characters += 1
            let marks = character.unicodeScalars.filter { scalar in
                switch scalar.properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark: true
                default: false
                }
            }.count
            if marks > maximumMarksPerCharacter { return .tooManyMarks }
        }
        if characters < minimumCharacters { return .tooShort }
        if characters > maximumCharacters { return .tooManyCharacters(characters) }
        if bytes > maximumBytes { return .tooManyBytes(bytes) }
        return nil
    }

    public static func isAcceptable(_ name: String) -> Bool { problem(with: name) == nil }
}
