import Foundation
import HTTPServer
import Logging
import Synchronization
import Testing

/// The slow lane on a real socket: slow routes run on their own bounded threads, a full queue is answered at
/// once, and shutdown leaves no connection suspended.
@Suite("The slow lane", .serialized)
struct SlowLaneTests {
    /// Holds every request to `/gate` until opened (or 20 s pass, so a failing test cannot hang the run).
    final class Gate: @unchecked Sendable {
        private let condition = NSCondition()
        private var isOpen = false

        func pass() -> Bool {
            condition.lock()
            defer { condition.unlock() }
            let deadline = Date().addingTimeInterval(20)
            while !isOpen { if !condition.wait(until: deadline) { return false } }
            return true
        }

        func open() {
            condition.lock()
            isOpen = true
            condition.broadcast()
            condition.unlock()
        }
    }

    /// One libmicrohttpd worker, so that a slow handler run on it would stall every other request.
    func withServer(slowWorkers: Int = 1, queueLimit: Int, _ body: (Server, Gate, ServerMetrics) throws -> Void) throws {
        let gate = Gate()
        var router = Router()
        router.get("/hello") { _ in .text("hello") }
        router.get("/gate", lane: .slow) { _ in gate.pass() ? .text("passed") : .text("gate never opened", status: 500) }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let application = Application(router: router, logger: logger)
        let server = Server(application: application,
                            configuration: ServerConfiguration(host: "127.0.0.1", port: 0, threads: 1, connectionTimeoutSeconds: 30,
                                                               shutdownGracePeriod: .milliseconds(200),
                                                               slowLane: SlowLane.Configuration(workers: slowWorkers, queueLimit: queueLimit)))
        try server.start()
        defer {
            gate.open()
            server.shutdown()
        }
        try body(server, gate, application.metrics)
    }

    /// Waits until the lane reports `expected`, failing loudly after 10 s.
    func waitFor(_ server: Server, _ description: String, _ expected: (SlowLane.Load) -> Bool) throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !expected(server.slowLaneLoad) {
            guard ContinuousClock.now < deadline else {
                Issue.record("the slow lane never reached: \(description) (it reports \(server.slowLaneLoad))")
                throw CancellationError()
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
    }

    /// A request sent on its own connection, its reply read on a background thread.
    func sendInBackground(_ server: Server, _ target: String) throws -> () throws -> RawHTTPClient.Reply {
        let client = Handed(value: try RawHTTPClient(port: server.port))
        client.value.send("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        let reply = Mutex<Handed<Result<RawHTTPClient.Reply, any Error>>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let result = Result { try client.value.readReply() }
            reply.withLock { $0 = Handed(value: result) }
            done.signal()
        }.start()
        return {
            guard done.wait(timeout: .now() + 25) == .success else { throw CancellationError() }
            return try reply.withLock { $0!.value }.get()
        }
    }

    @Test func slowWorkDoesNotHoldTheWorkers() throws {
        try withServer(queueLimit: 4) { server, gate, _ in
            let slow = try sendInBackground(server, "/gate")
            try waitFor(server, "one request running") { $0.running == 1 }
            // The only libmicrohttpd worker is free while the slow request waits at the gate.
            let fast = try RawHTTPClient(port: server.port).request("GET", "/hello")
            #expect(fast.status == 200)
            #expect(fast.text == "hello")
            gate.open()
            let reply = try slow()
            #expect(reply.status == 200)
            #expect(reply.text == "passed")
            try waitFor(server, "idle again") { $0.running == 0 && $0.queued == 0 }
        }
    }

    @Test func aFullQueueIsAnswered503WithRetryAfter() throws {
        try withServer(queueLimit: 1) { server, gate, _ in
            let first = try sendInBackground(server, "/gate")
            try waitFor(server, "the first running") { $0.running == 1 }
            let second = try sendInBackground(server, "/gate")
            try waitFor(server, "the second queued") { $0.queued == 1 }
            let third = try RawHTTPClient(port: server.port).request("GET", "/gate")
            #expect(third.status == 503)
            let retryAfter = try #require(third.headers["retry-after"].flatMap(Int.init))
            #expect(retryAfter >= 1)
            #expect(third.text.contains("busy"))
            #expect(server.slowLaneLoad.refused == 1)
            // Fast routes are not refused while the lane is full.
            #expect(try RawHTTPClient(port: server.port).request("GET", "/hello").status == 200)
            gate.open()
            #expect(try first().status == 200)
            #expect(try second().status == 200)
        }
    }

    @Test func theLaneLoadIsInTheMetrics() throws {
        try withServer(queueLimit: 0) { server, gate, metrics in
            let first = try sendInBackground(server, "/gate")
            try waitFor(server, "one running") { $0.running == 1 }
            #expect(try RawHTTPClient(port: server.port).request("GET", "/gate").status == 503)
            let text = metrics.prometheusText()
            #expect(text.contains("http_slow_lane_running 1"))
            #expect(text.contains("http_slow_lane_queued 0"))
            #expect(text.contains("http_slow_lane_refused_total 1"))
            gate.open()
            #expect(try first().status == 200)
        }
    }

    /// libmicrohttpd must not be stopped with a connection suspended: shutdown answers what waits (503) and lets
    /// what runs finish, then stops.
    @Test func shutdownAnswersTheQueueAndFinishesWhatRuns() throws {
        let gate = Gate()
        var router = Router()
        router.get("/gate", lane: .slow) { _ in gate.pass() ? .text("passed") : .text("gate never opened", status: 500) }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let server = Server(application: Application(router: router, logger: logger),
                            configuration: ServerConfiguration(host: "127.0.0.1", port: 0, threads: 1,
                                                               shutdownGracePeriod: .milliseconds(100),
                                                               slowLane: SlowLane.Configuration(workers: 1, queueLimit: 4)))
        try server.start()
        let running = try sendInBackground(server, "/gate")
        try waitFor(server, "one running") { $0.running == 1 }
        let waiting = try sendInBackground(server, "/gate")
        try waitFor(server, "one queued") { $0.queued == 1 }
        let stopped = DispatchSemaphore(value: 0)
        Thread { server.shutdown(); stopped.signal() }.start()
        // The queued request is answered while the running one still holds the lane.
        let refused = try waiting()
        #expect(refused.status == 503)
        #expect(refused.headers["retry-after"] != nil)
        #expect(stopped.wait(timeout: .now() + 0.2) == .timedOut, "shutdown waits for the running request")
        gate.open()
        #expect(try running().status == 200)
        #expect(stopped.wait(timeout: .now() + 10) == .success)
    }
}

/// Hands a value to another thread in a test, where the test itself keeps the two from touching it at once.
struct Handed<Value>: @unchecked Sendable { let value: Value }
