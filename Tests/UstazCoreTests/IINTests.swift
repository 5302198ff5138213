import Testing
import UstazCore

@Suite("IIN check digit and date")
struct IINTests {
    @Test func acceptsAValidIIN() throws {
        let iin = try IIN("061211600012")
        #expect(iin.masked == "06••••••••12")
        #expect(try IIN(" 0612 1160 0012 ").digits == "061211600012")
    }

    @Test(arguments: [
        ("061211600013", IIN.Problem.checkDigitMismatch),
        ("06121160001", .notTwelveDigits),
        ("0612116000１2", .notTwelveDigits),
        ("061211700012", .badCenturyDigit),
        ("061311600012", .impossibleBirthDate),
        ("050230600012", .impossibleBirthDate),
    ])
    func refusesInvalidIINs(text: String, problem: IIN.Problem) {
        #expect(throws: problem) { try IIN(text) }
    }

    @Test func usesTheSecondWeightsWhenTheFirstGiveTen() throws {
        // Find, by brute force over the registration digits, an IIN whose first weighted sum is 10 mod 11,
        // and check that the second weighting decides it.
        var checked = 0
        for serial in 0..<2000 {
            let body = "900101300" + String(format: "%03d", serial).suffix(2)
            let digits = body.map { Int(String($0))! }
            guard (0..<11).reduce(0, { $0 + digits[$1] * ($1 + 1) }) % 11 == 10 else { continue }
            let weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
            let second = (0..<11).reduce(0) { $0 + digits[$1] * weights[$1] } % 11
            if second == 10 {
                #expect(throws: IIN.Problem.noValidCheckDigit) { try IIN(body + "0") }
            } else {
                #expect(try IIN(body + String(second)).digits == body + String(second))
            }
            checked += 1
        }
        #expect(checked > 0)
    }
}

@Suite("Languages and days")
struct LanguageTests {
    @Test func picksTheBestSupportedLanguage() {
        #expect(Language.preferred(acceptLanguage: "ru-RU,ru;q=0.9,en;q=0.8") == .ru)
        #expect(Language.preferred(acceptLanguage: "de-DE, en;q=0.5, kk;q=0.7") == .kk)
        #expect(Language.preferred(acceptLanguage: "fr, de") == nil)
        #expect(Language.preferred(acceptLanguage: "kk;q=0, en") == .en)
        #expect(Language.preferred(acceptLanguage: nil) == nil)
    }

    @Test func daysRoundTrip() throws {
        let day = try #require(Day(iso: "2026-09-01"))
        #expect(day.iso == "2026-09-01")
        #expect(day.adding(days: 30).iso == "2026-10-01")
        #expect(Day(iso: "2026-02-30") == nil)
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2020-01-01")?.number == 0)
    }

    @Test func twentyRegionsWithThreeNames() {
        #expect(Region.all.count == 20)
        #expect(Region.all.filter { $0.kind == .city }.map(\.id) == ["astana", "almaty", "shymkent"])
        #expect(Set(Region.all.map(\.id)).count == 20)
        #expect(Region.named("kyzylorda")?.name.kk == "Қызылорда облысы")
    }
}
