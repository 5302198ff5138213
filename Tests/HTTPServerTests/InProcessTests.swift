import Foundation
@testable import HTTPServer
import Synchronization
import Testing

@Suite("Routing, errors and bodies through the in-process client")
struct InProcessTests {
    let client: TestClient
    init() throws { client = TestClient(try makeTestApplication()) }

    @Test func routesWithParametersAndRest() {
        #expect(client.get("/hello").bodyText == "hello")
        #expect(client.get("/people/42").bodyText == "person 42")
        #expect(client.get("/files/a/b/c.txt").bodyText == "file a/b/c.txt")
        #expect(client.get("/people/%D0%90%D0%B9").bodyText == "person Ай")
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() {
        #expect(client.get("/nowhere").status == 404)
        let response = client.execute(.delete, "/hello")
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, HEAD")
    }

    @Test func headAnswersLikeGetWithoutBody() {
        let response = client.execute(.head, "/hello")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }

    @Test func queryStringsArePercentDecoded() {
        #expect(client.get("/query?q=a%20b+c%2B").bodyText == "q=a b c+")
        #expect(client.get("/query?q=%D2%9B%D0%B0%D0%B7").bodyText == "q=қаз")
    }

    @Test func malformedInputIs400WithAReadableMessage() {
        let badEscape = client.get("/query?q=%zz")
        #expect(badEscape.status == 400)
        #expect(badEscape.bodyText.contains("percent-escape"))
        #expect(client.get("/people/%ff%fe").status == 400)
        let badUTF8 = client.execute(.post, "/echo", body: [0xff, 0xfe, 0x41])
        #expect(badUTF8.status == 400)
        #expect(badUTF8.bodyText.contains("UTF-8"))
    }

    @Test func badJSONIs400AndGoodJSONDecodes() {
        let headers: HTTPHeaders = ["Content-Type": "application/json", "Accept": "application/json"]
        let bad = client.execute(.post, "/json", headers: headers, body: Array("{\"name\": ".utf8))
        #expect(bad.status == 400)
        #expect(bad.bodyText.contains("not valid JSON"))
        let missing = client.execute(.post, "/json", headers: headers, body: Array("{\"name\":\"x\"}".utf8))
        #expect(missing.status == 400)
        #expect(missing.bodyText.contains("count"))
        let good = client.execute(.post, "/json", headers: headers, body: Array("{\"name\":\"Әсел\",\"count\":3}".utf8))
        #expect(good.status == 200)
        #expect(good.bodyText == "{\"count\":\"3\",\"name\":\"Әсел\"}")
    }

    @Test func errorsRenderAsJSONOrHTMLByAccept() {
        let json = client.get("/fail", headers: ["Accept": "application/json"])
        #expect(json.status == 409)
        #expect(json.headers["Content-Type"] == "application/json")
        #expect(json.bodyText == "{\"error\":{\"message\":\"Already taken.\",\"status\":409}}")
        let html = client.get("/fail", headers: ["Accept": "text/html"])
        #expect(html.status == 409)
        #expect(html.headers["Content-Type"]?.hasPrefix("text/html") == true)
        #expect(html.bodyText.contains("Already taken."))
    }

    @Test func unexpectedErrorsBecome500WithoutDetails() {
        let response = client.get("/crash")
        #expect(response.status == 500)
        #expect(!response.bodyText.contains("NSCocoaErrorDomain"))
    }

    @Test func bodyOverTheRouteLimitIs413() {
        let response = client.execute(.post, "/echo", body: [UInt8](repeating: 65, count: Router.defaultBodyLimit + 1))
        #expect(response.status == 413)
        #expect(response.bodyText.contains("64 KB"))
        #expect(client.execute(.post, "/upload", headers: ["Content-Type": "multipart/form-data; boundary=x"],
                               body: [UInt8](repeating: 65, count: 100_000)).status == 400)
    }

    @Test func formsDecode() {
        let response = client.post("/form", form: [("name", "Нұрлан Әбішев"), ("note", "a&b=c")])
        #expect(response.bodyText == "name=Нұрлан Әбішев\nnote=a&b=c")
        let wrongType = client.execute(.post, "/form", headers: ["Content-Type": "text/plain"], body: Array("x".utf8))
        #expect(wrongType.status == 415)
    }

    @Test func multipartUploadsParse() {
        let boundary = "----ustaz1234"
        let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"cohort\"\r\n\r\n7\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"teachers.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\nname,school\r\nАйгерім,12\r\n\r\n--\(boundary)--\r\n"
        let response = client.execute(.post, "/upload", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                                      body: Array(body.utf8))
        #expect(response.status == 200)
        #expect(response.bodyText == "cohort:-:1\nfile:teachers.csv:\(Array("name,school\r\nАйгерім,12\r\n".utf8).count)")
        let truncated = client.execute(.post, "/upload", headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"],
                                       body: Array(body.utf8.dropLast(10)))
        #expect(truncated.status == 400)
        #expect(truncated.bodyText.contains("closing boundary"))
    }

    @Test func cookiesParse() {
        #expect(client.get("/cookies", headers: ["Cookie": "a=1; b=two"]).bodyText == "a=1;b=two")
    }

    @Test func gzipWhenAcceptedAndLargeEnough() throws {
        let plain = client.get("/big")
        #expect(plain.headers["Content-Encoding"] == nil)
        let compressed = client.get("/big", headers: ["Accept-Encoding": "gzip, deflate, br"])
        #expect(compressed.headers["Content-Encoding"] == "gzip")
        #expect(compressed.headers["Vary"] == "Accept-Encoding")
        #expect(compressed.body.count < plain.body.count / 5)
        #expect(Gzip.decompress(compressed.body) == plain.body)
        #expect(client.get("/big", headers: ["Accept-Encoding": "gzip;q=0"]).headers["Content-Encoding"] == nil)
        #expect(client.get("/hello", headers: ["Accept-Encoding": "gzip"]).headers["Content-Encoding"] == nil)
    }

    @Test func securityHeadersOnEveryResponse() {
        for response in [client.get("/hello"), client.get("/nowhere")] {
            let csp = response.headers["Content-Security-Policy"] ?? ""
            #expect(csp.contains("script-src 'self'"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(response.headers["X-Content-Type-Options"] == "nosniff")
            #expect(response.headers["Referrer-Policy"] == "same-origin")
        }
    }
}

