/// Handles one request. Throw `HTTPError` to answer with a status; other errors become a logged 500.
public typealias Handler = @Sendable (Request) throws -> Response

/// Maps method and path to a handler. Patterns use `:name` for one segment and `*name` for the rest.
public struct Router: Sendable {
    public static let defaultBodyLimit = 64 * 1024

    struct Route: Sendable {
        var method: HTTPMethod
        var pattern: String
        var segments: [Segment]
        var bodyLimit: Int
        var lane: Lane
        var handler: Handler
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case rest(String)
    }

    /// Where a request goes; the server finds it once, when the headers arrive, for the body limit and then the handler.
    public enum Match {
        /// `pattern` is the route as registered ("/c/:serial"): what rate limits and logs key on, whatever the client typed.
        case found(Handler, parameters: [String: String], bodyLimit: Int, pattern: String, lane: Lane)
        case methodNotAllowed([HTTPMethod])
        case notFound

        /// The route's body limit, or the default when no route takes the request.
        public var bodyLimit: Int {
            if case .found(_, _, let limit, _, _) = self { return limit }
            return Router.defaultBodyLimit
        }

        /// The lane that answers: the route's, or the fast one for refusals (404, 405).
        public var lane: Lane {
            if case .found(_, _, _, _, let lane) = self { return lane }
            return .fast
        }
    }

    private(set) var routes: [Route] = []
    /// Routes by their first literal segment, plus those starting with a parameter (or matching "/"), as
    /// positions in `routes`: a request is tried only against routes that can match, in registration order.
    private var byFirstSegment: [Substring: [Int]] = [:]
    private var openFirstSegment: [Int] = []

    public init() {}

    /// Registers `handler`; `bodyLimit` caps the request body (413 beyond it); `lane` says which threads run it.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, bodyLimit: Int = Router.defaultBodyLimit,
                             lane: Lane = .fast, _ handler: @escaping Handler) {
        let segments = pattern.split(separator: "/").map { piece -> Segment in
            if piece.hasPrefix(":") { return .parameter(String(piece.dropFirst())) }
            if piece.hasPrefix("*") { return .rest(String(piece.dropFirst())) }
            return .literal(String(piece))
        }
        routes.append(Route(method: method, pattern: pattern, segments: segments, bodyLimit: bodyLimit, lane: lane, handler: handler))
        if case .literal(let first)? = segments.first {
            byFirstSegment[Substring(first), default: openFirstSegment].append(routes.count - 1)
        } else {
            openFirstSegment.append(routes.count - 1)
            for key in byFirstSegment.keys { byFirstSegment[key]!.append(routes.count - 1) }
        }
    }

    /// Positions of the routes that could match `pieces`, in registration order.
    private func candidates(_ pieces: [Substring]) -> [Int] {
        guard let first = pieces.first else { return openFirstSegment }
        return byFirstSegment[first] ?? openFirstSegment
    }

    public mutating func get(_ pattern: String, lane: Lane = .fast, _ handler: @escaping Handler) {
        add(.get, pattern, lane: lane, handler)
    }
    public mutating func post(_ pattern: String, bodyLimit: Int = Router.defaultBodyLimit, lane: Lane = .fast,
                              _ handler: @escaping Handler) {
        add(.post, pattern, bodyLimit: bodyLimit, lane: lane, handler)
    }

    /// Every registered (method, pattern), for tables such as the authorization matrix.
    public var table: [(method: HTTPMethod, pattern: String)] { routes.map { ($0.method, $0.pattern) } }

    /// The routes answered on the slow lane, as "METHOD pattern".
    public var slowRoutes: [String] { routes.filter { $0.lane == .slow }.map { "\($0.method.rawValue) \($0.pattern)" } }

    public func match(_ method: HTTPMethod, _ path: String) -> Match {
        let pieces = Router.segments(of: path)
        var allowed: [HTTPMethod] = []
        for position in candidates(pieces) {
            let route = routes[position]
            guard let parameters = Router.bind(route.segments, to: pieces) else { continue }
            if route.method == method || (method == .head && route.method == .get) {
                return .found(route.handler, parameters: parameters, bodyLimit: route.bodyLimit, pattern: route.pattern,
                              lane: route.lane)
            }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(.get), !allowed.contains(.head) { allowed.insert(.head, at: allowed.firstIndex(of: .get)! + 1) }
        return .methodNotAllowed(allowed)
    }

    /// The body limit of the route a request would reach; the default when none matches.
    public func bodyLimit(_ method: HTTPMethod, _ path: String) -> Int { match(method, path).bodyLimit }

    /// The non-empty pieces between slashes, found as bytes: splitting on a Character walks grapheme
    /// clusters, which costs more than the rest of routing for a path holding a 300-character token.
    static func segments(of path: String) -> [Substring] {
        let utf8 = path.utf8
        var pieces: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                if index != start { pieces.append(path[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { pieces.append(path[start..<utf8.endIndex]) }
        return pieces
    }

    private static func bind(_ segments: [Segment], to pieces: [Substring]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest(let name):
                guard index < pieces.count else { return nil }
                parameters[name] = pieces[index...].joined(separator: "/")
                return parameters
            case .literal(let text):
                guard index < pieces.count, pieces[index] == text else { return nil }
            case .parameter(let name):
                guard index < pieces.count else { return nil }
                parameters[name] = String(pieces[index])
            }
        }
        return segments.count == pieces.count ? parameters : nil
    }
}
