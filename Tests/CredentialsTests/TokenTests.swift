import Credentials
import Foundation
import Testing
import UstazCore

func keyFolder() throws -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
}

func sampleToken() -> CertificateToken {
    CertificateToken(keyID: "", serial: "UZ-26-7KQ2M9", kind: .teacher, courseID: "primary-teachers",
                     holderName: "Әйгерім Құрманғазықызы Ұлықпанова", trainerSerial: "UZ-26-AB12CD", generation: 2,
                     issuedOn: Day(iso: "2026-11-20")!, expiresOn: nil)
}

@Suite("Signing keys and certificate tokens")
struct TokenTests {
    @Test func firstKeyIsCreatedPrivate() throws {
        let folder = try keyFolder()
        let (ring, created) = try KeyRing.loadOrCreate(folder: folder)
        #expect(created)
        let file = folder.appendingPathComponent("\(ring.activeKeyID).ed25519").path
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let (again, createdAgain) = try KeyRing.loadOrCreate(folder: folder)
        #expect(!createdAgain)
        #expect(again.activeKeyID == ring.activeKeyID)
    }

    @Test func signedTokenVerifiesAndCarriesThePrintedFacts() throws {
        let (ring, _) = try KeyRing.loadOrCreate(folder: try keyFolder())
        let text = try sampleToken().signed(with: ring)
        #expect(text.count <= 280)  // a long three-part Kazakh name still fits a scannable QR
        let token = try CertificateToken.verify(text, keys: ring.publicKeys)
        var expected = sampleToken()
        expected.keyID = ring.activeKeyID
        #expect(token == expected)
        #expect(CertificateToken.extract(fromURLOrToken: "https://ustaz.example/v/\(text)?utm=1") == text)
    }

    @Test func anyChangedByteIsNotAuthentic() throws {
        let (ring, _) = try KeyRing.loadOrCreate(folder: try keyFolder())
        let text = try sampleToken().signed(with: ring)
        var bytes = Data(base64URLEncoded: text)!
        for index in stride(from: 1, to: bytes.count, by: 7) {
            var tampered = bytes
            tampered[index] ^= 0x01
            #expect(throws: (any Error).self) { try CertificateToken.verify(tampered.base64URLEncoded, keys: ring.publicKeys) }
        }
        // A changed name with the original signature is the classic forgery.
        var forged = sampleToken()
        forged.keyID = ring.activeKeyID
        forged.holderName = "Someone Else"
        bytes = Data(base64URLEncoded: text)!
        let signature = bytes.suffix(64)
        let forgedPayload = Data(base64URLEncoded: try forged.signed(with: ring))!.dropLast(64)
        #expect(throws: CertificateToken.VerificationFailure.badSignature) {
            try CertificateToken.verify((forgedPayload + signature).base64URLEncoded, keys: ring.publicKeys)
        }
        #expect(throws: CertificateToken.VerificationFailure.malformed) { try CertificateToken.verify("not-a-token", keys: ring.publicKeys) }
        #expect(throws: CertificateToken.VerificationFailure.malformed) { try CertificateToken.verify("a+b/c==", keys: ring.publicKeys) }
    }

    @Test func tokenFromAnotherIssuerIsRejected() throws {
        let (ours, _) = try KeyRing.loadOrCreate(folder: try keyFolder())
        let (theirs, _) = try KeyRing.loadOrCreate(folder: try keyFolder())
        let text = try sampleToken().signed(with: theirs)
        #expect(throws: CertificateToken.VerificationFailure.unknownKey(theirs.activeKeyID)) {
            try CertificateToken.verify(text, keys: ours.publicKeys)
        }
    }

    @Test func rotationKeepsOldCertificatesVerifying() throws {
        let folder = try keyFolder()
        let (first, _) = try KeyRing.loadOrCreate(folder: folder)
        let oldToken = try sampleToken().signed(with: first)
        try KeyRing.generate(in: folder, now: Date().addingTimeInterval(86_400 * 400))
        try KeyRing.retire(keyID: first.activeKeyID, in: folder)
        let rotated = try KeyRing.load(folder: folder)
        #expect(rotated.activeKeyID != first.activeKeyID)
        #expect(rotated.publicKeys.count == 2)
        #expect(try CertificateToken.verify(oldToken, keys: rotated.publicKeys).keyID == first.activeKeyID)
        let newToken = try sampleToken().signed(with: rotated)
        #expect(try CertificateToken.verify(newToken, keys: rotated.publicKeys).keyID == rotated.activeKeyID)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(first.activeKeyID).ed25519").path))
    }

    @Test func jwksRoundTripsForOfflineVerification() throws {
        let (ring, _) = try KeyRing.loadOrCreate(folder: try keyFolder())
        let encoder = JSONEncoder()
        let data = try encoder.encode(ring.jwks)
        let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let key = try #require((json["keys"] as? [[String: Any]])?.first)
        #expect(key["kty"] as? String == "OKP")
        #expect(key["crv"] as? String == "Ed25519")
        #expect(key["kid"] as? String == ring.activeKeyID)
        #expect((key["x"] as? String)?.count == 43)
        let keys = try KeyRing.publicKeys(fromJWKS: data)
        #expect(try CertificateToken.verify(try sampleToken().signed(with: ring), keys: keys).serial == "UZ-26-7KQ2M9")
    }
}
