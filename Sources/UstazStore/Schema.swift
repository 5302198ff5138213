import GRDB
import UstazCore

/// Versioned migrations. A migration, once released, never changes: add a new one.
enum Schema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation", migrate: v1)
        migrator.registerMigration("v2-privacy", migrate: privacyMigration)
        migrator.registerMigration("v3-coverage", migrate: v2Coverage)
        migrator.registerMigration("v4-search", migrate: searchMigration)
        migrator.registerMigration("v5-enrolment-origin", migrate: enrolmentOriginMigration)
        migrator.registerMigration("v5-quiz-draws", migrate: Store.drawsMigration)
        migrator.registerMigration("v5-item-statistics", migrate: Store.itemStatisticsMigration)
        migrator.registerMigration("v5-practical-reports", migrate: Store.practicalsMigration)
        migrator.registerMigration("v6-practicals-waiting", migrate: Store.waitingPracticalsMigration)
        return migrator
    }()

    private static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE region (
                id TEXT PRIMARY KEY,
                name_kk TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('region', 'city')),
                target INTEGER,                -- teachers to certify; NULL = a share of the national target
                target_source TEXT             -- where the target comes from (no official per-region table exists)
            );

            CREATE TABLE school (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,     -- the ministry's or the importer's identifier
                name TEXT NOT NULL,
                region_id TEXT NOT NULL REFERENCES region(id),
                district TEXT,
                kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('small-staffed', 'standard', 'keleshek', 'other')),
                pilot_wave INTEGER CHECK (pilot_wave IN (1, 2, 3))
            );
            CREATE INDEX school_region ON school(region_id);

            CREATE TABLE person (
                id INTEGER PRIMARY KEY,
                full_name TEXT NOT NULL,       -- as printed on a certificate
                login TEXT UNIQUE COLLATE NOCASE,
                email TEXT COLLATE NOCASE,
                phone TEXT,
                password_hash TEXT,            -- argon2id; NULL until the person activates
                language TEXT NOT NULL DEFAULT 'kk' CHECK (language IN ('kk', 'ru', 'en')),
                school_id INTEGER REFERENCES school(id),
                region_id TEXT REFERENCES region(id),
                subjects TEXT, grades TEXT,
                iin_hash TEXT UNIQUE,          -- keyed hash; the IIN itself is never stored
                iin_masked TEXT,
                created_at TEXT NOT NULL,
                activated_at TEXT
            );
            CREATE INDEX person_school ON person(school_id);
            CREATE INDEX person_region ON person(region_id);

            CREATE TABLE role_grant (
                person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'reviewer', 'master-trainer', 'lead-trainer', 'teacher')),
                region_id TEXT REFERENCES region(id),   -- the region of a coordinator
                PRIMARY KEY (person_id, role)
            );

            CREATE TABLE session (
                id_hash TEXT PRIMARY KEY,      -- SHA-256 of the cookie value
                person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            CREATE INDEX session_person ON session(person_id);

            CREATE TABLE one_time_code (
                code_hash TEXT PRIMARY KEY,
                purpose TEXT NOT NULL CHECK (purpose IN ('admin-setup', 'activation', 'password-reset')),
                person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            );

            CREATE TABLE course_version (
                id INTEGER PRIMARY KEY,
                course_id TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                credential TEXT NOT NULL,
                title_kk TEXT NOT NULL, title_ru TEXT NOT NULL, title_en TEXT NOT NULL,
                lesson_count INTEGER NOT NULL,
                status TEXT NOT NULL DEFAULT 'in-review' CHECK (status IN ('in-review', 'approved', 'rejected', 'retired')),
                authors TEXT NOT NULL DEFAULT '',      -- logins, comma-separated; they may not approve
                content BLOB NOT NULL,                 -- the whole course as JSON: a version never changes
                loaded_at TEXT NOT NULL,
                approved_at TEXT,
                UNIQUE (course_id, content_hash)
            );

            CREATE TABLE lesson_review (
                id INTEGER PRIMARY KEY,
                course_version_id INTEGER NOT NULL REFERENCES course_version(id),
                lesson_id TEXT NOT NULL,
                reviewer_id INTEGER NOT NULL REFERENCES person(id),
                decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
                comment TEXT,
                decided_at TEXT NOT NULL
            );
            CREATE INDEX lesson_review_version ON lesson_review(course_version_id, lesson_id);

            CREATE TABLE credential (
                id INTEGER PRIMARY KEY,
                serial TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('master-trainer', 'lead-trainer', 'teacher')),
                person_id INTEGER NOT NULL REFERENCES person(id),
                holder_name TEXT NOT NULL,
                course_id TEXT NOT NULL,
                course_version_id INTEGER REFERENCES course_version(id),
                generation INTEGER NOT NULL,
                cohort_id INTEGER REFERENCES cohort(id),
                issuer_credential_id INTEGER REFERENCES credential(id),
                issued_on TEXT NOT NULL,
                expires_on TEXT,
                key_id TEXT NOT NULL,
                token TEXT NOT NULL,
                status_index INTEGER NOT NULL UNIQUE,   -- position in the published status list
                revoked_at TEXT, revocation_reason TEXT,
                superseded_by INTEGER REFERENCES credential(id),
                needs_review INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX credential_person ON credential(person_id);
            CREATE INDEX credential_issuer ON credential(issuer_credential_id);
            CREATE INDEX credential_issued ON credential(issued_on);

            CREATE TABLE cohort (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                course_id TEXT NOT NULL,
                course_version_id INTEGER NOT NULL REFERENCES course_version(id),
                trainer_id INTEGER NOT NULL REFERENCES person(id),
                trainer_credential_id INTEGER REFERENCES credential(id),
                region_id TEXT REFERENCES region(id),
                school_id INTEGER REFERENCES school(id),
                capacity INTEGER NOT NULL DEFAULT 25 CHECK (capacity > 0),
                starts_on TEXT NOT NULL,
                ends_on TEXT NOT NULL,
                mode TEXT NOT NULL DEFAULT 'in-person' CHECK (mode IN ('in-person', 'online', 'blended')),
                join_code TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL
            );
            CREATE INDEX cohort_trainer ON cohort(trainer_id);

            CREATE TABLE enrolment (
                id INTEGER PRIMARY KEY,
                cohort_id INTEGER NOT NULL REFERENCES cohort(id),
                person_id INTEGER NOT NULL REFERENCES person(id),
                course_version_id INTEGER NOT NULL REFERENCES course_version(id),
                enrolled_at TEXT NOT NULL,
                completed_at TEXT,
                UNIQUE (cohort_id, person_id)
            );
            CREATE INDEX enrolment_person ON enrolment(person_id);

            CREATE TABLE lesson_progress (
                enrolment_id INTEGER NOT NULL REFERENCES enrolment(id) ON DELETE CASCADE,
                lesson_id TEXT NOT NULL,
                opened_at TEXT,
                completed_at TEXT,
                quiz_passed_at TEXT,
                best_score INTEGER,
                attempts INTEGER NOT NULL DEFAULT 0,
                seconds_spent INTEGER NOT NULL DEFAULT 0,
                last_activity_at TEXT,
                PRIMARY KEY (enrolment_id, lesson_id)
            ) WITHOUT ROWID;

            CREATE TABLE quiz_attempt (
                id INTEGER PRIMARY KEY,
                enrolment_id INTEGER NOT NULL REFERENCES enrolment(id) ON DELETE CASCADE,
                lesson_id TEXT NOT NULL,
                attempt_number INTEGER NOT NULL,
                seed INTEGER NOT NULL,
                answers TEXT NOT NULL,
                score INTEGER NOT NULL,
                passed INTEGER NOT NULL,
                client_key TEXT UNIQUE,        -- makes an offline submission count once
                submitted_at TEXT NOT NULL,
                UNIQUE (enrolment_id, lesson_id, attempt_number)
            );

            CREATE TABLE practicum (
                enrolment_id INTEGER PRIMARY KEY REFERENCES enrolment(id) ON DELETE CASCADE,
                observer_id INTEGER NOT NULL REFERENCES person(id),
                passed INTEGER NOT NULL,
                notes TEXT,
                observed_on TEXT NOT NULL
            );

            CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                actor_id INTEGER REFERENCES person(id),
                action TEXT NOT NULL,
                subject TEXT,
                address TEXT
            );

            CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """)
        for region in Region.all {
            try db.execute(
                sql: "INSERT INTO region (id, name_kk, name_ru, name_en, kind) VALUES (?, ?, ?, ?, ?)",
                arguments: [region.id, region.name.kk, region.name.ru, region.name.en, region.kind.rawValue])
        }
    }
}
