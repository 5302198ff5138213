import Foundation
import Testing
@testable import UstazStore

@Suite("Database timestamps")
struct DatabaseTimestampTests {
    @Test("formats exactly as Foundation's ISO 8601 style, across centuries, leap days and negative times")
    func matchesFoundation() {
        var generator = SystemRandomNumberGenerator()
        let fixed: [TimeInterval] = [0, -1, 951_782_400, 951_868_799, 1_709_164_800, 4_102_444_799, -2_208_988_800, 1_795_000_000.9]
        let random = (0..<2000).map { _ in TimeInterval(Int64.random(in: -2_000_000_000...5_000_000_000, using: &generator)) }
        for seconds in fixed + random {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(DatabaseTimestamp.format(date) == date.formatted(.iso8601), "at \(seconds)")
            let whole = Date(timeIntervalSince1970: seconds.rounded(.down))
            #expect(DatabaseTimestamp.parse(DatabaseTimestamp.format(date)) == whole)
        }
    }

    @Test("parses other ISO 8601 forms through Foundation and refuses nonsense")
    func parsesOtherForms() {
        #expect(DatabaseTimestamp.parse("2026-11-23T12:47:37+05:00") == Date(timeIntervalSince1970: 1_795_420_057))
        #expect(DatabaseTimestamp.parse("2026-13-23T12:47:37Z") == nil)
        #expect(DatabaseTimestamp.parse("2026-11-23T1a:47:37Z") == nil)
        #expect(DatabaseTimestamp.parse("yesterday") == nil)
    }
}
