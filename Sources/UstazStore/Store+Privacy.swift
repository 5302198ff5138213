public import Foundation
import GRDB

extension Schema {
    /// Audit entries name the person they are about (for the admin's filters and a person's export);
    /// erased people are marked, never deleted, so counts and lineage still add up.
    static func privacyMigration(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE audit_log ADD COLUMN person_id INTEGER REFERENCES person(id);
            CREATE INDEX audit_person ON audit_log(person_id, id);
            CREATE INDEX audit_actor ON audit_log(actor_id, id);
            CREATE INDEX audit_at ON audit_log(at);
            ALTER TABLE person ADD COLUMN erased_at TEXT;
            """)
    }
}

/// One line of the audit log, with the names of the actor and of the person it is about.
public struct AuditEntry: Sendable {
    public var id: Int64
    public var at: String
    public var actorID: Int64?
    public var actorName: String?
    public var action: String
    public var subject: String?
    public var personID: Int64?
    public var personName: String?
    public var address: String?
}

/// What the administrator's audit page narrows the log to; nil means any.
public struct AuditFilter: Sendable, Equatable {
    public var personID: Int64?
    public var actorID: Int64?
    /// ISO days, inclusive.
    public var fromDay: String?
    public var untilDay: String?
    public var action: String?

    public init(personID: Int64? = nil, actorID: Int64? = nil, fromDay: String? = nil, untilDay: String? = nil, action: String? = nil) {
        self.personID = personID
        self.actorID = actorID
        self.fromDay = fromDay
        self.untilDay = untilDay
        self.action = action
    }
}

/// What a person's record holds beyond `Person`: contact details and the masked IIN.
public struct PersonDetails: Sendable {
    public var phone: String?
    public var iinMasked: String?
    public var schoolName: String?
    public var subjects: String?
    public var grades: String?
    public var createdAt: String
    public var erasedAt: String?
}

public struct ErasureReport: Sendable {
    /// Certificates revoked by the erasure (those already revoked keep their first reason).
    public var revokedSerials: [String]
}

extension Store {
    /// Appends to the audit log an entry about `personID` (a change to them, or a view of their data).
    public func audit(actorID: Int64?, action: String, subject: String?, about personID: Int64?, address: String?,
                      at now: Date = Date()) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "INSERT INTO audit_log (at, actor_id, action, subject, person_id, address) VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [now.databaseText, actorID, action, subject, personID, address])
        }
    }

    /// A page of the audit log, newest first, and how many entries match in all.
    public func auditEntries(_ filter: AuditFilter, limit: Int, offset: Int) throws -> (entries: [AuditEntry], total: Int) {
        try read { db in
            // Timestamps are ISO 8601 text, so day bounds compare as text and can use the index on `at`.
            let condition = """
                (?1 IS NULL OR a.person_id = ?1) AND (?2 IS NULL OR a.actor_id = ?2)
                AND (?3 IS NULL OR a.at >= ?3) AND (?4 IS NULL OR a.at < date(?4, '+1 day'))
                AND (?5 IS NULL OR a.action = ?5)
                """
            let arguments: StatementArguments = [filter.personID, filter.actorID, filter.fromDay, filter.untilDay, filter.action]
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log a WHERE \(condition)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.*, actor.full_name AS actor_name, subject.full_name AS person_name
                FROM audit_log a LEFT JOIN person actor ON actor.id = a.actor_id LEFT JOIN person subject ON subject.id = a.person_id
                WHERE \(condition) ORDER BY a.id DESC LIMIT ?6 OFFSET ?7
                """, arguments: arguments + [limit, offset])
            return (rows.map { row in
                AuditEntry(id: row["id"], at: row["at"], actorID: row["actor_id"], actorName: row["actor_name"], action: row["action"],
                           subject: row["subject"], personID: row["person_id"], personName: row["person_name"], address: row["address"])
            }, total)
        }
    }

    public func personDetails(id: Int64) throws -> PersonDetails? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT p.phone, p.iin_masked, s.name AS school, p.subjects, p.grades, p.created_at, p.erased_at
                FROM person p LEFT JOIN school s ON s.id = p.school_id WHERE p.id = ?
                """), arguments: [id]).map {
                PersonDetails(phone: $0["phone"], iinMasked: $0["iin_masked"], schoolName: $0["school"], subjects: $0["subjects"],
                              grades: $0["grades"], createdAt: $0["created_at"], erasedAt: $0["erased_at"])
            }
        }
    }

    public func isErased(personID: Int64) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT erased_at IS NOT NULL FROM person WHERE id = ?"), arguments: [personID]) ?? false
        }
    }

    /// True when `personID` is enrolled in a cohort `trainerID` runs.
    public func trains(trainerID: Int64, personID: Int64) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM enrolment e JOIN cohort c ON c.id = e.cohort_id WHERE e.person_id = ? AND c.trainer_id = ? LIMIT 1
                """), arguments: [personID, trainerID]) == true
        }
    }

    // MARK: Password reset

    /// How long a printed reset code stays usable.
    public static let resetCodeLifetime: TimeInterval = 72 * 3600

    /// A new reset code for the person, in clear (shown once); any earlier unused reset code stops working.
    public func issueResetCode(personID: Int64, codeHash: (String) -> String, now: Date) throws -> String {
        try pool.write { db in
            try db.cachedStatement(sql: "DELETE FROM one_time_code WHERE person_id = ? AND purpose = 'password-reset' AND used_at IS NULL").execute(arguments: [personID])
            return try Store.insertActivationCode(personID: personID, codeHash: codeHash, now: now, db: db,
                                                  purpose: "password-reset", lifetime: Store.resetCodeLifetime)
        }
    }

    // MARK: Export and erasure

    /// Everything held about a person, as JSON: the person record without secrets (password hash, IIN hash),
    /// roles, school, enrolments, lesson progress, quiz attempts, classroom-practical reports, practicum, certificates, cohorts they run,
    /// sessions (dates only) and the audit entries by or about them. Nil when there is no such person.
    public func personalData(personID: Int64, now: Date = Date()) throws -> Data? {
        try read { db in
            guard let person = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT id, full_name, login, email, phone, language, region_id, subjects, grades, iin_masked,
                       created_at, activated_at, erased_at
                FROM person WHERE id = ?
                """), arguments: [personID]) else { return nil }
            func rows(_ sql: String) throws -> [[String: Any]] {
                try Row.fetchAll(db, sql: sql, arguments: [personID]).map(Store.jsonObject)
            }
            let document: [String: Any] = [
                "exported_at": now.databaseText,
                "person": Store.jsonObject(person),
                "school": try rows("""
                    SELECT s.code, s.name, s.region_id, s.district FROM school s JOIN person p ON p.school_id = s.id WHERE p.id = ?
                    """).first ?? NSNull(),
                "roles": try rows("SELECT role, region_id FROM role_grant WHERE person_id = ? ORDER BY role"),
                "enrolments": try rows("""
                    SELECT e.id, e.cohort_id, c.name AS cohort_name, c.course_id, e.enrolled_at, e.completed_at
                    FROM enrolment e JOIN cohort c ON c.id = e.cohort_id WHERE e.person_id = ? ORDER BY e.id
                    """),
                "lesson_progress": try rows("""
                    SELECT p.enrolment_id, p.lesson_id, p.opened_at, p.completed_at, p.quiz_passed_at, p.best_score, p.attempts,
                           p.seconds_spent, p.last_activity_at
                    FROM lesson_progress p JOIN enrolment e ON e.id = p.enrolment_id WHERE e.person_id = ? ORDER BY p.enrolment_id, p.lesson_id
                    """),
                "quiz_attempts": try rows("""
                    SELECT q.enrolment_id, q.lesson_id, q.attempt_number, d.items AS drawn_items, q.answers, q.score, q.passed,
                           q.submitted_at
                    FROM quiz_attempt q JOIN enrolment e ON e.id = q.enrolment_id LEFT JOIN quiz_draw d ON d.attempt_id = q.id
                    WHERE e.person_id = ? ORDER BY q.id
                    """),
                "practical_reports": try rows("""
                    SELECT r.enrolment_id, r.status, r.taught_on, r.class_name, r.lesson_id, r.pupils_did, r.pupil_question,
                           r.would_change, r.adapted_plan, r.comment, r.submissions, r.submitted_at, r.decided_at
                    FROM practical_report r JOIN enrolment e ON e.id = r.enrolment_id WHERE e.person_id = ? ORDER BY r.enrolment_id
                    """),
                "practicum": try rows("""
                    SELECT r.enrolment_id, r.passed, r.notes, r.observed_on
                    FROM practicum r JOIN enrolment e ON e.id = r.enrolment_id WHERE e.person_id = ? ORDER BY r.enrolment_id
                    """),
                "certificates": try rows("""
                    SELECT c.serial, c.kind, c.holder_name, c.course_id, c.generation, c.issued_on, c.expires_on, c.revoked_at,
                           c.revocation_reason, (SELECT n.serial FROM credential n WHERE n.id = c.superseded_by) AS superseded_by
                    FROM credential c WHERE c.person_id = ? ORDER BY c.id
                    """),
                "cohorts_trained": try rows("SELECT id, name, course_id, starts_on, ends_on FROM cohort WHERE trainer_id = ? ORDER BY id"),
                "sessions": try rows("SELECT created_at, last_seen_at, expires_at FROM session WHERE person_id = ? ORDER BY created_at"),
                "audit": try rows("""
                    SELECT at, actor_id, action, subject, person_id, address FROM audit_log
                    WHERE actor_id = ?1 OR person_id = ?1 ORDER BY id
                    """),
            ]
            return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        }
    }

    static func jsonObject(_ row: Row) -> [String: Any] {
        var object: [String: Any] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: object[column] = NSNull()
            case .int64(let number): object[column] = number
            case .double(let number): object[column] = number
            case .string(let text): object[column] = text
            case .blob(let data): object[column] = data.base64EncodedString()
            }
        }
        return object
    }

    /// Erases a person (see docs/SECURITY.md, "Erasure"): the row stays, anonymised, so counts and the cascade's
    /// lineage still add up; their certificates are revoked as "holder-erased" and their printed name replaced
    /// by `placeholder`; login, password, contact details, IIN hash, sessions and codes are removed, and so are
    /// the addresses recorded for their actions. Nothing beneath them in the cascade is flagged: erasure says
    /// nothing about the quality of their training. Nil when there is no such person.
    ///
    /// The erasing transaction runs with `secure_delete`, so the old values are overwritten with zeros rather than left
    /// in free space, and is then checkpointed so the write-ahead log drops the old pages too (best effort: a
    /// checkpoint cannot finish while a long read is running; the next one does).
    public func erasePerson(personID: Int64, placeholder: String, now: Date = Date()) throws -> ErasureReport? {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            var report: ErasureReport?
            try db.inTransaction {
                report = try Store.erase(personID: personID, placeholder: placeholder, now: now, db: db)
                return .commit
            }
            _ = try? db.checkpoint(.truncate)
            return report
        }
    }

    private static func erase(personID: Int64, placeholder: String, now: Date, db: Database) throws -> ErasureReport? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT login, erased_at FROM person WHERE id = ?"), arguments: [personID]) else {
            return nil
        }
        guard (row["erased_at"] as String?) == nil else { throw StoreError("This person has already been erased.") }
        let login: String? = row["login"]
        let revoked = try String.fetchAll(db.cachedStatement(sql: "SELECT serial FROM credential WHERE person_id = ? AND revoked_at IS NULL ORDER BY id"),
                                          arguments: [personID])
        try db.cachedStatement(sql: """
            UPDATE credential SET revoked_at = ?, revocation_reason = 'holder-erased' WHERE person_id = ? AND revoked_at IS NULL
            """).execute(arguments: [now.databaseText, personID])
        // The signed token carries the printed name, so it goes too; a printed QR code still verifies
        // (its token is on the paper) and is then reported as revoked.
        try db.cachedStatement(sql: "UPDATE credential SET holder_name = ?, token = '' WHERE person_id = ?").execute(arguments: [placeholder, personID])
        try db.cachedStatement(sql: """
            UPDATE person SET full_name = ?, login = NULL, email = NULL, phone = NULL, password_hash = NULL, iin_hash = NULL,
                              iin_masked = NULL, subjects = NULL, grades = NULL, erased_at = ?
            WHERE id = ?
            """).execute(arguments: [placeholder, now.databaseText, personID])
        try db.cachedStatement(sql: "DELETE FROM session WHERE person_id = ?").execute(arguments: [personID])
        try db.cachedStatement(sql: "DELETE FROM one_time_code WHERE person_id = ?").execute(arguments: [personID])
        try db.cachedStatement(sql: "UPDATE practicum SET notes = NULL WHERE enrolment_id IN (SELECT id FROM enrolment WHERE person_id = ?)").execute(arguments: [personID])
        // The practical report's texts are the teacher's words about their class; its status and dates stay for the
        // cohort's figures.
        try db.cachedStatement(sql: """
            UPDATE practical_report SET class_name = '', pupils_did = '', pupil_question = '', would_change = '', adapted_plan = NULL,
                                        comment = NULL
            WHERE enrolment_id IN (SELECT id FROM enrolment WHERE person_id = ?)
            """).execute(arguments: [personID])
        try db.cachedStatement(sql: "UPDATE audit_log SET address = NULL WHERE actor_id = ?").execute(arguments: [personID])
        if let login {
            try db.cachedStatement(sql: "UPDATE audit_log SET subject = NULL WHERE action = 'sign-in-failed' AND subject = ? COLLATE NOCASE").execute(arguments: [login])
        }
        return ErasureReport(revokedSerials: revoked)
    }
}

extension Transaction {
    /// Sets a new password after a reset and ends every session of the person.
    public func replacePassword(personID: Int64, passwordHash: String) throws {
        try db.cachedStatement(sql: "UPDATE person SET password_hash = ? WHERE id = ? AND erased_at IS NULL").execute(arguments: [passwordHash, personID])
        try db.cachedStatement(sql: "DELETE FROM session WHERE person_id = ?").execute(arguments: [personID])
    }
}
