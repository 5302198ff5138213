import Foundation
import Synchronization

/// Slows password guessing: after too many failures for one login or from one address,
/// sign-in is refused for a while.
final class SignInLimiter: Sendable {
    static let window: TimeInterval = 15 * 60
    static let perLogin = 5
    static let perAddress = 30

    private let failures = Mutex<[String: [Date]]>([:])

    func isBlocked(login: String, address: String, now: Date = Date()) -> Bool {
        failures.withLock { table in
            let since = now.addingTimeInterval(-SignInLimiter.window)
            let byLogin = table["login:" + login.lowercased()]?.filter { $0 > since }.count ?? 0
            let byAddress = table["addr:" + address]?.filter { $0 > since }.count ?? 0
            return byLogin >= SignInLimiter.perLogin || byAddress >= SignInLimiter.perAddress
        }
    }

    func recordFailure(login: String, address: String, now: Date = Date()) {
        failures.withLock { table in
            let since = now.addingTimeInterval(-SignInLimiter.window)
            for key in ["login:" + login.lowercased(), "addr:" + address] {
                table[key] = (table[key] ?? []).filter { $0 > since } + [now]
            }
            if table.count > 100_000 { table = table.filter { $0.value.contains { $0 > since } } }
        }
    }

    func reset(login: String) {
        _ = failures.withLock { $0.removeValue(forKey: "login:" + login.lowercased()) }
    }
}
