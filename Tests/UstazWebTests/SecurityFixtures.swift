import Foundation
import HTTPServer
import Logging
import Synchronization
import Testing
import UstazCore
@testable import UstazWeb

/// Every log line the service writes, for tests that check what is never logged.
final class LogCapture: Sendable {
    private let lines = Mutex<[String]>([])
    var text: String { lines.withLock { $0.joined(separator: "\n") } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        var logger = Logger(label: "captured") { _ in CapturingHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    struct CapturingHandler: LogHandler {
        let capture: LogCapture
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            capture.append("\(level) \(message) \(metadata ?? [:]) \(self.metadata)")
        }
    }
}

/// A fresh service like `makeService()`, with a chosen public address and logger.
func makeService(baseURL: String, logger: Logger? = nil) throws -> (Ustaz, TestClient) {
    let data = FileManager.default.temporaryDirectory.appendingPathComponent("ustaz-\(UUID().uuidString)/data")
    var quiet = Logger(label: "test")
    quiet.logLevel = .critical
    let configuration = AppConfiguration(server: ServerConfiguration(host: "127.0.0.1", port: 0, threads: 4),
                                         dataFolder: data, baseURL: baseURL, resourcesFolder: repositoryRoot, passwordHasher: .fast)
    let (ustaz, _) = try Ustaz.start(configuration, logger: logger ?? quiet)
    return (ustaz, TestClient(ustaz.makeApplication()))
}

/// A valid IIN (right check digit) for a birth date in 1985, numbered `serial`.
func validIIN(serial: Int) -> IIN {
    var number = serial
    while true {
        let body = "850412" + "3" + String(format: "%04d", number % 10_000)
        for check in 0...9 { if let iin = try? IIN(body + String(check)) { return iin } }
        number += 1
    }
}

/// A multipart/form-data body: fields, then optionally one CSV file.
func multipartBody(_ fields: [(String, String)], file: (name: String, contents: String)? = nil,
                   boundary: String = "ustaz-test-boundary") -> (body: [UInt8], contentType: String) {
    var text = ""
    for (name, value) in fields {
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    if let file {
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"upload.csv\"\r\nContent-Type: text/csv\r\n\r\n\(file.contents)\r\n"
    }
    text += "--\(boundary)--\r\n"
    return (Array(text.utf8), "multipart/form-data; boundary=\(boundary)")
}

/// Every byte of the database files (main file, WAL, shared memory) under the service's data folder.
func databaseBytes(_ ustaz: Ustaz) throws -> Data {
    var all = Data()
    for suffix in ["", "-wal", "-shm"] {
        if let data = FileManager.default.contents(atPath: ustaz.configuration.databasePath + suffix) { all.append(data) }
    }
    return all
}

extension Browser {
    /// The `<span class="code">` of a printed card (activation or reset).
    static func printedCode(in response: Response) -> String? {
        let html = response.bodyText
        guard let range = html.range(of: "<span class=\"code\">") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "<" })
    }

    /// Sends a multipart form with the page's token, as the upload forms do.
    func postMultipart(_ target: String, _ fields: [(String, String)], file: (name: String, contents: String)? = nil) -> Response {
        let token = Browser.csrf(in: get("/me"))
        let (body, contentType) = multipartBody([("_csrf", token)] + fields, file: file)
        return send(.post, target, body: body, contentType: contentType)
    }

    /// Posts a form with the token of the signed-in session (or the anonymous one).
    func postWithToken(_ target: String, _ fields: [(String, String)]) -> Response {
        let page = get(cookies["ustaz_session"] == nil ? "/signin" : "/me")
        return post(target, [("_csrf", Browser.csrf(in: page))] + fields)
    }
}
