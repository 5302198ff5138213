import Foundation
import HTTPServer
import Testing
import UstazCore
@testable import UstazWeb

/// Walks every stored property of a text struct (Strings, OfflineText, …) and reports what is missing:
/// empty texts, closures that produce nothing, Kazakh or Russian values left in English.
///
/// Closures are called through key paths listed per struct, not through Mirror: a function value read
/// by Mirror comes back at the wrong abstraction and crashes when called. A closure field missing
/// from the list is itself reported, so a new one cannot slip past.
struct TranslationAudit<Texts> {
    /// Fields that may read the same in every language (names, codes, symbols).
    var sameInEveryLanguage: Set<String> = []
    var closures: [String: (Texts) -> [String]]
    var problems: [String] = []

    init(closures: [String: (Texts) -> [String]]) { self.closures = closures }

    /// Sample arguments for the closures: counts that pick every Russian plural form, and a name.
    static var counts: [Int] { [0, 1, 2, 5, 11, 21, 22, 1234] }

    static func counted(_ path: KeyPath<Texts, @Sendable (Int) -> String>) -> (Texts) -> [String] {
        { texts in counts.map { texts[keyPath: path]($0) } }
    }
    static func pairs(_ path: KeyPath<Texts, @Sendable (Int, Int) -> String>) -> (Texts) -> [String] {
        { texts in counts.map { texts[keyPath: path]($0, 8) } }
    }
    static func named(_ path: KeyPath<Texts, @Sendable (String) -> String>) -> (Texts) -> [String] {
        { texts in [texts[keyPath: path]("Әлия Жұмабекова")] }
    }

    /// Every field rendered to its texts.
    func rendered(_ value: Texts) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for child in Mirror(reflecting: value).children {
            guard let name = child.label else { continue }
            if let render = closures[name] {
                fields[name] = render(value)
                continue
            }
            switch child.value {
            case is CoverageText, is PrivacyText, is OfflineText, is ListText, is ErrorText:
                continue  // catalogues of their own, audited on their own
            case let text as String:
                fields[name] = [text]
            case let map as [Role: String]:
                fields[name] = Role.allCases.map { map[$0] ?? "" }
            case let map as [CredentialKind: String]:
                fields[name] = CredentialKind.allCases.map { map[$0] ?? "" }
            default:
                fields["__unknown__", default: []].append("\(name): \(type(of: child.value))")
            }
        }
        return fields
    }

    mutating func check(kk: Texts, ru: Texts, en: Texts) {
        let kkFields = rendered(kk), ruFields = rendered(ru), enFields = rendered(en)
        if let unknown = enFields["__unknown__"] { problems.append("fields the audit cannot render (list their closures): \(unknown)") }
        for (name, english) in enFields.sorted(by: { $0.key < $1.key }) where name != "__unknown__" {
            for (language, fields) in [("kk", kkFields), ("ru", ruFields), ("en", enFields)] {
                let values = fields[name] ?? []
                if values.isEmpty || values.contains(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                    problems.append("\(name) is empty in \(language)")
                }
            }
            guard !sameInEveryLanguage.contains(name) else { continue }
            for (language, fields) in [("kk", kkFields), ("ru", ruFields)] where fields[name] == english {
                problems.append("\(name) in \(language) is the English text \"\(english.first ?? "")\"")
            }
            // A translation in Cyrillic script should have Cyrillic letters, whatever numbers it holds.
            for (language, fields) in [("kk", kkFields), ("ru", ruFields)] {
                for value in fields[name] ?? [] where value.unicodeScalars.contains(where: { CharacterSet.letters.contains($0) })
                    && !value.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }) {
                    problems.append("\(name) in \(language) has no Cyrillic letter: \"\(value)\"")
                }
            }
        }
    }
}

extension TranslationAudit where Texts == StringTable {
    static func forStrings() -> TranslationAudit<StringTable> {
        TranslationAudit(closures: [
            "ofTarget": named(\.ofTarget), "greeting": named(\.greeting), "lessonsDone": pairs(\.lessonsDone),
            "members": counted(\.members), "lessonsCount": counted(\.lessonsCount), "minutes": counted(\.minutes),
            "lessonNumber": counted(\.lessonNumber), "attemptOf": pairs(\.attemptOf), "scoreLine": pairs(\.scoreLine),
            "attemptsLeft": counted(\.attemptsLeft), "bestScore": counted(\.bestScore), "passMarkNote": pairs(\.passMarkNote),
            "lessonsApproved": pairs(\.lessonsApproved), "revokedDone": counted(\.revokedDone), "expiresLine": named(\.expiresLine),
            "generationLine": counted(\.generationLine), "trainerLine": named(\.trainerLine), "joinConfirm": named(\.joinConfirm),
            "cohortFull": counted(\.cohortFull), "flagInactive": counted(\.flagInactive), "flagFailedTwice": counted(\.flagFailedTwice),
            "flagBehind": pairs(\.flagBehind), "importDone": pairs(\.importDone), "schoolsImported": counted(\.schoolsImported),
        ])
    }
}

