import Foundation
import UstazCore

/// Timestamps as stored in every `*_at` column: ISO 8601 in UTC with whole seconds, `2026-11-23T12:47:37Z`.
///
/// Written by hand because Foundation's ISO 8601 style costs several microseconds per call, and a
/// session check parses two timestamps on every signed-in request.
enum DatabaseTimestamp {
    static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let dayNumber = secondOfDay < 0 ? days - 1 : days
        let second = secondOfDay < 0 ? secondOfDay + 86_400 : secondOfDay
        let (year, month, day) = CivilDate.components(dayNumber: Int(dayNumber))
        var bytes = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int64, _ width: Int, at offset: Int) {
            var rest = value
            for index in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[index] = UInt8(truncatingIfNeeded: 48 + rest % 10)
                rest /= 10
            }
        }
        put(Int64(year), 4, at: 0); bytes[4] = 45
        put(Int64(month), 2, at: 5); bytes[7] = 45
        put(Int64(day), 2, at: 8); bytes[10] = 84
        put(second / 3600, 2, at: 11); bytes[13] = 58
        put(second / 60 % 60, 2, at: 14); bytes[16] = 58
        put(second % 60, 2, at: 17); bytes[19] = 90
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses what `format` writes; anything else falls back to Foundation's full ISO 8601 parser.
    static func parse(_ text: String) -> Date? {
        let fast: Date? = text.utf8.withContiguousStorageIfAvailable { bytes -> Date? in
            guard bytes.count == 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
                  bytes[19] == 90 else { return nil }
            func number(_ offset: Int, _ width: Int) -> Int64? {
                var value: Int64 = 0
                for index in offset..<offset + width {
                    let digit = bytes[index] &- 48
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int64(digit)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
                  let minute = number(14, 2), let second = number(17, 2),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
            let days = Int64(CivilDate.dayNumber(year: Int(year), month: Int(month), day: Int(day)))
            return Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3600 + minute * 60 + second))
        } ?? nil
        if let fast { return fast }
        return try? Date(text, strategy: .iso8601)
    }
}
