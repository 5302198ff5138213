import Credentials
import Crypto
import Foundation
import UstazCore

/// Random tokens for cookies and one-time links, and the hashes under which they are stored.
enum Secrets {
    /// 256 random bits, base64url.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64URLEncoded
    }

    /// SHA-256 hex: tokens are stored only as this, so a copied database grants no sessions.
    static func hash(_ token: String) -> String {
        Hex.string(SHA256.hash(data: Data(token.utf8)))
    }

    /// HMAC-SHA256 hex, for values that must be matched but never stored (IINs).
    static func keyedHash(_ text: String, key: SymmetricKey) -> String {
        Hex.string(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key))
    }

    /// Compares without leaking where the first difference is.
    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
