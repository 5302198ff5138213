public import Logging

/// Wraps every handler: rate limits, sessions, anything that sees each request.
public protocol Middleware: Sendable {
    func handle(_ request: Request, next: (Request) throws -> Response) throws -> Response
}

/// Everything between a parsed request and the bytes sent back: routing, middleware, error
/// rendering, security headers, compression and the access log. The socket server and the
/// in-process test client both call `respond(to:)`, so tests exercise the same path as production.
public struct Application: Sendable {
    public var router: Router
    public var middleware: [any Middleware] = []
    /// Renders an error as an HTML page for browsers; JSON clients get `{"error": …}` instead.
    public var errorPage: @Sendable (HTTPError, Request?) -> Response = Application.plainErrorPage
    /// Words a refusal of the HTTP layer (`HTTPError.reason`) in the visitor's language, for pages and JSON alike;
    /// without it the English fallback stands. The HTTP layer supplies the status, the application the text.
    public var wording: (@Sendable (HTTPError.Reason, Request?) -> String)?
    public var securityHeaders: HTTPHeaders = Application.defaultSecurityHeaders
    public var logger: Logger
    public let metrics: ServerMetrics
    /// Paths under these prefixes carry secrets (one-time codes): the access log shows only the prefix.
    public var secretPathPrefixes: [String] = []
    /// Where access-log lines go when the log level is info or finer. Nil sends them through `logger`; a server
    /// sets a sink that writes the line straight into its output buffer, without swift-log's per-line metadata
    /// dictionaries and formatting (a quarter of a static file's cost).
    public var accessLog: (@Sendable (AccessRecord) -> Void)?

    public init(router: Router, logger: Logger = Logger(label: "http"), metrics: ServerMetrics = ServerMetrics()) {
        self.router = router
        self.logger = logger
        self.metrics = metrics
    }

    public static let defaultSecurityHeaders: HTTPHeaders = [
        "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    ]

    public func respond(to request: Request) -> Response {
        respond(to: request, matched: router.match(request.method, request.path))
    }

    /// Answers a request whose route was already found (the server routes once, when the headers arrive).
    public func respond(to request: Request, matched: Router.Match) -> Response {
        var response: Response
        do {
            response = try dispatch(request, matched)
        } catch let error as HTTPError {
            response = render(error, for: request)
        } catch {
            logger.error("unhandled error", metadata: ["path": "\(request.path)", "error": "\(error)"])
            response = render(.serverError, for: request)
        }
        return finish(response, for: request)
    }

    /// Answers a parsed request with `error` without running its handler (the slow lane's queue is full).
    public func respond(to request: Request, refusing error: HTTPError) -> Response {
        finish(render(error, for: request), for: request)
    }

    /// Answers a request that could not even be parsed (bad target, oversized body).
    public func respond(to error: HTTPError, method: HTTPMethod, target: String, headers: HTTPHeaders) -> Response {
        let request = try? Request(method: method, target: "/", headers: headers)
        var response = render(error, for: request)
        response = finish(response, for: request, loggedPath: target)
        return response
    }

    private func dispatch(_ request: Request, _ matched: Router.Match) throws -> Response {
        // Middleware here checks and answers; it never reroutes, so the route found for the request stands.
        // It sees the matched route's pattern and parameters, so it can key on what the router chose rather than on raw paths.
        var routed = request
        if case .found(_, let parameters, _, let pattern, _) = matched {
            routed.parameters = parameters
            routed.route = pattern
        }
        let endpoint: (Request) throws -> Response = { request in
            switch matched {
            case .found(let handler, _, _, _, _):
                return try handler(request)
            case .methodNotAllowed(let allowed):
                throw HTTPError.methodNotAllowed(allowed)
            case .notFound:
                throw HTTPError.notFound()
            }
        }
        let chain = middleware.reversed().reduce(endpoint) { next, middleware in
            { request in try middleware.handle(request, next: next) }
        }
        return try chain(routed)
    }

    public func render(_ error: HTTPError, for request: Request?) -> Response {
        var error = error
        if let reason = error.reason, let wording { error.message = wording(reason, request) }
        var response: Response
        if request?.prefersJSON == true || request?.path.isUnder("/api/") == true {
            response = .json(["error": ErrorBody(status: error.status, message: error.message)], status: error.status)
        } else {
            response = errorPage(error, request)
            response.status = error.status
        }
        for (name, value) in error.headers { response.headers[name] = value }
        return response
    }

    private func finish(_ response: Response, for request: Request?, loggedPath: String? = nil) -> Response {
        var response = response
        for (name, value) in securityHeaders where !response.headers.contains(name) {
            response.headers[name] = value
        }
        if let request, Gzip.shouldCompress(response, acceptEncoding: request.headers["Accept-Encoding"]) {
            response.body = Gzip.compress(response.body)
            response.headers["Content-Encoding"] = "gzip"
            response.headers["Vary"] = "Accept-Encoding"
        }
        let elapsed = request.map { ContinuousClock.now - $0.receivedAt } ?? .zero
        metrics.record(status: response.status, duration: elapsed)
        if logger.logLevel <= .info {
            let record = AccessRecord(method: request?.method.rawValue ?? "-", path: redacted(loggedPath ?? request?.path ?? "-"),
                                      status: response.status, bytes: response.body.count, elapsed: elapsed,
                                      client: request?.remoteAddress ?? "-")
            if let accessLog {
                accessLog(record)
            } else {
                logger.info("\(record.summary)", metadata: ["client": "\(record.client)"])
            }
        }
        return response
    }

    /// The path without its query (which may hold codes), secret segments replaced by "…".
    func redacted(_ target: String) -> String {
        let path = String(Request.split(target: target).path)
        guard let prefix = secretPathPrefixes.first(where: { path.isUnder($0) }) else { return path }
        return prefix + "…"
    }

    public static let plainErrorPage: @Sendable (HTTPError, Request?) -> Response = { error, _ in
        .html("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>\(error.status)</title>"
              + "<h1>\(error.status)</h1><p>\(error.message.htmlEscaped)</p></html>", status: error.status)
    }
}

struct ErrorBody: Encodable {
    var status: Int
    var message: String
}

/// One request as the access log records it: the path already redacted.
public struct AccessRecord: Sendable {
    public let method: String
    public let path: String
    public let status: Int
    public let bytes: Int
    public let elapsed: Duration
    public let client: String

