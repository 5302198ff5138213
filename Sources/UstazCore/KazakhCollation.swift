/// Orders names as a Kazakh reader expects: by the Kazakh Cyrillic alphabet
/// (А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я).
///
/// Unicode code-point order puts the nine Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І) after Я, so "Әлия" would
/// follow "Яна". Russian names come out in Russian order too, since the Russian alphabet is the Kazakh one
/// without those nine letters. Case is ignored at first; spaces and punctuation separate words and sort
/// before any letter; digits come before letters and Latin letters before Cyrillic ones (as CLDR does).
public enum KazakhCollation {
    public static let alphabet: [Character] = [
        "а", "ә", "б", "в", "г", "ғ", "д", "е", "ё", "ж", "з", "и", "й", "к", "қ", "л", "м", "н", "ң", "о", "ө",
        "п", "р", "с", "т", "у", "ұ", "ү", "ф", "х", "һ", "ц", "ч", "ш", "щ", "ъ", "ы", "і", "ь", "э", "ю", "я",
    ]

    private static let cyrillicRank: [Character: UInt32] = Dictionary(
        uniqueKeysWithValues: alphabet.enumerated().map { ($0.element, UInt32($0.offset)) })

    // Weight bands: separators < digits < Latin < Kazakh Cyrillic < everything else (by code point).
    private static let separatorWeight: UInt32 = 1
    private static let digitBase: UInt32 = 0x100
    private static let latinBase: UInt32 = 0x200
    private static let cyrillicBase: UInt32 = 0x300
    private static let otherBase: UInt32 = 0x1000

    /// The primary weights of a text: one per letter or digit, case folded; runs of spaces and
    /// punctuation count as one separator.
    public static func sortKey(_ text: String) -> [UInt32] {
        var key: [UInt32] = []
        for character in text.lowercased() {
            let weight: UInt32
            if let rank = cyrillicRank[character] {
                weight = cyrillicBase + rank
            } else if let ascii = character.asciiValue, character.isLetter {
                weight = latinBase + UInt32(ascii)
            } else if let digit = character.wholeNumberValue, character.isNumber {
                weight = digitBase + UInt32(digit)
            } else if character.isLetter || character.isNumber {
                weight = otherBase + (character.unicodeScalars.first?.value ?? 0)
            } else {
                if key.last != separatorWeight, !key.isEmpty { key.append(separatorWeight) }
                continue
            }
            key.append(weight)
        }
        if key.last == separatorWeight { key.removeLast() }
        return key
    }

    /// True when `a` sorts before `b`; texts equal apart from case or punctuation fall back to code-point
    /// order so the result is a strict, stable order.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let keyA = sortKey(a), keyB = sortKey(b)
        if keyA != keyB { return keyA.lexicographicallyPrecedes(keyB) }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}

extension Sequence {
    /// The elements sorted by a name, in Kazakh alphabetical order.
    public func sortedByName(_ name: (Element) -> String) -> [Element] {
        map { (name($0), $0) }.sorted { KazakhCollation.precedes($0.0, $1.0) }.map(\.1)
    }
}

extension KazakhCollation {
    /// The sort key as bytes whose plain byte order (SQLite's BLOB order) is the Kazakh order, so an
    /// index can page through names alphabetically. Each weight takes three bytes, big-endian.
    public static func sortKeyBytes(_ text: String) -> [UInt8] {
        sortKey(text).flatMap { weight in
            [UInt8(truncatingIfNeeded: weight >> 16), UInt8(truncatingIfNeeded: weight >> 8), UInt8(truncatingIfNeeded: weight)]
        }
    }
}
