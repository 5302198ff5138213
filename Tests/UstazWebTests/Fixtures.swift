import Foundation
import HTTPServer
import Logging
import UstazCore
@testable import UstazWeb

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The fixture catalogue of bank-format courses (Tests/Fixtures/make-fixture-course.py), independent of shipped content.
let fixtureCourses = repositoryRoot.appendingPathComponent("Tests/Fixtures/Courses")

/// A fresh service on a temporary data folder, with the real catalogue (or `courses`) and cheap password hashing.
func makeService(port: Int = 0, dataFolder: URL? = nil, courses: URL? = nil, data: URL? = nil) throws -> (Ustaz, Ustaz.StartReport, TestClient) {
    let data = dataFolder ?? data ?? FileManager.default.temporaryDirectory.appendingPathComponent("ustaz-\(UUID().uuidString)/data")
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    var configuration = AppConfiguration(server: ServerConfiguration(host: "127.0.0.1", port: port, threads: 4),
                                         dataFolder: data, baseURL: "https://ustaz.test",
                                         resourcesFolder: repositoryRoot, passwordHasher: .fast)
    if let courses { configuration.coursesFolder = courses }
    let (ustaz, report) = try Ustaz.start(configuration, logger: logger)
    return (ustaz, report, TestClient(ustaz.makeApplication()))
}

/// A copy of the catalogue with Tests/Fixtures/kit-overlay's figure, table, citation and kit in the first two
/// lessons of primary-teachers (made by the same script the browser tests use).
func overlaidCourses() throws -> URL {
    let courses = FileManager.default.temporaryDirectory.appendingPathComponent("kits-\(UUID().uuidString)/Courses")
    let result = try tool(["python3", repositoryRoot.appendingPathComponent("Tests/Fixtures/kit_overlay.py").path,
                           repositoryRoot.appendingPathComponent("Courses").path, courses.path])
    guard result.status == 0 else { throw StartError(result.output) }
    try removeFiguresAndKit(courses, course: "primary-teachers", lesson: "how-machines-see-and-hear", folder: "03-how-machines-see-and-hear")
    return courses
}

/// Makes one lesson of a copied catalogue a lesson without figures or kit (as lessons written before them were),
/// so tests can see how such a lesson is served.
func removeFiguresAndKit(_ courses: URL, course: String, lesson: String, folder: String) throws {
    let manager = FileManager.default
    let courseFile = courses.appendingPathComponent("\(course)/course.yaml")
    var lines = try String(contentsOf: courseFile, encoding: .utf8).components(separatedBy: "\n")
    if let entry = lines.firstIndex(where: { $0.contains("id: \(lesson)") }),
       let kit = lines[entry...].firstIndex(where: { $0.contains("kit:") }), kit < entry + 5 {
        lines.remove(at: kit)
    }
    try lines.joined(separator: "\n").write(to: courseFile, atomically: true, encoding: .utf8)
    let lessonFolder = courses.appendingPathComponent("\(course)/\(folder)")
    for language in ["kk", "ru", "en"] {
        let file = lessonFolder.appendingPathComponent("\(language).md")
        let text = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").filter { !$0.hasPrefix("![") }
        try text.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
    }
    try? manager.removeItem(at: lessonFolder.appendingPathComponent("figures"))
    try? manager.removeItem(at: lessonFolder.appendingPathComponent("kit"))
}

/// A browser-like session over the in-process client: keeps cookies, follows nothing by itself.
final class Browser {
    let client: TestClient
    var cookies: [String: String] = [:]
    var acceptLanguage: String?
    /// The client address the service sees (the server's own by default).
    var remoteAddress = "127.0.0.1"

    init(_ client: TestClient) { self.client = client }

    @discardableResult
    func get(_ target: String) -> Response { send(.get, target) }

    @discardableResult
    func post(_ target: String, _ form: [(String, String)]) -> Response {
        let body = form.map { "\($0.0.urlEncoded)=\($0.1.urlEncoded)" }.joined(separator: "&")
        return send(.post, target, body: Array(body.utf8), contentType: "application/x-www-form-urlencoded")
    }

    func send(_ method: HTTPMethod, _ target: String, body: [UInt8] = [], contentType: String? = nil) -> Response {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers["Cookie"] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let acceptLanguage { headers["Accept-Language"] = acceptLanguage }
        if let contentType { headers["Content-Type"] = contentType }
        let response = client.execute(method, target, headers: headers, body: body, remoteAddress: remoteAddress)
        for header in response.headers.values("Set-Cookie") {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if header.contains("Max-Age=0") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair.count > 1 ? pair[1] : "" }
        }
        return response
    }

    /// The hidden CSRF value of the first form on a page.
    static func csrf(in response: Response) -> String {
        let html = response.bodyText
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return "" }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    func signIn(_ login: String, _ password: String) -> Response {
        let token = Browser.csrf(in: get("/signin"))
        return post("/signin", [("_csrf", token), ("login", login), ("password", password), ("next", "/me")])
    }
}
