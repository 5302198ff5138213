/// The one error type handlers throw to answer with a status; anything else becomes a logged 500.
public struct HTTPError: Error, Sendable, Equatable {
    /// The answers this layer words itself, so that an application can say them in the visitor's language.
    public enum Stock: Sendable, Equatable {
        case unauthorized, forbidden, notFound, methodNotAllowed, serverError
        case tooLarge(limit: Int)
        case tooManyRequests(retryAfter: Int)
        case busy(retryAfter: Int)
    }

    public var status: Int
    /// A sentence a person can act on; shown to the client.
    public var message: String
    public var headers: [String: String]
    /// Set when `message` is this layer's own English wording rather than the application's.
    public var stock: Stock?
    /// Why the HTTP layer refused the request, when it did: the application words it in the visitor's language
    /// (`Application.wording`); `message` is then only the English fallback.
    public var reason: Reason?

    public init(_ status: Int, _ message: String, headers: [String: String] = [:], stock: Stock? = nil, reason: Reason? = nil) {
        self.status = status
        self.message = message
        self.headers = headers
        self.stock = stock
        self.reason = reason
    }

    /// What was wrong with a request the HTTP layer refused, as data rather than text.
    public enum Reason: Sendable, Equatable {
        case targetNotAbsolute
        /// "%" not followed by two hex digits, in the address, the query or a form.
        case malformedEscape
        /// Percent-escapes or a body that do not decode to UTF-8 text.
        case notUTF8
        case nulCharacter
        /// A value that must be a whole number is not one (`parameter` names it as the address or form does).
        case notAWholeNumber(parameter: String)
        case outOfRange(parameter: String, lower: Int64, upper: Int64)
    }

    /// A 400 for `reason`, with its English wording as the fallback message.
    public static func refused(_ reason: Reason) -> HTTPError {
        HTTPError(400, reason.englishText, reason: reason)
    }

    public static func badRequest(_ message: String) -> HTTPError { HTTPError(400, message) }
    public static func unauthorized(_ message: String? = nil) -> HTTPError {
        HTTPError(401, message ?? "Please sign in to continue.", stock: message == nil ? .unauthorized : nil)
    }
    public static func forbidden(_ message: String? = nil) -> HTTPError {
        HTTPError(403, message ?? "You do not have access to this page.", stock: message == nil ? .forbidden : nil)
    }
    public static func notFound(_ message: String? = nil) -> HTTPError {
        HTTPError(404, message ?? "There is nothing at this address.", stock: message == nil ? .notFound : nil)
    }
    public static func conflict(_ message: String) -> HTTPError { HTTPError(409, message) }
    public static func payloadTooLarge(limit: Int) -> HTTPError {
        HTTPError(413, "The request body is larger than the \(ByteCount(limit)) this address accepts.", stock: .tooLarge(limit: limit))
    }
    public static func unprocessable(_ message: String) -> HTTPError { HTTPError(422, message) }
    public static func tooManyRequests(retryAfter seconds: Int) -> HTTPError {
        HTTPError(429, "Too many requests; please wait \(seconds) seconds and try again.", headers: ["Retry-After": String(seconds)],
                  stock: .tooManyRequests(retryAfter: seconds))
    }
    /// The slow lane's queue is full: the server is well, only this kind of work must wait.
    public static func busy(retryAfter seconds: Int) -> HTTPError {
        HTTPError(503, "The server is busy with requests like this one; please try again in \(seconds) seconds.",
                  headers: ["Retry-After": String(seconds)], stock: .busy(retryAfter: seconds))
    }
    public static func methodNotAllowed(_ allowed: [HTTPMethod]) -> HTTPError {
        HTTPError(405, "This address does not accept that method.",
                  headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")], stock: .methodNotAllowed)
    }
    public static let serverError = HTTPError(500, "Something went wrong on our side. Please try again in a moment.", stock: .serverError)
}

extension HTTPError.Reason {
    /// The wording used when the application supplies none (and in logs).
    public var englishText: String {
        switch self {
        case .targetNotAbsolute: "The request target must start with \"/\"."
        case .malformedEscape: "The address or form contains a malformed percent-escape (\"%\" must be followed by two hex digits)."
        case .notUTF8: "The address or form is not valid UTF-8 text."
        case .nulCharacter: "The address contains a NUL character."
        case .notAWholeNumber(let name): "The value of \"\(name)\" must be a whole number."
        case .outOfRange(let name, let lower, let upper): "The value of \"\(name)\" must be a whole number from \(lower) to \(upper)."
        }
    }
}

/// Prints byte sizes the way people read them ("1 MB", "64 KB").
public struct ByteCount: CustomStringConvertible, Sendable {
    public let bytes: Int
    public init(_ bytes: Int) { self.bytes = bytes }
    public var description: String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }
}
