public import Foundation
import GRDB
import Synchronization

/// The SQLite database: one file in WAL mode, readers in parallel, one writer at a time.
///
/// This is the only module that imports GRDB; callers see plain Swift values.
public final class Store: Sendable {
    let pool: DatabasePool
    /// Each thread's own read-only connection, for reads outside writes (`readOneStatement`, `read`, `snapshot`).
    let threadReader: ThreadReader
    public let path: String
    /// When a write was first refused for lack of space, until one succeeds again (Store+Space.swift).
    let outOfSpaceSince = Mutex<Date?>(nil)

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public convenience init(path: String) throws {
        try self.init(path: path, migratingUpTo: nil)
    }

    /// Opens the database migrated up to `migration` only, or fully for nil (tests of a later migration start
    /// from an older schema, fill it with `execute(sql:)`, then call `migrate()`).
    init(path: String, migratingUpTo migration: String?) throws {
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
        threadReader = ThreadReader(path: path, prepare: { db in Store.registerSearchFunctions(db) })
        if let migration { try Schema.migrator.migrate(pool, upTo: migration) } else { try Schema.migrator.migrate(pool) }
    }

    /// Applies the migrations not applied yet.
    func migrate() throws { try Schema.migrator.migrate(pool) }

    /// Runs SQL as written, in one transaction (tests only: setting up an older schema's rows).
    func execute(sql: String) throws { try pool.write { db in try db.execute(sql: sql) } }

    /// Names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// `PRAGMA integrity_check` — "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    public func journalMode() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
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
        if let snapshot = Snapshot.current(of: self) { return try body(snapshot) }
        return try threadReader.unsafeRead(body)
    }

    /// A read transaction, or the snapshot this thread is in (`snapshot(_:)`).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if let snapshot = Snapshot.current(of: self) { return try body(snapshot) }
        return try threadReader.read(body)
    }

    /// Runs `body` with every read of this store on this thread in one read transaction, so a page made of several
    /// reads sees one consistent state of the database. Writes inside go to the writer as usual (and are not seen
    /// by the snapshot's reads): a page writes after its reads.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        if Snapshot.current(of: self) != nil { return try body() }
        var deferred: [() throws -> Void] = []
        let value = try threadReader.read { db in
            Snapshot.enter(db, of: self)
            defer { deferred = Snapshot.leave() }
            return try body()
        }
        for write in deferred { try write() }
        return value
    }

    /// A write a page makes on the side (an audit of a view): inside a snapshot it runs once the page's reads are
    /// done; outside one, at once.
    public func afterReads(_ write: @escaping () throws -> Void) throws {
        guard Snapshot.defer(write, of: self) else { return try write() }
    }

    static func date(_ text: String?) -> Date? { text.flatMap(DatabaseTimestamp.parse) }
}

/// The read transaction a thread is in, per store: a thread serves one request at a time, so the snapshot of the
/// request it serves is the thread's.
private enum Snapshot {
    private static let key = "ustaz.store.snapshot"
    /// How many threads are in a snapshot: while none is, reads skip the thread-dictionary lookup.
    private static let active = Atomic<Int>(0)

    final class Entry {
        let database: Database
        let store: ObjectIdentifier
        var deferred: [() throws -> Void] = []
        init(_ database: Database, _ store: ObjectIdentifier) {
            self.database = database
            self.store = store
        }
    }

    static func current(of store: Store) -> Database? {
        guard active.load(ordering: .relaxed) > 0 else { return nil }
        guard let entry = Thread.current.threadDictionary[key] as? Entry, entry.store == ObjectIdentifier(store) else { return nil }
        return entry.database
    }

    static func enter(_ database: Database, of store: Store) {
        Thread.current.threadDictionary[key] = Entry(database, ObjectIdentifier(store))
        active.add(1, ordering: .relaxed)
    }

    /// The writes deferred in the snapshot being left.
    static func leave() -> [() throws -> Void] {
        let entry = Thread.current.threadDictionary[key] as? Entry
        Thread.current.threadDictionary[key] = nil
        active.subtract(1, ordering: .relaxed)
        return entry?.deferred ?? []
    }

    /// Keeps `write` for the end of this thread's snapshot of `store`; false when there is none.
    static func `defer`(_ write: @escaping () throws -> Void, of store: Store) -> Bool {
        guard active.load(ordering: .relaxed) > 0, let entry = Thread.current.threadDictionary[key] as? Entry,
              entry.store == ObjectIdentifier(store) else { return false }
        entry.deferred.append(write)
        return true
    }
}
