/// How the socket server listens and protects itself; defaults suit a 2-core machine.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 asks the kernel for a free port (tests); `Server.port` tells which.
    public var port: Int
    /// Worker threads, each running an epoll loop; every route but the slow lane's runs on them.
    public var threads: Int
    /// A connection idle this long is closed, so slow clients cannot hold workers.
    public var connectionTimeoutSeconds: Int
    public var connectionLimit: Int
    /// Connections one client address may hold at once (0: no limit), so one address trickling
    /// slow requests cannot take every connection. Behind a reverse proxy every client shares the
    /// proxy's address: raise it (or use 0) there and let the proxy limit clients.
    public var perAddressConnectionLimit: Int
    /// Memory per connection for headers and buffering (libmicrohttpd's pool).
    public var connectionMemoryLimit: Int
    /// How long shutdown waits for requests in flight before closing anyway.
    public var shutdownGracePeriod: Duration
    /// The threads and queue for routes declared `.slow` (password hashing, PDF rendering).
    public var slowLane: SlowLane.Configuration

    public init(host: String = "127.0.0.1", port: Int = 8080, threads: Int? = nil,
                connectionTimeoutSeconds: Int = 30, connectionLimit: Int = 4096, perAddressConnectionLimit: Int = 256,
                connectionMemoryLimit: Int = 64 * 1024, shutdownGracePeriod: Duration = .seconds(10),
                slowLane: SlowLane.Configuration = SlowLane.Configuration()) {
        self.host = host
        self.port = port
        self.threads = threads ?? max(4, 2 * System.coreCount)
        self.connectionTimeoutSeconds = connectionTimeoutSeconds
        self.connectionLimit = connectionLimit
        self.perAddressConnectionLimit = perAddressConnectionLimit
        self.connectionMemoryLimit = connectionMemoryLimit
        self.shutdownGracePeriod = shutdownGracePeriod
        self.slowLane = slowLane
    }
}

public enum System {
    public static var coreCount: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}

#if canImport(Glibc)
import Glibc
#endif
