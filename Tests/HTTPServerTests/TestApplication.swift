import Foundation
import HTTPServer
import Logging

/// A small application exercising every feature of the HTTP layer.
func makeTestApplication(staticFolder: URL? = nil) throws -> Application {
    var router = Router()
    router.get("/hello") { _ in .text("hello") }
    router.get("/people/:id") { request in .text("person \(try request.parameter("id"))") }
    router.get("/files/*path") { request in .text("file \(try request.parameter("path"))") }
    router.get("/query") { request in .text("q=\(request.query["q"] ?? "-")") }
    router.get("/big") { _ in .html(String(repeating: "<p>Сәлем, әлем!</p>\n", count: 500)) }
    router.get("/cookies") { request in .text(request.cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")) }
    router.get("/fail") { _ in throw HTTPError.conflict("Already taken.") }
    router.get("/crash") { _ in throw CocoaError(.fileNoSuchFile) }
    router.post("/echo") { request in .text(try request.text()) }
    router.post("/form") { request in
        let form = try request.form()
        return .text(form.pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "\n"))
    }
    router.post("/json") { request in
        struct Payload: Decodable { var name: String; var count: Int }
        let payload = try request.decodeJSON(Payload.self)
        return .json(["name": payload.name, "count": String(payload.count)])
    }
    router.post("/upload", bodyLimit: 1 << 20) { request in
        let parts = try request.multipart()
        return .text(parts.map { "\($0.name):\($0.filename ?? "-"):\($0.data.count)" }.joined(separator: "\n"))
    }
    router.post("/slow") { _ in
        Thread.sleep(forTimeInterval: 0.5)
        return .text("done")
    }
    if let staticFolder {
        let files = try StaticFiles(folder: staticFolder)
        router.get("/static/*path") { request in try files.response(for: try request.parameter("path"), request: request) }
    }
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return Application(router: router, logger: logger)
}
