// libFuzzer entry for whole requests through the in-process application: every route of the router (HTML pages,
// forms, downloads, the API), as an administrator, a lead trainer, a teacher or nobody, with or without the form
// token. The invariant is the one the hostile-parameter test checks for fixed values: no crash and no 5xx.
// scripts/fuzz.sh compiles HTTPServer and UstazWeb with coverage instrumentation for this target and links the rest
// of the package from the debug build; the demo world is loaded once into a temporary data folder.
import Foundation
import HTTPServer
import Logging
import UstazFixtures
import UstazWeb

/// The data folder of this run, removed when the fuzzer exits.
let fuzzDataRoot = FileManager.default.temporaryDirectory.appendingPathComponent("ustaz-fuzz-app-\(getpid())")

/// The application, its routes and a signed-in session per principal, made once before the first input.
final class FuzzWorld: Sendable {
    let client: TestClient
    let routes: [(method: HTTPMethod, pattern: String)]
    /// Cookie headers for nobody, the administrator, the Kyzylorda lead trainer and one of her teachers, with each one's form token.
    let principals: [(cookie: String, token: String)]

    init() {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment["USTAZ_FUZZ_ROOT"] ?? FileManager.default.currentDirectoryPath)
        let data = fuzzDataRoot.appendingPathComponent("data")
        atexit { try? FileManager.default.removeItem(at: fuzzDataRoot) }
        var logger = Logger(label: "fuzz")
        logger.logLevel = .critical
        let configuration = AppConfiguration(dataFolder: data, baseURL: "https://ustaz.fuzz", resourcesFolder: root, passwordHasher: .fast)
        do {
            let (ustaz, _) = try Ustaz.start(configuration, logger: logger)
            let world = try DemoWorld.load(into: ustaz)
            var application = ustaz.makeApplication()
            application.logger = logger
            client = TestClient(application)
            routes = application.router.table
            var principals: [(String, String)] = []
            for login in [nil, "admin", "lead.kyzylorda", "teacher.aigerim"] {
                principals.append(FuzzWorld.session(client, login: login, password: world.password))
            }
            self.principals = principals
        } catch {
            fatalError("fuzz: could not start the application: \(error)")
        }
    }

    /// Signs in (or, for nil, takes the anonymous form cookie) and returns the Cookie header and the form token.
    static func session(_ client: TestClient, login: String?, password: String) -> (String, String) {
        let page = client.get("/signin")
        let formCookie = page.headers.values("Set-Cookie").first.map { String($0.prefix { $0 != ";" }) } ?? ""
        let token = csrf(page.bodyText)
        guard let login else { return (formCookie, token) }
        let signedIn = client.post("/signin", form: [("_csrf", token), ("login", login), ("password", password)],
                                   headers: ["Cookie": formCookie])
        guard let cookie = signedIn.headers.values("Set-Cookie").first(where: { $0.hasPrefix("ustaz_session=") }) else {
            fatalError("fuzz: could not sign in as \(login)")
        }
        let session = String(cookie.prefix { $0 != ";" })
        return (session, csrf(client.get("/me", headers: ["Cookie": session]).bodyText))
    }

    static func csrf(_ html: String) -> String {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return "" }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

let world = FuzzWorld()

/// Made before the first input, so the seconds it takes (the real catalogue, read by an instrumented build) never
/// count against one input's timeout: on a loaded machine they once exceeded it and the first input "timed out".
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    _ = world.routes.count
    return 0
}

/// Input layout: byte 0 chooses the principal (bits 0–1), whether the form token is sent (bit 2), whether the
/// target is taken raw from the input instead of a route (bit 3), the method for raw targets (bits 4–5) and the
/// body's content type (bits 6–7); byte 1 chooses the route. The rest is text: one line per route parameter, then
/// a query line, then the body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzApplication(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count >= 2 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    let flags = input[0]
    var lines = String(decoding: input[2...], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)[...]
    func nextLine() -> String { lines.isEmpty ? "" : String(lines.removeFirst()) }

    let method: HTTPMethod
    var target: String
    if flags & 0b1000 != 0 {
        method = [HTTPMethod.get, .post, .head, .delete][Int(flags >> 4 & 0b11)]
        target = nextLine()
    } else {
        let route = world.routes[Int(input[1]) % world.routes.count]
        method = route.method
        target = "/" + route.pattern.split(separator: "/").map { piece in
            piece.first == ":" || piece.first == "*" ? nextLine() : String(piece)
        }.joined(separator: "/")
        let query = nextLine()
        if !query.isEmpty { target += "?" + query }
    }
    var body = Array(lines.joined(separator: "\n").utf8)
    let principal = world.principals[Int(flags & 0b11)]
    var headers: HTTPHeaders = ["Cookie": principal.cookie]
    // Signing out or erasing with a valid token would end a principal's session for every later input.
    let keepsSession = !target.contains("signout") && !target.contains("erase")
    if flags & 0b100 != 0, keepsSession, method == .post {
        body = Array("_csrf=\(principal.token)&".utf8) + body
    }
    headers["Content-Type"] = ["application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "application/json", "text/plain"][Int(flags >> 6)]
    if flags & 0b11 == 1 { headers["Accept"] = "application/json" }

    let response = world.client.execute(method, target, headers: headers, body: body, remoteAddress: "203.0.113.\(flags & 0b11)")
    if response.status >= 500 {
        fatalError("invariant broken: \(method.rawValue) \(target.prefix(200)) answered \(response.status): \(response.bodyText.prefix(300))")
    }
    return 0
}
