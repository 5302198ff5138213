public import Foundation
import GRDB
public import UstazCore

/// A classroom-practical report with where it stands.
public struct PracticalRecord: Sendable {
    public var enrolmentID: Int64
    /// The trainer who decides: the cohort's trainer, or whom a coordinator or administrator reassigned it to.
    public var reviewerID: Int64
    public var status: PracticalReport.Status
    public var report: PracticalReport
    /// The reviewer's comment on the last decision (required when returning).
    public var comment: String?
    public var submissions: Int
    public var submittedAt: Date
    public var decidedAt: Date?
}

/// A report waiting for a decision, with what a coordinator needs to see whether its reviewer is still active.
public struct PendingPractical: Sendable {
    public var record: PracticalRecord
    public var teacherName: String
    public var cohortID: Int64
    public var cohortName: String
    public var regionID: String?
    public var reviewerName: String
    /// The reviewer's latest sign-in activity; nil when they never signed in.
    public var reviewerLastSeen: Date?
}

public enum PracticalError: Error, Equatable {
    /// Accepted reports are final; a pending one waits for its reviewer.
    case notOpenForSubmission(PracticalReport.Status)
    case notPending
    case notTheReviewer
}

extension Store {
    /// The waiting list at /practicals, oldest first, one page at a time: read in index order and stopped at the page's
    /// end (on the national dataset 2 ms, against 110 ms for scanning every report and sorting the waiting ones).
    static func waitingPracticalsMigration(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX practical_report_waiting ON practical_report(status, submitted_at, enrolment_id)")
    }

