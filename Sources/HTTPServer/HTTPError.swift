/// The one error type handlers throw to answer with a status; anything else becomes a logged 500.
public struct HTTPError: Error, Sendable, Equatable {
    /// The answers this layer words itself, so that an application can say them in the visitor's language.
    public enum Stock: Sendable, Equatable {
        case unauthorized, forbidden, notFound, methodNotAllowed, serverError
        case tooLarge(limit: Int)
        case tooManyRequests(retryAfter: Int)
    }

    public var status: Int
    /// A sentence a person can act on; shown to the client.
    public var message: String
    public var headers: [String: String]
    /// Set when `message` is this layer's own English wording rather than the application's.
    public var stock: Stock?

    public init(_ status: Int, _ message: String, headers: [String: String] = [:], stock: Stock? = nil) {
        self.status = status
        self.message = message
        self.headers = headers
        self.stock = stock
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
    public static func methodNotAllowed(_ allowed: [HTTPMethod]) -> HTTPError {
        HTTPError(405, "This address does not accept that method.",
                  headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")], stock: .methodNotAllowed)
    }
    public static let serverError = HTTPError(500, "Something went wrong on our side. Please try again in a moment.", stock: .serverError)
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
