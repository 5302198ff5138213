public import Foundation
import GRDB
public import UstazCore

extension Schema {
    /// Indexes for the coverage dashboards at national scale, and a change counter that tells their
    /// cached snapshot, in one read of one row, whether anything it counts has changed.
    static func v2Coverage(_ db: Database) throws {
        try db.execute(sql: """
            -- One entry per valid credential, covering the per-person aggregate (SQLite reads the
            -- partial index's own condition columns from the index only if they are in it).
            CREATE INDEX credential_valid_person ON credential(person_id, kind, generation, issued_on, revoked_at, superseded_by)
                WHERE revoked_at IS NULL AND superseded_by IS NULL;
            -- Active lead trainers: valid credentials of a kind, by expiry.
            CREATE INDEX credential_valid_kind ON credential(kind, expires_on, person_id, revoked_at, superseded_by)
                WHERE revoked_at IS NULL AND superseded_by IS NULL;
            CREATE INDEX enrolment_person_completed ON enrolment(person_id, completed_at);
            CREATE INDEX school_pilot ON school(pilot_wave) WHERE pilot_wave IS NOT NULL;

            CREATE TABLE coverage_change (id INTEGER PRIMARY KEY CHECK (id = 1), counter INTEGER NOT NULL);
            INSERT INTO coverage_change (id, counter) VALUES (1, 0);
            """)
        let watched: [(table: String, events: [String])] = [
            ("credential", ["INSERT", "UPDATE", "DELETE"]),
            ("enrolment", ["INSERT", "UPDATE OF completed_at, person_id", "DELETE"]),
            ("person", ["INSERT", "UPDATE OF region_id, school_id, subjects", "DELETE"]),
            ("school", ["INSERT", "UPDATE", "DELETE"]),
            ("cohort", ["INSERT", "DELETE"]),
            ("region", ["UPDATE"]),
            ("setting", ["INSERT", "UPDATE", "DELETE"]),
        ]
        for (table, events) in watched {
            for (index, event) in events.enumerated() {
                try db.execute(sql: """
                    CREATE TRIGGER coverage_change_\(table)_\(index) AFTER \(event) ON \(table)
                    BEGIN UPDATE coverage_change SET counter = counter + 1 WHERE id = 1; END
                    """)
            }
        }
    }
}

/// The raw counts behind the coverage dashboards, read in one transaction so they agree with each other.
public struct CoverageFacts: Sendable {
    /// People certified, grouped by region, their highest credential and the day of their first one.
    public struct CertifiedGroup: Sendable {
        public var regionID: String?
        public var kind: CredentialKind
        public var generation: Int
        public var firstIssuedOn: String
        public var people: Int
    }

    public struct Training: Sendable {
        public var regionID: String?
        /// People with at least one enrolment.
        public var enrolled: Int
        /// People with an unfinished enrolment and no valid credential yet.
        public var inTraining: Int
    }

    public struct RegionTarget: Sendable {
        public var id: String
        public var target: Int?
        public var source: String?
    }

    public struct PilotSchool: Sendable {
        public var id: Int64
        public var code: String
        public var name: String
        public var regionID: String
        public var kind: String
        public var wave: Int
        /// The `subjects` text of each certified person at the school (nil where none was recorded).
        public var certifiedSubjects: [String?]
    }

    public var certified: [CertifiedGroup]
    public var training: [Training]
    /// Holders of a valid, unexpired lead-trainer credential, by region (nil = no region recorded).
    public var leadTrainers: [String?: Int]
    public var regions: [RegionTarget]
    public var pilotSchools: [PilotSchool]
    /// Schools and cohorts registered, for the home page's figures.
    public var schools: Int
    public var cohorts: Int
}

extension Store {
    /// The same test of validity as the home page's national count: neither revoked nor replaced.
    static let validCredential = "revoked_at IS NULL AND superseded_by IS NULL"

