public import Foundation
import GRDB

/// The SQLite database: one file in WAL mode, readers in parallel, one writer at a time.
///
/// This is the only module that imports GRDB; callers see plain Swift values.
public final class Store: Sendable {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = max(4, ProcessInfo.processInfo.activeProcessorCount * 2)
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL survives a killed process; only an OS crash can lose the
            // last transactions. That is the trade for thousands of quiz submissions a second.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            Store.registerSearchFunctions(db)
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try Schema.migrator.migrate(pool)
    }

    /// Names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// `PRAGMA integrity_check` — "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Closes the database after a final checkpoint (graceful shutdown).
    public func close() throws {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try pool.close()
    }

    /// Copies the whole database into a new file at `destination`, consistent even while others write.
    public func backup(to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StoreError("\(destination) already exists; choose a new file name for the backup.")
        }
        let target = try DatabaseQueue(path: destination)
        try pool.backup(to: target)
        try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        try target.close()
    }

    /// Replaces the contents of this database with those of the backup at `source`, after checking it.
    public func restore(from source: String) throws {
        guard FileManager.default.fileExists(atPath: source) else { throw StoreError("\(source) does not exist.") }
        var configuration = Configuration()
        configuration.readonly = true
        let backup = try DatabaseQueue(path: source, configuration: configuration)
        try backup.read { db in
            let check = try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ")
            guard check == "ok" else { throw StoreError("\(source) is damaged: \(check)") }
            guard try db.tableExists("grdb_migrations"), try db.tableExists("person") else {
                throw StoreError("\(source) is not an Ustaz database.")
            }
        }
        try backup.backup(to: pool)
        try backup.close()
        try Schema.migrator.migrate(pool)
    }
}

public struct StoreError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Date {
    /// ISO 8601 in UTC with seconds, the form every timestamp column uses.
    var databaseText: String { DatabaseTimestamp.format(self) }
}

extension Store {
    /// Reads with a single statement, outside a transaction: SQLite gives each statement its own
    /// consistent snapshot, so `read`'s BEGIN and COMMIT would cost more than the query on hot paths.
    func readOneStatement<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.unsafeRead(body)
    }

    static func date(_ text: String?) -> Date? { text.flatMap(DatabaseTimestamp.parse) }
}