@Suite("Static files")
struct StaticFileTests {
    @Test func etagsFingerprintsAndPrecompression() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("css"), withIntermediateDirectories: true)
        let css = String(repeating: "body { color: #123; }\n", count: 100)
        try css.write(to: folder.appendingPathComponent("css/app.css"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try StaticFiles(folder: folder)
        let client = TestClient(try makeTestApplication(staticFolder: folder))

        let first = client.get("/static/css/app.css")
        #expect(first.status == 200)
        #expect(first.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(first.headers["Cache-Control"] == "public, max-age=300")
        let etag = try #require(first.headers["ETag"])
        #expect(client.get("/static/css/app.css", headers: ["If-None-Match": etag]).status == 304)

        let url = files.url(for: "css/app.css")
        #expect(url.hasPrefix("/static/css/app.css?v="))
        let fingerprinted = client.get(url, headers: ["Accept-Encoding": "gzip"])
        #expect(fingerprinted.headers["Cache-Control"] == "public, max-age=31536000, immutable")
        #expect(fingerprinted.headers["Content-Encoding"] == "gzip")
        #expect(Gzip.decompress(fingerprinted.body) == Array(css.utf8))
        #expect(client.get("/static/missing.css").status == 404)
        #expect(client.get("/static/../Package.swift").status == 404)
    }
}

@Suite("Hostile headers")
struct HostileHeaderTests {
    @Test func emptyOrOddContentTypesAreRefusedNotFatal() throws {
        let client = TestClient(try makeTestApplication())
        for type in ["", ";", " ; charset=utf-8", ";;;"] {
            let response = client.execute(.post, "/form", headers: ["Content-Type": type], body: Array("a=1".utf8))
            #expect(response.status == 415, "Content-Type \(type.debugDescription)")
        }
    }

    @Test func theAccessLogNeverShowsQueriesOrSecretSegments() throws {
        var application = try makeTestApplication()
        application.secretPathPrefixes = ["/setup/"]
        #expect(application.redacted("/setup/abcdef123?x=1") == "/setup/…")
        #expect(application.redacted("/activate?code=ABCDEFGHJK") == "/activate")
        #expect(application.redacted("/courses/primary") == "/courses/primary")
        // A combining mark right after the slash makes "/" and the mark one Character; the prefix is still there.
        #expect(application.redacted("/setup/\u{0670}abcdef") == "/setup/…")
        #expect(application.redacted("/setup/%D9%B0abcdef") == "/setup/…")
    }

    @Test func aPathWhoseFirstSegmentStartsWithACombiningMarkIsStillAbsolute() throws {
        let request = try Request(method: .get, target: "/%D9%B0?=kkgPP6x=Nisp")
        #expect(request.path.utf8.first == UInt8(ascii: "/"))
        #expect(request.path == "/\u{0670}")
        #expect(!request.path.hasPrefix("/"), "String.hasPrefix compares characters: why the HTTP layer compares bytes")
        #expect(request.path.isUnder("/"))
    }

    @Test func theAccessLogSinkGetsEveryAnswerRedactedAndFormatsTheUsualLine() throws {
        var application = try makeTestApplication()
        application.secretPathPrefixes = ["/setup/"]
        let records = Mutex<[AccessRecord]>([])
        application.logger.logLevel = .info
        application.accessLog = { record in records.withLock { $0.append(record) } }
        let client = TestClient(application)
        let answered = client.execute(.get, "/setup/abcdef123?x=1", headers: [:])
        _ = client.execute(.get, "/nowhere", headers: [:])
        let seen = records.withLock { $0 }
        #expect(seen.map(\.path) == ["/setup/…", "/nowhere"])
        #expect(seen.map(\.status) == [answered.status, 404])
        #expect(seen.allSatisfy { $0.method == "GET" && !$0.client.isEmpty })

        var line: [UInt8] = []
        AccessRecord(method: "GET", path: "/v/…", status: 200, bytes: 3120, elapsed: .microseconds(1400), client: "127.0.0.1")
            .appendLine(to: &line, time: "2026-12-03T12:00:00Z", label: "ustaz")
        #expect(String(decoding: line, as: UTF8.self)
                == "2026-12-03T12:00:00Z info ustaz: client=127.0.0.1 [HTTPServer] GET /v/… 200 3120B 1.4ms\n")
    }
}

@Suite("Header names")
struct HeaderNameTests {
    @Test func lookupIgnoresLetterCaseOnly() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "X-[Odd]": "1"]
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers["Content-Typf"] == nil)
        #expect(headers["X-[odd]"] == "1")
        #expect(headers["X-{odd}"] == nil)  // "[" and "{" differ by the case bit but are not letters
        headers["CONTENT-type"] = "application/json"
        #expect(headers.values("Content-Type") == ["application/json"])
    }
}
