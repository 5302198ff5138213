import Crypto
import HTTPServer
import Printing
import Synchronization
import UstazCore
import UstazStore

/// Course versions by id, decoded once from the database and kept: a version never changes.
final class CourseLibrary: Sendable {
    private let store: Store
    private let cache = Mutex<[Int64: Course]>([:])
    /// Lesson bodies as HTML, by course content hash, lesson and language: rendered once, served many times.
    private let renderedLessons = Mutex<[String: HTML]>([:])
    /// Every figure of every decoded version, by the fingerprint in its address (/f/<fingerprint>.svg).
    private let figureFiles = Mutex<[String: FigureFile]>([:])
    /// Printed kits by content hash, lesson and language, newest last; kept under `kitBudget` bytes.
    private let kits = Mutex<[(key: String, pdf: [UInt8])]>([])
    static let kitBudget = 24 << 20

    /// A figure as served: the rewritten SVG, and gzipped when that is smaller.
    struct FigureFile: Sendable {
        var svg: [UInt8]
        var gzipped: [UInt8]?
    }

    init(store: Store) { self.store = store }

    func course(versionID: Int64) throws -> Course? {
        if let cached = cache.withLock({ $0[versionID] }) { return cached }
        guard let course = try store.courseContent(versionID: versionID) else { return nil }
        index(figuresOf: course)
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
        let html = LessonRenderer.html(lesson.document(language), context(course, lesson, language))
        renderedLessons.withLock { $0[key] = html }
        return html
    }

    /// What a lesson's HTML refers to in one language: its figures' addresses, the course's sources.
    func context(_ course: Course, _ lesson: Lesson, _ language: Language) -> LessonRenderer.Context {
        let figures = (lesson.figures?[language] ?? [:]).mapValues { figure in
            ServedFigure(url: CourseLibrary.address(of: figure), width: Int(figure.width.rounded()), height: Int(figure.height.rounded()))
        }
        return LessonRenderer.Context(figures: figures, sources: course.sources ?? [], text: .for(language))
    }

    // MARK: Figures

    /// The fingerprint of a figure: the first 16 hex digits of the SHA-256 of the bytes served.
    static func fingerprint(of figure: Figure) -> String {
        String(Hex.string(SHA256.hash(data: Array(figure.svg.utf8))).prefix(16))
    }

    static func address(of figure: Figure) -> String { "/f/\(fingerprint(of: figure)).svg" }

    private func index(figuresOf course: Course) {
        var found: [String: FigureFile] = [:]
        for lesson in course.lessons {
            for figure in (lesson.figures ?? [:]).values.flatMap(\.values) {
                let svg = Array(figure.svg.utf8)
                let gzipped = Gzip.compress(svg, level: 9)
                found[CourseLibrary.fingerprint(of: figure)] = FigureFile(svg: svg, gzipped: gzipped.count < svg.count ? gzipped : nil)
            }
        }
        guard !found.isEmpty else { return }
        figureFiles.withLock { $0.merge(found) { old, _ in old } }
    }

    /// The figure served under `fingerprint`. A figure of a version not decoded since the start (a page saved on
    /// a phone, say) is found by decoding the versions not yet seen.
    func figure(_ fingerprint: String) throws -> FigureFile? {
        if let file = figureFiles.withLock({ $0[fingerprint] }) { return file }
        let seen = cache.withLock { Set($0.keys) }
        for version in try store.courseVersions() where !seen.contains(version.id) {
            _ = try course(versionID: version.id)
        }
        return figureFiles.withLock { $0[fingerprint] }
    }

    // MARK: Kits

    /// A lesson's kit as a PDF in `language`: printed on first request, then kept (a version never changes).
    func kitPDF(_ course: Course, _ lesson: Lesson, _ language: Language) throws -> [UInt8]? {
        guard let print = KitPrinting.job(course, lesson, language) else { return nil }
        let key = "\(course.contentHash)/\(lesson.id)/\(language.rawValue)"
        if let cached = kits.withLock({ $0.first { $0.key == key }?.pdf }) { return cached }
        let pdf = try KitRenderer.render(print).bytes
        kits.withLock { shelf in
            shelf.removeAll { $0.key == key }
            shelf.append((key, pdf))
            while shelf.reduce(0, { $0 + $1.pdf.count }) > CourseLibrary.kitBudget, shelf.count > 1 { shelf.removeFirst() }
        }
        return pdf
    }
}
