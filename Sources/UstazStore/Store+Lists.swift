import Foundation
import GRDB
public import UstazCore

/// What a list of people may be narrowed to. Empty fields do not narrow.
public struct PeopleFilter: Sendable, Equatable {
    /// Part of a name or login, in any case or script mix.
    public var text: String
    public var regionID: String?
    public var schoolCode: String?

    public init(text: String = "", regionID: String? = nil, schoolCode: String? = nil) {
        self.text = text
        self.regionID = regionID
        self.schoolCode = schoolCode
    }
}

public struct PersonListing: Sendable {
    public var person: Person
    public var schoolName: String?
    public var schoolCode: String?
}

public enum CohortStatus: String, Sendable, CaseIterable {
    case upcoming, running, finished
}

public struct CohortFilter: Sendable, Equatable {
    /// Part of the cohort's name.
    public var text: String
    public var regionID: String?
    /// Only this trainer's cohorts (a trainer sees no others).
    public var trainerID: Int64?
    /// Part of the trainer's name or login.
    public var trainerText: String
    public var courseID: String?
    public var status: CohortStatus?

    public init(text: String = "", regionID: String? = nil, trainerID: Int64? = nil, trainerText: String = "",
                courseID: String? = nil, status: CohortStatus? = nil) {
        self.text = text
        self.regionID = regionID
        self.trainerID = trainerID
        self.trainerText = trainerText
        self.courseID = courseID
        self.status = status
    }
}

public struct CohortListing: Sendable {
    public var cohort: CohortRecord
    public var trainerName: String
    public var members: Int
    public var completed: Int
}

public struct SchoolListing: Sendable {
    public var school: School
    public var teachers: Int
}

/// Lists that grow with the country, read one page at a time in index order.
extension Store {
    /// A condition on a person id column matching `text` by folded name or login: the trigram index
    /// for three letters or more, a scan of word starts below that (too short for trigrams).
    private static func personMatch(_ column: String, _ text: String) -> (sql: String, arguments: StatementArguments)? {
        let folded = SearchKey.fold(text)
        guard !folded.isEmpty else { return nil }
        if folded.count >= 3 {
            let phrase = "\"" + folded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return ("\(column) IN (SELECT rowid FROM person_search WHERE person_search MATCH ?)", [phrase])
        }
        return ("\(column) IN (SELECT id FROM person WHERE ' ' || search_key LIKE ? ESCAPE '\\')", ["% " + likeEscaped(folded) + "%"])
    }

