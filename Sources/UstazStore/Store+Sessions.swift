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
        try pool.read { db in
            guard let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT person_id, csrf_token, expires_at, last_seen_at FROM session WHERE id_hash = ?"),
                arguments: [idHash]) else { return nil }
            return SessionRecord(personID: row["person_id"], csrfToken: row["csrf_token"],
                                 expiresAt: Store.date(row["expires_at"]) ?? .distantPast,
                                 lastSeenAt: Store.date(row["last_seen_at"]) ?? .distantPast)
        }
    }

    /// The session and the person it belongs to, in one statement: this runs on every signed-in request.
    public func sessionWithPerson(idHash: String) throws -> (session: SessionRecord, person: Person)? {
        try readOneStatement { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT s.person_id, s.csrf_token, s.expires_at, s.last_seen_at,
                       p.full_name, p.login, p.email, p.language, p.school_id, p.region_id, p.activated_at,
                       (SELECT group_concat(g.role || '=' || COALESCE(g.region_id, ''), ',') FROM role_grant g
                        WHERE g.person_id = p.id) AS grants
                FROM session s JOIN person p ON p.id = s.person_id WHERE s.id_hash = ?
                """), arguments: [idHash]) else { return nil }
            let session = SessionRecord(personID: row[0], csrfToken: row[1], expiresAt: Store.date(row[2]) ?? .distantPast,
                                        lastSeenAt: Store.date(row[3]) ?? .distantPast)
            var roles: [Role] = []
            var coordinatorRegion: String?
            for grant in ((row[11] as String?) ?? "").split(separator: ",") {
                let parts = grant.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let role = Role(rawValue: String(parts[0])) else { continue }
                roles.append(role)
                if role == .coordinator, parts.count == 2, !parts[1].isEmpty { coordinatorRegion = String(parts[1]) }
            }
            let person = Person(id: session.personID, fullName: row[4], login: row[5], email: row[6],
                                language: Language(rawValue: row[7]) ?? .kk, schoolID: row[8], regionID: row[9],
                                roles: roles.sorted(), coordinatorRegion: coordinatorRegion, isActivated: (row[10] as String?) != nil)
            return (session, person)
        }
    }

    public func touchSession(idHash: String, at now: Date) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE session SET last_seen_at = ? WHERE id_hash = ?", arguments: [now.databaseText, idHash])
        }
    }

    public func deleteSession(idHash: String) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM session WHERE id_hash = ?", arguments: [idHash]) }
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
        try pool.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT 1 FROM one_time_code WHERE code_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
                """, arguments: [hash, purpose, now.databaseText]) == true
        }
    }

    /// Uses up a code and runs `action` in the same transaction; returns nil when the code is
    /// unknown, used or expired (so two simultaneous uses cannot both succeed).
    public func consumeOneTimeCode<T>(hash: String, purpose: String, now: Date,
                                      _ action: (_ personID: Int64?, _ transaction: Transaction) throws -> T) throws -> T? {
        try pool.write { db in
            try db.execute(sql: """
                UPDATE one_time_code SET used_at = ? WHERE code_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
                """, arguments: [now.databaseText, hash, purpose, now.databaseText])
            guard db.changesCount == 1 else { return nil }
            let personID = try Int64.fetchOne(db, sql: "SELECT person_id FROM one_time_code WHERE code_hash = ?", arguments: [hash])
            return try action(personID, Transaction(db: db))
        }
    }

    public func loginExists(_ login: String) throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE login = ?", arguments: [login]) == true }
    }

    /// True once any admin exists (the setup link is then no longer offered).
    public func hasAdmin() throws -> Bool {
        try pool.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM role_grant WHERE role = 'admin' LIMIT 1") == true }
    }
}

/// Writes that must happen inside a transaction the store opened.
public struct Transaction {
    let db: Database

    @discardableResult
    public func createPerson(_ new: NewPerson, at now: Date = Date()) throws -> Person {
        try Store.insertPerson(new, now: now, db: db)
    }

    /// Gives an imported person their login and password (activation).
    public func activate(personID: Int64, login: String, passwordHash: String, at now: Date = Date()) throws {
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE login = ?", arguments: [login]) == true {
            throw StoreError("The login \"\(login)\" is already taken.")
        }
        try db.execute(sql: "UPDATE person SET login = ?, password_hash = ?, activated_at = ? WHERE id = ?",
                       arguments: [login, passwordHash, now.databaseText, personID])
    }
}
