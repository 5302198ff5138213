public import Foundation
import GRDB
public import UstazCore

extension Store {
    public func credential(id: Int64) throws -> CredentialRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM credential WHERE id = ?"), arguments: [id]).map(Store.credential)
        }
    }

    /// The credential and the trainers' credentials above it, up to the master trainer's.
    public func credentials(kind: CredentialKind) throws -> [CredentialRecord] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM credential WHERE kind = ? ORDER BY holder_name"), arguments: [kind.rawValue]).map(Store.credential)
        }
    }

    public func credentialChain(serial: String) throws -> [CredentialRecord] {
        // Primary-key steps rather than a recursive CTE: SQLite runs a CTE through a queue table and a
        // sorter, four times the cost of these lookups, and every verification page asks for a chain.
        try read { db in
            let bySerial = try db.cachedStatement(sql: "SELECT * FROM credential WHERE serial = ?")
            guard let first = try Row.fetchOne(bySerial, arguments: [serial]).map(Store.credential) else { return [] }
            let byID = try db.cachedStatement(sql: "SELECT * FROM credential WHERE id = ?")
            var chain = [first]
            while chain.count <= 16, let issuer = chain.last?.issuerCredentialID,
                  let next = try Row.fetchOne(byID, arguments: [issuer]).map(Store.credential) {
                chain.append(next)
            }
            return chain
        }
    }

    /// The credential earned in a cohort by a person, if any is current (not superseded).
    public func currentCredential(personID: Int64, cohortID: Int64) throws -> CredentialRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM credential WHERE person_id = ? AND cohort_id = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1
                """), arguments: [personID, cohortID]).map(Store.credential)
        }
    }

    /// The current (not superseded) certificates earned in a cohort.
    public func cohortCredentials(cohortID: Int64) throws -> [CredentialRecord] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM credential WHERE cohort_id = ? AND superseded_by IS NULL ORDER BY holder_name"),
                             arguments: [cohortID]).map(Store.credential)
        }
    }

    public func cohort(id: Int64) throws -> CohortRecord? {
        try read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cohort WHERE id = ?"), arguments: [id]).map(Store.cohort) }
    }

    // MARK: Practicum

    public func recordPracticum(enrolmentID: Int64, observerID: Int64, passed: Bool, notes: String?, on day: Day) throws {
        try pool.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO practicum (enrolment_id, observer_id, passed, notes, observed_on) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (enrolment_id) DO UPDATE SET observer_id = excluded.observer_id, passed = excluded.passed,
                    notes = excluded.notes, observed_on = excluded.observed_on
                """).execute(arguments: [enrolmentID, observerID, passed, notes, day.iso])
        }
    }

    /// nil when no practice lesson has been observed yet.
    public func practicumPassed(enrolmentID: Int64) throws -> Bool? {
        try read { db in try Bool.fetchOne(db.cachedStatement(sql: "SELECT passed FROM practicum WHERE enrolment_id = ?"), arguments: [enrolmentID]) }
    }

    // MARK: Revocation and reissue

    public enum RevocationReason: String, Sendable, CaseIterable {
        case issuedInError = "issued-in-error"
        case academicIntegrity = "academic-integrity"
        case holderRequest = "holder-request"
        case other
        /// Set only by erasure (`Store.erasePerson`), never chosen on the revocation form.
        case holderErased = "holder-erased"
    }

    /// Revokes a credential and flags every credential issued beneath it in the cascade for review
    /// (they stay valid until someone decides). Returns how many were flagged.
    @discardableResult
    public func revoke(serial: String, reason: RevocationReason, byPersonID: Int64, address: String? = nil, at now: Date = Date()) throws -> Int {
        try pool.write { db in
            try db.cachedStatement(sql: "UPDATE credential SET revoked_at = ?, revocation_reason = ? WHERE serial = ? AND revoked_at IS NULL").execute(arguments: [now.databaseText, reason.rawValue, serial])
            guard db.changesCount == 1 else { throw StoreError("Credential \(serial) does not exist or is already revoked.") }
            try db.cachedStatement(sql: """
                WITH RECURSIVE below(id) AS (
                    SELECT id FROM credential WHERE issuer_credential_id = (SELECT id FROM credential WHERE serial = ?)
                    UNION SELECT c.id FROM credential c JOIN below ON c.issuer_credential_id = below.id
                )
                UPDATE credential SET needs_review = 1 WHERE id IN below AND revoked_at IS NULL
                """).execute(arguments: [serial])
            let flagged = db.changesCount
            try db.cachedStatement(sql: """
                INSERT INTO audit_log (at, actor_id, action, subject, person_id, address)
                VALUES (?, ?, 'credential-revoked', ?, (SELECT person_id FROM credential WHERE serial = ?), ?)
                """).execute(arguments: [now.databaseText, byPersonID, "credential:\(serial) reason:\(reason.rawValue) flagged:\(flagged)", serial, address])
            return flagged
        }
    }

    public func revokedCredentials() throws -> [CredentialRecord] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM credential WHERE revoked_at IS NOT NULL ORDER BY revoked_at")).map(Store.credential)
        }
    }

    /// Status-list positions of revoked credentials.
    public func revokedStatusIndexes() throws -> [Int] {
        try read { db in try Int.fetchAll(db.cachedStatement(sql: "SELECT status_index FROM credential WHERE revoked_at IS NOT NULL")) }
    }

    /// Whether `personID` holds a credential somewhere in the chain above `serial` (a master trainer's reach).
    public func isAncestor(personID: Int64, of serial: String) throws -> Bool {
        try credentialChain(serial: serial).dropFirst().contains { $0.personID == personID }
    }

    /// The issuing trainer's current credential of a kind, for new cohorts.
    public func validCredential(personID: Int64, kinds: [CredentialKind], on day: Day) throws -> CredentialRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM credential WHERE person_id = ? AND kind IN (SELECT value FROM json_each(?))
                AND revoked_at IS NULL AND superseded_by IS NULL AND (expires_on IS NULL OR expires_on >= ?)
                ORDER BY generation, issued_on DESC LIMIT 1
                """), arguments: [personID, String(decoding: try JSONEncoder().encode(kinds.map(\.rawValue)), as: UTF8.self), day.iso])
                .map(Store.credential)
        }
    }
}

extension Store {
    /// Issues in one transaction: nothing if the person already holds a current credential from this
    /// cohort; otherwise the next status index, the insert (a fresh serial if one clashes), and the
    /// older credential (a retake's or a corrected one's) marked superseded.
    public func issueAtomically(personID: Int64, cohortID: Int64?, courseVersionID: Int64?,
                                supersedingCourse courseID: String?, supersedingID: Int64? = nil, renameTo name: String? = nil,
                                make: (_ statusIndex: Int) throws -> CredentialRecord) throws -> CredentialRecord? {
        try pool.write { db in
            if let cohortID, supersedingID == nil,
               try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM credential WHERE person_id = ? AND cohort_id = ? AND superseded_by IS NULL"),
                                 arguments: [personID, cohortID]) == true {
                return nil
            }
            if let name { try db.cachedStatement(sql: "UPDATE person SET full_name = ? WHERE id = ?").execute(arguments: [name, personID]) }
            let statusIndex = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(status_index), -1) + 1 FROM credential")) ?? 0
            var record = try make(statusIndex)
            for attempt in 1...5 {
                if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM credential WHERE serial = ?"), arguments: [record.serial]) != true { break }
                guard attempt < 5 else { throw StoreError("Could not find a free serial number.") }
                record = try make(statusIndex)
            }
            try db.cachedStatement(sql: """
                INSERT INTO credential (serial, kind, person_id, holder_name, course_id, course_version_id, generation, cohort_id,
                                        issuer_credential_id, issued_on, expires_on, key_id, token, status_index)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [record.serial, record.kind.rawValue, record.personID, record.holderName, record.courseID,
                                 courseVersionID, record.generation, record.cohortID, record.issuerCredentialID,
                                 record.issuedOn, record.expiresOn, record.keyID, record.token, record.statusIndex])
            record.id = db.lastInsertedRowID
            if let supersedingID {
                try db.cachedStatement(sql: "UPDATE credential SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL").execute(arguments: [record.id, supersedingID])
                guard db.changesCount == 1 else { throw StoreError("That certificate has already been replaced.") }
            } else if let courseID {
                try db.cachedStatement(sql: """
                    UPDATE credential SET superseded_by = ? WHERE person_id = ? AND course_id = ? AND id != ?
                    AND superseded_by IS NULL AND revoked_at IS NULL
                    """).execute(arguments: [record.id, personID, courseID, record.id])
            }
            return record
        }
    }
}
