import Foundation
import Testing
import UstazCore
import UstazStore

/// An upgrade keeps the data. The fixture is a database written by the service at the previous schema
/// (v1-foundation … v3-coverage: the demo world plus sign-ins, a quiz attempt, a practice lesson, a
/// setting and a region target), kept as gzipped SQL; scripts/make-upgrade-fixture.py made it. The
/// test turns it back into a backup file, restores that with `Store.restore` (which migrates forward,
/// as `ustaz restore` does), and reads everything back.
@Suite("Upgrades keep the data of the previous schema")
struct UpgradeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/schema-v3-coverage.sql.gz")
    static let previousSchema = ["v1-foundation", "v2-privacy", "v3-coverage"]
    /// State the service derives and may reset, not data people entered: the counter the coverage report's
    /// cache watches (a migration that touches counted tables moves it, which only makes the report recount).
    static let derived: Set<String> = ["coverage_change"]

    @Test func aBackupOfThePreviousSchemaRestoresMigratedWithEveryValueKept() throws {
        let folder = try temporaryFolder("upgrade")
        let backup = folder.appendingPathComponent("backup-v3.sqlite").path
        try sqlite(backup, input: try gunzip(Self.fixture))
        #expect(try sqlite(backup, "SELECT identifier FROM grdb_migrations ORDER BY rowid") == Self.previousSchema.joined(separator: "\n") + "\n")

        let current = try Store(path: folder.appendingPathComponent("fresh.sqlite").path).appliedMigrations()
        let store = try Store(path: folder.appendingPathComponent("ustaz.sqlite").path)
        try store.restore(from: backup)
        #expect(try store.appliedMigrations() == current, "the restored database is migrated to the current schema")
        #expect(try store.integrityCheck() == "ok")
        try store.close()
        let restored = folder.appendingPathComponent("ustaz.sqlite").path

        // Every row of every table of the old schema is still there, every old column value for value (blobs as
        // hex). New rows may join (the migrations' own record, data a migration derives).
        var rows = 0
        var differing: [String] = []
        for table in try sqlite(backup, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").split(separator: "\n")
        where !Self.derived.contains(String(table)) {
            let columns = try sqlite(backup, "SELECT name FROM pragma_table_info('\(table)') ORDER BY cid")
                .split(separator: "\n").map { "\"\($0)\"" }.joined(separator: ", ")
            let query = "SELECT \(columns) FROM \"\(table)\""
            let before = try sqlite(backup, query, quoted: true).split(separator: "\n")
            var after = Dictionary(try sqlite(restored, query, quoted: true).split(separator: "\n").map { ($0, 1) }, uniquingKeysWith: +)
            rows += before.count
            for row in before {
                guard let left = after[row], left > 0 else {
                    differing.append("\(table): \(row.prefix(200))")
                    continue
                }
                after[row] = left - 1
            }
        }
        #expect(differing == [], "rows missing or changed after the upgrade: \(differing.prefix(10))")
        #expect(rows > 100)

        // And through the store, as the service reads them.
        let upgraded = try Store(path: restored)
        defer { try? upgraded.close() }
        let olga = try #require(try upgraded.credentialsForLogin("teacher.olga")?.person)
        #expect(olga.fullName == "Ольга Петренко")
        #expect(olga.language == .ru)
        let aigerim = try #require(try upgraded.credentialsForLogin("teacher.aigerim")?.person)
        #expect(try upgraded.credentials(personID: aigerim.id).first?.kind == .teacher)
        let enrolment = try #require(try upgraded.enrolments(personID: olga.id).first { $0.completedAt == nil })
        let attempted = try upgraded.lessonProgress(enrolmentID: enrolment.id).keys
        #expect(try attempted.contains { try !upgraded.quizAttempts(enrolmentID: enrolment.id, lessonID: $0).isEmpty })
        #expect(try upgraded.setting("coverage.cohort-size") == "24")
        print("reliability: upgrade: a v3 backup (\(rows) rows) restored and migrated to \(current.last ?? "?"), every value kept")
    }

    /// The text of a gzipped file (gzip is part of every Debian).
    func gunzip(_ file: URL) throws -> String {
        try run("/bin/gzip", ["-dc", file.path])
    }

    /// Runs SQL through the sqlite3 shell; `quoted` prints values as SQL literals, so blobs compare exactly.
    @discardableResult
    func sqlite(_ database: String, _ sql: String = "", input: String? = nil, quoted: Bool = false) throws -> String {
        try run("/usr/bin/sqlite3", (quoted ? ["-cmd", ".mode quote"] : []) + [database] + (sql.isEmpty ? [] : [sql]), input: input)
    }

    func run(_ tool: String, _ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let feed = Pipe()
        if input != nil { process.standardInput = feed }
        try process.run()
        if let input {
            // Written from another thread: the tool may fill its output pipe before it has read all of this.
            let writer = Thread { feed.fileHandleForWriting.write(Data(input.utf8)); try? feed.fileHandleForWriting.close() }
            writer.start()
        }
        let text = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0, problems.isEmpty else {
            throw StoreError("\(tool) \(arguments.prefix(2).joined(separator: " ")) failed: \(problems)")
        }
        return String(decoding: text, as: UTF8.self)
    }
}