    static func practicalsMigration(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE practical_report (
                enrolment_id INTEGER PRIMARY KEY REFERENCES enrolment(id) ON DELETE CASCADE,
                reviewer_id INTEGER NOT NULL REFERENCES person(id),
                status TEXT NOT NULL CHECK (status IN ('submitted', 'returned', 'accepted')),
                taught_on TEXT NOT NULL,
                class_name TEXT NOT NULL,
                lesson_id TEXT NOT NULL,
                pupils_did TEXT NOT NULL,
                pupil_question TEXT NOT NULL,
                would_change TEXT NOT NULL,
                adapted_plan TEXT,
                comment TEXT,
                client_key TEXT,               -- the latest submission's, so a queued copy sent twice counts once
                submissions INTEGER NOT NULL DEFAULT 1,
                submitted_at TEXT NOT NULL,
                decided_at TEXT
            ) WITHOUT ROWID;
            CREATE INDEX practical_report_reviewer ON practical_report(reviewer_id, status);
            -- Fidelity's acceptance rates are cached until the change counter moves.
            CREATE TRIGGER coverage_change_practical_report_0 AFTER INSERT ON practical_report
            BEGIN UPDATE coverage_change SET counter = counter + 1 WHERE id = 1; END;
            CREATE TRIGGER coverage_change_practical_report_1 AFTER UPDATE OF status ON practical_report
            BEGIN UPDATE coverage_change SET counter = counter + 1 WHERE id = 1; END;
            """)
    }

    /// Stores a teacher's report for review by `reviewerID`: a first submission, or a resubmission of a returned one.
    /// The same submission sent twice (same client key) changes nothing.
    public func submitPractical(enrolmentID: Int64, reviewerID: Int64, report: PracticalReport, clientKey: String?,
                                at now: Date = Date()) throws -> PracticalRecord {
        try pool.write { db in
            if let existing = try Store.practical(enrolmentID: enrolmentID, db: db) {
                if let clientKey, try String.fetchOne(db.cachedStatement(sql: "SELECT client_key FROM practical_report WHERE enrolment_id = ?"),
                                                      arguments: [enrolmentID]) == clientKey {
                    return existing
                }
                guard existing.status == .returned else { throw PracticalError.notOpenForSubmission(existing.status) }
                try db.cachedStatement(sql: """
                    UPDATE practical_report SET status = 'submitted', taught_on = ?, class_name = ?, lesson_id = ?, pupils_did = ?,
                        pupil_question = ?, would_change = ?, adapted_plan = ?, client_key = ?, submissions = submissions + 1,
                        submitted_at = ?, decided_at = NULL
                    WHERE enrolment_id = ?
                    """).execute(arguments: [report.taughtOn.iso, report.className, report.lessonID, report.pupilsDid, report.pupilQuestion,
                                     report.wouldChange, report.adaptedPlan, clientKey, now.databaseText, enrolmentID])
            } else {
                try db.cachedStatement(sql: """
                    INSERT INTO practical_report (enrolment_id, reviewer_id, status, taught_on, class_name, lesson_id, pupils_did,
                                                  pupil_question, would_change, adapted_plan, client_key, submitted_at)
                    VALUES (?, ?, 'submitted', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [enrolmentID, reviewerID, report.taughtOn.iso, report.className, report.lessonID, report.pupilsDid,
                                     report.pupilQuestion, report.wouldChange, report.adaptedPlan, clientKey, now.databaseText])
            }
            return try Store.practical(enrolmentID: enrolmentID, db: db)!
        }
    }

    /// The reviewer accepts the report, or returns it with a comment for the teacher to act on.
    public func decidePractical(enrolmentID: Int64, reviewerID: Int64, accept: Bool, comment: String?,
                                at now: Date = Date()) throws -> PracticalRecord {
        try pool.write { db in
            guard let record = try Store.practical(enrolmentID: enrolmentID, db: db), record.status == .submitted else {
                throw PracticalError.notPending
            }
            guard record.reviewerID == reviewerID else { throw PracticalError.notTheReviewer }
            try db.cachedStatement(sql: "UPDATE practical_report SET status = ?, comment = ?, decided_at = ? WHERE enrolment_id = ?").execute(arguments: [accept ? "accepted" : "returned", comment, now.databaseText, enrolmentID])
            return try Store.practical(enrolmentID: enrolmentID, db: db)!
        }
    }

    /// Gives a pending report to another reviewer (when its trainer has gone quiet).
    public func reassignPractical(enrolmentID: Int64, to reviewerID: Int64) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "UPDATE practical_report SET reviewer_id = ? WHERE enrolment_id = ? AND status = 'submitted'").execute(arguments: [reviewerID, enrolmentID])
            guard db.changesCount == 1 else { throw PracticalError.notPending }
        }
    }

    public func practical(enrolmentID: Int64) throws -> PracticalRecord? {
        try read { db in try Store.practical(enrolmentID: enrolmentID, db: db) }
    }

    /// Reports waiting for a decision: of one cohort, of one reviewer, of a region, or all.
    /// Waiting reports, oldest first; with `page`, one page of them (the list at /practicals grows with the country).
    public func pendingPracticals(cohortID: Int64? = nil, reviewerID: Int64? = nil, regionID: String? = nil,
                                  page: PageRequest? = nil) throws -> [PendingPractical] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT r.*, p.full_name AS teacher_name, c.id AS cohort_id, c.name AS cohort_name, c.region_id,
                       v.full_name AS reviewer_name, (SELECT MAX(last_seen_at) FROM session s WHERE s.person_id = r.reviewer_id) AS last_seen
                FROM practical_report r JOIN enrolment e ON e.id = r.enrolment_id JOIN person p ON p.id = e.person_id
                JOIN cohort c ON c.id = e.cohort_id JOIN person v ON v.id = r.reviewer_id
                WHERE r.status = 'submitted' AND (?1 IS NULL OR c.id = ?1) AND (?2 IS NULL OR r.reviewer_id = ?2)
                    AND (?3 IS NULL OR c.region_id = ?3)
                ORDER BY r.submitted_at, r.enrolment_id LIMIT ?4 OFFSET ?5
                """), arguments: [cohortID, reviewerID, regionID, page?.fetchLimit ?? -1, page?.offset ?? 0]).map { row in
                PendingPractical(record: Store.practical(row), teacherName: row["teacher_name"], cohortID: row["cohort_id"],
                                 cohortName: row["cohort_name"], regionID: row["region_id"], reviewerName: row["reviewer_name"],
                                 reviewerLastSeen: Store.date(row["last_seen"]))
            }
        }
    }

    static func practical(enrolmentID: Int64, db: Database) throws -> PracticalRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM practical_report WHERE enrolment_id = ?"), arguments: [enrolmentID]).map(Store.practical)
    }

    static func practical(_ row: Row) -> PracticalRecord {
        let report = PracticalReport(taughtOn: Day(iso: row["taught_on"]) ?? Day(number: 0), className: row["class_name"],
                                     lessonID: row["lesson_id"], pupilsDid: row["pupils_did"], pupilQuestion: row["pupil_question"],
                                     wouldChange: row["would_change"], adaptedPlan: row["adapted_plan"])
        return PracticalRecord(enrolmentID: row["enrolment_id"], reviewerID: row["reviewer_id"],
                               status: PracticalReport.Status(rawValue: row["status"]) ?? .submitted, report: report, comment: row["comment"],
                               submissions: row["submissions"], submittedAt: Store.date(row["submitted_at"]) ?? .distantPast,
                               decidedAt: Store.date(row["decided_at"]))
    }
}
