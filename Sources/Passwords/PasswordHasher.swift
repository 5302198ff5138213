import CArgon2

/// argon2id password hashes in the standard encoded form (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
public struct PasswordHasher: Sendable {
    public var iterations: UInt32
    public var memoryKiB: UInt32
    public var parallelism: UInt32

    /// t=3, m=64 MiB, p=1: about 0.2 s per hash on this project's machines.
    public static let standard = PasswordHasher(iterations: 3, memoryKiB: 64 * 1024, parallelism: 1)
    /// Cheap parameters for tests and demo data only.
    public static let fast = PasswordHasher(iterations: 1, memoryKiB: 1024, parallelism: 1)

    public init(iterations: UInt32, memoryKiB: UInt32, parallelism: UInt32) {
        self.iterations = iterations
        self.memoryKiB = memoryKiB
        self.parallelism = parallelism
    }

    public func hash(_ password: String) -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let password = Array(password.utf8)
        let length = argon2_encodedlen(iterations, memoryKiB, parallelism, UInt32(salt.count), 32, Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let status = argon2id_hash_encoded(iterations, memoryKiB, parallelism, password, password.count,
                                           salt, salt.count, 32, &encoded, length)
        precondition(status == ARGON2_OK.rawValue, "argon2id failed: \(String(cString: argon2_error_message(status)))")
        return String(cString: encoded)
    }

    /// Checks a password against an encoded hash; any malformed hash simply does not match.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        let password = Array(password.utf8)
        return argon2id_verify(encoded, password, password.count) == ARGON2_OK.rawValue
    }
}
