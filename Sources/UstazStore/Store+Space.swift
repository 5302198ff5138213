public import Foundation
import GRDB

/// A full disk. SQLite then refuses each write with SQLITE_FULL and rolls its transaction back, so
/// nothing half-written stays and nothing committed before is touched; reads go on. Nothing has to
/// be reset when space returns: the next write simply succeeds.
extension Store {
    /// True when `error` is SQLite refusing a write for lack of space; the refusal is then remembered
    /// for `writesRefusedSince()` (the health check).
    public func noteIfOutOfSpace(_ error: any Error, at now: Date = Date()) -> Bool {
        guard let error = error as? DatabaseError, error.resultCode == .SQLITE_FULL else { return false }
        outOfSpaceSince.withLock { since in if since == nil { since = now } }
        return true
    }

    /// Since when writes have been refused for lack of space, or nil when writing works. While they
    /// are refused, each call tries one small real write, so the answer turns to nil once space returns.
    public func writesRefusedSince() -> Date? {
        guard let since = outOfSpaceSince.withLock({ $0 }) else { return nil }
        do {
            // Rewriting user_version with its own value changes nothing, yet commits a page to the WAL:
            // it needs exactly the space any write needs. (Ustaz does not use user_version otherwise.)
            try pool.writeWithoutTransaction { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
        } catch {
            return since
        }
        outOfSpaceSince.withLock { $0 = nil }
        return nil
    }
}