    private static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    public func people(_ filter: PeopleFilter, page: PageRequest) throws -> ListPage<PersonListing> {
        try read { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if let match = Store.personMatch("p.id", filter.text) {
                conditions.append(match.sql)
                arguments += match.arguments
            }
            if let region = filter.regionID {
                conditions.append("p.region_id = ?")
                arguments += [region]
            }
            if let code = filter.schoolCode, !code.isEmpty {
                conditions.append("p.school_id = (SELECT id FROM school WHERE code = ?)")
                arguments += [code]
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [page.fetchLimit, page.offset]
            // The page's ids first, from the index alone; only then the 50 rows with their roles and school. Walking a
            // deep offset through whole rows took 356 ms at page 1,000 on the national dataset, this takes 4 ms.
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Store.personColumns), s.name, s.code
                FROM (SELECT p.id FROM person p \(whereClause) ORDER BY p.sort_key, p.id LIMIT ? OFFSET ?) AS picked
                JOIN person p ON p.id = picked.id LEFT JOIN school s ON s.id = p.school_id
                ORDER BY p.sort_key, p.id
                """, arguments: arguments)
            return ListPage(fetched: rows.map { row in
                PersonListing(person: Store.person(row, from: 0), schoolName: row[9], schoolCode: row[10])
            }, request: page)
        }
    }

    public func cohorts(_ filter: CohortFilter, page: PageRequest, today: Day) throws -> ListPage<CohortListing> {
        try read { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            let folded = SearchKey.fold(filter.text)
            if !folded.isEmpty {
                conditions.append("c.name LIKE ? ESCAPE '\\'")
                arguments += ["%" + Store.likeEscaped(filter.text.trimmingCharacters(in: .whitespaces)) + "%"]
            }
            if let region = filter.regionID {
                conditions.append("c.region_id = ?")
                arguments += [region]
            }
            if let trainer = filter.trainerID {
                conditions.append("c.trainer_id = ?")
                arguments += [trainer]
            }
            if let match = Store.personMatch("c.trainer_id", filter.trainerText) {
                conditions.append(match.sql)
                arguments += match.arguments
            }
            if let course = filter.courseID {
                conditions.append("c.course_id = ?")
                arguments += [course]
            }
            switch filter.status {
            case .upcoming?: conditions.append("c.starts_on > ?"); arguments += [today.iso]
            case .running?: conditions.append("c.starts_on <= ? AND c.ends_on >= ?"); arguments += [today.iso, today.iso]
            case .finished?: conditions.append("c.ends_on < ?"); arguments += [today.iso]
            case nil: break
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [page.fetchLimit, page.offset]
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.*, t.full_name AS trainer_name,
                       (SELECT COUNT(*) FROM enrolment e WHERE e.cohort_id = c.id) AS members,
                       (SELECT COUNT(e.completed_at) FROM enrolment e WHERE e.cohort_id = c.id) AS finished
                FROM cohort c JOIN person t ON t.id = c.trainer_id
                \(whereClause) ORDER BY c.starts_on DESC, c.id DESC LIMIT ? OFFSET ?
                """, arguments: arguments)
            return ListPage(fetched: rows.map { row in
                CohortListing(cohort: Store.cohort(row), trainerName: row["trainer_name"], members: row["members"], completed: row["finished"])
            }, request: page)
        }
    }

    public func schools(matching text: String, regionID: String?, page: PageRequest) throws -> ListPage<SchoolListing> {
        try read { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            let folded = SearchKey.fold(text)
            if !folded.isEmpty {
                conditions.append("s.search_key LIKE ? ESCAPE '\\'")
                arguments += ["%" + Store.likeEscaped(folded) + "%"]
            }
            if let regionID {
                conditions.append("s.region_id = ?")
                arguments += [regionID]
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            arguments += [page.fetchLimit, page.offset]
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM person p WHERE p.school_id = s.id) AS teachers
                FROM school s \(whereClause) ORDER BY s.name, s.id LIMIT ? OFFSET ?
                """, arguments: arguments)
            return ListPage(fetched: rows.map { SchoolListing(school: Store.school($0), teachers: $0["teachers"]) }, request: page)
        }
    }

    /// Master-trainer certificates in Kazakh alphabetical order of their holders.
    public func masterTrainerCredentials(matching text: String, page: PageRequest) throws -> ListPage<CredentialRecord> {
        try read { db in
            var arguments: StatementArguments = []
            var condition = ""
            if let match = Store.personMatch("c.person_id", text) {
                condition = "AND " + match.sql
                arguments += match.arguments
            }
            arguments += [page.fetchLimit, page.offset]
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.* FROM credential c JOIN person p ON p.id = c.person_id
                WHERE c.kind = 'master-trainer' \(condition) ORDER BY p.sort_key, c.id LIMIT ? OFFSET ?
                """, arguments: arguments)
            return ListPage(fetched: rows.map(Store.credential), request: page)
        }
    }

    /// Names by person id, for lists computed elsewhere (one statement for the whole page).
    public func names(of ids: [Int64]) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var names: [Int64: String] = [:]
            // SQLite allows 32,766 parameters in a statement: a national list of trainers goes in chunks.
            for start in stride(from: 0, to: ids.count, by: 10_000) {
                let chunk = ids[start..<min(start + 10_000, ids.count)]
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT id, full_name FROM person WHERE id IN (\(placeholders))",
                                            arguments: StatementArguments(Array(chunk))) {
                    names[row[0]] = row[1]
                }
            }
            return names
        }
    }

    /// Moves whenever a learner's outcome can have changed (a quiz submitted, an enrolment, a certificate):
    /// the fidelity report is recomputed only when it does.
    public func outcomesChangeCounter() throws -> Int {
        try read { db in
            try Int.fetchOne(db.cachedStatement(sql: """
                SELECT (SELECT COALESCE(MAX(id), 0) FROM quiz_attempt) + (SELECT COALESCE(MAX(id), 0) FROM enrolment)
                     + (SELECT counter FROM coverage_change WHERE id = 1)
                """)) ?? 0
        }
    }

    static func school(_ row: Row) -> School {
        School(id: row["id"], code: row["code"], name: row["name"], regionID: row["region_id"], district: row["district"],
               kind: row["kind"], pilotWave: row["pilot_wave"])
    }
}
