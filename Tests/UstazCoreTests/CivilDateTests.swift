import Foundation
import Testing
import UstazCore

@Suite("Days and civil dates")
struct CivilDateTests {
    @Test("Day.iso and Day(iso:) agree with Foundation's Gregorian calendar from 1900 to 2100")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let formatter = DateFormatter()
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        for number in stride(from: -43_830, through: 29_220, by: 7) {
            let day = Day(number: number)
            let expected = formatter.string(from: day.date)
            #expect(day.iso == expected)
            #expect(Day(iso: expected) == day)
        }
    }

    @Test("impossible or malformed dates are refused")
    func refusesImpossibleDates() {
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2100-02-29") == nil)
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "2026-04-31") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "2026-1-5") == nil)
        #expect(Day(iso: "tomorrow") == nil)
        #expect(Day(iso: "2026-11-23")?.iso == "2026-11-23")
    }
}
