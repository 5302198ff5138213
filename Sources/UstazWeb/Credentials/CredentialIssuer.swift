import Credentials
import Foundation
import UstazCore
import UstazStore

/// Signs and records credentials.
struct CredentialIssuer {
    let store: Store
    let keys: KeyRing

    /// Serials look like `UZ-26-7KQ2M9XA`: year, then eight Crockford base32 characters (40 random bits).
    static func newSerial(issuedOn: Day) -> String {
        var generator = SystemRandomNumberGenerator()
        return newSerial(issuedOn: issuedOn, using: &generator)
    }

    static func newSerial(issuedOn: Day, using generator: inout some RandomNumberGenerator) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let code = String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return "UZ-\(issuedOn.iso.prefix(4).suffix(2))-\(code)"
    }

    /// Names print on certificates and travel in the signed token, whose fields hold 255 bytes.
    static func isPrintable(name: String) -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return trimmed.count >= 2 && trimmed.utf8.count <= 255
    }

    /// Issues one credential; nil when this person already holds a current one from the cohort.
    /// A retake supersedes the holder's earlier credential for the course; a correction supersedes `replacing`.
    @discardableResult
    func issue(kind: CredentialKind, to person: Person, courseID: String, courseVersionID: Int64?, generation: Int,
               cohortID: Int64?, issuer: CredentialRecord?, issuedOn: Day, expiresOn: Day?,
               supersedeEarlier: Bool = false, replacing: CredentialRecord? = nil, holderName: String? = nil) throws -> CredentialRecord? {
        // Erased people earn nothing more: their row is kept only so that counts add up.
        guard try !store.isErased(personID: person.id) else { return nil }
        let name = holderName ?? person.fullName
        guard CredentialIssuer.isPrintable(name: name) else {
            throw CredentialsError("The name \"\(name.prefix(40))…\" is too long to print on a certificate (255 bytes at most).")
        }
        return try store.issueAtomically(
            personID: person.id, cohortID: cohortID, courseVersionID: courseVersionID,
            supersedingCourse: supersedeEarlier ? courseID : nil, supersedingID: replacing?.id,
            renameTo: holderName) { statusIndex in
            let serial = CredentialIssuer.newSerial(issuedOn: issuedOn)
            let token = try CertificateToken(keyID: keys.activeKeyID, serial: serial, kind: kind, courseID: courseID,
                                             holderName: name, trainerSerial: issuer?.serial ?? "", generation: generation,
                                             issuedOn: issuedOn, expiresOn: expiresOn).signed(with: keys)
            return CredentialRecord(id: 0, serial: serial, kind: kind, personID: person.id, holderName: name, courseID: courseID,
                                    generation: generation, cohortID: cohortID, issuerCredentialID: issuer?.id,
                                    issuedOn: issuedOn.iso, expiresOn: expiresOn?.iso, keyID: keys.activeKeyID, token: token,
                                    statusIndex: statusIndex)
        }
    }
}

extension CredentialIssuer {
    /// `issue`, for callers that know the person holds no credential from this cohort yet (demo, seeding, tests).
    func issueNew(kind: CredentialKind, to person: Person, courseID: String, courseVersionID: Int64?, generation: Int,
                  cohortID: Int64?, issuer: CredentialRecord?, issuedOn: Day, expiresOn: Day?) throws -> CredentialRecord {
        guard let record = try issue(kind: kind, to: person, courseID: courseID, courseVersionID: courseVersionID,
                                     generation: generation, cohortID: cohortID, issuer: issuer, issuedOn: issuedOn,
                                     expiresOn: expiresOn) else {
            throw StoreError("\(person.fullName) already holds a credential from this cohort.")
        }
        return record
    }
}
