public import Credentials
import Foundation
public import UstazCore
public import UstazStore

/// Signs and records credentials: the one issuance step that pages, the command line and the fixtures call.
public struct CredentialIssuer: Sendable {
    let store: Store
    let keys: KeyRing

    public init(store: Store, keys: KeyRing) {
        self.store = store
        self.keys = keys
    }

    /// Serials look like `UZ-26-7KQ2M9XA`: year, then eight Crockford base32 characters (40 random bits).
    public static func newSerial(issuedOn: Day) -> String {
        var generator = SystemRandomNumberGenerator()
        return newSerial(issuedOn: issuedOn, using: &generator)
    }

    public static func newSerial(issuedOn: Day, using generator: inout some RandomNumberGenerator) -> String {
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let code = String((0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return "UZ-\(issuedOn.iso.prefix(4).suffix(2))-\(code)"
    }


    /// Issues one credential; nil when this person already holds a current one from the cohort.
    /// A retake supersedes the holder's earlier credential for the course; a correction supersedes `replacing`.
    @discardableResult
    public func issue(kind: CredentialKind, to person: Person, courseID: String, courseVersionID: Int64?, generation: Int,
               cohortID: Int64?, issuer: CredentialRecord?, issuedOn: Day, expiresOn: Day?,
               supersedeEarlier: Bool = false, replacing: CredentialRecord? = nil, holderName: String? = nil) throws -> CredentialRecord? {
        // Erased people earn nothing more: their row is kept only so that counts add up.
        guard try !store.isErased(personID: person.id) else { return nil }
        let name = holderName ?? person.fullName
        // Every entry point applies the name rule, which keeps a name within the certificate and the token's
        // 255-byte field; a name that breaks it can only be older data (issueIfEarned defers those).
        if let problem = PersonName.problem(with: name) {
            throw CredentialsError("The name \"\(name.prefix(40))…\" cannot be printed on a certificate: \(problem)")
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
    public func issueNew(kind: CredentialKind, to person: Person, courseID: String, courseVersionID: Int64?, generation: Int,
                  cohortID: Int64?, issuer: CredentialRecord?, issuedOn: Day, expiresOn: Day?) throws -> CredentialRecord {
        guard let record = try issue(kind: kind, to: person, courseID: courseID, courseVersionID: courseVersionID,
                                     generation: generation, cohortID: cohortID, issuer: issuer, issuedOn: issuedOn,
                                     expiresOn: expiresOn) else {
            throw StoreError("\(person.fullName) already holds a credential from this cohort.")
        }
        return record
    }
}
