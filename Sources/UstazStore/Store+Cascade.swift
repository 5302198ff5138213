public import Foundation
import GRDB
public import UstazCore

extension Store {
    @discardableResult
    public func createSchool(_ school: School) throws -> School {
        try pool.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO school (code, name, region_id, district, kind, pilot_wave) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [school.code, school.name, school.regionID, school.district, school.kind, school.pilotWave])
            var created = school
            created.id = db.lastInsertedRowID
            return created
        }
    }

    @discardableResult
    public func createCohort(name: String, courseID: String, courseVersionID: Int64, trainerID: Int64,
                             trainerCredentialID: Int64?, regionID: String?, schoolID: Int64?, capacity: Int = 25,
                             startsOn: String, endsOn: String, mode: String = "in-person", joinCode: String,
                             at now: Date = Date()) throws -> CohortRecord {
        try pool.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO cohort (name, course_id, course_version_id, trainer_id, trainer_credential_id, region_id, school_id,
                                    capacity, starts_on, ends_on, mode, join_code, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [name, courseID, courseVersionID, trainerID, trainerCredentialID, regionID, schoolID,
                                 capacity, startsOn, endsOn, mode, joinCode, now.databaseText])
            return CohortRecord(id: db.lastInsertedRowID, name: name, courseID: courseID, courseVersionID: courseVersionID,
                                trainerID: trainerID, trainerCredentialID: trainerCredentialID, regionID: regionID,
                                schoolID: schoolID, capacity: capacity, startsOn: startsOn, endsOn: endsOn, mode: mode,
                                joinCode: joinCode)
        }
    }

    /// Enrols without checks (demo, seeding, tests); `origin` says how the person came to the cohort.
    @discardableResult
    public func enrol(personID: Int64, cohortID: Int64, origin: EnrolmentOrigin = .matched, at now: Date = Date()) throws -> Int64 {
        try pool.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO enrolment (cohort_id, person_id, course_version_id, enrolled_at, origin)
                SELECT id, ?, course_version_id, ?, ? FROM cohort WHERE id = ?
                """).execute(arguments: [personID, now.databaseText, origin.rawValue, cohortID])
            return db.lastInsertedRowID
        }
    }

    /// Records a lesson's progress (demo and seeding; the learning flow writes through its own queries).
    public func recordLessonProgress(enrolmentID: Int64, lessonID: String, completed: Bool, bestScore: Int?,
                                     at now: Date = Date()) throws {
        try pool.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO lesson_progress (enrolment_id, lesson_id, opened_at, completed_at, quiz_passed_at, best_score, attempts, last_activity_at)
                VALUES (?1, ?2, ?3, CASE WHEN ?4 THEN ?3 END, CASE WHEN ?4 THEN ?3 END, ?5, CASE WHEN ?5 IS NULL THEN 0 ELSE 1 END, ?3)
                ON CONFLICT (enrolment_id, lesson_id) DO UPDATE SET
                    completed_at = excluded.completed_at, quiz_passed_at = excluded.quiz_passed_at,
                    best_score = excluded.best_score, last_activity_at = excluded.last_activity_at
                """).execute(arguments: [enrolmentID, lessonID, now.databaseText, completed, bestScore])
        }
    }

    public func markEnrolmentCompleted(_ enrolmentID: Int64, at now: Date = Date()) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "UPDATE enrolment SET completed_at = ? WHERE id = ?").execute(arguments: [now.databaseText, enrolmentID])
        }
    }

    /// The next free position in the status list (one per credential, never reused).
    public func nextStatusIndex() throws -> Int {
        try read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(status_index), -1) + 1 FROM credential")) ?? 0 }
    }

    public func credential(serial: String) throws -> CredentialRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM credential WHERE serial = ?"), arguments: [serial])
                .map(Store.credential)
        }
    }

    public func credentials(personID: Int64) throws -> [CredentialRecord] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM credential WHERE person_id = ? ORDER BY issued_on DESC, id DESC"),
                             arguments: [personID]).map(Store.credential)
        }
    }

    /// The columns of `credential` in table order (CREATE TABLE order; migrations only append). Rows from
    /// `SELECT *` or `SELECT credential.*, …` are read by position: a lookup by name costs more than the query
    /// itself on the verification page.
    static let credentialColumns = ["id", "serial", "kind", "person_id", "holder_name", "course_id", "course_version_id",
                                    "generation", "cohort_id", "issuer_credential_id", "issued_on", "expires_on", "key_id",
                                    "token", "status_index", "revoked_at", "revocation_reason", "superseded_by", "needs_review"]

    func columnNames(of table: String) throws -> [String] {
        try read { db in try db.columns(in: table).map(\.name) }
    }

    static func credential(_ row: Row) -> CredentialRecord {
        var record = CredentialRecord(
            id: row[0], serial: row[1], kind: CredentialKind(rawValue: row[2]) ?? .teacher, personID: row[3], holderName: row[4],
            courseID: row[5], generation: row[7], cohortID: row[8], issuerCredentialID: row[9], issuedOn: row[10],
            expiresOn: row[11], keyID: row[12], token: row[13], statusIndex: row[14], revokedAt: row[15],
            revocationReason: row[16], supersededBy: row[17])
        record.needsReview = row[18]
        return record
    }

    /// Headline figures for the home page, /healthz and /metrics.
    public struct Totals: Sendable, Codable, Equatable {
        public var people: Int
        public var schools: Int
        public var cohorts: Int
        public var enrolments: Int
        public var credentials: Int
        public var certifiedTeachers: Int
    }

    public func totals() throws -> Totals {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM person) AS people, (SELECT COUNT(*) FROM school) AS schools,
                       (SELECT COUNT(*) FROM cohort) AS cohorts, (SELECT COUNT(*) FROM enrolment) AS enrolments,
                       (SELECT COUNT(*) FROM credential) AS credentials,
                       (SELECT COUNT(DISTINCT person_id) FROM credential WHERE \(Store.validCredential)) AS certified
                """)!
            return Totals(people: row["people"], schools: row["schools"], cohorts: row["cohorts"],
                          enrolments: row["enrolments"], credentials: row["credentials"], certifiedTeachers: row["certified"])
        }
    }

    /// A value stored in the settings table (instance-wide configuration that lives with the data).
    public func setting(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = ?"), arguments: [key]) }
    }

    public func setSetting(_ key: String, _ value: String) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").execute(arguments: [key, value])
        }
    }

    /// Appends to the audit log.
    public func audit(actorID: Int64?, action: String, subject: String?, address: String?, at now: Date = Date()) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "INSERT INTO audit_log (at, actor_id, action, subject, address) VALUES (?, ?, ?, ?, ?)").execute(arguments: [now.databaseText, actorID, action, subject, address])
        }
    }
}

extension Store {
    /// Rows in the audit log (tests and reports).
    public func auditCount(action: String? = nil) throws -> Int {
        try read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM audit_log WHERE ?1 IS NULL OR action = ?1"), arguments: [action]) ?? 0
        }
    }
}
