public import Foundation

/// An HTTP response with its whole body in memory. The server adds Content-Length itself.
public struct Response: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func html(_ html: String, status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: Array(html.utf8))
    }

    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    /// Encodes a value as JSON with stable key order, so clients and tests see the same bytes each time.
    public static func json<T: Encodable>(_ value: T, status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": "application/json"], body: Array(JSON.encode(value)))
    }

    public static func bytes(_ bytes: [UInt8], contentType: String, status: Int = 200) -> Response {
        Response(status: status, headers: ["Content-Type": contentType], body: bytes)
    }

    /// 303 See Other: the answer to a form POST, so reloading does not post again.
    public static func redirect(to location: String, status: Int = 303) -> Response {
        Response(status: status, headers: ["Location": location])
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

public enum JSON {
    public static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Encoding our own value types cannot fail; a failure is a programming error worth a crash in tests.
        return try! encoder.encode(value)
    }
}
