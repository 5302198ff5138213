import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `ustaz serve` in its own process, on a data folder, so a test can kill it like a power cut.
final class LiveUstaz {
    let process = Process()
    let port: Int

    init(data: String) throws {
        port = try LiveUstaz.freePort()
        process.executableURL = CommandLineTests.binary
        process.arguments = ["serve", "--data", data, "--port", String(port)]
        process.currentDirectoryURL = repositoryRoot
        process.environment = ProcessInfo.processInfo.environment.merging(["USTAZ_LOG_LEVEL": "error"]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while (try? LiveHTTP.exchange(port: port, "GET", "/healthz").status) != 200 {
            guard process.isRunning, Date() < deadline else { throw LiveHTTP.Failure("ustaz serve did not come up on port \(port)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// SIGKILL: no shutdown handler, no checkpoint, no closing of the database.
    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// A port nobody listens on right now (the kernel picks it; the server binds it a moment later).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw LiveHTTP.Failure("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Creates the demo world in `data` and returns its shared password.
    static func demo(in data: String) throws -> String {
        let demo = try CommandLineTests.run(["demo", "--no-serve", "--data", data])
        guard demo.status == 0, let line = demo.output.split(separator: "\n").first(where: { $0.hasPrefix("Password for every demo account: ") }) else {
            throw LiveHTTP.Failure("ustaz demo failed: \(demo.output)")
        }
        return String(line.dropFirst("Password for every demo account: ".count))
    }
}

/// One HTTP/1.1 exchange over a fresh connection, read to the end (Connection: close).
enum LiveHTTP {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    struct Reply {
        var status: Int
        var head: String
        var body: String
        /// Values of the named header, names compared without case.
        func header(_ name: String) -> [String] {
            head.split(separator: "\r\n").dropFirst().compactMap { line in
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, parts[0].lowercased() == name.lowercased() else { return nil }
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
    }

    static func exchange(port: Int, _ method: String, _ target: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure("connection refused") }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8) + body
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else { throw Failure("send failed") }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count <= 0 { break }
            received += chunk[..<count]
        }
        // Only a complete head counts as an answer: a reply cut off by a crash acknowledges nothing.
        guard let end = received.firstRange(of: Array("\r\n\r\n".utf8)), end.lowerBound >= 12,
              let status = Int(String(decoding: received[9..<12], as: UTF8.self)) else { throw Failure("no complete reply") }
        return Reply(status: status, head: String(decoding: received[..<end.lowerBound], as: UTF8.self),
                     body: String(decoding: received[end.upperBound...], as: UTF8.self))
    }
}

/// Values gathered by several threads.
final class Tally<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Value] = []
    func append(_ value: Value) { lock.lock(); items.append(value); lock.unlock() }
    var values: [Value] { lock.lock(); defer { lock.unlock() }; return items }
}
