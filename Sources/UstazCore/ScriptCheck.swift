/// Tells whether a text is plausibly in the language it claims, by its letters alone: Kazakh has nine
/// Cyrillic letters Russian lacks (ә ғ қ ң ө ұ ү һ і), and English has no Cyrillic at all. Passages in
/// quotation marks are examples («Сәлем») and count for no language.
public enum ScriptCheck {
    /// Kazakh's own letters, lower and upper case.
    public static let kazakhLetters: Set<Unicode.Scalar> = Set("әғқңөұүһіӘҒҚҢӨҰҮҺІ".unicodeScalars)
    /// A Kazakh text with more letter-words than this must show at least one Kazakh letter.
    public static let kazakhWordThreshold = 5

    /// Why `text` does not read as `language`, or nil when it does.
    public static func problem(_ text: String, language: Language) -> String? {
        switch language {
        case .kk:
            let words = text.split(whereSeparator: { $0.isWhitespace }).filter { $0.contains(where: \.isLetter) }.count
            guard words > kazakhWordThreshold, !text.unicodeScalars.contains(where: kazakhLetters.contains) else { return nil }
            return "this Kazakh text has no Kazakh letter (ә ғ қ ң ө ұ ү һ і); is it written in another language?"
        case .ru:
            guard let letter = unquoted(text).unicodeScalars.first(where: kazakhLetters.contains) else { return nil }
            return "Russian text holds the Kazakh letter \(letter); put Kazakh examples in quotation marks «…»"
        case .en:
            guard let letter = unquoted(text).unicodeScalars.first(where: isCyrillic) else { return nil }
            return "English text holds the Cyrillic letter \(letter); put Kazakh or Russian examples in quotation marks «…»"
        }
    }

    public static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        (0x0400...0x052F).contains(scalar.value)
    }

    /// The text with every quoted passage removed: «…», “…”, „…“ / „…”, and "…" between straight quotes.
    public static func unquoted(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var closing: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if let expected = closing {
                if scalar == expected || (expected == "“" && scalar == "”") { closing = nil }
                continue
            }
            switch scalar {
            case "«": closing = "»"
            case "“": closing = "”"
            case "„": closing = "“"
            case "\"": closing = "\""
            default: result.append(scalar)
            }
        }
        return String(result)
    }
}
