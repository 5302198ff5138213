public import Foundation

/// A calendar date without a time, counted in days since 2020-01-01 (UTC).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let number: Int

    public init(number: Int) { self.number = number }

    static let epoch: Date = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01T00:00:00Z

    public init(_ date: Date) { number = Int((date.timeIntervalSince(Day.epoch) / 86_400).rounded(.down)) }

    /// Parses `YYYY-MM-DD`; nil for anything else, impossible dates (2026-02-30) included.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...CivilDate.days(inMonth: month, year: year)).contains(day) else { return nil }
        number = CivilDate.dayNumber(year: year, month: month, day: day) - Day.epochDayNumber
    }

    /// Days from 1970-01-01 to 2020-01-01.
    static let epochDayNumber = 18_262

    public var date: Date { Day.epoch.addingTimeInterval(Double(number) * 86_400) }

    public var components: (year: Int, month: Int, day: Int) { CivilDate.components(dayNumber: number + Day.epochDayNumber) }

    public var iso: String {
        let (year, month, day) = components
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + two(month) + "-" + two(day)
    }

    public var description: String { iso }

    public func adding(days: Int) -> Day { Day(number: number + days) }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    public static var today: Day { Day(Date()) }
}

/// Proleptic Gregorian dates as day numbers since 1970-01-01, by integer arithmetic (Howard Hinnant's
/// algorithms): Foundation's Calendar costs tens of microseconds, and pages format many dates.
public enum CivilDate {
    public static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func components(dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
