import Credentials
import Foundation
import UstazCore
import UstazStore

/// Signs and records credentials.
struct CredentialIssuer {
    let store: Store
    let keys: KeyRing

    /// Serials look like `UZ-26-7KQ2M9`: year, then six Crockford base32 characters (no I, L, O, U).
    static func newSerial(issuedOn: Day) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        var generator = SystemRandomNumberGenerator()
        let code = String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return "UZ-\(issuedOn.iso.prefix(4).suffix(2))-\(code)"
    }

    @discardableResult
    func issue(kind: CredentialKind, to person: Person, courseID: String, courseVersionID: Int64?, generation: Int,
               cohortID: Int64?, issuer: CredentialRecord?, issuedOn: Day, expiresOn: Day?) throws -> CredentialRecord {
        let serial = CredentialIssuer.newSerial(issuedOn: issuedOn)
        let token = try CertificateToken(keyID: keys.activeKeyID, serial: serial, kind: kind, courseID: courseID,
                                         holderName: person.fullName, trainerSerial: issuer?.serial ?? "",
                                         generation: generation, issuedOn: issuedOn, expiresOn: expiresOn).signed(with: keys)
        var record = CredentialRecord(id: 0, serial: serial, kind: kind, personID: person.id, holderName: person.fullName,
                                      courseID: courseID, generation: generation, cohortID: cohortID,
                                      issuerCredentialID: issuer?.id, issuedOn: issuedOn.iso, expiresOn: expiresOn?.iso,
                                      keyID: keys.activeKeyID, token: token, statusIndex: try store.nextStatusIndex())
        record.id = try store.insertCredential(record, courseVersionID: courseVersionID)
        return record
    }
}