extension TranslationAudit where Texts == OfflineText {
    static func forOfflineText() -> TranslationAudit<OfflineText> {
        TranslationAudit(closures: ["savedLessons": counted(\.savedLessons)])
    }
}

extension TranslationAudit where Texts == SecurityText {
    static func forSecurityText() -> TranslationAudit<SecurityText> {
        TranslationAudit(closures: [
            "notAWholeNumber": { [$0.notAWholeNumber("page")] },
            "outOfRange": { [$0.outOfRange("page", "1", "400000")] },
            "needsJoinCode": { [$0.needsJoinCode("Әлия Жұмабекова", "ABCD-EFGH")] },
            "nameTooManyCharacters": pairs(\.nameTooManyCharacters), "nameTooManyBytes": pairs(\.nameTooManyBytes),
            "nameForbidden": { [$0.nameForbidden("U+202E")] },
        ])
    }
}

@Suite("Every interface text in Kazakh, Russian and English")
struct TranslationTests {
    @Test func theSecurityTextsAreCompleteInEveryLanguage() {
        var audit = TranslationAudit.forSecurityText()
        audit.check(kk: SecurityText.kk, ru: SecurityText.ru, en: SecurityText.en)
        #expect(audit.problems == [])
        // Every refusal of the HTTP layer has its own wording in each language.
        let reasons: [HTTPError.Reason] = [.targetNotAbsolute, .malformedEscape, .notUTF8, .nulCharacter,
                                           .notAWholeNumber(parameter: "page"), .outOfRange(parameter: "page", lower: 1, upper: 9)]
        for language in Language.allCases {
            #expect(Set(reasons.map(SecurityText.for(language).refusal)).count == reasons.count, "\(language)")
        }
        #expect(SecurityText.en.refusal(.outOfRange(parameter: "page", lower: 1, upper: 9)) == "“page” must be a whole number from 1 to 9.")
    }

    @Test func theMainStringsAreCompleteInEveryLanguage() {
        var audit = TranslationAudit.forStrings()
        audit.check(kk: Strings.kk.table, ru: Strings.ru.table, en: Strings.en.table)
        #expect(audit.problems == [])
    }

    @Test func offlineTextsAreCompleteInEveryLanguage() {
        var audit = TranslationAudit.forOfflineText()
        audit.check(kk: OfflineText.kk, ru: OfflineText.ru, en: OfflineText.en)
        #expect(audit.problems == [])
        #expect(OfflineText.en.scriptTexts.count == OfflineText.kk.scriptTexts.count)
    }

    @Test func unavailableTextsAreCompleteInEveryLanguage() {
        var audit = TranslationAudit<UnavailableText>(closures: [:])
        audit.check(kk: UnavailableText.kk, ru: UnavailableText.ru, en: UnavailableText.en)
        #expect(audit.problems == [])
    }

    @Test func theAuditCatchesWhatItIsMeantTo() {
        struct Sample { var title: String; var count: @Sendable (Int) -> String; var unlisted: @Sendable (Int) -> String }
        var audit = TranslationAudit<Sample>(closures: ["count": TranslationAudit<Sample>.counted(\.count)])
        audit.check(kk: Sample(title: "Save", count: { "\($0) сабақ" }, unlisted: { "\($0)" }),
                    ru: Sample(title: "", count: { _ in " " }, unlisted: { "\($0)" }),
                    en: Sample(title: "Save", count: { "\($0) lessons" }, unlisted: { "\($0)" }))
        #expect(audit.problems.contains { $0.contains("title in kk is the English text") })
        #expect(audit.problems.contains("title is empty in ru"))
        #expect(audit.problems.contains("count is empty in ru"))
        #expect(audit.problems.contains { $0.contains("cannot render") })
    }
}

@Suite("Numbers, dates and plurals per language")
struct FormattingTests {
    @Test func groupsThousandsAsEachLanguageDoes() {
        #expect(Formatting.number(1_234_567, .kk) == "1\u{00A0}234\u{00A0}567")
        #expect(Formatting.number(1_234_567, .ru) == "1\u{00A0}234\u{00A0}567")
        #expect(Formatting.number(1_234_567, .en) == "1,234,567")
        #expect(Formatting.number(999, .ru) == "999")
        #expect(Formatting.number(-4500, .kk) == "-4\u{00A0}500")
        #expect(Formatting.percent(1, of: 3, .ru) == "33,3\u{00A0}%")
        #expect(Formatting.percent(1, of: 3, .en) == "33.3%")
    }