    /// A number that changes whenever anything the coverage dashboards count changes.
    public func coverageChangeCounter() throws -> Int {
        try read { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT counter FROM coverage_change WHERE id = 1")) ?? 0 }
    }

    public func coverageFacts(today: Day) throws -> CoverageFacts {
        try read { db in
            // Each person counts once, under their highest credential (master > lead > teacher, then the
            // earliest generation) and in the week of their first credential.
            let certified = try Row.fetchAll(db, sql: """
                SELECT p.region_id, t.top, t.first_on, COUNT(*) AS people
                FROM (SELECT person_id,
                             MIN(CASE kind WHEN 'master-trainer' THEN 0 WHEN 'lead-trainer' THEN 1 ELSE 2 END * 1000 + generation) AS top,
                             MIN(issued_on) AS first_on
                      FROM credential WHERE \(Store.validCredential) GROUP BY person_id) t
                JOIN person p ON p.id = t.person_id
                GROUP BY p.region_id, t.top, t.first_on
                """).map { row -> CoverageFacts.CertifiedGroup in
                let top: Int = row["top"]
                let kind: CredentialKind = switch top / 1000 { case 0: .masterTrainer; case 1: .leadTrainer; default: .teacher }
                return .init(regionID: row["region_id"], kind: kind, generation: top % 1000, firstIssuedOn: row["first_on"],
                             people: row["people"])
            }
            let training = try Row.fetchAll(db, sql: """
                SELECT p.region_id, COUNT(*) AS enrolled,
                       SUM(e.open AND NOT EXISTS (SELECT 1 FROM credential c WHERE c.person_id = e.person_id AND \(Store.validCredential))) AS training
                FROM (SELECT person_id, MAX(completed_at IS NULL) AS open FROM enrolment GROUP BY person_id) e
                JOIN person p ON p.id = e.person_id
                GROUP BY p.region_id
                """).map { CoverageFacts.Training(regionID: $0["region_id"], enrolled: $0["enrolled"], inTraining: $0["training"]) }
            var leads: [String?: Int] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT p.region_id, COUNT(DISTINCT c.person_id) AS leads
                FROM credential c JOIN person p ON p.id = c.person_id
                WHERE c.kind = 'lead-trainer' AND \(Store.validCredential) AND (c.expires_on IS NULL OR c.expires_on >= ?)
                GROUP BY p.region_id
                """, arguments: [today.iso]) {
                leads[row["region_id"] as String?] = row["leads"]
            }
            let regions = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, target, target_source FROM region")).map {
                CoverageFacts.RegionTarget(id: $0["id"], target: $0["target"], source: $0["target_source"])
            }
            var schools: [CoverageFacts.PilotSchool] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT s.id, s.code, s.name, s.region_id, s.kind, s.pilot_wave, p.id AS person, p.subjects
                FROM school s LEFT JOIN person p ON p.school_id = s.id
                    AND EXISTS (SELECT 1 FROM credential c WHERE c.person_id = p.id AND \(Store.validCredential))
                WHERE s.pilot_wave IS NOT NULL
                ORDER BY s.pilot_wave, s.region_id, s.code
                """) {
                let id: Int64 = row["id"]
                if schools.last?.id != id {
                    schools.append(.init(id: id, code: row["code"], name: row["name"], regionID: row["region_id"], kind: row["kind"],
                                         wave: row["pilot_wave"], certifiedSubjects: []))
                }
                if (row["person"] as Int64?) != nil { schools[schools.count - 1].certifiedSubjects.append(row["subjects"]) }
            }
            let counts = try Row.fetchOne(db.cachedStatement(sql: "SELECT (SELECT COUNT(*) FROM school) AS schools, (SELECT COUNT(*) FROM cohort) AS cohorts"))!
            return CoverageFacts(certified: certified, training: training, leadTrainers: leads, regions: regions, pilotSchools: schools,
                                 schools: counts["schools"], cohorts: counts["cohorts"])
        }
    }

    /// Sets a region's own target with where the figure comes from, or (nil) returns it to the default share.
    public func setRegionTarget(regionID: String, target: Int?, source: String?) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "UPDATE region SET target = ?, target_source = ? WHERE id = ?").execute(arguments: [target, target == nil ? nil : source, regionID])
            guard db.changesCount == 1 else { throw StoreError("There is no region \"\(regionID)\".") }
        }
    }

    /// Records what a person teaches, as free text (roster corrections and seeding).
    public func setSubjects(personID: Int64, subjects: String?) throws {
        try pool.write { db in
            try db.cachedStatement(sql: "UPDATE person SET subjects = ? WHERE id = ?").execute(arguments: [subjects, personID])
        }
    }
}
