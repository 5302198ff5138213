import Foundation
import HTTPServer
import Logging
import Synchronization

/// Log lines to standard output through one buffer: every request writes an access-log line, and
/// swift-log's stream handler formats a local time and makes a write system call for each.
///
/// Lines are written when 32 KB have gathered, at least every quarter second, at once for warnings
/// and worse, and at exit. The format matches the stream handler's, with the time in UTC.
struct BufferedLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var line = LogOutput.shared.timestamp()
        line += " \(event.level) \(label):"
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if !merged.isEmpty {
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        }
        line += " [\(event.source)] \(event.message)\n"
        LogOutput.shared.append(line, flushNow: event.level >= .warning)
    }
}

/// The shared buffer, its timestamp cache and the flusher thread.
final class LogOutput: Sendable {
    static let shared = LogOutput()

    private struct State {
        var buffer: [UInt8] = []
        var second: Int = -1
        var stamp = ""

        mutating func refreshStamp(_ now: Date) {
            let current = Int(now.timeIntervalSince1970)
            guard current != second else { return }
            second = current
            stamp = now.formatted(.iso8601)
        }
    }

    private let state = Mutex(State())

    private init() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.25)
                flush()
            }
        }
        thread.start()
        atexit { LogOutput.shared.flush() }
    }

    /// ISO 8601 in UTC to the second, formatted once per second.
    func timestamp() -> String {
        let now = Date()
        return state.withLock { state in
            state.refreshStamp(now)
            return state.stamp
        }
    }

    /// An access-log line, written into the buffer under the one lock with no String built for it.
    func appendAccess(_ record: AccessRecord, label: String) {
        let now = Date()
        let full = state.withLock { state in
            state.refreshStamp(now)
            record.appendLine(to: &state.buffer, time: state.stamp, label: label)
            return state.buffer.count >= 32 * 1024
        }
        if full { flush() }
    }

    func append(_ line: String, flushNow: Bool) {
        let full = state.withLock { state in
            state.buffer.append(contentsOf: line.utf8)
            return state.buffer.count >= 32 * 1024
        }
        if full || flushNow { flush() }
    }

    func flush() {
        let bytes = state.withLock { state in
            defer { state.buffer.removeAll(keepingCapacity: true) }
            return state.buffer
        }
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
