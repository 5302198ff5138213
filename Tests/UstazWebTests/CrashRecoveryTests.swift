import Foundation
import HTTPServer
import Testing
import UstazStore
@testable import UstazWeb

/// Faults on the real binary: kill -9 in the middle of a stream of writes, and a backup taken while
/// writes pour in. A write counts as acknowledged only when its complete reply (303 with the new
/// session cookie) reached the client; the session row and its audit row are committed before that.
@Suite("Faults on a live ustaz process", .serialized)
struct CrashRecoveryTests {
    func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("faults-\(UUID().uuidString)").path
    }

    @Test func killedMidStreamLosesNoAcknowledgedWrite() throws {
        let data = scratch()
        let password = try LiveUstaz.demo(in: data)
        let rounds = 4
        var loads: [WriteLoad] = []
        for round in 1...rounds {
            let server = try LiveUstaz(data: data)
            let load = WriteLoad(port: server.port, password: password, clients: 6)
            loads.append(load)
            load.start()
            try load.waitFor(acknowledgements: 150)
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.5))  // kill at no particular moment
            server.killHard()
            load.wait()

            // Reopening the folder runs SQLite's recovery, exactly as the next start of the service would.
            let store = try Store(path: data + "/ustaz.sqlite")
            #expect(try store.integrityCheck() == "ok")
            for (index, earlier) in loads.enumerated() {
                let missing = try earlier.missing(in: store)
                #expect(missing.sessions == 0 && missing.cohorts == 0,
                        "after kill \(round), round \(index + 1) lost \(missing.sessions) sessions and \(missing.cohorts) cohorts")
            }
            try store.close()
        }

        // The restarted service honours what it acknowledged: sessions sign their holder in, cohorts open.
        let server = try LiveUstaz(data: data)
        defer { server.stop() }
        let sessions = loads.flatMap(\.sessions.values)
        let cohorts = loads.flatMap(\.cohorts.values)
        var honoured = 0
        for token in sessions {
            let reply = try LiveHTTP.exchange(port: server.port, "GET", "/me", headers: ["Cookie": "\(Site.sessionCookie)=\(token)"])
            if reply.status == 200 { honoured += 1 }
        }
        let cookie = ["Cookie": "\(Site.sessionCookie)=\(sessions[0])"]
        for cohort in cohorts.shuffled().prefix(50) {
            let page = try LiveHTTP.exchange(port: server.port, "GET", "/cohorts/\(cohort.id)", headers: cookie)
            if page.status == 200, page.body.contains(cohort.name) { honoured += 1 }
        }
        #expect(honoured == sessions.count + min(50, cohorts.count))
        let requests = loads.map(\.requests.value).reduce(0, +)
        print("reliability: kill -9 \(rounds) times during \(requests) requests from 6 clients; "
              + "\(sessions.count + cohorts.count) writes acknowledged (\(sessions.count) sign-ins, \(cohorts.count) cohorts), "
              + "all \(sessions.count + cohorts.count) present after restart (\(honoured) checked through the restarted service), integrity_check ok")
    }

    @Test func backupUnderLoadRestoresWhatWasAcknowledged() throws {
        let data = scratch()
        let password = try LiveUstaz.demo(in: data)
        let server = try LiveUstaz(data: data)
        defer { server.stop() }
        let load = WriteLoad(port: server.port, password: password, clients: 4)
        load.start()
        try load.waitFor(acknowledgements: 100)

        // Everything acknowledged before the backup starts must be in it; writes go on meanwhile.
        let before = (sessions: load.sessions.values, cohorts: load.cohorts.values)
        let backup = data + "-under-load.sqlite"
        let backedUp = try CommandLineTests.run(["backup", "--data", data, "--to", backup])
        #expect(backedUp.status == 0, "\(backedUp.output)")
        let duringBackup = load.acknowledged - before.sessions.count - before.cohorts.count
        try load.waitFor(acknowledgements: load.acknowledged + 50)
        load.stop()
        load.wait()
        #expect(load.failures.value == 0)

        let restoredFolder = data + "-restored"
        let restored = try CommandLineTests.run(["restore", "--from", backup], environment: ["USTAZ_DATA": restoredFolder])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(restored.output.contains("integrity check: ok"))
        let copy = try Store(path: restoredFolder + "/ustaz.sqlite")
        #expect(try copy.integrityCheck() == "ok")
        let lostSessions = try before.sessions.filter { try copy.session(idHash: Secrets.hash($0)) == nil }.count
        let lostCohorts = try before.cohorts.filter { try copy.cohort(id: $0.id)?.name != $0.name }.count
        #expect(lostSessions == 0 && lostCohorts == 0, "the backup lacks \(lostSessions) sessions and \(lostCohorts) cohorts acknowledged before it began")
        try copy.close()

        // With the service idle, a backup restores to the same contents, table by table.
        let quietBackup = data + "-quiet.sqlite"
        #expect(try CommandLineTests.run(["backup", "--data", data, "--to", quietBackup]).status == 0)
        let quietFolder = data + "-quiet"
        #expect(try CommandLineTests.run(["restore", "--from", quietBackup], environment: ["USTAZ_DATA": quietFolder]).status == 0)
        let original = try TableContents(path: data + "/ustaz.sqlite")
        let restoredContents = try TableContents(path: quietFolder + "/ustaz.sqlite")
        #expect(original.checksums.count >= 10)
        #expect(restoredContents.checksums == original.checksums)
        let identical = original.checksums.filter { restoredContents.checksums[$0.key] == $0.value }.count
        print("reliability: backup under load (\(load.requests.value) requests from 4 clients): "
              + "\(before.sessions.count + before.cohorts.count) writes acknowledged before it began, all in the restored copy "
              + "(\(duringBackup) more acknowledged while it ran), integrity_check ok; quiescent backup: "
              + "\(identical) of \(original.checksums.count) tables (\(original.rows) rows) identical after restore")
    }
}

