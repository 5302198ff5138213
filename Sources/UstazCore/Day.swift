public import Foundation

/// A calendar date without a time, counted in days since 2020-01-01 (UTC).
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let number: Int

    public init(number: Int) { self.number = number }

    static let epoch: Date = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01T00:00:00Z

    public init(_ date: Date) { number = Int((date.timeIntervalSince(Day.epoch) / 86_400).rounded(.down)) }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var components = DateComponents()
        components.calendar = Day.calendar
        components.timeZone = TimeZone(identifier: "UTC")
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        guard let date = Day.calendar.date(from: components),
              Day.calendar.component(.day, from: date) == parts[2] else { return nil }
        self.init(date)
    }

    public var date: Date { Day.epoch.addingTimeInterval(Double(number) * 86_400) }

    public var iso: String {
        let parts = Day.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    public var description: String { iso }

    public func adding(days: Int) -> Day { Day(number: number + days) }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    public static var today: Day { Day(Date()) }

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