    @Test func writesDatesAsEachLanguageDoes() throws {
        let day = try #require(Day(iso: "2026-11-23"))
        #expect(Formatting.date(day, .kk) == "2026 жылғы 23 қараша")
        #expect(Formatting.date(day, .ru) == "23 ноября 2026 г.")
        #expect(Formatting.date(day, .en) == "23 November 2026")
    }

    @Test(arguments: [(1, "one"), (21, "one"), (101, "one"), (2, "few"), (4, "few"), (22, "few"), (34, "few"),
                      (0, "many"), (5, "many"), (11, "many"), (12, "many"), (14, "many"), (111, "many"), (25, "many")])
    func picksTheRussianPluralForm(count: Int, form: String) {
        #expect(Formatting.russianPlural(count, one: "one", few: "few", many: "many") == form)
    }

    @Test func russianCountsAgreeWithTheirNouns() {
        #expect(Strings.ru.lessonsCount(1) == "1 урок")
        #expect(Strings.ru.lessonsCount(3) == "3 урока")
        #expect(Strings.ru.lessonsCount(11) == "11 уроков")
        #expect(Strings.ru.members(22) == "22 участника")
        #expect(OfflineText.ru.savedLessons(8).hasPrefix("8 уроков сохранено"))
        #expect(OfflineText.ru.savedLessons(21).hasPrefix("21 урок сохранён"))
    }

    @Test(arguments: [(1, "1-і"), (2, "2-сі"), (3, "3-і"), (4, "4-і"), (5, "5-і"), (6, "6-сы"), (7, "7-сі"), (8, "8-і"),
                      (9, "9-ы"), (10, "10-ы"), (20, "20-сы"), (30, "30-ы"), (40, "40-ы"), (50, "50-і"), (60, "60-ы"),
                      (70, "70-і"), (80, "80-і"), (90, "90-ы"), (0, "0-і"), (100, "100-і"), (12, "12-сі"), (1000, "1\u{00A0}000-ы")])
    func kazakhPossessiveEndingFollowsTheSpokenNumber(value: Int, written: String) {
        #expect(Formatting.kazakhPossessive(value) == written)
    }

    @Test func kazakhCountsReadNaturally() {
        #expect(Strings.kk.lessonsDone(2, 8) == "8 сабақтың 2-сі өтілді")
        #expect(Strings.kk.attemptOf(3, 3) == "3 мүмкіндіктің 3-і")
        #expect(Strings.kk.lessonsApproved(6, 8) == "8 сабақтың 6-сы мақұлданды")
    }

    @Test func largeCountsInTextsAreGroupedPerLanguage() {
        #expect(Strings.kk.schoolsImported(7250) == "Жүктелген мектептер: 7\u{00A0}250.")
        #expect(Strings.ru.schoolsImported(7250) == "Загружено школ: 7\u{00A0}250.")
        #expect(Strings.en.schoolsImported(7250) == "Schools imported: 7,250.")
        #expect(Strings.ru.importDone(1200, 1180).contains("1\u{00A0}200") && Strings.ru.importDone(1200, 1180).contains("1\u{00A0}180"))
        #expect(Strings.kk.importDone(1200, 3).contains("1\u{00A0}200"))
        #expect(Strings.en.importDone(1200, 3).contains("1,200"))
    }

    /// Kazakh puts the noun after a numeral in the singular: "8 сабақ", never "8 сабақтар".
    @Test func kazakhNounsAfterNumeralsStaySingular() {
        let pluralSuffixes = ["лар", "лер", "дар", "дер", "тар", "тер"]
        var offenders: [String] = []
        for (name, values) in TranslationAudit.forStrings().rendered(Strings.kk.table)
            .merging(TranslationAudit.forOfflineText().rendered(OfflineText.kk), uniquingKeysWith: { $0 + $1 }) {
            for value in values {
                let words = value.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).map(String.init)
                for (word, next) in zip(words, words.dropFirst()) where Int(word) != nil {
                    let noun = next.lowercased().trimmingCharacters(in: .punctuationCharacters)
                    if pluralSuffixes.contains(where: { noun.hasSuffix($0) }) { offenders.append("\(name): \(value)") }
                }
            }
        }
        #expect(offenders == [])
        #expect(Strings.kk.lessonsCount(8) == "8 сабақ")
    }
}
