import HTTPServer

/// HTML text in which every interpolated `String` is escaped; only `HTML` values go in as markup.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var text: String

    public init(stringLiteral value: String) { text = value }
    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }
    init(raw: String) { text = raw }

    public var description: String { text }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""
        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + interpolationCount * 16) }
        public mutating func appendLiteral(_ literal: String) { text += literal }
        public mutating func appendInterpolation(_ value: String) { text += value.htmlEscaped }
        public mutating func appendInterpolation(_ value: String?) { text += (value ?? "").htmlEscaped }
        public mutating func appendInterpolation(_ value: Int) { text += String(value) }
        public mutating func appendInterpolation(_ value: Int64) { text += String(value) }
        public mutating func appendInterpolation(_ html: HTML) { text += html.text }
        public mutating func appendInterpolation(_ html: HTML?) { text += html?.text ?? "" }
        public mutating func appendInterpolation(_ parts: [HTML]) { for part in parts { text += part.text } }
    }

    static func join(_ parts: [HTML], separator: HTML = "") -> HTML {
        HTML(raw: parts.map(\.text).joined(separator: separator.text))
    }
}
