public import Foundation
import GRDB
public import UstazCore

extension Store {
    /// Records the loaded catalogue: a course whose content hash is new becomes a version "in review".
    /// Returns the versions created.
    @discardableResult
    public func registerCatalogue(_ catalogue: Catalogue, at now: Date = Date()) throws -> [CourseVersionRecord] {
        try pool.write { db in
            var created: [CourseVersionRecord] = []
            for course in catalogue.courses {
                try db.cachedStatement(sql: """
                    INSERT INTO course_version (course_id, content_hash, credential, title_kk, title_ru, title_en, lesson_count,
                                                authors, content, loaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (course_id, content_hash) DO NOTHING
                    """).execute(arguments: [course.id, course.contentHash, course.credential.rawValue, course.title.kk,
                                     course.title.ru, course.title.en, course.lessons.count,
                                     course.authors.joined(separator: ","), try JSONEncoder().encode(course), now.databaseText])
                if db.changesCount == 1 {
                    created.append(CourseVersionRecord(id: db.lastInsertedRowID, courseID: course.id,
                                                       contentHash: course.contentHash, status: "in-review", loadedAt: now))
                }
            }
            return created
        }
    }

    public func courseVersions(courseID: String? = nil) throws -> [CourseVersionRecord] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT id, course_id, content_hash, status, loaded_at FROM course_version
                WHERE ?1 IS NULL OR course_id = ?1 ORDER BY course_id, id
                """), arguments: [courseID]).map(Store.courseVersion)
        }
    }

    public func courseVersion(courseID: String, contentHash: String) throws -> CourseVersionRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT id, course_id, content_hash, status, loaded_at FROM course_version WHERE course_id = ? AND content_hash = ?"),
                             arguments: [courseID, contentHash]).map(Store.courseVersion)
        }
    }

    /// Marks a version approved (used when every lesson has been approved by a reviewer, and by the demo).
    public func approveCourseVersion(id: Int64, at now: Date = Date()) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "UPDATE course_version SET status = 'approved', approved_at = ? WHERE id = ?").execute(arguments: [now.databaseText, id])
        }
    }

    /// The content of a version exactly as it was registered.
    public func courseContent(versionID: Int64) throws -> Course? {
        let data = try read { db in
            try Data.fetchOne(db.cachedStatement(sql: "SELECT content FROM course_version WHERE id = ?"), arguments: [versionID])
        }
        return try data.map { try JSONDecoder().decode(Course.self, from: $0) }
    }

    /// The newest approved version of a course: what new cohorts get.
    public func latestApprovedVersion(courseID: String) throws -> CourseVersionRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT id, course_id, content_hash, status, loaded_at FROM course_version
                WHERE course_id = ? AND status = 'approved' ORDER BY approved_at DESC, id DESC LIMIT 1
                """), arguments: [courseID]).map(Store.courseVersion)
        }
    }

    public func courseVersion(id: Int64) throws -> CourseVersionRecord? {
        try read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT id, course_id, content_hash, status, loaded_at FROM course_version WHERE id = ?"),
                             arguments: [id]).map(Store.courseVersion)
        }
    }

    static func courseVersion(_ row: Row) -> CourseVersionRecord {
        CourseVersionRecord(id: row["id"], courseID: row["course_id"], contentHash: row["content_hash"],
                            status: row["status"], loadedAt: Store.date(row["loaded_at"]) ?? .distantPast)
    }
}
