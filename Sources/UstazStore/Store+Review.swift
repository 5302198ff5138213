public import Foundation
import GRDB

public struct LessonReview: Sendable {
    public var lessonID: String
    public var reviewerID: Int64
    public var reviewerName: String
    public var decision: String
    public var comment: String?
    public var decidedAt: Date
}

extension Store {
    /// Every decision on a version, oldest first (the review history).
    public func reviews(versionID: Int64) throws -> [LessonReview] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT r.*, p.full_name FROM lesson_review r JOIN person p ON p.id = r.reviewer_id
                WHERE r.course_version_id = ? ORDER BY r.id
                """), arguments: [versionID]).map {
                LessonReview(lessonID: $0["lesson_id"], reviewerID: $0["reviewer_id"], reviewerName: $0["full_name"],
                             decision: $0["decision"], comment: $0["comment"], decidedAt: Store.date($0["decided_at"]) ?? .distantPast)
            }
        }
    }

    public func courseVersionAuthors(versionID: Int64) throws -> [String] {
        try read { db in
            (try String.fetchOne(db.cachedStatement(sql: "SELECT authors FROM course_version WHERE id = ?"), arguments: [versionID]) ?? "")
                .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        }
    }

    /// Records a reviewer's decision on one lesson and settles the version: approved once every lesson's latest
    /// decision is an approval, rejected as soon as a lesson is rejected. Returns the version's new status.
    public func recordLessonReview(versionID: Int64, lessonID: String, lessonIDs: [String], reviewerID: Int64,
                                   approve: Bool, comment: String?, at now: Date = Date()) throws -> String {
        try pool.write { db in
            let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM course_version WHERE id = ?"), arguments: [versionID])
            guard status == "in-review" else { throw StoreError("This version is no longer in review (it is \(status ?? "unknown")).") }
            try db.cachedStatement(sql: """
                INSERT INTO lesson_review (course_version_id, lesson_id, reviewer_id, decision, comment, decided_at) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [versionID, lessonID, reviewerID, approve ? "approved" : "rejected", comment, now.databaseText])
            if !approve {
                try db.cachedStatement(sql: "UPDATE course_version SET status = 'rejected' WHERE id = ?").execute(arguments: [versionID])
                return "rejected"
            }
            let latest = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT lesson_id, decision FROM lesson_review r
                WHERE course_version_id = ? AND id = (SELECT MAX(id) FROM lesson_review WHERE course_version_id = r.course_version_id AND lesson_id = r.lesson_id)
                """), arguments: [versionID])
            let approved = Set(latest.filter { $0["decision"] == "approved" }.map { $0["lesson_id"] as String })
            if Set(lessonIDs).isSubset(of: approved) {
                try db.cachedStatement(sql: "UPDATE course_version SET status = 'approved', approved_at = ? WHERE id = ?").execute(arguments: [now.databaseText, versionID])
                return "approved"
            }
            return "in-review"
        }
    }
}
