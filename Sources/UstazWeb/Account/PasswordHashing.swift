import Passwords
import Synchronization

/// Password hashing with the configured cost, and a hash of the same cost to check against when a login is
/// unknown, so that an unknown login takes as long as a wrong password.
final class PasswordHashing: Sendable {
    let hasher: PasswordHasher
    private let dummyHash = Mutex<String?>(nil)

    init(_ hasher: PasswordHasher) { self.hasher = hasher }

    func hashPassword(_ password: String) -> String { hasher.hash(password) }

    /// Made on first use (a hash takes a moment).
    var dummyPasswordHash: String {
        dummyHash.withLock { hash in
            if let hash { return hash }
            let made = hasher.hash(Secrets.randomToken())
            hash = made
            return made
        }
    }
}
