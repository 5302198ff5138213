import GRDB

extension Store {
    public struct EnrolmentSummary: Sendable {
        public var enrolmentID: Int64
        public var cohortName: String
        public var courseID: String
        public var lessonsCompleted: Int
        public var completed: Bool
    }

    public struct CohortSummary: Sendable {
        public var cohort: CohortRecord
        public var members: Int
        public var completed: Int
    }

    /// The courses a person is taking, with how far they are.
    public func enrolmentSummaries(personID: Int64) throws -> [EnrolmentSummary] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT e.id, c.name, c.course_id, e.completed_at IS NOT NULL AS completed,
                       (SELECT COUNT(*) FROM lesson_progress p WHERE p.enrolment_id = e.id AND p.completed_at IS NOT NULL) AS done
                FROM enrolment e JOIN cohort c ON c.id = e.cohort_id
                WHERE e.person_id = ? ORDER BY e.enrolled_at DESC
                """), arguments: [personID]).map {
                EnrolmentSummary(enrolmentID: $0["id"], cohortName: $0["name"], courseID: $0["course_id"],
                                 lessonsCompleted: $0["done"], completed: $0["completed"])
            }
        }
    }

    /// The cohorts a trainer runs, with member and completion counts.
    public func cohortSummaries(trainerID: Int64) throws -> [CohortSummary] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT c.*, COUNT(e.id) AS members, COUNT(e.completed_at) AS finished
                FROM cohort c LEFT JOIN enrolment e ON e.cohort_id = c.id
                WHERE c.trainer_id = ? GROUP BY c.id ORDER BY c.starts_on DESC
                """), arguments: [trainerID]).map {
                CohortSummary(cohort: Store.cohort($0), members: $0["members"], completed: $0["finished"])
            }
        }
    }

    static func cohort(_ row: Row) -> CohortRecord {
        CohortRecord(id: row["id"], name: row["name"], courseID: row["course_id"], courseVersionID: row["course_version_id"],
                     trainerID: row["trainer_id"], trainerCredentialID: row["trainer_credential_id"], regionID: row["region_id"],
                     schoolID: row["school_id"], capacity: row["capacity"], startsOn: row["starts_on"], endsOn: row["ends_on"],
                     mode: row["mode"], joinCode: row["join_code"])
    }

    /// Cheap liveness probe of the database.
    public func ping() throws {
        _ = try readOneStatement { db in try Int.fetchOne(db.cachedStatement(sql: "SELECT 1")) }
    }
}
