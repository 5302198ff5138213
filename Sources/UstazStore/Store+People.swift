public import Foundation
import GRDB
public import UstazCore

extension Store {
    /// Creates a person with their roles; the login must be free.
    @discardableResult
    public func createPerson(_ new: NewPerson, at now: Date = Date()) throws -> Person {
        try pool.write { db in try Store.insertPerson(new, now: now, db: db) }
    }

    static func insertPerson(_ new: NewPerson, now: Date, db: Database) throws -> Person {
        if let login = new.login,
           try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM person WHERE login = ?"), arguments: [login]) == true {
            throw StoreError("The login \"\(login)\" is already taken.")
        }
        try db.execute(
            sql: """
                INSERT INTO person (full_name, login, email, password_hash, language, school_id, region_id, created_at, activated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [new.fullName, new.login, new.email, new.passwordHash, new.language.rawValue, new.schoolID,
                        new.regionID, now.databaseText, new.passwordHash == nil ? nil : now.databaseText])
        let id = db.lastInsertedRowID
        for role in Set(new.roles) {
            try db.cachedStatement(sql: "INSERT INTO role_grant (person_id, role, region_id) VALUES (?, ?, ?)").execute(arguments: [id, role.rawValue, role == .coordinator ? new.coordinatorRegion : nil])
        }
        return try fetchPerson(id: id, db: db)!
    }

    public func person(id: Int64) throws -> Person? {
        try read { db in try Store.fetchPerson(id: id, db: db) }
    }

    /// The person and their password hash, for signing in.
    public func credentialsForLogin(_ login: String) throws -> (person: Person, passwordHash: String)? {
        try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, password_hash FROM person WHERE login = ?"),
                                             arguments: [login]),
                  let hash: String = row["password_hash"] else { return nil }
            return try Store.fetchPerson(id: row["id"], db: db).map { ($0, hash) }
        }
    }

    public func setPassword(personID: Int64, hash: String, at now: Date = Date()) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "UPDATE person SET password_hash = ?, activated_at = COALESCE(activated_at, ?) WHERE id = ?").execute(arguments: [hash, now.databaseText, personID])
        }
    }

    public func countPeople(withRole role: Role) throws -> Int {
        try read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM role_grant WHERE role = ?"), arguments: [role.rawValue]) ?? 0
        }
    }

    static func fetchPerson(id: Int64, db: Database) throws -> Person? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(personColumns) FROM person p WHERE p.id = ?"), arguments: [id])
            .map { Store.person($0, from: 0) }
    }

    /// A person's columns and role grants as one select list over `person p`, so that reading a person (with
    /// a session, on every signed-in request) is one statement; `person(_:from:)` reads them by position.
    static let personColumns = """
        p.id, p.full_name, p.login, p.email, p.language, p.school_id, p.region_id, p.activated_at,
        (SELECT group_concat(g.role || '=' || COALESCE(g.region_id, ''), ',') FROM role_grant g WHERE g.person_id = p.id)
        """

    static func person(_ row: Row, from start: Int) -> Person {
        var roles: [Role] = []
        var coordinatorRegion: String?
        for grant in ((row[start + 8] as String?) ?? "").split(separator: ",") {
            let parts = grant.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let role = Role(rawValue: String(parts[0])) else { continue }
            roles.append(role)
            if role == .coordinator, parts.count == 2, !parts[1].isEmpty { coordinatorRegion = String(parts[1]) }
        }
        return Person(id: row[start], fullName: row[start + 1], login: row[start + 2], email: row[start + 3],
                      language: Language(rawValue: row[start + 4]) ?? .kk, schoolID: row[start + 5], regionID: row[start + 6],
                      roles: roles.sorted(), coordinatorRegion: coordinatorRegion, isActivated: (row[start + 7] as String?) != nil)
    }
}

extension Store {
    public func person(login: String) throws -> Person? {
        try read { db in
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM person WHERE login = ?"), arguments: [login]).flatMap { try Store.fetchPerson(id: $0, db: db) }
        }
    }

    public func renamePerson(_ personID: Int64, to name: String) throws {
        try pool.write { db in try db.cachedStatement(sql: "UPDATE person SET full_name = ? WHERE id = ?").execute(arguments: [name, personID]) }
    }

    public func grantRole(_ role: Role, to personID: Int64, region: String? = nil) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "INSERT INTO role_grant (person_id, role, region_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING").execute(arguments: [personID, role.rawValue, region])
        }
    }
}
