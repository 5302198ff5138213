/// The one place numbers are read from a request: path parameters, query strings and form fields.
///
/// A value must be an optional "-" and ASCII digits, within the bounds the handler names; anything else
/// (letters, spaces, "1e9", "0x10", digits beyond Int64) is a 400 whose reason names the parameter, so
/// no handler ever does arithmetic on a number it did not bound.
public enum TypedParameters {
    /// `text` as a whole number within `range`, or a 400 naming `name`.
    public static func integer(_ text: String, name: String, in range: ClosedRange<Int64>) throws(HTTPError) -> Int64 {
        let digits = text.utf8.first == UInt8(ascii: "-") ? text.utf8.dropFirst() : text.utf8[...]
        guard !digits.isEmpty, digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw .refused(.notAWholeNumber(parameter: name))
        }
        // All digits: beyond Int64 is out of range, not "not a number".
        guard let value = Int64(text), range.contains(value) else {
            throw .refused(.outOfRange(parameter: name, lower: range.lowerBound, upper: range.upperBound))
        }
        return value
    }

    /// Identifiers of stored rows (SQLite rowids are positive).
    public static let identifiers: ClosedRange<Int64> = 1...Int64.max
}

extension Request {
    /// The path parameter `name` as a whole number within `range` (by default a row identifier); 400 otherwise.
    public func integer(_ name: String, in range: ClosedRange<Int64> = TypedParameters.identifiers) throws(HTTPError) -> Int64 {
        try TypedParameters.integer(try parameter(name), name: name, in: range)
    }
}

extension Parameters {
    /// The value `name` as a whole number within `range`; nil when it is absent or empty, 400 when it is anything else.
    public func integer(_ name: String, in range: ClosedRange<Int64>) throws(HTTPError) -> Int64? {
        guard let text = self[name], !text.isEmpty else { return nil }
        return try TypedParameters.integer(text, name: name, in: range)
    }

    /// The value `name` as an `Int` within `range`, or `fallback` when it is absent or empty.
    public func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(HTTPError) -> Int {
        try integer(name, in: Int64(range.lowerBound)...Int64(range.upperBound)).map { Int($0) } ?? fallback
    }
}
