import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which threads answer a route. Most answers take well under a millisecond and run on libmicrohttpd's
/// workers; a route declared `.slow` (password hashing, rendering a PDF) runs on the slow lane instead, so a
/// burst of them cannot occupy the workers that everyone else is waiting on.
public enum Lane: Sendable, Equatable {
    case fast, slow
}

/// A fixed set of threads with a bounded queue for the slow routes.
///
/// The threads run at a lower scheduling priority than libmicrohttpd's workers: on a machine with as many
/// cores as slow threads, a fast request still gets a core at once instead of a time slice after a PDF.
/// The queue is bounded so that overload is answered (503 with Retry-After) rather than buffered without end,
/// and the number of threads bounds the memory of slow work (argon2id holds 64 MiB per hash).
public final class SlowLane: Sendable {
    public struct Configuration: Sendable {
        /// Threads running slow work at once; also the number of password hashes in memory at once.
        public var workers: Int
        /// Requests waiting for a thread; one more is refused with 503.
        public var queueLimit: Int
        /// How much lower the threads' priority is than the workers' (added to their nice value, 0–19).
        public var niceness: Int32

        public init(workers: Int = 2, queueLimit: Int = 64, niceness: Int32 = 10) {
            self.workers = max(1, workers)
            self.queueLimit = max(0, queueLimit)
            self.niceness = niceness
        }
    }

    /// What is waiting or running, for metrics and for tests that wait on the lane's state.
    public struct Load: Sendable, Equatable {
        public var running: Int
        public var queued: Int
        /// Requests refused because the queue was full, since start.
        public var refused: Int
    }

    /// A job is told whether it may run (`true`) or the lane is closing and it must only answer (`false`).
    public typealias Job = @Sendable (_ run: Bool) -> Void

    private struct State {
        var queue: [Job] = []
        var head = 0
        var running = 0
        var refused = 0
        var closed = false
        /// Seconds one job took, averaged over recent jobs: what Retry-After is estimated from.
        var averageSeconds = 0.1
        var queued: Int { queue.count - head }
    }

    public let configuration: Configuration
    /// Guards `state`; a waiting thread sleeps on it until work arrives, and `close` until the running jobs end.
    private let condition = NSCondition()
    nonisolated(unsafe) private var state = State()
    nonisolated(unsafe) private var started = false

    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    public func start() {
        let first = locked { () -> Bool in
            if started { return false }
            started = true
            return true
        }
        guard first else { return }
        for index in 0..<configuration.workers {
            Thread { [self] in self.work(name: "ustaz-slow-\(index)") }.start()
        }
    }

    public var load: Load {
        locked { Load(running: state.running, queued: state.queued, refused: state.refused) }
    }

    /// Queues `job`, first calling `admitted` under the lane's lock (the server suspends the connection there,
    /// before any thread can finish the job and resume it). Returns the seconds a client should wait when the
    /// queue is full or the lane is closed; nil when the job was taken.
    public func submit(_ job: @escaping Job, admitted: () -> Void) -> Int? {
        locked {
            let idleWorkers = configuration.workers - state.running
            guard !state.closed, state.queued < configuration.queueLimit + idleWorkers else {
                state.refused += 1
                let waitingPerWorker = Double(state.queued + state.running) / Double(configuration.workers)
                return max(1, Int((waitingPerWorker * state.averageSeconds).rounded(.up)))
            }
            admitted()
            state.queue.append(job)
            condition.signal()
            return nil
        }
    }

    /// Takes no more work: queued jobs are told to answer without running, running ones finish. Returns when the
    /// lane is idle, so that nothing it holds (a suspended connection) outlives the server.
    public func close() {
        let abandoned: [Job] = locked {
            state.closed = true
            let waiting = Array(state.queue[state.head...])
            state.queue = []
            state.head = 0
            condition.broadcast()
            return waiting
        }
        for job in abandoned { job(false) }
        condition.lock()
        while state.running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work(name: String) {
        // The name profilers and `top -H` show: Thread.name does not reach the kernel on Linux, and Swift does not
        // see pthread_setname_np, so the thread names itself through procfs.
        try? name.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        // On Linux the nice value belongs to the thread, and 0 names the calling one.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, configuration.niceness)
        while let job = next() {
            let started = ContinuousClock.now
            job(true)
            let seconds = (ContinuousClock.now - started).seconds
            locked {
                state.running -= 1
                state.averageSeconds = state.averageSeconds * 0.9 + seconds * 0.1
                // `close` may be waiting for the lane to become idle.
                if state.running == 0 { condition.broadcast() }
            }
        }
    }

    /// Sleeps until a job is queued, and takes it; nil once the lane is closed.
    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while !state.closed, state.queued == 0 { condition.wait() }
        guard !state.closed else { return nil }
        let job = state.queue[state.head]
        state.head += 1
        if state.head > 64, state.head * 2 > state.queue.count {
            state.queue.removeFirst(state.head)
            state.head = 0
        }
        state.running += 1
        return job
    }

    private func locked<Result>(_ body: () -> Result) -> Result {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
