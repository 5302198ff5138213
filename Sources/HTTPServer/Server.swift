import CMicroHTTPD
import Foundation
public import Logging
import Synchronization

/// The socket server: libmicrohttpd with epoll and an internal thread pool, plus the slow lane.
///
/// Per request, libmicrohttpd calls back three times or more: the URI logger (we create an
/// `Exchange`), the access handler with headers (we note them and return, so keep-alive
/// survives), again for each body chunk, and a last time with no data (we answer). The
/// completion notifier releases the exchange.
///
/// A route on the slow lane is not answered in that last call: the connection is suspended and the
/// request handed to `SlowLane`; the lane's thread stores the answer on the exchange and resumes the
/// connection, and libmicrohttpd calls the access handler once more, which sends it.
public final class Server: Sendable {
    public let configuration: ServerConfiguration
    private let context: ServerContext
    private let daemon: Mutex<DaemonHandle?> = Mutex(nil)
    private let boundPort = Atomic<Int>(0)

    public init(application: Application, configuration: ServerConfiguration) {
        self.configuration = configuration
        self.context = ServerContext(application: application, lane: SlowLane(configuration.slowLane))
        application.metrics.attach(context.lane)
    }

    /// What the slow lane is doing now (tests wait on it rather than sleeping).
    public var slowLaneLoad: SlowLane.Load { context.lane.load }

    /// libmicrohttpd holds an unretained pointer to the context: stop it before the context can go.
    deinit { shutdown() }

    /// The port actually listened on (differs from the configured one when that was 0).
    public var port: Int { boundPort.load(ordering: .relaxed) }

    /// Connections libmicrohttpd holds open right now (0 when stopped): what a test of connection
    /// limits and timeouts waits on, instead of guessing with sleeps.
    public var openConnections: Int {
        daemon.withLock { handle in handle.map { Int(ustaz_mhd_current_connections($0.pointer)) } ?? 0 }
    }

    public func start() throws {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(configuration.port).bigEndian)
        guard inet_pton(AF_INET, configuration.host == "localhost" ? "127.0.0.1" : configuration.host, &address.sin_addr) == 1 else {
            throw ServerError("USTAZ_HOST must be an IPv4 address such as 127.0.0.1 or 0.0.0.0, not \"\(configuration.host)\".")
        }
        let flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_TURBO.rawValue
            | MHD_USE_ITC.rawValue | MHD_USE_ERROR_LOG.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue
        context.lane.start()
        let contextPointer = Unmanaged.passUnretained(context).toOpaque()
        let started = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                ustaz_mhd_start(UInt32(flags), socketAddress, Server.accessHandler, Server.completionHandler,
                                Server.uriLogger, contextPointer, UInt32(configuration.threads > 1 ? configuration.threads : 0),
                                UInt32(configuration.connectionTimeoutSeconds), UInt32(configuration.connectionLimit),
                                UInt32(configuration.perAddressConnectionLimit),
                                configuration.connectionMemoryLimit)
            }
        }
        guard let started else {
            throw ServerError("Could not listen on \(configuration.host):\(configuration.port); is another program using that port?")
        }
        daemon.withLock { $0 = DaemonHandle(pointer: started) }
        boundPort.store(Int(ustaz_mhd_bound_port(started)), ordering: .relaxed)
    }

    /// Stops accepting connections, lets requests in flight finish (up to the grace period), then stops.
    /// The slow lane closes before libmicrohttpd stops, which must not find a connection still suspended:
    /// what waits in its queue is answered 503, what runs finishes. Those last answers get a grace period of their
    /// own to be written, since a slow job may have outlasted the first.
    public func shutdown() {
        guard let running = daemon.withLock({ $0?.pointer }) else { return }
        let listener = MHD_quiesce_daemon(running)
        if listener >= 0 { close(listener) }
        waitForRequestsInFlight()
        context.lane.close()
        // The lane's last answers were handed back to libmicrohttpd by resuming their connections; stopping at
        // once would close those connections before the answers are written.
        waitForRequestsInFlight()
        daemon.withLock { $0 = nil }
        MHD_stop_daemon(running)
    }

    /// Waits until every request begun has been answered and written, or the grace period has passed.
    private func waitForRequestsInFlight() {
        let deadline = ContinuousClock.now + configuration.shutdownGracePeriod
        while context.application.metrics.requestsInFlight > 0, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    // MARK: C callbacks (static, so they run on libmicrohttpd's threads, not the main actor)

    private static let uriLogger: ustaz_mhd_uri_logger = { contextPointer, uri, _ in
        let context = Unmanaged<ServerContext>.fromOpaque(contextPointer!).takeUnretainedValue()
        context.application.metrics.inFlight.add(1, ordering: .relaxed)
        let exchange = Exchange(target: uri.map { String(cString: $0) } ?? "/")
        return Unmanaged.passRetained(exchange).toOpaque()
    }

    private static let completionHandler: MHD_RequestCompletedCallback = { contextPointer, _, exchangePointer, _ in
        guard let exchangePointer, let stored = exchangePointer.pointee else { return }
        Unmanaged<Exchange>.fromOpaque(stored).release()
        exchangePointer.pointee = nil
        let context = Unmanaged<ServerContext>.fromOpaque(contextPointer!).takeUnretainedValue()
        context.application.metrics.inFlight.subtract(1, ordering: .relaxed)
    }

    private static let accessHandler: MHD_AccessHandlerCallback = {
        contextPointer, connection, _, method, _, uploadData, uploadDataSize, exchangePointer in
        guard let connection, let exchangePointer, let stored = exchangePointer.pointee,
              let uploadDataSize else { return MHD_Result.NO }
        let context = Unmanaged<ServerContext>.fromOpaque(contextPointer!).takeUnretainedValue()
        let exchange = Unmanaged<Exchange>.fromOpaque(stored).takeUnretainedValue()
        return context.handle(connection: connection, exchange: exchange,
                              method: method.map { String(cString: $0) } ?? "GET",
                              uploadData: uploadData, uploadDataSize: uploadDataSize)
    }
}

