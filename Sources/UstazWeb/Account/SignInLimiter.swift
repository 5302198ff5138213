import Foundation
import Synchronization

/// Slows password guessing: after too many failures for one login or from one address,
/// sign-in is refused for a while.
final class SignInLimiter: Sendable {
    static let window: TimeInterval = 15 * 60
    /// Failures allowed in the window: for one login from one address, from one address in all, and for one
    /// login from everywhere (high, so a stranger cannot lock a known account out by failing on purpose).
    static let perLoginAndAddress = 5
    static let perAddress = 30
    static let perLogin = 100

    private let failures = Mutex<[String: [Date]]>([:])

    func isBlocked(login: String, address: String, now: Date = Date()) -> Bool {
        failures.withLock { table in
            let since = now.addingTimeInterval(-SignInLimiter.window)
            func count(_ key: String) -> Int { table[key]?.filter { $0 > since }.count ?? 0 }
            return count("pair:\(login.lowercased())|\(address)") >= SignInLimiter.perLoginAndAddress
                || count("addr:" + address) >= SignInLimiter.perAddress || count("login:" + login.lowercased()) >= SignInLimiter.perLogin
        }
    }

    func recordFailure(login: String, address: String, now: Date = Date()) {
        failures.withLock { table in
            let since = now.addingTimeInterval(-SignInLimiter.window)
            for key in ["pair:\(login.lowercased())|\(address)", "login:" + login.lowercased(), "addr:" + address] {
                table[key] = (table[key] ?? []).filter { $0 > since } + [now]
            }
            if table.count > 100_000 { table = table.filter { $0.value.contains { $0 > since } } }
        }
    }

    func reset(login: String, address: String) {
        _ = failures.withLock { $0.removeValue(forKey: "pair:\(login.lowercased())|\(address)") }
    }
}
