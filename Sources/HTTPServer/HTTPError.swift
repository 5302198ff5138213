/// The one error type handlers throw to answer with a status; anything else becomes a logged 500.
public struct HTTPError: Error, Sendable, Equatable {
    public var status: Int
    /// A sentence a person can act on; shown to the client.
    public var message: String
    public var headers: [String: String]

    public init(_ status: Int, _ message: String, headers: [String: String] = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public static func badRequest(_ message: String) -> HTTPError { HTTPError(400, message) }
    public static func unauthorized(_ message: String = "Please sign in to continue.") -> HTTPError { HTTPError(401, message) }
    public static func forbidden(_ message: String = "You do not have access to this page.") -> HTTPError { HTTPError(403, message) }
    public static func notFound(_ message: String = "There is nothing at this address.") -> HTTPError { HTTPError(404, message) }
    public static func conflict(_ message: String) -> HTTPError { HTTPError(409, message) }
    public static func payloadTooLarge(limit: Int) -> HTTPError {
        HTTPError(413, "The request body is larger than the \(ByteCount(limit)) this address accepts.")
    }
    public static func unprocessable(_ message: String) -> HTTPError { HTTPError(422, message) }
    public static func tooManyRequests(retryAfter seconds: Int) -> HTTPError {
        HTTPError(429, "Too many requests; please wait \(seconds) seconds and try again.", headers: ["Retry-After": String(seconds)])
    }
    public static func methodNotAllowed(_ allowed: [HTTPMethod]) -> HTTPError {
        HTTPError(405, "This address does not accept that method.",
                  headers: ["Allow": allowed.map(\.rawValue).joined(separator: ", ")])
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
