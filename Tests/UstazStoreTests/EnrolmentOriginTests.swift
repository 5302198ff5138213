import Foundation
import Testing
import UstazCore
@testable import UstazStore

@Suite("How each person came to each cohort (v5-enrolment-origin)")
struct EnrolmentOriginTests {
    /// Enrolments made before the migration get the origin the data proves, else the least trusting one.
    @Test func existingEnrolmentsGetTheOriginTheirDataProves() throws {
        let path = try temporaryFolder("origin").appendingPathComponent("u.sqlite").path
        let store = try Store(path: path, migratingUpTo: "v4-search")
        try store.execute(sql: """
            INSERT INTO person (id, full_name, created_at) VALUES
                (1, 'Trainer', '2026-01-01T08:00:00Z'),
                (2, 'Joined By Code', '2026-01-02T08:00:00Z'),
                (3, 'Created By Roster', '2026-02-01T09:30:00Z'),
                (4, 'Matched By Name', '2025-12-01T08:00:00Z');
            INSERT INTO course_version (id, course_id, content_hash, credential, title_kk, title_ru, title_en, lesson_count, content, loaded_at)
                VALUES (1, 'course', 'hash', 'teacher', 'k', 'r', 'e', 1, x'00', '2026-01-01T00:00:00Z');
            INSERT INTO cohort (id, name, course_id, course_version_id, trainer_id, starts_on, ends_on, join_code, created_at)
                VALUES (7, 'Cohort', 'course', 1, 1, '2026-02-01', '2026-03-01', 'ABCD-EFGH', '2026-01-05T00:00:00Z');
            INSERT INTO enrolment (cohort_id, person_id, course_version_id, enrolled_at) VALUES
                (7, 2, 1, '2026-02-03T10:00:00Z'),
                (7, 3, 1, '2026-02-01T09:30:00Z'),
                (7, 4, 1, '2026-02-01T09:31:00Z');
            INSERT INTO audit_log (at, actor_id, action, subject, person_id) VALUES
                ('2026-02-03T10:00:00Z', 2, 'joined-cohort', 'cohort:7', 2),
                ('2026-02-03T10:00:00Z', 4, 'joined-cohort', 'cohort:8', 4);
            """)
        try store.migrate()
        #expect(try store.appliedMigrations().contains("v5-enrolment-origin"))
        #expect(try store.enrolmentLinks(personID: 2) == [EnrolmentLink(cohortID: 7, trainerID: 1, origin: .joined)])
        #expect(try store.enrolmentLinks(personID: 3) == [EnrolmentLink(cohortID: 7, trainerID: 1, origin: .created)])
        // Joining another cohort proves nothing about this one.
        #expect(try store.enrolmentLinks(personID: 4) == [EnrolmentLink(cohortID: 7, trainerID: 1, origin: .matched)])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func anActivationCodeNeverTakesOverAnAccountThatHasAPassword() throws {
        let store = try Store(path: try temporaryFolder("origin").appendingPathComponent("u.sqlite").path)
        let active = try store.createPerson(NewPerson(fullName: "Active Teacher", login: "active", passwordHash: "hash", roles: [.teacher]))
        try store.createOneTimeCode(hash: "code-hash", purpose: "activation", personID: active.id, now: Date(),
                                    expiresAt: Date().addingTimeInterval(3600))
        #expect(throws: ActivationError.alreadyActive) {
            _ = try store.consumeOneTimeCode(hash: "code-hash", purpose: "activation", now: Date()) { personID, transaction in
                try transaction.activate(personID: personID!, login: "attacker", passwordHash: "other")
            }
        }
        #expect(try store.credentialsForLogin("active")?.passwordHash == "hash")
        #expect(try store.person(login: "attacker") == nil)
        #expect(try store.oneTimeCodeIsValid(hash: "code-hash", purpose: "activation", now: Date()), "the refused use is rolled back")
    }
}
