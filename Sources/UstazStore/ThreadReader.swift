import Foundation
import GRDB
import Synchronization

/// A read-only SQLite connection of the calling thread, for every read outside a write: the single-statement reads
/// on hot paths (the session of every signed-in request, the health check, a lesson's progress) and the read
/// transactions of pages (a certificate's chain, a page's snapshot).
///
/// The pool's `unsafeRead` checks a reader out of the pool and back in on every call: a semaphore, a lock and
/// the pool's bookkeeping, more than the query itself costs for a lookup by primary key (the /healthz profile
/// had the pool's checkout at 13% of a request). A server thread answers one request at a time, so a connection
/// of its own needs none of that. Each thread keeps one connection, for the store it read last: in production
/// there is one store; a thread that alternates between stores (tests) reopens, which is correct and only slower.
struct ThreadReader: Sendable {
    let path: String
    let configuration: Configuration
    /// Which store the connection belongs to (numbered as stores open).
    let storeID: Int

    private static let opened = Atomic<Int>(0)

    init(path: String, prepare: @escaping @Sendable (Database) throws -> Void) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.label = "thread reader"
        configuration.prepareDatabase { db in
            // A small page cache: these connections run point queries, and each one stays for its thread's life.
            try db.execute(sql: "PRAGMA cache_size = -512")
            try prepare(db)
        }
        self.path = path
        self.configuration = configuration
        self.storeID = ThreadReader.opened.add(1, ordering: .relaxed).newValue
    }

    /// A thread's connection. Sendable because it changes hands only when its thread has ended.
    final class Entry: @unchecked Sendable {
        let storeID: Int
        let queue: DatabaseQueue
        init(_ storeID: Int, _ queue: DatabaseQueue) {
            self.storeID = storeID
            self.queue = queue
        }
    }

    /// Runs `body` on this thread's connection, outside a transaction (SQLite gives the statement its own snapshot).
    func unsafeRead<T>(_ body: (Database) throws -> T) throws -> T {
        try connection().inDatabase(body)
    }

    /// Runs `body` on this thread's connection in one read transaction: all its reads see one state of the database.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try connection().read(body)
    }

    private func connection() throws -> DatabaseQueue {
        let held = pthread_getspecific(threadReaderKey)
        if let held, case let entry = Unmanaged<Entry>.fromOpaque(held).takeUnretainedValue(), entry.storeID == storeID {
            return entry.queue
        }
        ThreadReader.closeLeftBehind()
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        pthread_setspecific(threadReaderKey, Unmanaged.passRetained(Entry(storeID, queue)).toOpaque())
        // The connection of another store, replaced (a read of it in progress on this thread holds its own reference).
        if let held { Unmanaged<Entry>.fromOpaque(held).release() }
        return queue
    }
}

extension ThreadReader {
    /// Connections of threads that ended. A thread's exit must not close its connection itself: GRDB closes on its
    /// dispatch queue, and libdispatch cannot be used while a thread's own thread-local data is being torn down (the
    /// test suite crashed with a corrupted heap when it did). The next connection opened closes them.
    static let leftBehind = Mutex<[Entry]>([])

    static func closeLeftBehind() {
        let entries = leftBehind.withLock { entries in
            defer { entries = [] }
            return entries
        }
        _ = entries  // released here, on a live thread
    }
}

/// The slot each thread keeps its reader in: a pthread key, whose destructor hands the connection to
/// `ThreadReader.leftBehind` when the thread ends. Not Foundation's thread dictionary, reached through `Thread.current`.
private let threadReaderKey: pthread_key_t = {
    var key = pthread_key_t()
    let created = pthread_key_create(&key) { held in
        guard let held else { return }
        let entry = Unmanaged<ThreadReader.Entry>.fromOpaque(held).takeRetainedValue()
        ThreadReader.leftBehind.withLock { $0.append(entry) }
    }
    precondition(created == 0, "no thread-specific key for the database readers (error \(created))")
    return key
}()
