import HTTPServer

/// What a form value may contain (docs/SECURITY.md, "Hostile values"). Control characters other than tab and line
/// breaks, and the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), are refused
/// in every field with a 400: no name or comment may reorder the text around it or hide part of itself.
enum InputRules {
    /// The longest name accepted anywhere (people, as printed on certificates; the roster import uses the same limit).
    static let maximumNameLength = 200

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The first field holding a forbidden character, with that character as U+XXXX.
    static func firstForbidden(in form: Parameters) -> (field: String, codePoint: String)? {
        for (name, value) in form.pairs {
            if let scalar = value.unicodeScalars.first(where: isForbidden) ?? name.unicodeScalars.first(where: isForbidden) {
                return (name, "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))
            }
        }
        return nil
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