/// Several clients, each signing in as a lead trainer and then creating cohorts as fast as the server
/// answers. Acknowledged: the session of each 303 from /signin, and each cohort whose 303 names it.
/// A client stops at its first failed exchange (the server was killed) or when told to.
final class WriteLoad: @unchecked Sendable {
    struct Cohort: Sendable { var id: Int64; var name: String }

    let port: Int
    let password: String
    let clients: Int
    let sessions = Tally<String>()
    let cohorts = Tally<Cohort>()
    let requests = Counter()
    let failures = Counter()
    private let group = DispatchGroup()
    private let stopping = NSLock()
    private var stopped = false

    init(port: Int, password: String, clients: Int) {
        self.port = port
        self.password = password
        self.clients = clients
    }

    var acknowledged: Int { sessions.values.count + cohorts.values.count }

    func start() {
        for client in 0..<clients {
            DispatchQueue.global().async(group: group) { self.run(client) }
        }
    }

    private var isStopped: Bool { stopping.lock(); defer { stopping.unlock() }; return stopped }
    func stop() { stopping.lock(); stopped = true; stopping.unlock() }
    func wait() { group.wait() }

    func waitFor(acknowledgements count: Int) throws {
        let deadline = Date().addingTimeInterval(120)
        while acknowledged < count {
            guard Date() < deadline else { throw LiveHTTP.Failure("only \(acknowledged) writes acknowledged in 120 s") }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    private func exchange(_ method: String, _ target: String, cookie: String, form: String = "") -> LiveHTTP.Reply? {
        requests.increment()
        var headers = ["Cookie": cookie]
        if method == "POST" { headers["Content-Type"] = "application/x-www-form-urlencoded" }
        guard let reply = try? LiveHTTP.exchange(port: port, method, target, headers: headers, body: Array(form.utf8)) else {
            if !isStopped { failures.increment() }
            return nil
        }
        return reply
    }

    private func run(_ client: Int) {
        let prefix = Site.sessionCookie + "="
        guard let signedIn = exchange("POST", "/signin", cookie: "\(Site.formCookie)=t",
                                      form: "_csrf=t&login=lead.pavlodar&password=\(password.urlEncoded)") else { return }
        guard signedIn.status == 303, let setCookie = signedIn.header("Set-Cookie").first(where: { $0.hasPrefix(prefix) }) else {
            failures.increment()
            return
        }
        let token = String(setCookie.dropFirst(prefix.count).prefix { $0 != ";" })
        sessions.append(token)
        let cookie = prefix + token
        guard let page = exchange("GET", "/cohorts/new", cookie: cookie), page.status == 200,
              let csrf = page.body.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1 else {
            if !isStopped { failures.increment() }
            return
        }
        var number = 0
        while !isStopped {
            number += 1
            let name = "fault-\(client)-\(number)"
            let form = "_csrf=\(csrf)&name=\(name)&course=primary-teachers&capacity=30&starts=2026-01-10&ends=2026-03-10&mode=online"
            guard let reply = exchange("POST", "/cohorts", cookie: cookie, form: form) else { return }
            guard reply.status == 303, let location = reply.header("Location").first,
                  let id = Int64(location.split(separator: "/").last ?? "") else {
                failures.increment()
                return
            }
            cohorts.append(Cohort(id: id, name: name))
        }
    }

    /// Which acknowledged writes the database at `path` lacks.
    func missing(in store: Store) throws -> (sessions: Int, cohorts: Int) {
        let lostSessions = try sessions.values.filter { try store.session(idHash: Secrets.hash($0)) == nil }.count
        let lostCohorts = try cohorts.values.filter { try store.cohort(id: $0.id)?.name != $0.name }.count
        return (lostSessions, lostCohorts)
    }
}

/// Each table's rows as SQL text (sqlite3's .dump), hashed: equal checksums mean equal contents.
struct TableContents {
    var checksums: [String: String] = [:]
    var rows = 0

    init(path: String) throws {
        for table in try Self.sqlite(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").split(separator: "\n") {
            checksums[String(table)] = Secrets.hash(try Self.sqlite(path, ".dump '\(table)'"))
            rows += Int(try Self.sqlite(path, "SELECT COUNT(*) FROM \"\(table)\"").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
    }

    static func sqlite(_ path: String, _ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", path, command]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw LiveHTTP.Failure("sqlite3 \(command) failed") }
        return String(decoding: output, as: UTF8.self)
    }
}
