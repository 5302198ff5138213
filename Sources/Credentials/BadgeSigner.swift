import Crypto
import CryptoExtras
public import Foundation

/// Signs Open Badges 3.0 credentials as VC-JWT with RS256, the algorithm 1EdTech's verifiers
/// require at a minimum. The RSA key lives in its own file (mode 0600) beside the Ed25519 keys.
public struct BadgeSigner: Sendable {
    public let keyID: String
    private let key: _RSA.Signing.PrivateKey

    public static func loadOrCreate(file: URL) throws -> BadgeSigner {
        let key: _RSA.Signing.PrivateKey
        if let pem = try? String(contentsOf: file, encoding: .utf8) {
            key = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        } else {
            key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            guard FileManager.default.createFile(atPath: file.path, contents: Data(key.pemRepresentation.utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw CredentialsError("Could not write the badge signing key to \(file.path).")
            }
        }
        let digest = SHA256.hash(data: Data(key.publicKey.pemRepresentation.utf8))
        return BadgeSigner(keyID: "rs256-" + Data(digest.prefix(6)).base64URLEncoded, key: key)
    }

    /// The public key as a JWK, for the JWKS and the JWT header.
    public var jwk: JWKS.Key {
        get throws {
            let primitives = try key.publicKey.getKeyPrimitives()
            return JWKS.Key(kty: "RSA", kid: keyID, use: "sig", alg: "RS256",
                            n: primitives.modulus.base64URLEncoded, e: primitives.publicExponent.base64URLEncoded)
        }
    }

    /// A compact JWS (header.payload.signature) over the given JSON payload.
    public func sign(payload: Data) throws -> String {
        let jwk = try self.jwk
        let header: [String: JSONValue] = [
            "alg": .string("RS256"), "typ": .string("JWT"), "kid": .string(keyID),
            "jwk": .object(["kty": .string("RSA"), "kid": .string(keyID), "n": .string(jwk.n ?? ""), "e": .string(jwk.e ?? "")]),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let signingInput = try encoder.encode(header).base64URLEncoded + "." + payload.base64URLEncoded
        let signature = try key.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + signature.rawRepresentation.base64URLEncoded
    }

    /// Checks a compact JWS made by `sign` against a JWK (tests, and anyone holding the JWKS).
    public static func verify(_ jws: String, with jwk: JWKS.Key) throws -> Bool {
        let parts = jws.split(separator: ".").map(String.init)
        guard parts.count == 3, let n = jwk.n.flatMap(Data.init(base64URLEncoded:)), let e = jwk.e.flatMap(Data.init(base64URLEncoded:)),
              let signature = Data(base64URLEncoded: parts[2]) else { return false }
        let publicKey = try _RSA.Signing.PublicKey(n: n, e: e)
        return publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature),
                                          for: Data((parts[0] + "." + parts[1]).utf8), padding: .insecurePKCS1v1_5)
    }
}

/// The few JSON shapes a JWT header needs.
enum JSONValue: Encodable {
    case string(String)
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .object(let members): try container.encode(members)
        }
    }
}
