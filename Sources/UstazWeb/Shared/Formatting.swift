import Foundation
import UstazCore

/// Numbers, dates and plural forms as each language writes them.
enum Formatting {
    static func number(_ value: Int, _ language: Language) -> String {
        let digits = String(abs(value))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        // Kazakh and Russian group thousands with a (non-breaking) space, English with a comma.
        let separator = language == .en ? "," : "\u{00A0}"
        return (value < 0 ? "-" : "") + groups.joined(separator: separator)
    }

    static func percent(_ part: Int, of whole: Int, _ language: Language) -> String {
        guard whole > 0 else { return "0 %" }
        let tenths = (part * 1000 + whole / 2) / whole
        let text = "\(tenths / 10)" + (language == .en ? "." : ",") + "\(tenths % 10)"
        return language == .en ? "\(text)%" : "\(text)\u{00A0}%"
    }

    static let months: [Language: [String]] = [
        .kk: ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"],
        .ru: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
        .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    ]

    /// "23 қараша 2026 ж.", "23 ноября 2026 г.", "23 November 2026".
    static func date(_ day: Day, _ language: Language) -> String {
        let (year, monthNumber, dayOfMonth) = day.components
        let month = months[language]![monthNumber - 1]
        switch language {
        case .kk: return "\(year) жылғы \(dayOfMonth) \(month)"
        case .ru: return "\(dayOfMonth) \(month) \(year) г."
        case .en: return "\(dayOfMonth) \(month) \(year)"
        }
    }

    /// A day and a UTC time of day, as in "3 December 2026, 04:15 UTC".
    static func time(_ moment: Date, _ language: Language) -> String {
        let seconds = Int(moment.timeIntervalSince1970.rounded(.down))
        let ofDay = ((seconds % 86_400) + 86_400) % 86_400
        let clock = String(format: "%02d:%02d", ofDay / 3600, ofDay % 3600 / 60)
        return "\(date(Day(moment), language)), \(clock) UTC"
    }

    /// A number with the Kazakh third-person possessive ending, as in "8 сабақтың 2-сі" (the second of eight).
    /// The ending follows the last spoken word of the number: after a vowel -сы/-сі, after a consonant -ы/-і,
    /// back vowels taking ы and front vowels і (екі → 2-сі, алты → 6-сы, тоғыз → 9-ы, он → 10-ы, бір → 1-і).
    static func kazakhPossessive(_ value: Int) -> String {
        "\(number(value, .kk))-\(kazakhPossessiveEnding(lastSpokenWord(abs(value))))"
    }

    private static let kazakhUnits = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"]
    private static let kazakhTens = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"]

    static func lastSpokenWord(_ value: Int) -> String {
        if value == 0 { return "нөл" }
        if value % 10 != 0 { return kazakhUnits[value % 10] }
        if value / 10 % 10 != 0 { return kazakhTens[value / 10 % 10] }
        if value / 100 % 10 != 0 { return "жүз" }
        if value % 1_000_000 != 0 { return "мың" }
        return value % 1_000_000_000 != 0 ? "миллион" : "миллиард"
    }

    static func kazakhPossessiveEnding(_ word: String) -> String {
        let back: Set<Character> = ["а", "о", "ұ", "ы"], front: Set<Character> = ["ә", "е", "ө", "ү", "і", "и", "э"]
        let isBack = word.last { back.contains($0) || front.contains($0) }.map(back.contains) ?? false
        let endsInVowel = word.last.map { back.contains($0) || front.contains($0) } ?? false
        return (endsInVowel ? "с" : "") + (isBack ? "ы" : "і")
    }

    /// Russian plural category for a count: one (1, 21), few (2–4, 22–24), many (the rest).
    static func russianPlural(_ count: Int, one: String, few: String, many: String) -> String {
        let mod10 = count % 10, mod100 = count % 100
        if mod10 == 1 && mod100 != 11 { return one }
        if (2...4).contains(mod10) && !(12...14).contains(mod100) { return few }
        return many
    }
}
