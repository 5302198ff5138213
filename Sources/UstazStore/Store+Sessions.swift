public import Foundation
import GRDB
public import UstazCore

extension Store {
    /// Stores a session under the hash of its cookie value (the value itself is never stored).
    public func createSession(idHash: String, personID: Int64, csrfToken: String, now: Date, expiresAt: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO session (id_hash, person_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [idHash, personID, csrfToken, now.databaseText, now.databaseText, expiresAt.databaseText])
        }
    }

    public func session(idHash: String) throws -> SessionRecord? {
        try sessionWithPerson(idHash: idHash)?.session
    }

    /// The session and the person it belongs to, in one statement: this runs on every signed-in request.
    public func sessionWithPerson(idHash: String) throws -> (session: SessionRecord, person: Person)? {
        try readOneStatement { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT s.csrf_token, s.expires_at, s.last_seen_at, \(Store.personColumns)
                FROM session s JOIN person p ON p.id = s.person_id WHERE s.id_hash = ?
                """), arguments: [idHash]) else { return nil }
            let person = Store.person(row, from: 3)
            let session = SessionRecord(personID: person.id, csrfToken: row[0], expiresAt: Store.date(row[1]) ?? .distantPast,
                                        lastSeenAt: Store.date(row[2]) ?? .distantPast)
            return (session, person)
        }
    }

    public func touchSession(idHash: String, at now: Date) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "UPDATE session SET last_seen_at = ? WHERE id_hash = ?").execute(arguments: [now.databaseText, idHash])
        }
    }

    public func deleteSession(idHash: String) throws {
        try pool.write { db in try db.cachedStatement(sql: "DELETE FROM session WHERE id_hash = ?").execute(arguments: [idHash]) }
    }

    /// Records a one-time code (setup link, activation, reset) by its hash.
    public func createOneTimeCode(hash: String, purpose: String, personID: Int64?, now: Date, expiresAt: Date) throws {
        try pool.write { db in
            try db.execute(
                sql: "INSERT INTO one_time_code (code_hash, purpose, person_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [hash, purpose, personID, now.databaseText, expiresAt.databaseText])
        }
    }

    /// Whether a code is valid now, without using it up.
    public func oneTimeCodeIsValid(hash: String, purpose: String, now: Date) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT 1 FROM one_time_code WHERE code_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
                """), arguments: [hash, purpose, now.databaseText]) == true
        }
    }

    /// Uses up a code and runs `action` in the same transaction; returns nil when the code is
    /// unknown, used or expired (so two simultaneous uses cannot both succeed).
    public func consumeOneTimeCode<T>(hash: String, purpose: String, now: Date,
                                      _ action: (_ personID: Int64?, _ transaction: Transaction) throws -> T) throws -> T? {
        try pool.write { db in
            try db.cachedStatement(sql: """
                UPDATE one_time_code SET used_at = ? WHERE code_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
                """).execute(arguments: [now.databaseText, hash, purpose, now.databaseText])
            guard db.changesCount == 1 else { return nil }
            let personID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT person_id FROM one_time_code WHERE code_hash = ?"), arguments: [hash])
            return try action(personID, Transaction(db: db))
        }
    }

    public func loginExists(_ login: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM person WHERE login = ?"), arguments: [login]) == true }
    }

    /// True once any admin exists (the setup link is then no longer offered).
    public func hasAdmin() throws -> Bool {
        try read { db in try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM role_grant WHERE role = 'admin' LIMIT 1")) == true }
    }
}

/// Writes that must happen inside a transaction the store opened.
public struct Transaction {
    let db: Database

    @discardableResult
    public func createPerson(_ new: NewPerson, at now: Date = Date()) throws -> Person {
        try Store.insertPerson(new, now: now, db: db)
    }

    /// Gives an imported person their login and password (activation). An account that already has a password
    /// is never taken over by an activation code: it is refused (`alreadyActive`), as is a login someone holds.
    public func activate(personID: Int64, login: String, passwordHash: String, at now: Date = Date()) throws {
        if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM person WHERE login = ?"), arguments: [login]) == true { throw ActivationError.loginTaken }
        try db.cachedStatement(sql: """
            UPDATE person SET login = ?, password_hash = ?, activated_at = ?
            WHERE id = ? AND password_hash IS NULL AND erased_at IS NULL
            """).execute(arguments: [login, passwordHash, now.databaseText, personID])
        guard db.changesCount == 1 else { throw ActivationError.alreadyActive }
    }
}

/// Why an activation code could not be used; the transaction that would have used it is rolled back.
public enum ActivationError: Error, Equatable {
    case loginTaken
    case alreadyActive
}
