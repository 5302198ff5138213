public import Foundation
import GRDB
public import UstazCore

/// What importing a teacher list did.
public struct TeacherImportResult: Sendable {
    /// People created by this import, each with the one-time activation code to hand them (shown once, stored hashed).
    public var created: [(personID: Int64, name: String, activationCode: String)]
    /// Rows that matched a person already in the database.
    public var existing: Int
    /// Enrolments created in the cohort.
    public var enrolled: Int

    public init(created: [(personID: Int64, name: String, activationCode: String)] = [], existing: Int = 0, enrolled: Int = 0) {
        self.created = created
        self.existing = existing
        self.enrolled = enrolled
    }
}

/// Rows of a teacher list that name an existing account the importer may not enrol (`AccountMatch`); nothing was
/// written. `row` is the position in the rows passed to `importTeachers`.
public struct EnrolmentRefusal: Error, Sendable, Equatable {
    public struct Refused: Sendable, Equatable {
        public var row: Int
        public var decision: AccountMatch.Decision

        public init(row: Int, decision: AccountMatch.Decision) {
            self.row = row
            self.decision = decision
        }
    }

    public var refused: [Refused]
    /// The cohort's join code, for the message telling the trainer what to hand the person instead.
    public var joinCode: String

    public init(refused: [Refused], joinCode: String) {
        self.refused = refused
        self.joinCode = joinCode
    }
}

