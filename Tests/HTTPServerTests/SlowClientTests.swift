import Foundation
import HTTPServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile clients on a live socket, one property per test: the per-address connection limit,
/// oversized requests, an ordinary client served while slow clients hold connections, and silent
/// connections closed after the idle timeout. Attackers connect from 127.0.0.2 and 127.0.0.3 (other
/// loopback addresses: other "machines"), the ordinary client from 127.0.0.1.
///
/// Each step waits for what the server itself reports (libmicrohttpd's count of open connections),
/// up to a deadline that fails the test with what it last saw; nothing waits a fixed time.
@Suite("Slow and oversized clients on a live socket", .serialized)
struct SlowClientTests {
    static let idleTimeout = 2

    func withServer(perAddressLimit: Int = 256, _ body: (Server) throws -> Void) throws {
        let server = Server(application: try makeTestApplication(),
                            configuration: ServerConfiguration(host: "127.0.0.1", port: 0, threads: 2,
                                                               connectionTimeoutSeconds: Self.idleTimeout,
                                                               perAddressConnectionLimit: perAddressLimit))
        try server.start()
        defer { server.shutdown() }
        try body(server)
    }

    /// Clients that have sent part of a request line and then nothing.
    func silentClients(_ count: Int, port: Int, from address: String) throws -> [RawHTTPClient] {
        try (0..<count).map { _ in
            let client = try RawHTTPClient(port: port, from: address)
            client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n")
            return client
        }
    }

    @Test func connectionsBeyondTheLimitOfOneAddressAreClosedAtOnce() throws {
        try withServer(perAddressLimit: 20) { server in
            let held = try silentClients(20, port: server.port, from: "127.0.0.2")
            try waitUntil("the server holds the 20 connections of 127.0.0.2") { (server.openConnections == 20, "\(server.openConnections) open") }

            var outcomes: [RawHTTPClient.Outcome] = []
            for _ in 0..<10 {
                let extra = try RawHTTPClient(port: server.port, from: "127.0.0.2", timeoutSeconds: 5)
                extra.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
                outcomes.append(extra.outcome())
            }
            #expect(outcomes.allSatisfy { $0 == .closed }, "beyond the limit: \(outcomes)")
            // The limit binds that address, not everyone; the 20 it holds stay open.
            #expect(try RawHTTPClient(port: server.port, from: "127.0.0.1").request("GET", "/hello").status == 200)
            #expect(held.allSatisfy { $0.isStillOpen })
            print("reliability: per-address limit 20: \(outcomes.filter { $0 == .closed }.count)/10 connections beyond it closed at once, "
                  + "127.0.0.1 served meanwhile")
        }
    }

    @Test func oversizedRequestsGetAnErrorNotAHandler() throws {
        try withServer { server in
            var headerAnswers: [RawHTTPClient.Outcome] = []
            var bodyAnswers: [RawHTTPClient.Outcome] = []
            for _ in 0..<5 {
                // 200 KB of header: beyond the 64 KB connection memory, libmicrohttpd answers 431 (or closes).
                let header = try RawHTTPClient(port: server.port, from: "127.0.0.3", timeoutSeconds: 5)
                header.send("GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Padding: \(String(repeating: "a", count: 200_000))\r\n\r\n")
                headerAnswers.append(header.outcome())
                // A declared 50 GB body: 413 before a byte of it is read.
                let body = try RawHTTPClient(port: server.port, from: "127.0.0.3", timeoutSeconds: 5)
                body.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 50000000000\r\n\r\n")
                bodyAnswers.append(body.outcome())
            }
            #expect(headerAnswers.allSatisfy { $0 == .answered(431) || $0 == .closed }, "\(headerAnswers)")
            #expect(bodyAnswers.allSatisfy { $0 == .answered(413) }, "\(bodyAnswers)")
            #expect(try RawHTTPClient(port: server.port, from: "127.0.0.3").request("GET", "/hello").text == "hello")
            print("reliability: oversized requests: 5 with 200 KB of header answered \(Set(headerAnswers.map(\.description)).sorted()), "
                  + "5 declaring 50 GB of body answered \(Set(bodyAnswers.map(\.description)).sorted())")
        }
    }

