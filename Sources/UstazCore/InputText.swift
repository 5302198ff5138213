/// The one rule for text that enters Ustaz from anywhere: form fields, CSV files (rosters, schools) and the
/// command line. Control characters, and the bidirectional embedding, override and isolate controls
/// (U+202A–U+202E, U+2066–U+2069), are refused: no name, code or comment may hide part of itself or
/// reorder the text printed around it. Only multi-line fields (comments, notes) may hold tabs and line breaks.
public enum InputText {
    public enum Kind: Sendable {
        /// Names, codes, emails, cells of a CSV file: no control character at all.
        case singleLine
        /// Comments and notes typed in a text area: tab, CR and LF allowed.
        case multiLine
    }

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case controlCharacter(Unicode.Scalar)
        case directionControl(Unicode.Scalar)

        public var scalar: Unicode.Scalar {
            switch self {
            case .controlCharacter(let scalar), .directionControl(let scalar): scalar
            }
        }

        /// The character as people look it up: "U+202E".
        public var codePoint: String {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }

        public var description: String {
            switch self {
            case .controlCharacter:
                "contains the invisible control character \(codePoint) (a line break, tab or similar); remove it."
            case .directionControl:
                "contains the text-direction character \(codePoint), which could disguise the text; remove it."
            }
        }
    }

    /// The first character of `text` the rule refuses, or nil when the text is acceptable.
    public static func problem(in text: String, kind: Kind = .singleLine) -> Problem? {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: if kind == .singleLine { return .controlCharacter(scalar) }
            case 0x00...0x1F, 0x7F...0x9F: return .controlCharacter(scalar)
            case 0x202A...0x202E, 0x2066...0x2069: return .directionControl(scalar)
            default: continue
            }
        }
        return nil
    }
}
