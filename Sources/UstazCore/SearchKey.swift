import Foundation

/// The form in which names are compared when someone searches for a person, a school or a cohort.
///
/// SQLite's NOCASE folds only ASCII, so "ӘЛИЯ" would not find "Әлия". The key folds case in every
/// script, treats ё as е, and maps Latin letters to the Cyrillic letters they look like: people type
/// "Aйгерим" with a Latin A from a Latin keyboard layout, or "Іnkar" with a Cyrillic І, and both must
/// still find the teacher. Stored keys and typed queries go through the same fold, so the mapping only
/// has to be consistent, never perfect.
public enum SearchKey {
    private static let lookAlikes: [Character: Character] = [
        "a": "а", "b": "в", "c": "с", "e": "е", "h": "н", "i": "і", "k": "к", "m": "м",
        "o": "о", "p": "р", "t": "т", "x": "х", "y": "у", "ё": "е",
    ]

    /// The folded form of `text`: lower case, look-alikes unified, runs of spaces and punctuation
    /// reduced to one space, combining marks dropped.
    public static func fold(_ text: String) -> String {
        var folded = ""
        folded.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for character in text.precomposedStringWithCanonicalMapping.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSpace, !folded.isEmpty { folded.append(" ") }
                pendingSpace = false
                folded.append(lookAlikes[character] ?? character)
            } else if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
                continue
            } else {
                pendingSpace = true
            }
        }
        return folded
    }
}