    /// "GET /v/… 200 3120B 0.4ms"
    public var summary: String { "\(method) \(path) \(status) \(bytes)B \(elapsed.milliseconds)ms" }

    /// The whole line as the buffered log handler writes any other (`<time> info <label>: client=… [HTTPServer] …`),
    /// appended to `buffer` without building it as a String first.
    public func appendLine(to buffer: inout [UInt8], time: String, label: String) {
        buffer.append(contentsOf: time.utf8)
        buffer.append(contentsOf: " info ".utf8)
        buffer.append(contentsOf: label.utf8)
        buffer.append(contentsOf: ": client=".utf8)
        buffer.append(contentsOf: client.utf8)
        buffer.append(contentsOf: " [HTTPServer] ".utf8)
        buffer.append(contentsOf: method.utf8)
        buffer.append(0x20)
        buffer.append(contentsOf: path.utf8)
        buffer.append(0x20)
        buffer.append(contentsOf: String(status).utf8)
        buffer.append(0x20)
        buffer.append(contentsOf: String(bytes).utf8)
        buffer.append(contentsOf: "B ".utf8)
        buffer.append(contentsOf: elapsed.milliseconds.utf8)
        buffer.append(contentsOf: "ms\n".utf8)
    }
}

extension Duration {
    var milliseconds: String {
        let (seconds, attoseconds) = components
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(Int((ms * 10).rounded()) / 10) + "." + String(Int((ms * 10).rounded()) % 10)
    }
}

extension String {
    /// Whether this path starts with `prefix`, compared as bytes. `hasPrefix` compares characters, and a "/"
    /// followed by a combining mark ("/%D9%B0…" decoded) is one character that is not "/" (the request fuzzer
    /// found this): a path under "/setup/" must be redacted whatever follows the slash.
    public func isUnder(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    /// Escapes the five characters that matter in HTML text and attribute values.
    /// Works on bytes: every interpolation into a page passes through here.
    public var htmlEscaped: String {
        func needsEscape(_ byte: UInt8) -> Bool { byte == 38 || byte == 60 || byte == 62 || byte == 34 || byte == 39 }
        let clean = utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains(where: needsEscape) }
            ?? !utf8.contains(where: needsEscape)
        if clean { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 38: out += Array("&amp;".utf8)
            case 60: out += Array("&lt;".utf8)
            case 62: out += Array("&gt;".utf8)
            case 34: out += Array("&quot;".utf8)
            case 39: out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
