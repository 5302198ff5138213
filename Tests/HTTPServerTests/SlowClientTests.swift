import Foundation
import HTTPServer
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Hostile clients on a live socket: slow-loris headers and bodies, connections beyond the per-address
/// limit, oversized headers and bodies. Meanwhile an ordinary client must keep being served.
/// Attackers connect from 127.0.0.2 and 127.0.0.3 (other loopback addresses), the ordinary client from
/// 127.0.0.1, so the per-address limit is seen to bind the attacker and not everyone.
@Suite("Slow and oversized clients on a live socket", .serialized)
struct SlowClientTests {
    @Test func slowAndOversizedClientsDoNotStarveOthers() throws {
        let server = Server(application: try makeTestApplication(),
                            configuration: ServerConfiguration(host: "127.0.0.1", port: 0, threads: 2, connectionTimeoutSeconds: 3,
                                                               perAddressConnectionLimit: 100))
        try server.start()
        defer { server.shutdown() }
        let port = server.port

        // 50 clients trickling header lines and 50 trickling a declared 100 KB body, a few bytes at a time.
        var slowHeaders: [RawHTTPClient] = []
        var slowBodies: [RawHTTPClient] = []
        for _ in 0..<50 {
            let client = try RawHTTPClient(port: port, from: "127.0.0.2")
            client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n")
            slowHeaders.append(client)
            let uploader = try RawHTTPClient(port: port, from: "127.0.0.2")
            uploader.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 60000\r\n\r\nabc")
            slowBodies.append(uploader)
        }
        let trickling = Trickle(headerClients: slowHeaders, bodyClients: slowBodies)
        trickling.start()

        // The attacker's address already holds 100 connections: more are closed at once. The kernel queues
        // connections before libmicrohttpd accepts them, so on a busy machine wait until it has taken all 100.
        let acceptedBy = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < acceptedBy {
            let probe = try RawHTTPClient(port: port, from: "127.0.0.2", timeoutSeconds: 3)
            probe.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
            if (try? probe.readReply()) == nil { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        var refusedBeyondLimit = 0
        for _ in 0..<30 {
            let extra = try RawHTTPClient(port: port, from: "127.0.0.2", timeoutSeconds: 3)
            extra.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n")
            if (try? extra.readReply()) == nil { refusedBeyondLimit += 1 }
        }
        #expect(refusedBeyondLimit == 30)

        // Oversized requests get an error status (or a closed connection), never a handler's answer.
        var oversizedAnswers: [Int] = []
        for round in 0..<10 {
            let client = try RawHTTPClient(port: port, from: "127.0.0.3", timeoutSeconds: 5)
            if round % 2 == 0 {
                client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\nX-Padding: \(String(repeating: "a", count: 200_000))\r\n\r\n")
            } else {
                client.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 50000000000\r\n\r\n")
            }
            oversizedAnswers.append((try? client.readReply().status) ?? 0)
        }
        #expect(oversizedAnswers.allSatisfy { [0, 413, 431].contains($0) }, "\(oversizedAnswers)")
        #expect(oversizedAnswers.enumerated().filter { $0.offset % 2 == 1 }.allSatisfy { $0.element == 413 })

        // The ordinary client, on a fresh connection each time, is served throughout; the attack lasts
        // longer than the idle timeout, so the slow clients stay only because they keep trickling.
        var latencies: [Duration] = []
        var served = 0
        let attackEnds = ContinuousClock.now + .seconds(4)
        while latencies.count < 300 || ContinuousClock.now < attackEnds {
            if latencies.count >= 300 { Thread.sleep(forTimeInterval: 0.01) }
            let started = ContinuousClock.now
            let client = try RawHTTPClient(port: port, timeoutSeconds: 5)
            if let reply = try? client.request("GET", "/hello"), reply.status == 200, reply.text == "hello" { served += 1 }
            latencies.append(ContinuousClock.now - started)
        }
        #expect(served == latencies.count)
        let heldOpen = (slowHeaders + slowBodies).filter(\.isStillOpen).count
        #expect(heldOpen == 100)

        // Once the slow clients fall silent, the server closes them after its idle timeout.
        trickling.stop()
        let silentSince = ContinuousClock.now
        let dropped = (slowHeaders + slowBodies).filter { $0.isClosedByPeer() }.count
        let droppedAfter = ContinuousClock.now - silentSince
        #expect(dropped == 100)

        let requests = latencies.count
        latencies.sort()
        func ms(_ duration: Duration) -> String { String(format: "%.1f ms", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000) }
        print("reliability: 100 slow-loris connections (50 trickling headers, 50 bodies, \(trickling.bytesSent) bytes) held open \(heldOpen)/100 past the timeout, "
              + "\(refusedBeyondLimit)/30 beyond the per-address limit closed at once, 10 oversized requests answered \(Set(oversizedAnswers).sorted()) "
              + "(0 = connection closed); ordinary client: \(served)/\(requests) served, latency p50 \(ms(latencies[requests / 2])), "
              + "p99 \(ms(latencies[requests * 99 / 100])), max \(ms(latencies[requests - 1])); silent slow clients all dropped within \(ms(droppedAfter)) of falling silent (timeout 3 s)")
    }
}

extension RawHTTPClient {
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
    private var running = true
    private var sent = 0
    private let done = DispatchSemaphore(value: 0)

    init(headerClients: [RawHTTPClient], bodyClients: [RawHTTPClient]) {
        self.headerClients = headerClients
        self.bodyClients = bodyClients
    }

    var bytesSent: Int { lock.lock(); defer { lock.unlock() }; return sent }
    private var isRunning: Bool { lock.lock(); defer { lock.unlock() }; return running }

    func start() {
        Thread.detachNewThread {
            var line = 0
            while self.isRunning {
                line += 1
                for client in self.headerClients { client.send("X-Slow-\(line): x\r\n") }
                for client in self.bodyClients { client.send("0123456789") }
                self.lock.lock()
                self.sent += self.headerClients.count * "X-Slow-\(line): x\r\n".utf8.count + self.bodyClients.count * 10
                self.lock.unlock()
                Thread.sleep(forTimeInterval: 0.3)
            }
            self.done.signal()
        }
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
        done.wait()
    }
}
