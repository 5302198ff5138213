import Foundation
import Testing
import UstazCore
import UstazStore

func temporaryFolder(_ name: String = "store") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

@Suite("SQLite store: schema, WAL, codes, backup and restore")
struct StoreTests {
    @Test func migratesIntoWALWithRegions() throws {
        let folder = try temporaryFolder()
        let store = try Store(path: folder.appendingPathComponent("u.sqlite").path)
        #expect(try store.appliedMigrations().starts(with: ["v1-foundation", "v2-privacy", "v3-coverage"]))
        #expect(try store.journalMode() == "wal")
        #expect(try store.integrityCheck() == "ok")
        // Opening again applies nothing new and keeps the data.
        try store.createPerson(NewPerson(fullName: "Әсел Нұрова", login: "asel", roles: [.teacher]))
        try store.close()
        let reopened = try Store(path: folder.appendingPathComponent("u.sqlite").path)
        #expect(try reopened.credentialsForLogin("asel") == nil)  // no password yet: cannot sign in
        #expect(try reopened.totals().people == 1)
    }

    @Test func foreignKeysAreEnforced() throws {
        let store = try Store(path: try temporaryFolder().appendingPathComponent("u.sqlite").path)
        #expect(throws: (any Error).self) {
            try store.createSchool(School(code: "X-1", name: "Nowhere school", regionID: "atlantis"))
        }
        #expect(try store.createSchool(School(code: "X-1", name: "Real school", regionID: "pavlodar")).id > 0)
    }

    @Test func loginsAreUniqueIgnoringCase() throws {
        let store = try Store(path: try temporaryFolder().appendingPathComponent("u.sqlite").path)
        try store.createPerson(NewPerson(fullName: "A", login: "Nurlan", passwordHash: "x", roles: [.teacher]))
        #expect(throws: StoreError.self) { try store.createPerson(NewPerson(fullName: "B", login: "nurlan", roles: [.teacher])) }
        #expect(try store.credentialsForLogin("NURLAN")?.person.fullName == "A")
    }

    @Test func oneTimeCodesWorkOnceAndExpire() throws {
        let store = try Store(path: try temporaryFolder().appendingPathComponent("u.sqlite").path)
        let now = Date()
        try store.createOneTimeCode(hash: "h1", purpose: "admin-setup", personID: nil, now: now, expiresAt: now.addingTimeInterval(60))
        try store.createOneTimeCode(hash: "h2", purpose: "admin-setup", personID: nil, now: now, expiresAt: now.addingTimeInterval(-1))
        #expect(try store.oneTimeCodeIsValid(hash: "h1", purpose: "admin-setup", now: now))
        #expect(try !store.oneTimeCodeIsValid(hash: "h1", purpose: "activation", now: now))
        let first = try store.consumeOneTimeCode(hash: "h1", purpose: "admin-setup", now: now) { _, transaction in
            try transaction.createPerson(NewPerson(fullName: "Admin", login: "admin", passwordHash: "x", roles: [.admin]))
        }
        #expect(first?.has(.admin) == true)
        let second = try store.consumeOneTimeCode(hash: "h1", purpose: "admin-setup", now: now) { _, _ in 1 }
        #expect(second == nil)
        #expect(try store.consumeOneTimeCode(hash: "h2", purpose: "admin-setup", now: now) { _, _ in 1 } == nil)
        #expect(try store.hasAdmin())
    }

    @Test func failedActionInsideACodeTransactionLeavesTheCodeUnused() throws {
        let store = try Store(path: try temporaryFolder().appendingPathComponent("u.sqlite").path)
        let now = Date()
        try store.createPerson(NewPerson(fullName: "Taken", login: "taken", roles: [.teacher]))
        try store.createOneTimeCode(hash: "h", purpose: "admin-setup", personID: nil, now: now, expiresAt: now.addingTimeInterval(60))
        #expect(throws: StoreError.self) {
            try store.consumeOneTimeCode(hash: "h", purpose: "admin-setup", now: now) { _, transaction in
                try transaction.createPerson(NewPerson(fullName: "X", login: "taken", roles: [.admin]))
            }
        }
        #expect(try store.oneTimeCodeIsValid(hash: "h", purpose: "admin-setup", now: now))
        #expect(try !store.hasAdmin())
    }

    @Test func backupTakenDuringWritesRestoresToASoundDatabase() async throws {
        let folder = try temporaryFolder()
        let store = try Store(path: folder.appendingPathComponent("live.sqlite").path)
        let writers = 4, perWriter = 300
        // Writers keep inserting while the backup runs.
        let backupPath = folder.appendingPathComponent("backup.sqlite").path
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for index in 0..<perWriter {
                        try store.audit(actorID: nil, action: "write", subject: "\(writer)-\(index)", address: nil)
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(20))
                try store.backup(to: backupPath)
            }
            try await group.waitForAll()
        }
        let copy = try Store(path: backupPath)
        #expect(try copy.integrityCheck() == "ok")
        #expect(try copy.appliedMigrations() == (try store.appliedMigrations()))
        #expect(throws: StoreError.self) { try store.backup(to: backupPath) }

        // Restoring into another database makes it identical to the backup.
        let target = try Store(path: folder.appendingPathComponent("restored.sqlite").path)
        try target.createPerson(NewPerson(fullName: "Will be replaced", roles: [.teacher]))
        try target.restore(from: backupPath)
        #expect(try target.integrityCheck() == "ok")
        #expect(try target.totals() == copy.totals())
        #expect(try target.auditCount() == copy.auditCount())
        #expect(try store.auditCount() == writers * perWriter)
    }

    @Test func restoreRefusesAFileThatIsNotAnUstazDatabase() throws {
        let folder = try temporaryFolder()
        let store = try Store(path: folder.appendingPathComponent("u.sqlite").path)
        let junk = folder.appendingPathComponent("junk.sqlite")
        try Data("not a database at all, just text".utf8).write(to: junk)
        #expect(throws: (any Error).self) { try store.restore(from: junk.path) }
        #expect(throws: StoreError.self) { try store.restore(from: folder.appendingPathComponent("missing.sqlite").path) }
        #expect(try store.integrityCheck() == "ok")
    }
}
