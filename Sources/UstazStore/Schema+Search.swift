import Foundation
import GRDB
import UstazCore

/// Search and sort keys for the lists that grow with the country.
///
/// SQLite folds only ASCII case and sorts by code point, so names carry two derived columns kept by
/// triggers: `search_key` (SearchKey.fold: every script's case, ё/е, Latin look-alikes) indexed for
/// substrings by an FTS5 trigram table, and `sort_key` (Kazakh alphabetical order as bytes) so a page
/// of names is an index range, not a sort of 350,000 rows. The triggers call two SQL functions that
/// every connection of the store registers (`registerSearchFunctions`).
extension Schema {
    static func searchMigration(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE person ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
            ALTER TABLE person ADD COLUMN sort_key BLOB NOT NULL DEFAULT x'';
            UPDATE person SET search_key = ustaz_fold(full_name || ' ' || COALESCE(login, '')), sort_key = ustaz_sort_key(full_name);
            CREATE INDEX person_sort ON person(sort_key, id);
            CREATE INDEX person_region_sort ON person(region_id, sort_key, id);
            CREATE INDEX person_school_sort ON person(school_id, sort_key, id);

            CREATE VIRTUAL TABLE person_search USING fts5(search_key, content='person', content_rowid='id', tokenize='trigram');
            INSERT INTO person_search(person_search) VALUES ('rebuild');

            CREATE TRIGGER person_keys_insert AFTER INSERT ON person BEGIN
                UPDATE person SET search_key = ustaz_fold(new.full_name || ' ' || COALESCE(new.login, '')),
                                  sort_key = ustaz_sort_key(new.full_name) WHERE id = new.id;
                INSERT INTO person_search(rowid, search_key) VALUES (new.id, ustaz_fold(new.full_name || ' ' || COALESCE(new.login, '')));
            END;
            CREATE TRIGGER person_keys_update AFTER UPDATE OF full_name, login ON person BEGIN
                INSERT INTO person_search(person_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
                UPDATE person SET search_key = ustaz_fold(new.full_name || ' ' || COALESCE(new.login, '')),
                                  sort_key = ustaz_sort_key(new.full_name) WHERE id = new.id;
                INSERT INTO person_search(rowid, search_key) VALUES (new.id, ustaz_fold(new.full_name || ' ' || COALESCE(new.login, '')));
            END;
            CREATE TRIGGER person_keys_delete AFTER DELETE ON person BEGIN
                INSERT INTO person_search(person_search, rowid, search_key) VALUES ('delete', old.id, old.search_key);
            END;

            ALTER TABLE school ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
            UPDATE school SET search_key = ustaz_fold(name || ' ' || code || ' ' || COALESCE(district, ''));
            CREATE TRIGGER school_keys_insert AFTER INSERT ON school BEGIN
                UPDATE school SET search_key = ustaz_fold(new.name || ' ' || new.code || ' ' || COALESCE(new.district, '')) WHERE id = new.id;
            END;
            CREATE TRIGGER school_keys_update AFTER UPDATE OF name, code, district ON school BEGIN
                UPDATE school SET search_key = ustaz_fold(new.name || ' ' || new.code || ' ' || COALESCE(new.district, '')) WHERE id = new.id;
            END;
            CREATE INDEX school_region_name ON school(region_id, name);
            CREATE INDEX school_name ON school(name);

            CREATE INDEX cohort_starts ON cohort(starts_on, id);
            CREATE INDEX cohort_region_starts ON cohort(region_id, starts_on, id);
            CREATE INDEX cohort_course_starts ON cohort(course_id, starts_on, id);
            CREATE INDEX credential_kind ON credential(kind);
            """)
    }
}

extension Store {
    /// The functions the search triggers call; registered on every connection before it is used.
    static func registerSearchFunctions(_ db: Database) {
        db.add(function: DatabaseFunction("ustaz_fold", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map(SearchKey.fold) ?? ""
        })
        db.add(function: DatabaseFunction("ustaz_sort_key", argumentCount: 1, pure: true) { values in
            Data(KazakhCollation.sortKeyBytes(String.fromDatabaseValue(values[0]) ?? ""))
        })
    }
}
