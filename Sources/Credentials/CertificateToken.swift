import Crypto
public import Foundation
public import UstazCore

/// What a certificate's QR code carries: the printed facts, signed, so the paper can be checked
/// without a connection.
///
/// Layout (version 1), then base64url: version byte; key id, serial, kind, course id, holder
/// name, trainer's credential serial as 1-byte-length UTF-8 strings; generation (1 byte);
/// issue and expiry dates as days since 2020-01-01 (2 bytes each, expiry 0 = none); then the
/// 64-byte Ed25519 signature over everything before it.
public struct CertificateToken: Sendable, Equatable {
    public var keyID: String
    public var serial: String
    public var kind: CredentialKind
    public var courseID: String
    public var holderName: String
    /// The credential serial of the trainer whose cohort produced this one; empty for master trainers.
    public var trainerSerial: String
    public var generation: Int
    public var issuedOn: Day
    public var expiresOn: Day?

    public init(keyID: String, serial: String, kind: CredentialKind, courseID: String, holderName: String,
                trainerSerial: String, generation: Int, issuedOn: Day, expiresOn: Day?) {
        self.keyID = keyID
        self.serial = serial
        self.kind = kind
        self.courseID = courseID
        self.holderName = holderName
        self.trainerSerial = trainerSerial
        self.generation = generation
        self.issuedOn = issuedOn
        self.expiresOn = expiresOn
    }

    static let version: UInt8 = 1
    static let signatureLength = 64

    /// Encodes and signs with the ring's active key (whose id replaces `keyID`).
    public func signed(with ring: KeyRing) throws -> String {
        var token = self
        token.keyID = ring.activeKeyID
        let payload = try token.payload()
        return (payload + (try ring.sign(payload))).base64URLEncoded
    }

    func payload() throws -> Data {
        var bytes: [UInt8] = [CertificateToken.version]
        for field in [keyID, serial, kind.rawValue, courseID, holderName, trainerSerial] {
            let utf8 = Array(field.utf8)
            guard utf8.count <= 255 else { throw CredentialsError("A certificate field is longer than 255 bytes.") }
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        guard (0...255).contains(generation) else { throw CredentialsError("The generation must be 0 to 255.") }
        bytes.append(UInt8(generation))
        for day in [issuedOn.number, expiresOn?.number ?? 0] {
            bytes += [UInt8(day >> 8), UInt8(day & 0xff)]
        }
        return Data(bytes)
    }

    public enum VerificationFailure: Error, Equatable, CustomStringConvertible {
        case malformed
        case unknownKey(String)
        case badSignature

        public var description: String {
            switch self {
            case .malformed: "This is not an Ustaz certificate code."
            case .unknownKey(let id): "This certificate was signed with a key (\(id)) that Ustaz does not know."
            case .badSignature: "The signature does not match: this certificate is not authentic."
            }
        }
    }

    /// Decodes a token and checks its signature against the ring's keys.
    public static func verify(_ text: String, keys: [KeyRing.PublicKey]) throws(VerificationFailure) -> CertificateToken {
        let (payload, signature) = try split(text)
        let token = try decode(Array(payload))
        guard let key = keys.first(where: { $0.id == token.keyID }) else { throw .unknownKey(token.keyID) }
        guard key.key.isValidSignature(signature, for: payload) else { throw .badSignature }
        return token
    }

    /// Decodes a token WITHOUT checking its signature. Only for finding the serial to look up, and for text
    /// byte-identical to a token this service signed and stored: online, the database is the authority.
    public static func decodeUnverified(_ text: String) throws(VerificationFailure) -> CertificateToken {
        try decode(Array(try split(text).payload))
    }

    private static func split(_ text: String) throws(VerificationFailure) -> (payload: Data, signature: Data) {
        guard text.utf8.count < 2048, let data = Data(base64URLEncoded: text), data.count > signatureLength + 1 else {
            throw .malformed
        }
        return (data.prefix(data.count - signatureLength), data.suffix(signatureLength))
    }

    static func decode(_ bytes: [UInt8]) throws(VerificationFailure) -> CertificateToken {
        guard bytes.first == version else { throw .malformed }
        var cursor = 1
        var fields: [String] = []
        for _ in 0..<6 {
            guard cursor < bytes.count else { throw .malformed }
            let length = Int(bytes[cursor])
            cursor += 1
            guard cursor + length <= bytes.count, let text = String(validating: bytes[cursor..<cursor + length], as: UTF8.self) else {
                throw .malformed
            }
            fields.append(text)
            cursor += length
        }
        guard cursor + 5 == bytes.count, let kind = CredentialKind(rawValue: fields[2]) else { throw .malformed }
        let generation = Int(bytes[cursor])
        let issued = Int(bytes[cursor + 1]) << 8 | Int(bytes[cursor + 2])
        let expires = Int(bytes[cursor + 3]) << 8 | Int(bytes[cursor + 4])
        return CertificateToken(keyID: fields[0], serial: fields[1], kind: kind, courseID: fields[3], holderName: fields[4],
                                trainerSerial: fields[5], generation: generation, issuedOn: Day(number: issued),
                                expiresOn: expires == 0 ? nil : Day(number: expires))
    }

    /// The token inside a verification URL (`…/v/<token>`), or the text itself when it is a bare token.
    public static func extract(fromURLOrToken text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let range = trimmed.range(of: "/v/") else { return trimmed }
        var token = String(trimmed[range.upperBound...])
        if let end = token.firstIndex(where: { $0 == "?" || $0 == "#" || $0 == "/" }) { token = String(token[..<end]) }
        return token
    }
}
