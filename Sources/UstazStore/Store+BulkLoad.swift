public import Foundation
import GRDB
public import UstazCore

/// Writes many rows in one transaction with prepared statements, for the synthetic national dataset.
///
/// It trusts its caller: rows are not checked against the rules the interactive paths enforce
/// (capacity, issuance policy, unique serials), so only generators that build consistent data use it.
public final class BulkLoader {
    private let db: Database
    private var nextStatusIndex: Int

    init(db: Database) throws {
        self.db = db
        nextStatusIndex = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(status_index), -1) + 1 FROM credential")) ?? 0
    }

    private func insert(_ sql: String, _ arguments: StatementArguments) throws -> Int64 {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
        return db.lastInsertedRowID
    }

    @discardableResult
    public func school(code: String, name: String, regionID: String, district: String?, kind: String, pilotWave: Int?) throws -> Int64 {
        try insert("INSERT INTO school (code, name, region_id, district, kind, pilot_wave) VALUES (?, ?, ?, ?, ?, ?)",
                   [code, name, regionID, district, kind, pilotWave])
    }

    /// A person with their roles; `coordinatorRegion` goes on the coordinator grant.
    @discardableResult
    public func person(fullName: String, login: String?, passwordHash: String?, language: Language, schoolID: Int64?,
                       regionID: String?, subjects: String?, roles: [Role], coordinatorRegion: String? = nil,
                       createdAt: Date, activatedAt: Date?, iinHash: String? = nil, iinMasked: String? = nil) throws -> Int64 {
        let id = try insert("""
            INSERT INTO person (full_name, login, password_hash, language, school_id, region_id, subjects, iin_hash, iin_masked,
                                created_at, activated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [fullName, login, passwordHash, language.rawValue, schoolID, regionID, subjects, iinHash, iinMasked,
                  createdAt.databaseText, activatedAt?.databaseText])
        for role in roles {
            _ = try insert("INSERT INTO role_grant (person_id, role, region_id) VALUES (?, ?, ?)",
                           [id, role.rawValue, role == .coordinator ? coordinatorRegion : nil])
        }
        return id
    }

    @discardableResult
    public func cohort(name: String, courseID: String, courseVersionID: Int64, trainerID: Int64, trainerCredentialID: Int64?,
                       regionID: String?, schoolID: Int64?, capacity: Int, startsOn: Day, endsOn: Day, mode: String,
                       joinCode: String, createdAt: Date) throws -> Int64 {
        try insert("""
            INSERT INTO cohort (name, course_id, course_version_id, trainer_id, trainer_credential_id, region_id, school_id,
                                capacity, starts_on, ends_on, mode, join_code, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [name, courseID, courseVersionID, trainerID, trainerCredentialID, regionID, schoolID, capacity, startsOn.iso,
                  endsOn.iso, mode, joinCode, createdAt.databaseText])
    }

    @discardableResult
    public func enrolment(cohortID: Int64, personID: Int64, courseVersionID: Int64, enrolledAt: Date, completedAt: Date?) throws -> Int64 {
        try insert("INSERT INTO enrolment (cohort_id, person_id, course_version_id, enrolled_at, completed_at) VALUES (?, ?, ?, ?, ?)",
                   [cohortID, personID, courseVersionID, enrolledAt.databaseText, completedAt?.databaseText])
    }

    public func lessonProgress(enrolmentID: Int64, lessonID: String, openedAt: Date, completedAt: Date?, quizPassedAt: Date?,
                               bestScore: Int?, attempts: Int, secondsSpent: Int) throws {
        _ = try insert("""
            INSERT INTO lesson_progress (enrolment_id, lesson_id, opened_at, completed_at, quiz_passed_at, best_score, attempts,
                                         seconds_spent, last_activity_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [enrolmentID, lessonID, openedAt.databaseText, completedAt?.databaseText, quizPassedAt?.databaseText, bestScore,
                  attempts, secondsSpent, (completedAt ?? openedAt).databaseText])
    }

    /// An answered attempt and the draw it answered: `items` in the order shown, `answersJSON` question id →
    /// chosen option ids, as the quiz form records it.
    public func quizAttempt(enrolmentID: Int64, lessonID: String, number: Int, seed: UInt64, items: [String], answersJSON: String,
                            score: Int, passed: Bool, submittedAt: Date) throws {
        let attemptID = try insert("""
            INSERT INTO quiz_attempt (enrolment_id, lesson_id, attempt_number, seed, answers, score, passed, submitted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [enrolmentID, lessonID, number, Int64(bitPattern: seed), answersJSON, score, passed, submittedAt.databaseText])
        _ = try insert("""
            INSERT INTO quiz_draw (enrolment_id, lesson_id, seed, items, created_at, attempt_id) VALUES (?, ?, ?, ?, ?, ?)
            """, [enrolmentID, lessonID, Int64(bitPattern: seed), items.joined(separator: ","), submittedAt.databaseText, attemptID])
    }

    /// Item statistics accumulated while writing attempts: course version → lesson → item → tally.
    public func itemTallies(_ tallies: [Int64: [String: [String: ItemTally]]]) throws {
        try Store.insertTallies(tallies, db: db)
    }

    /// A classroom-practical report, submitted on `submittedAt` and, unless still waiting, decided on `decidedAt`.
    public func practicalReport(enrolmentID: Int64, reviewerID: Int64, status: PracticalReport.Status, report: PracticalReport,
                                submittedAt: Date, decidedAt: Date?) throws {
        _ = try insert("""
            INSERT INTO practical_report (enrolment_id, reviewer_id, status, taught_on, class_name, lesson_id, pupils_did, pupil_question,
                                          would_change, adapted_plan, submitted_at, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [enrolmentID, reviewerID, status.rawValue, report.taughtOn.iso, report.className, report.lessonID, report.pupilsDid,
                  report.pupilQuestion, report.wouldChange, report.adaptedPlan, submittedAt.databaseText, decidedAt?.databaseText])
    }

    public func practicum(enrolmentID: Int64, observerID: Int64, passed: Bool, observedOn: Day) throws {
        _ = try insert("INSERT INTO practicum (enrolment_id, observer_id, passed, observed_on) VALUES (?, ?, ?, ?)",
                       [enrolmentID, observerID, passed, observedOn.iso])
    }

    /// The next position in the status list, for the caller to sign into the credential's token.
    public func claimStatusIndex() -> Int {
        defer { nextStatusIndex += 1 }
        return nextStatusIndex
    }

    /// Records a signed credential built with an index from `claimStatusIndex()`; returns its id.
    @discardableResult
    public func credential(_ record: CredentialRecord, courseVersionID: Int64?, revokedAt: Date? = nil,
                           revocationReason: String? = nil) throws -> Int64 {
        try insert("""
            INSERT INTO credential (serial, kind, person_id, holder_name, course_id, course_version_id, generation, cohort_id,
                                    issuer_credential_id, issued_on, expires_on, key_id, token, status_index, revoked_at,
                                    revocation_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [record.serial, record.kind.rawValue, record.personID, record.holderName, record.courseID, courseVersionID,
                  record.generation, record.cohortID, record.issuerCredentialID, record.issuedOn, record.expiresOn, record.keyID,
                  record.token, record.statusIndex, revokedAt?.databaseText, revocationReason])
    }
}

extension Store {
    /// Runs `body` in one write transaction: all of its rows are stored, or none.
    public func bulkLoad<T>(_ body: (BulkLoader) throws -> T) throws -> T {
        let result = try writeLarge { db in try body(try BulkLoader(db: db)) }
        // Fold the write-ahead log into the database file, so its size is the dataset's.
        try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        return result
    }

    /// One write transaction for hundreds of thousands of rows (seeding, national imports): random inserts
    /// into the unique indexes (IIN hashes, serials) thrash SQLite's default 8 MB page cache, so the
    /// transaction gets 256 MB, then the default again.
    func writeLarge<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            var value: T?
            try db.inTransaction {
                value = try body(db)
                return .commit
            }
            return value!
        }
    }

    /// Space the database takes on disk, in bytes (main file and write-ahead log).
    public func fileSize() -> Int {
        [path, path + "-wal"].reduce(0) { total, file in
            total + ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0)
        }
    }
}
