import Foundation
import Testing
@testable import UstazWeb

/// A newcomer finds the folder for any URL in one step: the README's table of URL prefixes says where each route
/// lives, and every route is declared in that folder.
@Suite("Routes live in the folders the README names")
struct RouteFolderTests {
    /// The README's "Where each URL lives" table: (prefix, folder) pairs. `…` stands for one path segment.
    static func readmeTable() throws -> [(prefix: String, folder: String)] {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "| URL prefix | Folder |") else { return [] }
        var pairs: [(String, String)] = []
        for line in readme[start.upperBound...].split(separator: "\n").dropFirst() {
            guard line.hasPrefix("|") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2 else { continue }
            let folder = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            for prefix in cells[0].split(separator: ",") {
                pairs.append((prefix.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")), folder))
            }
        }
        return pairs
    }

    /// Whether `pattern` starts with `prefix`, where `…` in the prefix stands for one or more segments. A prefix
    /// ends at a segment boundary ("/courses" covers "/courses" and "/courses/…", not "/coursesx"; "/admin/audit"
    /// covers "/admin/audit.csv"); "/" alone is the home page only.
    static func matches(_ pattern: String, _ prefix: String) -> Bool {
        if prefix == "/" { return pattern == "/" }
        let expression = "^" + NSRegularExpression.escapedPattern(for: prefix).replacingOccurrences(of: "…", with: "[^/]+(/[^/]+)*")
            + (prefix.hasSuffix("/") ? "" : "([/.]|$)")
        return pattern.range(of: expression, options: .regularExpression) != nil
    }

    /// The folder the table names for a pattern: the longest matching prefix.
    static func folder(for pattern: String, in table: [(prefix: String, folder: String)]) -> String? {
        table.filter { matches(pattern, $0.prefix) }.max { $0.prefix.count < $1.prefix.count }?.folder
    }

    @Test func everyRouteIsDeclaredInTheFolderTheReadmeNames() throws {
        let table = try Self.readmeTable()
        #expect(table.count >= 30)
        let ustaz = try AuthorizationMatrixTests.world().ustaz
        var wrong: [String] = []
        for declaration in ustaz.routeTable().declarations {
            let expected = Self.folder(for: declaration.pattern, in: table)
            if expected != declaration.folder {
                wrong.append("\(declaration.key): declared in \(declaration.folder), the README says \(expected ?? "nothing")")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
        // Every folder the table names exists.
        for folder in Set(table.map(\.folder)) {
            var isFolder: ObjCBool = false
            let path = repositoryRoot.appendingPathComponent("Sources/UstazWeb/\(folder)").path
            #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue, "\(folder)")
        }
    }

    @Test func prefixesMatchBySegmentAndTheLongestWins() {
        let table = [("/cohorts", "Cohorts"), ("/cohorts/…/import", "Cascade"), ("/courses/", "Learning"), ("/courses", "Account")]
        #expect(Self.folder(for: "/cohorts/:cohort", in: table) == "Cohorts")
        #expect(Self.folder(for: "/cohorts/:cohort/import", in: table) == "Cascade")
        #expect(Self.folder(for: "/courses", in: table) == "Account")
        #expect(Self.folder(for: "/courses/:course", in: table) == "Learning")
        #expect(Self.folder(for: "/cohortsx", in: table) == nil)
        #expect(Self.folder(for: "/courses/:course/:lesson/kit.pdf", in: [("/courses/", "Learning"), ("/courses/…/kit.pdf", "Kits")]) == "Kits")
        #expect(Self.folder(for: "/signin", in: [("/", "Account")]) == nil)
    }
}

/// Work of tens of milliseconds or more runs on the server's slow lane, so that it cannot take the workers every
/// page uses: each password hash (64 MiB of argon2id), each rendered file, each roster import. Everything else
/// stays on the fast lane. A new route that hashes or renders belongs in this list.
@Suite("Slow work is declared for the slow lane")
struct SlowLaneRouteTests {
    static let slowRoutes: Set<String> = [
        "POST /signin", "POST /setup/:code", "POST /activate", "POST /reset",
        "GET /certificates/:serial/pdf", "GET /certificates/:serial/png", "GET /cohorts/:cohort/certificates.zip",
        "GET /courses/:course/:lesson/kit.pdf", "GET /learn/:enrolment/:lesson/kit.pdf", "GET /review/:version/:lesson/kit.pdf",
        "POST /cohorts/:cohort/import", "POST /schools/import",
    ]

    @Test func theSlowRoutesAreExactlyTheHashingRenderingAndImportingOnes() throws {
        let router = try AuthorizationMatrixTests.world().ustaz.routeTable().router
        #expect(Set(router.slowRoutes) == Self.slowRoutes)
        #expect(router.match(.post, "/signin").lane == .slow)
        #expect(router.match(.head, "/certificates/7/pdf").lane == .slow)
        #expect(router.match(.get, "/v/abc").lane == .fast)
        #expect(router.match(.get, "/nowhere").lane == .fast)
    }
}