    @Test func anOrdinaryClientIsServedWhileSlowClientsHoldConnections() throws {
        try withServer(perAddressLimit: 100) { server in
            // 50 clients trickle header lines and 50 a declared 60 KB body, a few bytes every 300 ms.
            var slowHeaders: [RawHTTPClient] = []
            var slowBodies: [RawHTTPClient] = []
            for _ in 0..<50 {
                let client = try RawHTTPClient(port: server.port, from: "127.0.0.2")
                client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n")
                slowHeaders.append(client)
                let uploader = try RawHTTPClient(port: server.port, from: "127.0.0.2")
                uploader.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 60000\r\n\r\nabc")
                slowBodies.append(uploader)
            }
            let trickling = Trickle(headerClients: slowHeaders, bodyClients: slowBodies)
            trickling.start()
            defer { trickling.stop() }
            try waitUntil("the server holds the 100 slow connections") { (server.openConnections >= 100, "\(server.openConnections) open") }

            // The ordinary client, a fresh connection per request, for at least 300 requests and longer than the
            // idle timeout, so the slow clients are seen to stay only because they keep sending.
            var latencies: [Duration] = []
            var served = 0
            let attackEnds = ContinuousClock.now + .seconds(Self.idleTimeout * 2)
            while latencies.count < 300 || ContinuousClock.now < attackEnds {
                let started = ContinuousClock.now
                let client = try RawHTTPClient(port: server.port, timeoutSeconds: 5)
                if let reply = try? client.request("GET", "/hello"), reply.status == 200, reply.text == "hello" { served += 1 }
                latencies.append(ContinuousClock.now - started)
            }
            #expect(served == latencies.count)
            let heldOpen = (slowHeaders + slowBodies).filter(\.isStillOpen).count
            #expect(heldOpen == 100)
            #expect(server.openConnections >= 100, "\(server.openConnections) open")

            latencies.sort()
            let requests = latencies.count
            print("reliability: 100 slow-loris connections (50 trickling headers, 50 bodies, \(trickling.bytesSent) bytes) held open "
                  + "\(heldOpen)/100 for \(Self.idleTimeout * 2) s, twice the idle timeout; ordinary client: \(served)/\(requests) served, "
                  + "latency p50 \(latencies[requests / 2].milliseconds), p99 \(latencies[requests * 99 / 100].milliseconds), "
                  + "max \(latencies[requests - 1].milliseconds)")
        }
    }

    @Test func clientsThatFallSilentAreClosedAfterTheIdleTimeout() throws {
        try withServer { server in
            let clients = try silentClients(20, port: server.port, from: "127.0.0.2")
            try waitUntil("the server holds the 20 connections") { (server.openConnections == 20, "\(server.openConnections) open") }
            let silentSince = ContinuousClock.now
            try waitUntil("the server closes all 20 after its idle timeout of \(Self.idleTimeout) s", within: .seconds(Self.idleTimeout * 5)) {
                (server.openConnections == 0, "\(server.openConnections) still open")
            }
            let closedAfter = ContinuousClock.now - silentSince
            #expect(clients.allSatisfy { $0.outcome() == .closed })
            #expect(closedAfter >= .milliseconds(Self.idleTimeout * 1000 / 2), "closed after \(closedAfter.milliseconds), before the timeout")
            print("reliability: 20 silent connections all closed by the server \(closedAfter.milliseconds) after falling silent "
                  + "(idle timeout \(Self.idleTimeout) s)")
        }
    }
}

/// Polls what `observe` reports until it holds; past the deadline the test fails with the last report.
func waitUntil(_ what: String, within deadline: Duration = .seconds(15), sourceLocation: SourceLocation = #_sourceLocation,
               _ observe: () -> (Bool, String)) throws {
    let end = ContinuousClock.now + deadline
    var (done, seen) = observe()
    while !done {
        guard ContinuousClock.now < end else {
            Issue.record("timed out after \(deadline) waiting until \(what); last seen: \(seen)", sourceLocation: sourceLocation)
            throw WaitTimedOut()
        }
        usleep(2000)  // a poll interval, not a guess: the deadline above is what fails
        (done, seen) = observe()
    }
}

struct WaitTimedOut: Error {}

extension Duration {
    var milliseconds: String {
        String(format: "%.1f ms", Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15)
    }
}

extension RawHTTPClient {
    /// What became of a request: an answer with its status, or the server closing the connection.
    enum Outcome: Equatable, CustomStringConvertible {
        case answered(Int)
        case closed
        case noAnswerBeforeTimeout

        var description: String {
            switch self {
            case .answered(let status): "\(status)"
            case .closed: "closed"
            case .noAnswerBeforeTimeout: "no answer before the timeout"
            }
        }
    }

    /// Waits (up to the client's receive timeout) for a reply or the connection's end, and tells them apart
    /// from a timeout, which is neither.
    func outcome() -> Outcome {
        do {
            return .answered(try readReply().status)
        } catch let error as POSIXError where error.code == .ECONNRESET {
            return .closed
        } catch {
            return .noAnswerBeforeTimeout
        }
    }

    /// Not closed by the server, without waiting for data.
    var isStillOpen: Bool {
        var byte: UInt8 = 0
        return recv(socket, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }
}

/// Sends one header line or a few body bytes to each slow client every 300 ms until stopped.
final class Trickle: @unchecked Sendable {
    let headerClients: [RawHTTPClient]
    let bodyClients: [RawHTTPClient]
    private let lock = NSLock()
    private var sent = 0
    private let stopping = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var started = false

    init(headerClients: [RawHTTPClient], bodyClients: [RawHTTPClient]) {
        self.headerClients = headerClients
        self.bodyClients = bodyClients
    }

    var bytesSent: Int { lock.lock(); defer { lock.unlock() }; return sent }

    func start() {
        started = true
        Thread.detachNewThread {
            var line = 0
            repeat {
                line += 1
                for client in self.headerClients { client.send("X-Slow-\(line): x\r\n") }
                for client in self.bodyClients { client.send("0123456789") }
                self.lock.lock()
                self.sent += self.headerClients.count * "X-Slow-\(line): x\r\n".utf8.count + self.bodyClients.count * 10
                self.lock.unlock()
            } while self.stopping.wait(timeout: .now() + .milliseconds(300)) == .timedOut  // the attacker's pace
            self.done.signal()
        }
    }

    func stop() {
        guard started else { return }
        started = false
        stopping.signal()
        done.wait()
    }
}
