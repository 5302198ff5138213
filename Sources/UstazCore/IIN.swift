/// The 12-digit individual identification number (ЖСН / ИИН), validated by its check digit.
///
/// An IIN is restricted personal data: callers keep only `masked` and a keyed hash, never the digits.
public struct IIN: Sendable, Hashable {
    public let digits: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notTwelveDigits, badCenturyDigit, impossibleBirthDate, checkDigitMismatch, noValidCheckDigit

        public var description: String {
            switch self {
            case .notTwelveDigits: "An IIN has exactly 12 digits."
            case .badCenturyDigit: "The 7th digit of an IIN must be 1 to 6."
            case .impossibleBirthDate: "The first six digits of this IIN are not a real birth date."
            case .checkDigitMismatch: "The last digit of this IIN does not match the others; please check for a typo."
            case .noValidCheckDigit: "This number cannot be an IIN (no check digit is possible)."
            }
        }
    }

    public init(_ text: String) throws(Problem) {
        let cleaned = text.filter { !$0.isWhitespace }
        guard cleaned.count == 12, cleaned.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .notTwelveDigits }
        let values = cleaned.map { Int(String($0))! }
        guard (1...6).contains(values[6]) else { throw .badCenturyDigit }
        let century = [1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000][values[6]]!
        let year = century + values[0] * 10 + values[1]
        let month = values[2] * 10 + values[3]
        let day = values[4] * 10 + values[5]
        guard (1...12).contains(month), (1...IIN.daysIn(month: month, year: year)).contains(day) else {
            throw .impossibleBirthDate
        }
        var check = (0..<11).reduce(0) { $0 + values[$1] * ($1 + 1) } % 11
        if check == 10 {
            let weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
            check = (0..<11).reduce(0) { $0 + values[$1] * weights[$1] } % 11
            if check == 10 { throw .noValidCheckDigit }
        }
        guard check == values[11] else { throw .checkDigitMismatch }
        digits = cleaned
    }

    /// What may be shown or stored in clear: the first two and last two digits.
    public var masked: String { String(digits.prefix(2)) + "••••••••" + String(digits.suffix(2)) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
