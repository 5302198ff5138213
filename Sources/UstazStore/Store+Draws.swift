public import Foundation
import GRDB

/// The items drawn for one attempt at a lesson's quiz, fixed when the quiz page is served.
public struct QuizDrawRecord: Sendable, Equatable {
    public var id: Int64
    public var enrolmentID: Int64
    public var lessonID: String
    public var seed: UInt64
    /// Item ids in the order shown.
    public var items: [String]
    /// The attempt that answered this draw; nil while it waits for answers.
    public var attemptID: Int64?
}

extension Store {
    /// One pending draw per enrolment and lesson: the quiz page shows it until it is answered, so a copy saved for
    /// offline use stays valid. An answered draw is the attempt's record of what it showed.
    static func drawsMigration(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE quiz_draw (
                id INTEGER PRIMARY KEY,
                enrolment_id INTEGER NOT NULL REFERENCES enrolment(id) ON DELETE CASCADE,
                lesson_id TEXT NOT NULL,
                seed INTEGER NOT NULL,            -- of the generator that drew the items and shuffles their options
                items TEXT NOT NULL,              -- item ids in the order shown, comma-separated
                created_at TEXT NOT NULL,
                attempt_id INTEGER UNIQUE REFERENCES quiz_attempt(id) ON DELETE CASCADE   -- NULL until answered
            );
            CREATE INDEX quiz_draw_lesson ON quiz_draw(enrolment_id, lesson_id);
            CREATE UNIQUE INDEX quiz_draw_pending ON quiz_draw(enrolment_id, lesson_id) WHERE attempt_id IS NULL;
            """)
    }

    /// The lesson's pending draw, or a new one: `make` receives the items already seen (in answered draws) and
    /// returns the seed and items. Two pages served at once get the same draw.
    public func pendingDraw(enrolmentID: Int64, lessonID: String, at now: Date = Date(),
                            make: (Set<String>) -> (seed: UInt64, items: [String])) throws -> QuizDrawRecord {
        try pool.write { db in
            if let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM quiz_draw WHERE enrolment_id = ? AND lesson_id = ? AND attempt_id IS NULL
                """), arguments: [enrolmentID, lessonID]) {
                return Store.draw(row)
            }
            let (seed, items) = make(try Store.seenItems(enrolmentID: enrolmentID, lessonID: lessonID, db: db))
            try db.cachedStatement(sql: """
                INSERT INTO quiz_draw (enrolment_id, lesson_id, seed, items, created_at) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [enrolmentID, lessonID, Int64(bitPattern: seed), items.joined(separator: ","), now.databaseText])
            return QuizDrawRecord(id: db.lastInsertedRowID, enrolmentID: enrolmentID, lessonID: lessonID, seed: seed, items: items,
                                  attemptID: nil)
        }
    }

    public func quizDraw(id: Int64) throws -> QuizDrawRecord? {
        try readOneStatement { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM quiz_draw WHERE id = ?"), arguments: [id]).map(Store.draw)
        }
    }

    /// The draw an attempt answered; nil for attempts recorded before draws.
    public func quizDraw(attemptID: Int64) throws -> QuizDrawRecord? {
        try readOneStatement { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM quiz_draw WHERE attempt_id = ?"), arguments: [attemptID]).map(Store.draw)
        }
    }

    /// Items of the lesson's bank that were in an answered draw.
    public func seenItems(enrolmentID: Int64, lessonID: String) throws -> Set<String> {
        try read { db in try Store.seenItems(enrolmentID: enrolmentID, lessonID: lessonID, db: db) }
    }

    static func seenItems(enrolmentID: Int64, lessonID: String, db: Database) throws -> Set<String> {
        let lists = try String.fetchAll(db.cachedStatement(sql: """
            SELECT items FROM quiz_draw WHERE enrolment_id = ? AND lesson_id = ? AND attempt_id IS NOT NULL
            """), arguments: [enrolmentID, lessonID])
        return Set(lists.flatMap { $0.split(separator: ",").map(String.init) })
    }

    static func draw(_ row: Row) -> QuizDrawRecord {
        let items: String = row["items"]
        let seed: Int64 = row["seed"]
        return QuizDrawRecord(id: row["id"], enrolmentID: row["enrolment_id"], lessonID: row["lesson_id"], seed: UInt64(bitPattern: seed),
                              items: items.split(separator: ",").map(String.init), attemptID: row["attempt_id"])
    }
}
