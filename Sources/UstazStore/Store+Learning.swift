public import Foundation
import GRDB
public import UstazCore

/// A person's place in one cohort's course.
public struct EnrolmentRecord: Sendable, Identifiable {
    public var id: Int64
    public var cohortID: Int64
    public var personID: Int64
    public var courseID: String
    public var courseVersionID: Int64
    public var enrolledAt: Date
    public var completedAt: Date?
}

/// How far a person is in one lesson.
public struct LessonProgress: Sendable, Equatable {
    public var openedAt: Date?
    public var completedAt: Date?
    public var quizPassedAt: Date?
    public var bestScore: Int?
    public var attempts: Int
    public var secondsSpent: Int
    public var lastActivityAt: Date?

    public var isDone: Bool { completedAt != nil && quizPassedAt != nil }
}

public struct QuizAttemptRecord: Sendable {
    public var id: Int64
    /// The seed of the attempt's draw (0 for attempts recorded before draws).
    public var seed: UInt64
    public var enrolmentID: Int64
    public var lessonID: String
    public var attemptNumber: Int
    public var answers: [String: [String]]
    public var score: Int
    public var passed: Bool
    public var submittedAt: Date
}

/// What recording an attempt led to.
public struct AttemptOutcome: Sendable {
    public var attempt: QuizAttemptRecord
    /// False when the same submission (same client key) had already been recorded.
    public var isNew: Bool
    /// True when this attempt finished the last lesson of the course.
    public var completedCourse: Bool
}

public enum LearningError: Error, Equatable {
    case noAttemptsLeft(maxAttempts: Int)
    case quizNotReady
    /// The draw does not exist or belongs to another enrolment or lesson.
    case unknownDraw
    /// The draw was answered already (by another copy of the same page).
    case drawAlreadyAnswered
}

