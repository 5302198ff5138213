import Foundation
import HTTPServer
import Testing
import UstazStore
@testable import UstazWeb

@Suite("Graceful shutdown on a live socket", .serialized)
struct ShutdownTests {
    /// Sign-ins write a session and an audit row each. Shut down while they pour in: every
    /// sign-in the server acknowledged must be in the database afterwards.
    @Test func noAcknowledgedWriteIsLost() async throws {
        let (ustaz, _, _) = try makeService()
        try ustaz.store.createPerson(.init(fullName: "Load", login: "load", passwordHash: ustaz.hashPassword("load password"), roles: [.teacher]))
        let server = Server(application: ustaz.makeApplication(), configuration: ustaz.configuration.server)
        try server.start()
        let port = server.port
        let acknowledged = Counter()
        let clients = 8
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<clients {
                group.addTask {
                    for _ in 0..<200 {
                        guard let status = try? Self.signIn(port: port) else { return }
                        if status == 303 { acknowledged.increment() }
                    }
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(300))
                server.shutdown()
                try ustaz.store.close()
            }
            try await group.waitForAll()
        }
        let reopened = try Store(path: ustaz.configuration.databasePath)
        #expect(acknowledged.value > 0)
        #expect(try reopened.auditCount(action: "sign-in") == acknowledged.value)
        #expect(try reopened.integrityCheck() == "ok")
    }

    /// One complete sign-in over a new connection; returns the status, or throws when refused.
    static func signIn(port: Int) throws -> Int {
        let body = "_csrf=t&login=load&password=load+password"
        return try RawHTTP.send(port: port, method: "POST", target: "/signin",
                                headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "ustaz_form=t"],
                                body: Array(body.utf8))
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
