import Crypto
public import Foundation

/// The issuer's Ed25519 keys: one active key signs, every known key verifies.
///
/// Keys live as files in one folder (mode 0600), never in the database:
/// `<kid>.ed25519` holds a private key (base64 of its 32 raw bytes), `<kid>.pub` a retired
/// key's public half, and `active` names the key that signs.
public struct KeyRing: Sendable {
    public struct PublicKey: Sendable {
        public let id: String
        let key: Curve25519.Signing.PublicKey
        public var rawRepresentation: Data { key.rawRepresentation }
    }

    public let activeKeyID: String
    private let signingKey: Curve25519.Signing.PrivateKey
    public let publicKeys: [PublicKey]

    /// Loads the ring from `folder`, creating the folder and a first key if there is none.
    /// Returns the ring and whether a key was created.
    public static func loadOrCreate(folder: URL) throws -> (KeyRing, created: Bool) {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !manager.fileExists(atPath: folder.appendingPathComponent("active").path) {
            try generate(in: folder)
            return (try load(folder: folder), true)
        }
        return (try load(folder: folder), false)
    }

    /// Loads an existing ring; fails with a readable message when the folder is incomplete.
    public static func load(folder: URL) throws -> KeyRing {
        let manager = FileManager.default
        let activeFile = folder.appendingPathComponent("active")
        guard let activeText = try? String(contentsOf: activeFile, encoding: .utf8) else {
            throw CredentialsError("No active signing key in \(folder.path) (the file \"active\" is missing).")
        }
        let activeID = activeText.trimmingCharacters(in: .whitespacesAndNewlines)
        var privateKeys: [String: Curve25519.Signing.PrivateKey] = [:]
        var publicKeys: [PublicKey] = []
        for name in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
            let url = folder.appendingPathComponent(name)
            let id = url.deletingPathExtension().lastPathComponent
            switch url.pathExtension {
            case "ed25519":
                let key = try Curve25519.Signing.PrivateKey(rawRepresentation: try decodeKeyFile(url))
                privateKeys[id] = key
                publicKeys.append(PublicKey(id: id, key: key.publicKey))
            case "pub":
                guard privateKeys[id] == nil else { continue }
                publicKeys.append(PublicKey(id: id, key: try Curve25519.Signing.PublicKey(rawRepresentation: try decodeKeyFile(url))))
            default:
                continue
            }
        }
        guard let signingKey = privateKeys[activeID] else {
            throw CredentialsError("The active key \(activeID) has no private key file \(activeID).ed25519 in \(folder.path).")
        }
        return KeyRing(activeKeyID: activeID, signingKey: signingKey, publicKeys: publicKeys)
    }

    /// Creates a new key and makes it the active one; older keys stay for verification.
    @discardableResult
    public static func generate(in folder: URL, now: Date = Date()) throws -> String {
        let key = Curve25519.Signing.PrivateKey()
        let id = keyID(for: key.publicKey, date: now)
        let file = folder.appendingPathComponent("\(id).ed25519")
        // Create with 0600 from the start, so the key is never readable by others even briefly.
        guard FileManager.default.createFile(atPath: file.path, contents: Data(key.rawRepresentation.base64EncodedString().utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CredentialsError("Could not write the signing key to \(file.path).")
        }
        try Data((id + "\n").utf8).write(to: folder.appendingPathComponent("active"))
        return id
    }

    /// Retires the private half of a key that no longer signs: only its public key is kept.
    public static func retire(keyID: String, in folder: URL) throws {
        let privateFile = folder.appendingPathComponent("\(keyID).ed25519")
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: try decodeKeyFile(privateFile))
        try Data(key.publicKey.rawRepresentation.base64EncodedString().utf8)
            .write(to: folder.appendingPathComponent("\(keyID).pub"))
        try FileManager.default.removeItem(at: privateFile)
    }

    public func sign(_ message: Data) throws -> Data { try signingKey.signature(for: message) }

    public func publicKey(id: String) -> PublicKey? { publicKeys.first { $0.id == id } }

    /// The public keys as a JSON Web Key Set (RFC 8037 OKP keys), retired ones included.
    public var jwks: JWKS {
        JWKS(keys: publicKeys.map {
            JWKS.Key(kty: "OKP", kid: $0.id, use: "sig", alg: "EdDSA", crv: "Ed25519", x: $0.rawRepresentation.base64URLEncoded)
        })
    }

    static func keyID(for key: Curve25519.Signing.PublicKey, date: Date) -> String {
        let digest = SHA256.hash(data: key.rawRepresentation)
        let suffix = Data(digest.prefix(3)).base64URLEncoded
        let year = Calendar(identifier: .gregorian).component(.year, from: date)
        return "\(year)\(suffix)"
    }

    private static func decodeKeyFile(_ url: URL) throws -> Data {
        let text = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let data = Data(base64Encoded: text), data.count == 32 else {
            throw CredentialsError("\(url.path) is not a base64 Ed25519 key of 32 bytes.")
        }
        return data
    }
}

public struct JWKS: Codable, Sendable {
    public struct Key: Codable, Sendable {
        public var kty: String
        public var kid: String
        public var use: String
        public var alg: String
        /// Ed25519 (OKP) keys.
        public var crv: String?
        public var x: String?
        /// RSA keys.
        public var n: String?
        public var e: String?

        public init(kty: String, kid: String, use: String, alg: String, crv: String? = nil, x: String? = nil,
                    n: String? = nil, e: String? = nil) {
            self.kty = kty
            self.kid = kid
            self.use = use
            self.alg = alg
            self.crv = crv
            self.x = x
            self.n = n
            self.e = e
        }
    }
    public var keys: [Key]
}

public struct CredentialsError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension KeyRing {
    /// Reads public keys from a JWKS document, for verifying offline with keys copied from the server.
    public static func publicKeys(fromJWKS data: Data) throws -> [PublicKey] {
        let set = try JSONDecoder().decode(JWKS.self, from: data)
        return try set.keys.filter { $0.kty == "OKP" && $0.crv == "Ed25519" }.map { key in
            guard let raw = key.x.flatMap(Data.init(base64URLEncoded:)) else { throw CredentialsError("Key \(key.kid) in the JWKS is not base64url.") }
            return PublicKey(id: key.kid, key: try Curve25519.Signing.PublicKey(rawRepresentation: raw))
        }
    }
}
