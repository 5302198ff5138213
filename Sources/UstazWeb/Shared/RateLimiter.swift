import Foundation
import HTTPServer
import Synchronization

/// Limits requests per client address under a path prefix (fixed one-minute windows).
/// Behind a reverse proxy on this machine, the client is the last X-Forwarded-For entry.
final class RateLimiter: Middleware {
    let prefixes: [String]
    let perMinute: Int
    private let windows = Mutex<(minute: Int, counts: [String: Int])>((0, [:]))

    init(prefixes: [String], perMinute: Int) {
        self.prefixes = prefixes
        self.perMinute = perMinute
    }

    static func client(of request: Request) -> String {
        let loopback = request.remoteAddress == "127.0.0.1" || request.remoteAddress == "::1"
        if loopback, let forwarded = request.headers["X-Forwarded-For"]?.split(separator: ",").last {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return request.remoteAddress
    }

    func handle(_ request: Request, next: (Request) throws -> Response) throws -> Response {
        guard perMinute > 0, prefixes.contains(where: { request.path.hasPrefix($0) }) else { return try next(request) }
        let minute = Int(Date().timeIntervalSince1970 / 60)
        let client = RateLimiter.client(of: request)
        let allowed = windows.withLock { state in
            if state.minute != minute { state = (minute, [:]) }
            let count = state.counts[client, default: 0] + 1
            state.counts[client] = count
            return count <= perMinute
        }
        guard allowed else { throw HTTPError.tooManyRequests(retryAfter: 60 - Int(Date().timeIntervalSince1970) % 60) }
        return try next(request)
    }
}
