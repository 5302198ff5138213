import Synchronization

/// Request counters and a latency histogram, shared by all server threads.
public final class ServerMetrics: Sendable {
    static let bucketBounds: [Double] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5]

    struct State {
        var requestsByStatus: [Int: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: ServerMetrics.bucketBounds.count)
        var durationSum: Double = 0
        var count = 0
    }

    private let state = Mutex(State())

    public init() {}
    let inFlight = Atomic<Int>(0)
    private let lane = Mutex<SlowLane?>(nil)

    /// The server's slow lane, whose load the metrics then report.
    func attach(_ slowLane: SlowLane) { lane.withLock { $0 = slowLane } }

    func record(status: Int, duration: Duration) {
        let seconds = duration.seconds
        state.withLock { state in
            state.requestsByStatus[status, default: 0] += 1
            if let bucket = ServerMetrics.bucketBounds.firstIndex(where: { seconds <= $0 }) {
                state.bucketCounts[bucket] += 1
            }
            state.durationSum += seconds
            state.count += 1
        }
    }

    public var requestsInFlight: Int { inFlight.load(ordering: .relaxed) }

    /// The counters in Prometheus text exposition format.
    public func prometheusText() -> String {
        let snapshot = state.withLock { $0 }
        var lines = [
            "# HELP http_requests_total HTTP requests answered, by status code.",
            "# TYPE http_requests_total counter",
        ]
        for status in snapshot.requestsByStatus.keys.sorted() {
            lines.append("http_requests_total{status=\"\(status)\"} \(snapshot.requestsByStatus[status]!)")
        }
        lines += [
            "# HELP http_request_duration_seconds Time from a complete request to its response.",
            "# TYPE http_request_duration_seconds histogram",
        ]
        var cumulative = 0
        for (index, bound) in ServerMetrics.bucketBounds.enumerated() {
            cumulative += snapshot.bucketCounts[index]
            lines.append("http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)")
        }
        lines += [
            "http_request_duration_seconds_bucket{le=\"+Inf\"} \(snapshot.count)",
            "http_request_duration_seconds_sum \(snapshot.durationSum)",
            "http_request_duration_seconds_count \(snapshot.count)",
            "# HELP http_requests_in_flight Requests received and not yet answered.",
            "# TYPE http_requests_in_flight gauge",
            "http_requests_in_flight \(requestsInFlight)",
        ]
        if let load = lane.withLock({ $0?.load }) {
            lines += [
                "# HELP http_slow_lane_running Slow-lane requests (password hashing, certificate files) running now.",
                "# TYPE http_slow_lane_running gauge",
                "http_slow_lane_running \(load.running)",
                "# HELP http_slow_lane_queued Slow-lane requests waiting for a thread.",
                "# TYPE http_slow_lane_queued gauge",
                "http_slow_lane_queued \(load.queued)",
                "# HELP http_slow_lane_refused_total Slow-lane requests answered 503 because the queue was full.",
                "# TYPE http_slow_lane_refused_total counter",
                "http_slow_lane_refused_total \(load.refused)",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
