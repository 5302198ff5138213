import Foundation
import Synchronization
import UstazCore

/// Reports too slow to compute on every view (a national scan of outcomes takes seconds), kept per
/// scope ("national", "region:pavlodar", "beneath:42") and recomputed when their change counter moves.
///
/// The policy is the coverage board's: a report that computes fast is always exact; a slow one is
/// served at once from the last computation (its time is on the page) while one background thread
/// computes the next, at most once per `minimumRefreshInterval` or ten times its cost. At most
/// `capacity` scopes are kept; the least recently computed goes first.
final class SlowReports<Value: Sendable>: Sendable {
    struct Served: Sendable {
        var value: Value
        /// When the figures were computed.
        var asOf: Date
    }

    private struct Cached: Sendable {
        var counter: Int
        var day: Day
        var served: Served
        var cost: Duration
        var computedAt: ContinuousClock.Instant
    }

    private struct State: Sendable {
        var cached: [String: Cached] = [:]
        var computing: Set<String> = []
    }

    private let state = Mutex(State())
    let slow: Duration
    let minimumRefreshInterval: Duration
    let capacity: Int

    init(slow: Duration = .milliseconds(100), minimumRefreshInterval: Duration = .seconds(60), capacity: Int = 64) {
        self.slow = slow
        self.minimumRefreshInterval = minimumRefreshInterval
        self.capacity = capacity
    }

    func value(for key: String, counter: Int, today: Day = .today, compute: @escaping @Sendable () throws -> Value) throws -> Served {
        var refreshInBackground = false
        let hit: Served? = state.withLock { state in
            guard let cached = state.cached[key] else { return nil }
            if cached.counter == counter && cached.day == today { return cached.served }
            guard cached.cost >= slow else { return nil }
            let due = ContinuousClock.now - cached.computedAt >= max(minimumRefreshInterval, cached.cost * 10)
            if !state.computing.contains(key), due || cached.day != today {
                state.computing.insert(key)
                refreshInBackground = true
            }
            return cached.served
        }
        if let hit {
            if refreshInBackground {
                DispatchQueue.global(qos: .utility).async {
                    _ = try? self.recompute(key, counter: counter, today: today, compute)
                    self.state.withLock { _ = $0.computing.remove(key) }
                }
            }
            return hit
        }
        return try recompute(key, counter: counter, today: today, compute)
    }

    private func recompute(_ key: String, counter: Int, today: Day, _ compute: () throws -> Value) throws -> Served {
        let clock = ContinuousClock()
        let started = clock.now
        let served = Served(value: try compute(), asOf: Date())
        let cached = Cached(counter: counter, day: today, served: served, cost: clock.now - started, computedAt: clock.now)
        state.withLock { state in
            if let existing = state.cached[key], existing.counter > counter, existing.day == today { return }
            state.cached[key] = cached
            if state.cached.count > capacity, let oldest = state.cached.min(by: { $0.value.computedAt < $1.value.computedAt })?.key {
                state.cached[oldest] = nil
            }
        }
        return served
    }
}
