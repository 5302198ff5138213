import Foundation
import Testing

/// Runs the real `ustaz` binary, as an operator would.
@Suite("The ustaz command line", .serialized)
struct CommandLineTests {
    static let binary = repositoryRoot.appendingPathComponent(".build/debug/ustaz")

    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)").path
    }

    @Test
    func demoBackupRestoreAndOfflineVerification() throws {
        let data = scratch()
        let demo = try Self.run(["demo", "--no-serve", "--data", data])
        #expect(demo.status == 0, "\(demo.output)")
        #expect(demo.output.contains("Password for every demo account: ustaz-demo-"))

        // Backup, then restore into a second data folder.
        let backup = data + "-backup.sqlite"
        let backedUp = try Self.run(["backup", "--data", data, "--to", backup])
        #expect(backedUp.status == 0, "\(backedUp.output)")
        #expect(try Self.run(["backup", "--data", data, "--to", backup]).status != 0)
        let restored = try Self.run(["restore", "--from", backup], environment: ["USTAZ_DATA": data + "-restored"])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(restored.output.contains("integrity check: ok"))

        // A token from the demo verifies offline with the data folder's keys, and with a JWKS copy.
        let store = try UstazStoreProbe(path: data + "/ustaz.sqlite")
        let token = try store.anyToken()
        let valid = try Self.run(["verify", "https://ustaz.test/v/\(token)", "--data", data])
        #expect(valid.status == 0, "\(valid.output)")
        #expect(valid.output.contains("AUTHENTIC"))
        let keys = try Self.run(["keys", "list", "--data", data])
        #expect(keys.output.hasPrefix("* "))

        var tampered = Array(token)
        tampered[20] = tampered[20] == "A" ? "B" : "A"
        let forged = try Self.run(["verify", String(tampered), "--data", data])
        #expect(forged.status == 1)
        #expect(forged.output.contains("NOT AUTHENTIC"))

        // Offline with only the published keys, from a machine that has no data folder.
        let jwks = data + "-keys.json"
        let ring = try Credentials.KeyRing.load(folder: URL(fileURLWithPath: data + "/keys"))
        try JSONEncoder().encode(ring.jwks).write(to: URL(fileURLWithPath: jwks))
        #expect(try Self.run(["verify", token, "--keys", jwks, "--data", "/nonexistent"]).status == 0)

        // After rotation the old certificate still verifies.
        #expect(try Self.run(["keys", "rotate", "--data", data]).status == 0)
        #expect(try Self.run(["verify", token, "--data", data]).status == 0)
    }

    @Test
    func coursesCheckReportsFileAndLine() throws {
        // --draft: everything but the release rule, which the shipped lessons meet once their figures and kits land.
        let ok = try Self.run(["courses", "check", "Courses", "--draft"])
        #expect(ok.status == 0)
        #expect(ok.output.contains("ok  primary-teachers: 8 lessons"))
        let overlay = try overlaidCourses()
        let release = try Self.run(["courses", "check", overlay.path])
        #expect(release.status == 1)
        #expect(release.output.contains("primary-teachers/03-how-machines-see-and-hear/en.md:1: the lesson places no figure"))
        #expect(release.output.range(of: #"primary-teachers/course\.yaml:\d+: lesson how-machines-see-and-hear has no kit"#, options: .regularExpression) != nil)
        #expect(!release.output.contains("01-what-is-ai") && !release.output.contains("02-how-machines-learn"))
        let broken = scratch()
        try FileManager.default.copyItem(atPath: repositoryRoot.appendingPathComponent("Courses").path, toPath: broken)
        try FileManager.default.removeItem(atPath: broken + "/lower-secondary-teachers/03-how-we-are-quantified/ru.md")
        let failed = try Self.run(["courses", "check", broken])
        #expect(failed.status == 1)
        #expect(failed.output.contains("lower-secondary-teachers/03-how-we-are-quantified/ru.md:0: file is missing"))
    }

    @Test
    func kitsRenderOneKitOrAll() throws {
        let overlay = try overlaidCourses()
        let pdf = scratch() + "-kit.pdf"
        let one = try Self.run(["kits", "render", "primary-teachers", "what-is-ai", "--language", "ru", "--out", pdf, "--courses", overlay.path])
        #expect(one.status == 0, "\(one.output)")
        #expect(one.output.range(of: #"kit\.pdf: \d+ KB, 7 pages, rendered in \d+ ms"#, options: .regularExpression) != nil, "\(one.output)")
        #expect(try tool(["pdftotext", pdf, "-"]).output.contains("Рабочий лист: Научим машину"))
        let all = try Self.run(["kits", "render", "--all", "--courses", overlay.path])
        #expect(all.status == 0)
        // 4 courses × 8 lessons × 3 languages, less the one lesson the overlay leaves without a kit.
        #expect(all.output.contains("93 kits: median"), "\(all.output.suffix(300))")
        #expect(all.output.contains("no kit: primary-teachers/how-machines-see-and-hear"))
        #expect(all.output.contains("primary-teachers/how-machines-learn kk: "))
        let none = try Self.run(["kits", "render", "primary-teachers", "how-machines-see-and-hear", "--out", pdf, "--courses", overlay.path])
        #expect(none.status != 0 && none.output.contains("has no kit"), "\(none.output)")
    }

    @Test
    func importSchoolsFromTheCommandLine() throws {
        let data = scratch()
        let file = data + "-schools.csv"
        try "code;name;region\nPVL-9001;Ертіс ауданы, Қызылжар мектебі;Павлодар облысы\n".write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try Self.run(["import", "schools", file, "--data", data])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("Imported 1 schools"))
        let again = try Self.run(["import", "schools", file, "--data", data])
        #expect(again.status == 1)
        #expect(again.output.contains("PVL-9001"))
        #expect(again.output.contains("Nothing was imported."))
    }

    @Test
    func importTeachersFailsLoudlyWhenTheCodesCannotBeWritten() throws {
        let data = scratch()
        #expect(try Self.run(["demo", "--no-serve", "--data", data]).status == 0)
        let file = data + "-teachers.csv"
        try "full_name;school_code\nАсель Нұрланқызы;KZO-0101\n".write(toFile: file, atomically: true, encoding: .utf8)
        func people() throws -> Int { try UstazStoreProbe(path: data + "/ustaz.sqlite").store.totals().people }
        let before = try people()

        // A folder that does not exist, and a folder where a file should be: refused before anything is imported.
        for codes in [data + "/no-such-folder/codes.csv", data] {
            let refused = try Self.run(["import", "teachers", file, "--codes", codes, "--data", data])
            #expect(refused.status == 1, "\(refused.output)")
            #expect(refused.output.contains("Cannot write \(codes):"), "\(refused.output)")
            #expect(refused.output.contains("Nothing was imported."), "\(refused.output)")
        }
        #expect(try people() == before)

        let codes = data + "-codes.csv"
        let imported = try Self.run(["import", "teachers", file, "--codes", codes, "--data", data])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(try people() == before + 1)
        let sheet = try String(contentsOfFile: codes, encoding: .utf8)
        #expect(sheet.hasPrefix("person_id,full_name,activation_code"))
        #expect(sheet.contains("Асель Нұрланқызы"))
        let mode = try FileManager.default.attributesOfItem(atPath: codes)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test
    func badConfigurationIsExplained() throws {
        let result = try Self.run(["serve", "--data", scratch()], environment: ["USTAZ_PORT": "eighty"])
        #expect(result.status != 0)
        #expect(result.output.contains("USTAZ_PORT must be a whole number"))
    }
}

import Credentials
import UstazStore

/// Reads a token straight from a demo database.
struct UstazStoreProbe {
    let store: Store
    init(path: String) throws { store = try Store(path: path) }
    func anyToken() throws -> String {
        let person = try #require(try store.credentialsForLogin("teacher.aigerim")?.person)
        return try #require(try store.credentials(personID: person.id).first?.token)
    }
}
