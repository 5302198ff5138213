import Credentials
import Foundation
import Synchronization

/// The keys certificates are signed with: Ed25519 for the QR code, and the RSA key for Open Badges, created on
/// first use (RSA key generation takes a moment).
final class SigningKeys: Sendable {
    let keys: KeyRing
    private let badgeKeyFile: URL
    private let badgeKey = Mutex<BadgeSigner?>(nil)

    init(keys: KeyRing, folder: URL) {
        self.keys = keys
        badgeKeyFile = folder.appendingPathComponent("openbadges-rs256.pem")
    }

    func badgeSigner() throws -> BadgeSigner {
        try badgeKey.withLock { cached in
            if let cached { return cached }
            let signer = try BadgeSigner.loadOrCreate(file: badgeKeyFile)
            cached = signer
            return signer
        }
    }

    /// Every public key: Ed25519 for certificates' QR codes, RSA for Open Badges.
    func publishedKeys() throws -> JWKS {
        var set = keys.jwks
        set.keys.append(try badgeSigner().jwk)
        return set
    }
}
