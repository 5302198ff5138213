public import Foundation
import GRDB
public import UstazCore

extension Store {
    /// Running sums per quiz item and per option, by course version: the item-statistics page reads these few hundred
    /// rows instead of the attempts. Each submitted attempt adds to them in its own transaction.
    static func itemStatisticsMigration(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE item_tally (
                course_version_id INTEGER NOT NULL REFERENCES course_version(id),
                lesson_id TEXT NOT NULL,
                item_id TEXT NOT NULL,
                responses INTEGER NOT NULL,     -- attempts that showed the item
                correct INTEGER NOT NULL,       -- of them, answered right
                rest_sum INTEGER NOT NULL,      -- Σ items right among the attempt's others
                rest_squares INTEGER NOT NULL,  -- Σ of their squares
                correct_rest INTEGER NOT NULL,  -- Σ of the rest over the responses answered right
                PRIMARY KEY (course_version_id, lesson_id, item_id)
            ) WITHOUT ROWID;
            CREATE TABLE option_tally (
                course_version_id INTEGER NOT NULL REFERENCES course_version(id),
                lesson_id TEXT NOT NULL,
                item_id TEXT NOT NULL,
                option_id TEXT NOT NULL,
                chosen INTEGER NOT NULL,        -- responses choosing it (ordering: putting the step in its place)
                PRIMARY KEY (course_version_id, lesson_id, item_id, option_id)
            ) WITHOUT ROWID;
            """)
        try rebuildItemTallies(db)
    }

    /// Adds one attempt's responses to the tallies; called inside the transaction that records the attempt.
    static func addResponses(_ responses: [ItemResponse], versionID: Int64, lessonID: String, db: Database) throws {
        let item = try db.cachedStatement(sql: """
            INSERT INTO item_tally (course_version_id, lesson_id, item_id, responses, correct, rest_sum, rest_squares, correct_rest)
            VALUES (?1, ?2, ?3, 1, ?4, ?5, ?5 * ?5, ?4 * ?5)
            ON CONFLICT DO UPDATE SET responses = responses + 1, correct = correct + ?4, rest_sum = rest_sum + ?5,
                rest_squares = rest_squares + ?5 * ?5, correct_rest = correct_rest + ?4 * ?5
            """)
        let option = try db.cachedStatement(sql: """
            INSERT INTO option_tally (course_version_id, lesson_id, item_id, option_id, chosen) VALUES (?, ?, ?, ?, 1)
            ON CONFLICT DO UPDATE SET chosen = chosen + 1
            """)
        for response in responses {
            try item.execute(arguments: [versionID, lessonID, response.itemID, response.correct ? 1 : 0, response.rest])
            for chosen in response.options { try option.execute(arguments: [versionID, lessonID, response.itemID, chosen]) }
        }
    }

    /// The tallies of a course version: lesson id → item id → tally.
    public func itemTallies(versionID: Int64) throws -> [String: [String: ItemTally]] {
        try read { db in
            var tallies: [String: [String: ItemTally]] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM item_tally WHERE course_version_id = ?"), arguments: [versionID]) {
                tallies[row["lesson_id"], default: [:]][row["item_id"]] = ItemTally(
                    responses: row["responses"], correct: row["correct"], restSum: row["rest_sum"], restSquares: row["rest_squares"],
                    correctRest: row["correct_rest"])
            }
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM option_tally WHERE course_version_id = ?"), arguments: [versionID]) {
                let lesson: String = row["lesson_id"], item: String = row["item_id"]
                tallies[lesson, default: [:]][item, default: ItemTally()].options[row["option_id"]] = row["chosen"]
            }
            return tallies
        }
    }

    /// Recomputes every tally from the recorded attempts (they must agree with the running sums).
    public func rebuildItemStatistics() throws {
        try writeLarge { db in try Store.rebuildItemTallies(db) }
    }

    /// Stores tallies computed elsewhere (the synthetic nation accumulates them while it writes attempts).
    static func insertTallies(_ tallies: [Int64: [String: [String: ItemTally]]], db: Database) throws {
        let item = try db.cachedStatement(sql: """
            INSERT INTO item_tally (course_version_id, lesson_id, item_id, responses, correct, rest_sum, rest_squares, correct_rest)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let option = try db.cachedStatement(sql: "INSERT INTO option_tally (course_version_id, lesson_id, item_id, option_id, chosen) VALUES (?, ?, ?, ?, ?)")
        for (version, lessons) in tallies {
            for (lesson, items) in lessons {
                for (id, tally) in items {
                    try item.execute(arguments: [version, lesson, id, tally.responses, tally.correct, tally.restSum, tally.restSquares,
                                                 tally.correctRest])
                    for (chosen, count) in tally.options { try option.execute(arguments: [version, lesson, id, chosen, count]) }
                }
            }
        }
    }

    static func rebuildItemTallies(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM item_tally; DELETE FROM option_tally")
        var tallies: [Int64: [String: [String: ItemTally]]] = [:]
        let versions = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT id, content FROM course_version WHERE id IN (SELECT DISTINCT course_version_id FROM enrolment)
            """))
        for version in versions {
            let versionID: Int64 = version["id"]
            let content: Data = version["content"]
            guard let course = try? JSONDecoder().decode(Course.self, from: content) else { continue }
            let attempts = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT a.lesson_id, a.answers, d.items FROM quiz_attempt a JOIN enrolment e ON e.id = a.enrolment_id
                LEFT JOIN quiz_draw d ON d.attempt_id = a.id WHERE e.course_version_id = ?
                """), arguments: [versionID])
            while let attempt = try attempts.next() {
                let lessonID: String = attempt[0]
                guard let quiz = course.lesson(lessonID)?.quiz,
                      let answers = try? JSONDecoder().decode([String: [String]].self, from: Data((attempt[1] as String).utf8)) else { continue }
                // Attempts recorded before draws showed every item.
                let items = (attempt[2] as String?).map { $0.split(separator: ",").map(String.init) } ?? quiz.questions.map(\.id)
                for response in ItemResponse.of(quiz, items: items, answers: answers) {
                    tallies[versionID, default: [:]][lessonID, default: [:]][response.itemID, default: ItemTally()].add(response)
                }
            }
        }
        try insertTallies(tallies, db: db)
    }
}
