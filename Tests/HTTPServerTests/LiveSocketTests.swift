import Foundation
import HTTPServer
import Testing

@Suite("The libmicrohttpd server on a real socket", .serialized)
struct LiveSocketTests {
    func withServer(_ body: (Server) throws -> Void) throws {
        let server = Server(application: try makeTestApplication(),
                            configuration: ServerConfiguration(host: "127.0.0.1", port: 0, threads: 2,
                                                               connectionTimeoutSeconds: 2))
        try server.start()
        defer { server.shutdown() }
        try body(server)
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            let first = try client.request("GET", "/hello")
            #expect(first.status == 200)
            #expect(first.text == "hello")
            #expect(first.headers["connection"]?.lowercased() != "close")
            let second = try client.request("GET", "/people/7")
            #expect(second.text == "person 7")
            let third = try client.request("POST", "/echo", body: Array("тест".utf8))
            #expect(third.text == "тест")
        }
    }

    @Test func statusCodesOverTheWire() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            #expect(try client.request("GET", "/nowhere").status == 404)
            let notAllowed = try client.request("PUT", "/hello", body: Array("x".utf8))
            #expect(notAllowed.status == 405)
            #expect(notAllowed.headers["allow"] == "GET, HEAD")
            #expect(try client.request("GET", "/query?q=%G1").status == 400)
            let head = try client.request("HEAD", "/hello")
            #expect(head.status == 200)
            #expect(head.headers["content-length"] == "5")
        }
    }

    @Test func declaredOversizedBodyIsRefusedBeforeItIsSent() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\nExpect: 100-continue\r\n\r\n")
            let reply = try client.readReply()
            #expect(reply.status == 413)
        }
    }

    @Test func chunkedOversizedBodyIs413() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            let chunk = String(repeating: "a", count: 16 * 1024)
            var request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            for _ in 0..<5 { request += String(chunk.utf8.count, radix: 16) + "\r\n" + chunk + "\r\n" }
            request += "0\r\n\r\n"
            client.send(request)
            #expect(try client.readReply().status == 413)
        }
    }

    @Test func gzipOverTheWire() throws {
        try withServer { server in
            let client = try RawHTTPClient(port: server.port)
            let reply = try client.request("GET", "/big", headers: ["Accept-Encoding": "gzip"])
            #expect(reply.headers["content-encoding"] == "gzip")
            let text = String(decoding: try #require(Gzip.decompress(reply.body)), as: UTF8.self)
            #expect(text.hasPrefix("<p>Сәлем, әлем!</p>"))
        }
    }

    @Test func idleConnectionsAreClosedAfterTheTimeout() throws {
        try withServer { server in
            let idle = try RawHTTPClient(port: server.port)
            idle.send("GET /hel")  // a slow client that never finishes its request line
            let start = Date()
            #expect(idle.isClosedByPeer())
            #expect(Date().timeIntervalSince(start) < 8)
            // Meanwhile others are served.
            #expect(try RawHTTPClient(port: server.port).request("GET", "/hello").status == 200)
        }
    }

    @Test func shutdownFinishesRequestsInFlight() throws {
        let application = try makeTestApplication()
        let server = Server(application: application, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, threads: 2))
        try server.start()
        let client = try RawHTTPClient(port: server.port)
        client.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        // The handler takes 0.5 s; shut down once the server has the request in hand.
        try waitUntil("the server has the request in hand") {
            (application.metrics.requestsInFlight == 1, "\(application.metrics.requestsInFlight) requests in flight")
        }
        let stopped = Date()
        server.shutdown()
        #expect(Date().timeIntervalSince(stopped) >= 0.3)
        let reply = try client.readReply()
        #expect(reply.status == 200)
        #expect(reply.text == "done")
        #expect((try? RawHTTPClient(port: server.port)) == nil)
    }
}