extension Store {
    public func enrolment(id: Int64) throws -> EnrolmentRecord? {
        try readOneStatement { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT e.*, c.course_id FROM enrolment e JOIN cohort c ON c.id = e.cohort_id WHERE e.id = ?
                """), arguments: [id]).map(Store.enrolment)
        }
    }

    public func enrolments(personID: Int64) throws -> [EnrolmentRecord] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT e.*, c.course_id FROM enrolment e JOIN cohort c ON c.id = e.cohort_id WHERE e.person_id = ? ORDER BY e.id
                """), arguments: [personID]).map(Store.enrolment)
        }
    }

    static func enrolment(_ row: Row) -> EnrolmentRecord {
        EnrolmentRecord(id: row["id"], cohortID: row["cohort_id"], personID: row["person_id"], courseID: row["course_id"],
                        courseVersionID: row["course_version_id"], enrolledAt: Store.date(row["enrolled_at"]) ?? .distantPast,
                        completedAt: Store.date(row["completed_at"]))
    }

    public func lessonProgress(enrolmentID: Int64) throws -> [String: LessonProgress] {
        try readOneStatement { db in
            var progress: [String: LessonProgress] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM lesson_progress WHERE enrolment_id = ?"),
                                        arguments: [enrolmentID]) {
                progress[row[1]] = Store.lessonProgress(row)
            }
            return progress
        }
    }

    /// Notes that a lesson was opened (the first opening starts its clock).
    public func markLessonOpened(enrolmentID: Int64, lessonID: String, at now: Date = Date()) throws {
        try pool.write { db in
            try db.cachedStatement(sql: """
                INSERT INTO lesson_progress (enrolment_id, lesson_id, opened_at, last_activity_at) VALUES (?1, ?2, ?3, ?3)
                ON CONFLICT (enrolment_id, lesson_id) DO UPDATE SET last_activity_at = ?3
                """).execute(arguments: [enrolmentID, lessonID, now.databaseText])
        }
    }

    /// Marks a lesson read; time spent is from first opening, capped so a tab left open does not count for days.
    public func markLessonRead(enrolmentID: Int64, lessonID: String, cap: TimeInterval, at now: Date = Date()) throws {
        try pool.write { db in
            let opened = try String.fetchOne(db.cachedStatement(sql: "SELECT opened_at FROM lesson_progress WHERE enrolment_id = ? AND lesson_id = ?"),
                                             arguments: [enrolmentID, lessonID]).flatMap { Store.date($0) } ?? now
            let seconds = Int(min(max(now.timeIntervalSince(opened), 0), cap))
            try db.cachedStatement(sql: """
                INSERT INTO lesson_progress (enrolment_id, lesson_id, opened_at, completed_at, seconds_spent, last_activity_at)
                VALUES (?1, ?2, ?3, ?3, ?4, ?3)
                ON CONFLICT (enrolment_id, lesson_id) DO UPDATE SET
                    completed_at = COALESCE(completed_at, ?3), seconds_spent = MAX(seconds_spent, ?4), last_activity_at = ?3
                """).execute(arguments: [enrolmentID, lessonID, now.databaseText, seconds])
        }
    }

    /// Records a graded attempt at a draw, atomically: counts a repeated client key once, refuses a draw that is not
    /// this lesson's or was answered already and an attempt beyond the limit, marks the draw answered, adds the
    /// `responses` to the version's item statistics, updates the lesson's best score, and completes the enrolment when
    /// every lesson is done.
    public func recordQuizAttempt(enrolmentID: Int64, versionID: Int64, lessonID: String, lessonIDs: [String], drawID: Int64,
                                  answers: [String: [String]], responses: [ItemResponse], score: Int, passed: Bool, maxAttempts: Int,
                                  clientKey: String?, at now: Date = Date()) throws -> AttemptOutcome {
        try pool.write { db in
            // Cached statements throughout: this is the busiest write path.
            if let clientKey, let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM quiz_attempt WHERE client_key = ?"),
                                                               arguments: [clientKey]) {
                return AttemptOutcome(attempt: try Store.attempt(existing), isNew: false, completedCourse: false)
            }
            guard let draw = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM quiz_draw WHERE id = ?"), arguments: [drawID]).map(Store.draw),
                  draw.enrolmentID == enrolmentID, draw.lessonID == lessonID else { throw LearningError.unknownDraw }
            guard draw.attemptID == nil else { throw LearningError.drawAlreadyAnswered }
            let done = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM quiz_attempt WHERE enrolment_id = ? AND lesson_id = ?"),
                                        arguments: [enrolmentID, lessonID]) ?? 0
            guard done < maxAttempts else { throw LearningError.noAttemptsLeft(maxAttempts: maxAttempts) }
            let answersJSON = String(decoding: try JSONEncoder().encode(answers), as: UTF8.self)
            try db.cachedStatement(sql: """
                INSERT INTO quiz_attempt (enrolment_id, lesson_id, attempt_number, seed, answers, score, passed, client_key, submitted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [enrolmentID, lessonID, done + 1, Int64(bitPattern: draw.seed), answersJSON, score, passed,
                                         clientKey, now.databaseText])
            let attemptID = db.lastInsertedRowID
            try db.cachedStatement(sql: "UPDATE quiz_draw SET attempt_id = ? WHERE id = ? AND attempt_id IS NULL")
                .execute(arguments: [attemptID, drawID])
            try Store.addResponses(responses, versionID: versionID, lessonID: lessonID, db: db)
            try db.cachedStatement(sql: """
                INSERT INTO lesson_progress (enrolment_id, lesson_id, opened_at, quiz_passed_at, best_score, attempts, last_activity_at)
                VALUES (?1, ?2, ?3, CASE WHEN ?4 THEN ?3 END, ?5, 1, ?3)
                ON CONFLICT (enrolment_id, lesson_id) DO UPDATE SET
                    quiz_passed_at = COALESCE(quiz_passed_at, CASE WHEN ?4 THEN ?3 END),
                    best_score = MAX(COALESCE(best_score, 0), ?5), attempts = attempts + 1, last_activity_at = ?3
                """).execute(arguments: [enrolmentID, lessonID, now.databaseText, passed, score])
            var completedCourse = false
            let finished = try Store.finishedLessons(enrolmentID, db: db)
            if finished == lessonIDs.count {
                try db.cachedStatement(sql: "UPDATE enrolment SET completed_at = ? WHERE id = ? AND completed_at IS NULL").execute(arguments: [now.databaseText, enrolmentID])
                completedCourse = db.changesCount == 1
            }
            let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM quiz_attempt WHERE id = ?"), arguments: [attemptID])!
            return AttemptOutcome(attempt: try Store.attempt(row), isNew: true, completedCourse: completedCourse)
        }
    }

    /// Completes the enrolment if every lesson is read and passed (after reading the last lesson, say).
    public func completeEnrolmentIfDone(_ enrolmentID: Int64, lessonCount: Int, at now: Date = Date()) throws -> Bool {
        try pool.write { db in
            let finished = try Store.finishedLessons(enrolmentID, db: db)
            guard finished == lessonCount else { return false }
            try db.cachedStatement(sql: "UPDATE enrolment SET completed_at = ? WHERE id = ? AND completed_at IS NULL").execute(arguments: [now.databaseText, enrolmentID])
            return db.changesCount == 1
        }
    }

    public func quizAttempt(id: Int64) throws -> QuizAttemptRecord? {
        try read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM quiz_attempt WHERE id = ?"), arguments: [id]).map(Store.attempt) }
    }

    public func quizAttempts(enrolmentID: Int64, lessonID: String) throws -> [QuizAttemptRecord] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM quiz_attempt WHERE enrolment_id = ? AND lesson_id = ? ORDER BY attempt_number"),
                             arguments: [enrolmentID, lessonID]).map(Store.attempt)
        }
    }

    /// Lessons both read and passed.
    static func finishedLessons(_ enrolmentID: Int64, db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COUNT(*) FROM lesson_progress WHERE enrolment_id = ? AND completed_at IS NOT NULL AND quiz_passed_at IS NOT NULL
            """), arguments: [enrolmentID]) ?? 0
    }

    /// The columns of `lesson_progress` in table order; rows from `SELECT *` are read by position (a page reads
    /// eight of them, and a lookup by column name costs more than the query).
    static let lessonProgressColumns = ["enrolment_id", "lesson_id", "opened_at", "completed_at", "quiz_passed_at", "best_score",
                                        "attempts", "seconds_spent", "last_activity_at"]

    static func lessonProgress(_ row: Row) -> LessonProgress {
        LessonProgress(openedAt: Store.date(row[2]), completedAt: Store.date(row[3]), quizPassedAt: Store.date(row[4]),
                       bestScore: row[5], attempts: row[6], secondsSpent: row[7], lastActivityAt: Store.date(row[8]))
    }

    static func attempt(_ row: Row) throws -> QuizAttemptRecord {
        let answersText: String = row["answers"]
        let seed: Int64 = row["seed"]
        return QuizAttemptRecord(id: row["id"], seed: UInt64(bitPattern: seed), enrolmentID: row["enrolment_id"], lessonID: row["lesson_id"],
                                 attemptNumber: row["attempt_number"],
                                 answers: try JSONDecoder().decode([String: [String]].self, from: Data(answersText.utf8)),
                                 score: row["score"], passed: row["passed"], submittedAt: Store.date(row["submitted_at"]) ?? .distantPast)
    }
}