extension Store {
    /// How long an activation code from an import stays valid.
    public static let activationCodeLifetime: TimeInterval = 30 * 24 * 3600
    static let activationAlphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    /// Every school code in the database.
    public func schoolCodes() throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db.cachedStatement(sql: "SELECT code FROM school"))) }
    }

    /// Inserts validated schools, all or nothing; a code already in the database (or twice in `rows`) is refused.
    /// Returns the number of schools inserted.
    @discardableResult
    public func importSchools(_ rows: [SchoolRow]) throws -> Int {
        try pool.write { db in
            var seen: Set<String> = []
            var taken: [String] = []
            for row in rows {
                let inDatabase = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM school WHERE code = ?"), arguments: [row.code]) == true
                if !seen.insert(row.code).inserted || inDatabase { taken.append(row.code) }
            }
            if !taken.isEmpty {
                let list = taken.map { "\"\($0)\"" }.joined(separator: ", ")
                throw StoreError(taken.count == 1
                    ? "A school with the code \(list) already exists; nothing was imported."
                    : "Schools with the codes \(list) already exist; nothing was imported.")
            }
            for row in rows {
                guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM region WHERE id = ?"), arguments: [row.regionID]) == true else {
                    throw StoreError("The school \"\(row.code)\" names an unknown region \"\(row.regionID)\"; nothing was imported.")
                }
                try db.cachedStatement(sql: """
                    INSERT INTO school (code, name, region_id, district, kind, pilot_wave) VALUES (?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [row.code, row.name, row.regionID, row.district, row.kind, row.pilotWave])
            }
            return rows.count
        }
    }

    /// Imports validated teachers in one transaction: nothing is written if anything fails.
    ///
    /// A row matches an existing person by the keyed hash of their IIN or, without an IIN, by the same full name at
    /// the same school; otherwise a teacher is created, without a password, with a one-time activation code.
    /// With `cohortID`, everyone in the file is enrolled in that cohort (once), within its capacity, as
    /// `AccountMatch` allows `actor`: a row whose existing account the actor may not enrol refuses the whole file
    /// (`EnrolmentRefusal`, listing every such row).
    /// - Parameters:
    ///   - iinHash: the keyed hash (HMAC-SHA256, hex) of an IIN, as stored in `person.iin_hash`.
    ///   - codeHash: the SHA-256 (hex) of an activation code, as stored in `one_time_code.code_hash`.
    public func importTeachers(_ rows: [TeacherRow], cohortID: Int64?, by actor: AccountMatch.Actor = .trainer,
                               iinHash: (IIN) -> String, codeHash: (String) -> String, now: Date) throws -> TeacherImportResult {
        try writeLarge { db in
            var result = TeacherImportResult()
            var cohort: (name: String, capacity: Int, courseVersionID: Int64, trainerID: Int64, joinCode: String)?
            if let cohortID {
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT name, capacity, course_version_id, trainer_id, join_code FROM cohort WHERE id = ?"),
                                                 arguments: [cohortID]) else {
                    throw StoreError("There is no cohort number \(cohortID); nothing was imported.")
                }
                cohort = (row["name"], row["capacity"], row["course_version_id"], row["trainer_id"], row["join_code"])
            }
            var refused: [EnrolmentRefusal.Refused] = []
            var schools: [String: (id: Int64, regionID: String)] = [:]
            for code in Set(rows.map(\.schoolCode)) {
                guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, region_id FROM school WHERE code = ?"), arguments: [code]) else {
                    throw StoreError("Unknown school \"\(code)\": no school has this code; nothing was imported.")
                }
                schools[code] = (row["id"], row["region_id"])
            }

            for (index, row) in rows.enumerated() {
                let school = schools[row.schoolCode]!
                let hash = row.iin.map(iinHash)
                // Cached statements: a national file has hundreds of thousands of rows.
                let existingID: Int64? = if let hash {
                    try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM person WHERE iin_hash = ?"), arguments: [hash])
                } else {
                    try Int64.fetchOne(
                        db.cachedStatement(sql: "SELECT id FROM person WHERE full_name = ? AND school_id = ? ORDER BY id LIMIT 1"),
                        arguments: [row.fullName, school.id])
                }
                let personID: Int64
                var origin = EnrolmentOrigin.created
                if let existingID {
                    personID = existingID
                    result.existing += 1
                    guard let cohortID, let cohort else { continue }
                    let existing = AccountMatch.Existing(personID: existingID, roles: try Store.roles(personID: existingID, db: db),
                                                         links: try Store.enrolmentLinks(personID: existingID, db: db))
                    switch AccountMatch.decide(actor: actor, cohortID: cohortID, cohortTrainerID: cohort.trainerID,
                                               existing: existing, key: hash == nil ? .nameAndSchool : .iin) {
                    case .enrol(let how): origin = how
                    case .alreadyEnrolled, .create: continue
                    case let decision:
                        refused.append(EnrolmentRefusal.Refused(row: index, decision: decision))
                        continue
                    }
                } else {
                    try db.cachedStatement(sql: """
                        INSERT INTO person (full_name, email, phone, language, school_id, region_id, subjects, grades,
                                            iin_hash, iin_masked, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [row.fullName, row.email, row.phone, row.language.rawValue, school.id, school.regionID,
                                         row.subjects, row.grades, hash, row.iin?.masked, now.databaseText])
                    personID = db.lastInsertedRowID
                    try db.cachedStatement(sql: "INSERT INTO role_grant (person_id, role) VALUES (?, ?)")
                        .execute(arguments: [personID, Role.teacher.rawValue])
                    let code = try Store.insertActivationCode(personID: personID, codeHash: codeHash, now: now, db: db)
                    result.created.append((personID, row.fullName, code))
                }
                if let cohortID, let cohort {
                    try db.cachedStatement(sql: """
                        INSERT INTO enrolment (cohort_id, person_id, course_version_id, enrolled_at, origin) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (cohort_id, person_id) DO NOTHING
                        """).execute(arguments: [cohortID, personID, cohort.courseVersionID, now.databaseText, origin.rawValue])
                    result.enrolled += db.changesCount
                }
            }
            if let cohort, !refused.isEmpty { throw EnrolmentRefusal(refused: refused, joinCode: cohort.joinCode) }

            if let cohortID, let cohort, result.enrolled > 0 {
                let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM enrolment WHERE cohort_id = ?"), arguments: [cohortID]) ?? 0
                if total > cohort.capacity {
                    let before = total - result.enrolled
                    throw StoreError("""
                        The cohort "\(cohort.name)" has a capacity of \(cohort.capacity) and already holds \(before); \
                        enrolling \(result.enrolled) more would exceed it. Nothing was imported.
                        """)
                }
            }
            return result
        }
    }

    static func roles(personID: Int64, db: Database) throws -> [Role] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT role FROM role_grant WHERE person_id = ?"), arguments: [personID])
            .compactMap(Role.init(rawValue:))
    }

    /// Creates a one-time code for a person (activation or password reset) and returns it in clear; only its hash is stored.
    static func insertActivationCode(personID: Int64, codeHash: (String) -> String, now: Date, db: Database,
                                     purpose: String = "activation", lifetime: TimeInterval = activationCodeLifetime) throws -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let code = String((0..<10).map { _ in activationAlphabet.randomElement(using: &generator)! })
            let hash = codeHash(code)
            guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM one_time_code WHERE code_hash = ?"), arguments: [hash]) != true else {
                continue  // astronomically unlikely; draw again
            }
            try db.cachedStatement(
                sql: "INSERT INTO one_time_code (code_hash, purpose, person_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [hash, purpose, personID, now.databaseText, now.addingTimeInterval(lifetime).databaseText])
            return code
        }
    }
}
