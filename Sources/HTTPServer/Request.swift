import Foundation

/// One HTTP request, fully read, with its target already decoded.
public struct Request: Sendable {
    public var method: HTTPMethod
    /// The percent-decoded path, always starting with "/".
    public var path: String
    /// The target exactly as the client sent it (path and query).
    public var target: String
    public var query: Parameters
    public var headers: HTTPHeaders
    public var body: [UInt8]
    public var remoteAddress: String
    /// Values captured by `:name` and `*name` segments of the matched route.
    public var parameters: [String: String] = [:]
    /// The pattern of the route that matched, as registered ("/c/:serial"); nil before routing or when none matched.
    public var route: String?
    /// Set by the server when the request arrives; used for timing.
    public var receivedAt: ContinuousClock.Instant = .now
    /// What the application's middleware learned about the request (who asks, in which language), built once and
    /// read by everything after it. The HTTP layer never looks inside.
    public var context: (any Sendable)?

    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = HTTPHeaders(),
                body: [UInt8] = [], remoteAddress: String = "127.0.0.1") throws(HTTPError) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        let (rawPath, rawQuery) = Request.split(target: target)
        guard rawPath.utf8.first == UInt8(ascii: "/") else { throw .refused(.targetNotAbsolute) }
        do {
            path = try PercentDecoding.decode(rawPath, plusIsSpace: false)
        } catch .badEscape {
            throw .refused(.malformedEscape)
        } catch {
            throw .refused(.notUTF8)
        }
        if path.utf8.contains(0) { throw .refused(.nulCharacter) }
        query = try Parameters(parsing: rawQuery)
    }

    static func split(target: String) -> (path: Substring, query: Substring) {
        // Searched as bytes: a Character search walks grapheme clusters, slow on a 300-character token.
        let utf8 = target.utf8
        let end = utf8.firstIndex(of: UInt8(ascii: "#")) ?? utf8.endIndex
        guard let mark = utf8[..<end].firstIndex(of: UInt8(ascii: "?")) else { return (target[..<end], "") }
        return (target[..<mark], target[utf8.index(after: mark)..<end])
    }

    /// The route parameter `name`; a missing one is a programming error in the route table, reported as 404.
    public func parameter(_ name: String) throws(HTTPError) -> String {
        guard let value = parameters[name] else { throw .notFound() }
        return value
    }

    public var cookies: [String: String] { Cookies.parse(headers.values("Cookie")) }

    /// True when the client prefers JSON to HTML (API clients, `fetch` with Accept: application/json).
    public var prefersJSON: Bool {
        guard let accept = headers["Accept"]?.lowercased() else { return false }
        if accept.contains("text/html") { return false }
        return accept.contains("application/json") || accept.contains("+json")
    }

    public var contentType: String? {
        headers["Content-Type"].map { $0.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}

extension Request {
    /// The body as UTF-8 text; 400 when it is not.
    public func text() throws(HTTPError) -> String {
        guard let string = String(validating: body, as: UTF8.self) else {
            throw .refused(.notUTF8)
        }
        return string
    }

    /// Fields of an `application/x-www-form-urlencoded` or `multipart/form-data` body.
    public func form() throws(HTTPError) -> Parameters {
        switch contentType {
        case "application/x-www-form-urlencoded":
            return try Parameters(parsing: Substring(try text()))
        case "multipart/form-data":
            return Parameters(try multipart().compactMap { part in
                part.filename == nil ? (part.name, part.text ?? "") : nil
            })
        default:
            throw HTTPError(415, "Send this form as application/x-www-form-urlencoded or multipart/form-data.")
        }
    }

    /// Parts of a `multipart/form-data` body (file uploads).
    public func multipart() throws(HTTPError) -> [MultipartPart] {
        guard contentType == "multipart/form-data", let header = headers["Content-Type"] else {
            throw HTTPError(415, "Send this upload as multipart/form-data.")
        }
        guard let boundary = MultipartParser.boundary(fromContentType: header) else {
            throw .badRequest("The multipart body has no boundary in its Content-Type.")
        }
        return try MultipartParser.parse(body, boundary: boundary)
    }

    /// Decodes a JSON body, turning decoding failures into a readable 400.
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws(HTTPError) -> T {
        guard contentType == "application/json" else {
            throw HTTPError(415, "Send this request as application/json.")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let DecodingError.keyNotFound(key, _) {
            throw .badRequest("The JSON body is missing the field \"\(key.stringValue)\".")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .badRequest("The JSON field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type.")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .badRequest("The JSON field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" must not be null.")
        } catch {
            throw .badRequest("The request body is not valid JSON.")
        }
    }
}
