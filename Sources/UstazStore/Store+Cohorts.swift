public import Foundation
import GRDB
public import UstazCore

public struct CohortMember: Sendable {
    public var enrolmentID: Int64
    public var personID: Int64
    public var name: String
    public var schoolName: String?
    public var enrolledAt: Date
    public var completedAt: Date?
}

extension Schema {
    /// How each person came to each cohort (`EnrolmentOrigin`): a trainer may print reset codes only for accounts
    /// their own action created or that joined by code. Rows from before this migration get the origin the data
    /// proves, else the least trusting one:
    /// - `joined` when the audit log records the person joining that cohort with its code;
    /// - `created` when the person was created in the same write as the enrolment (a roster or import made the
    ///   account for that cohort: both rows carry the same timestamp);
    /// - `matched` otherwise, so an account that may have been matched by name gives its trainer no reset codes
    ///   (administrators still can, and the person can join again with the code).
    static func enrolmentOriginMigration(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE enrolment ADD COLUMN origin TEXT NOT NULL DEFAULT 'matched'
                CHECK (origin IN ('created', 'joined', 'matched', 'admin'));
            UPDATE enrolment SET origin = 'joined' WHERE EXISTS (
                SELECT 1 FROM audit_log a WHERE a.action = 'joined-cohort' AND a.subject = 'cohort:' || enrolment.cohort_id
                AND (a.person_id = enrolment.person_id OR a.actor_id = enrolment.person_id));
            UPDATE enrolment SET origin = 'created' WHERE origin = 'matched'
                AND enrolled_at = (SELECT p.created_at FROM person p WHERE p.id = enrolment.person_id);
            """)
    }
}

public enum EnrolmentError: Error, Equatable {
    case cohortFull(capacity: Int)
    case alreadyEnrolled
    case unknownCode
}

extension Store {
    public func cohortMembers(cohortID: Int64) throws -> [CohortMember] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT e.id, e.person_id, p.full_name, s.name AS school, e.enrolled_at, e.completed_at
                FROM enrolment e JOIN person p ON p.id = e.person_id LEFT JOIN school s ON s.id = p.school_id
                WHERE e.cohort_id = ? ORDER BY p.full_name
                """), arguments: [cohortID]).map {
                CohortMember(enrolmentID: $0["id"], personID: $0["person_id"], name: $0["full_name"], schoolName: $0["school"],
                             enrolledAt: Store.date($0["enrolled_at"]) ?? .distantPast, completedAt: Store.date($0["completed_at"]))
            }
        }
    }

    /// Every member's progress in one query: enrolment id → lesson id → progress.
    public func cohortProgress(cohortID: Int64) throws -> [Int64: [String: LessonProgress]] {
        try read { db in
            var result: [Int64: [String: LessonProgress]] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT p.* FROM lesson_progress p JOIN enrolment e ON e.id = p.enrolment_id WHERE e.cohort_id = ?
                """), arguments: [cohortID]) {
                result[row[0], default: [:]][row[1]] = Store.lessonProgress(row)
            }
            return result
        }
    }

    /// Lessons each member has failed at least twice and not yet passed.
    public func lessonsFailedTwice(cohortID: Int64) throws -> [Int64: [String]] {
        try read { db in
            var result: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.enrolment_id, a.lesson_id FROM quiz_attempt a JOIN enrolment e ON e.id = a.enrolment_id
                WHERE e.cohort_id = ? GROUP BY a.enrolment_id, a.lesson_id
                HAVING SUM(a.passed = 0) >= 2 AND SUM(a.passed) = 0
                """), arguments: [cohortID]) {
                result[row["enrolment_id"], default: []].append(row["lesson_id"])
            }
            return result
        }
    }

    public func cohort(joinCode: String) throws -> CohortRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM cohort WHERE join_code = ?"), arguments: [joinCode.uppercased()]).map(Store.cohort)
        }
    }

    /// Enrols within the cohort's capacity, atomically.
    @discardableResult
    public func enrolWithinCapacity(personID: Int64, cohortID: Int64, origin: EnrolmentOrigin, at now: Date = Date()) throws -> Int64 {
        try pool.write { db in
            guard let capacity = try Int.fetchOne(db.cachedStatement(sql: "SELECT capacity FROM cohort WHERE id = ?"), arguments: [cohortID]) else {
                throw EnrolmentError.unknownCode
            }
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM enrolment WHERE cohort_id = ? AND person_id = ?"), arguments: [cohortID, personID]) == true {
                throw EnrolmentError.alreadyEnrolled
            }
            let members = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM enrolment WHERE cohort_id = ?"), arguments: [cohortID]) ?? 0
            guard members < capacity else { throw EnrolmentError.cohortFull(capacity: capacity) }
            try db.cachedStatement(sql: """
                INSERT INTO enrolment (cohort_id, person_id, course_version_id, enrolled_at, origin)
                SELECT id, ?, course_version_id, ?, ? FROM cohort WHERE id = ?
                """).execute(arguments: [personID, now.databaseText, origin.rawValue, cohortID])
            return db.lastInsertedRowID
        }
    }

    /// Every cohort a person is in, with its trainer and how the person came to it (for `AccountMatch` and
    /// `ResetCodePermission`).
    public func enrolmentLinks(personID: Int64) throws -> [EnrolmentLink] {
        try read { db in try Store.enrolmentLinks(personID: personID, db: db) }
    }

    static func enrolmentLinks(personID: Int64, db: Database) throws -> [EnrolmentLink] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT e.cohort_id, c.trainer_id, e.origin FROM enrolment e JOIN cohort c ON c.id = e.cohort_id WHERE e.person_id = ?
            """), arguments: [personID]).map {
            EnrolmentLink(cohortID: $0[0], trainerID: $0[1], origin: EnrolmentOrigin(rawValue: $0[2]) ?? .matched)
        }
    }

    /// Cohorts visible to someone: all for nil filters, else by trainer and/or region.
    public func cohorts(trainerID: Int64? = nil, regionID: String? = nil) throws -> [CohortSummary] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT c.*, COUNT(e.id) AS members, COUNT(e.completed_at) AS finished
                FROM cohort c LEFT JOIN enrolment e ON e.cohort_id = c.id
                WHERE (?1 IS NULL OR c.trainer_id = ?1) AND (?2 IS NULL OR c.region_id = ?2)
                GROUP BY c.id ORDER BY c.starts_on DESC
                """), arguments: [trainerID, regionID]).map {
                CohortSummary(cohort: Store.cohort($0), members: $0["members"], completed: $0["finished"])
            }
        }
    }

    /// One outcome per enrolment in cohorts run by certified trainers, optionally within a region
    /// or beneath one person's credentials in the cascade.
    public func fidelityOutcomes(regionID: String? = nil, beneathPersonID: Int64? = nil) throws -> [Fidelity.Outcome] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                WITH RECURSIVE below(id) AS (
                    SELECT id FROM credential WHERE person_id = ?2
                    UNION SELECT c.id FROM credential c JOIN below ON c.issuer_credential_id = below.id
                )
                SELECT c.trainer_id, t.generation + 1 AS generation, e.completed_at IS NOT NULL AS completed,
                       (SELECT AVG(best_score) FROM lesson_progress p WHERE p.enrolment_id = e.id AND p.best_score IS NOT NULL) AS score,
                       (SELECT status FROM practical_report r WHERE r.enrolment_id = e.id) AS practical
                FROM enrolment e JOIN cohort c ON c.id = e.cohort_id JOIN credential t ON t.id = c.trainer_credential_id
                WHERE (?1 IS NULL OR c.region_id = ?1) AND (?2 IS NULL OR t.id IN below)
                """), arguments: [regionID, beneathPersonID]).map {
                Fidelity.Outcome(trainerID: $0["trainer_id"], generation: $0["generation"], completed: $0["completed"], meanScore: $0["score"],
                                 practical: ($0["practical"] as String?).flatMap(PracticalReport.Status.init(rawValue:)))
            }
        }
    }

    public struct LineageNode: Sendable {
        public var credential: CredentialRecord
        public var depth: Int
    }

    /// Every credential issued beneath a person's credentials, depth first.
    public func lineageBelow(personID: Int64) throws -> [LineageNode] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                WITH RECURSIVE below(id, depth, path) AS (
                    SELECT id, 0, printf('%010d', id) FROM credential WHERE person_id = ?
                    UNION ALL
                    SELECT c.id, below.depth + 1, below.path || '/' || printf('%010d', c.id)
                    FROM credential c JOIN below ON c.issuer_credential_id = below.id WHERE below.depth < 8
                )
                SELECT credential.*, below.depth FROM below JOIN credential ON credential.id = below.id ORDER BY below.path
                """), arguments: [personID]).map { LineageNode(credential: Store.credential($0), depth: $0["depth"]) }
        }
    }

    public func school(code: String) throws -> School? {
        try read { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM school WHERE code = ?"), arguments: [code]) }
            .flatMap { try school(id: $0) }
    }

    public func school(id: Int64) throws -> School? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM school WHERE id = ?"), arguments: [id]).map(Store.school)
        }
    }
}

extension Store {
    public func schoolCountsByRegion() throws -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT region_id, COUNT(*) AS n FROM school GROUP BY region_id")) {
                counts[row["region_id"]] = row["n"]
            }
            return counts
        }
    }
}