/// A suspended connection and its exchange, handed to a slow-lane thread. libmicrohttpd calls back for the
/// connection only after that thread resumes it, so the exchange is still touched by one thread at a time.
struct ParkedExchange: @unchecked Sendable {
    let exchange: Exchange
    let connection: OpaquePointer
}

/// The daemon pointer; libmicrohttpd's calls on it are thread-safe.
struct DaemonHandle: @unchecked Sendable { let pointer: OpaquePointer }

public struct ServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// State of one request while libmicrohttpd reads it; touched by one thread at a time.
final class Exchange {
    let target: String
    var method: HTTPMethod = .get
    var headers = HTTPHeaders()
    var body: [UInt8] = []
    var bodyLimit = Router.defaultBodyLimit
    var route = Router.Match.notFound
    var headersRead = false
    var tooLarge = false
    var remoteAddress = ""
    let receivedAt = ContinuousClock.now
    /// The slow lane's answer, waiting for libmicrohttpd to resume the connection and call back.
    var answer: Response?

    init(target: String) { self.target = target }
}

final class ServerContext: Sendable {
    let application: Application
    let lane: SlowLane

    init(application: Application, lane: SlowLane) {
        self.application = application
        self.lane = lane
    }

    func handle(connection: OpaquePointer, exchange: Exchange, method: String,
                uploadData: UnsafePointer<CChar>?, uploadDataSize: UnsafeMutablePointer<Int>) -> MHD_Result {
        if !exchange.headersRead {
            exchange.headersRead = true
            exchange.method = HTTPMethod(rawValue: method)
            exchange.headers = readHeaders(connection)
            exchange.remoteAddress = clientAddress(connection)
            let path = Request.split(target: exchange.target).path
            let decodedPath = (try? PercentDecoding.decode(path, plusIsSpace: false)) ?? String(path)
            exchange.route = application.router.match(exchange.method, decodedPath)
            exchange.bodyLimit = exchange.route.bodyLimit
            if let declared = exchange.headers["Content-Length"].flatMap(Int.init), declared > exchange.bodyLimit {
                // Answer before reading the body; libmicrohttpd then closes the connection.
                return queue(errorResponse(.payloadTooLarge(limit: exchange.bodyLimit), exchange), on: connection)
            }
            return MHD_Result.YES
        }
        if uploadDataSize.pointee > 0 {
            if !exchange.tooLarge, let uploadData {
                if exchange.body.count + uploadDataSize.pointee > exchange.bodyLimit {
                    exchange.tooLarge = true
                    exchange.body = []
                } else {
                    uploadData.withMemoryRebound(to: UInt8.self, capacity: uploadDataSize.pointee) {
                        exchange.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: uploadDataSize.pointee))
                    }
                }
            }
            uploadDataSize.pointee = 0
            return MHD_Result.YES
        }
        if let answer = exchange.answer {
            exchange.answer = nil
            return queue(answer, on: connection)
        }
        if exchange.tooLarge {
            return queue(errorResponse(.payloadTooLarge(limit: exchange.bodyLimit), exchange), on: connection)
        }
        var request: Request
        do {
            request = try Request(method: exchange.method, target: exchange.target, headers: exchange.headers,
                                  body: exchange.body, remoteAddress: exchange.remoteAddress)
        } catch {
            return queue(errorResponse(error, exchange), on: connection)
        }
        request.receivedAt = exchange.receivedAt
        if exchange.route.lane == .slow { return answerOnSlowLane(request, exchange, connection) }
        return queue(application.respond(to: request, matched: exchange.route), on: connection)
    }

    /// Suspends the connection and queues the request on the slow lane, or answers 503 at once when the queue is full.
    private func answerOnSlowLane(_ request: Request, _ exchange: Exchange, _ connection: OpaquePointer) -> MHD_Result {
        let parked = ParkedExchange(exchange: exchange, connection: connection)
        let application = self.application
        let refusal = lane.submit({ run in
            parked.exchange.answer = run
                ? application.respond(to: request, matched: parked.exchange.route)
                : application.respond(to: request, refusing: .busy(retryAfter: 1))
            MHD_resume_connection(parked.connection)
        }, admitted: { MHD_suspend_connection(connection) })
        if let seconds = refusal {
            return queue(application.respond(to: request, refusing: .busy(retryAfter: seconds)), on: connection)
        }
        return MHD_Result.YES
    }

    private func errorResponse(_ error: HTTPError, _ exchange: Exchange) -> Response {
        application.respond(to: error, method: exchange.method, target: exchange.target, headers: exchange.headers)
    }

    private func queue(_ response: Response, on connection: OpaquePointer) -> MHD_Result {
        let mhdResponse = response.body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress),
                                            MHD_ResponseMemoryMode.RESPMEM_MUST_COPY)
        }
        guard let mhdResponse else { return MHD_Result.NO }
        defer { MHD_destroy_response(mhdResponse) }
        for (name, value) in response.headers {
            // Header values with CR or LF would split the response; handlers never need them.
            guard !value.contains(where: { $0 == "\r" || $0 == "\n" }) else { continue }
            _ = MHD_add_response_header(mhdResponse, name, value)
        }
        return MHD_queue_response(connection, UInt32(response.status), mhdResponse)
    }

    private func readHeaders(_ connection: OpaquePointer) -> HTTPHeaders {
        final class Collector { var headers = HTTPHeaders() }
        let collector = Collector()
        _ = MHD_get_connection_values(connection, MHD_ValueKind.HEADER_KIND, { collectorPointer, _, key, value in
            guard let collectorPointer, let key else { return MHD_Result.YES }
            let collector = Unmanaged<Collector>.fromOpaque(collectorPointer).takeUnretainedValue()
            collector.headers.add(String(cString: key), value.map { String(cString: $0) } ?? "")
            return MHD_Result.YES
        }, Unmanaged.passUnretained(collector).toOpaque())
        return collector.headers
    }

    private func clientAddress(_ connection: OpaquePointer) -> String {
        guard let address = ustaz_mhd_client_address(connection) else { return "" }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            var ipv4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            inet_ntop(AF_INET, &ipv4, &buffer, socklen_t(buffer.count))
        case AF_INET6:
            var ipv6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            inet_ntop(AF_INET6, &ipv6, &buffer, socklen_t(buffer.count))
        default:
            return ""
        }
        return String(cString: buffer)
    }
}
