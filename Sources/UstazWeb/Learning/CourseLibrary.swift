import Synchronization
import UstazCore
import UstazStore

/// Course versions by id, decoded once from the database and kept: a version never changes.
final class CourseLibrary: Sendable {
    private let store: Store
    private let cache = Mutex<[Int64: Course]>([:])
    /// Lesson bodies as HTML, by course content hash, lesson and language: rendered once, served many times.
    private let renderedLessons = Mutex<[String: HTML]>([:])

    init(store: Store) { self.store = store }

    func course(versionID: Int64) throws -> Course? {
        if let cached = cache.withLock({ $0[versionID] }) { return cached }
        guard let course = try store.courseContent(versionID: versionID) else { return nil }
        cache.withLock { $0[versionID] = course }
        return course
    }

    /// The version new learners get: the newest approved one.
    func published(_ courseID: String) throws -> (Course, CourseVersionRecord)? {
        guard let version = try store.latestApprovedVersion(courseID: courseID),
              let course = try course(versionID: version.id) else { return nil }
        return (course, version)
    }

    func lessonBody(_ course: Course, _ lesson: Lesson, _ language: Language) -> HTML {
        let key = "\(course.contentHash)/\(lesson.id)/\(language.rawValue)"
        if let cached = renderedLessons.withLock({ $0[key] }) { return cached }
        let html = LessonRenderer.html(lesson.document(language))
        renderedLessons.withLock { $0[key] = html }
        return html
    }
}
