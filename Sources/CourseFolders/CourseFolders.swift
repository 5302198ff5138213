public import Foundation
public import UstazCore

// The catalogue read from folders on disk. UstazCore checks course files without touching the disk (it is handed a
// `CourseFiles`); this module is the one place that reads them from a folder, for the service and `ustaz courses`.

extension CourseFiles {
    /// Files on disk.
    public static let disk = CourseFiles(
        names: { (try? FileManager.default.contentsOfDirectory(atPath: $0.path)) ?? [] },
        exists: { FileManager.default.fileExists(atPath: $0.path) },
        contents: { FileManager.default.contents(atPath: $0.path) })
}

extension Catalogue {
    /// Loads every course under `folder` on disk; the courses come back only when there is no problem at all.
    public static func load(from folder: URL, requireFiguresAndKits: Bool = false) -> (Catalogue?, [CatalogueDiagnostic]) {
        load(from: folder, files: .disk, requireFiguresAndKits: requireFiguresAndKits)
    }

    /// Every problem under `folder` on disk, and every course that could be read whole.
    public static func inspect(_ folder: URL, requireFiguresAndKits: Bool = false) -> (courses: [Course], diagnostics: [CatalogueDiagnostic]) {
        inspect(folder, files: .disk, requireFiguresAndKits: requireFiguresAndKits)
    }
}
