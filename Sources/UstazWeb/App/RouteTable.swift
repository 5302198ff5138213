import HTTPServer

/// One route as its feature declares it: method, pattern, who may call it, and the feature folder it lives in.
struct RouteDeclaration: Sendable {
    let method: HTTPMethod
    let pattern: String
    let access: Access
    /// The folder of UstazWeb whose file declared the route ("Learning"), read from the declaring file's path.
    let folder: String

    var key: String { "\(method.rawValue) \(pattern)" }
}

/// The router and, beside it, each route's declaration. Features add their routes here (`registerLearningRoutes`…);
/// `AccessMiddleware` enforces the declarations, and tests read them.
struct RouteTable {
    private(set) var router = Router()
    private(set) var declarations: [RouteDeclaration] = []

    /// `lane: .slow` for work that takes tens of milliseconds or more (a password hash, a rendered file, a
    /// roster import): it then runs on the server's slow lane, bounded, instead of on the workers every page uses.
    mutating func get(_ pattern: String, _ access: Access, lane: Lane = .fast, file: StaticString = #filePath,
                      _ handler: @escaping Handler) {
        add(.get, pattern, access, bodyLimit: Router.defaultBodyLimit, lane: lane, file: file, handler)
    }

    mutating func post(_ pattern: String, _ access: Access, bodyLimit: Int = Router.defaultBodyLimit, lane: Lane = .fast,
                       file: StaticString = #filePath, _ handler: @escaping Handler) {
        add(.post, pattern, access, bodyLimit: bodyLimit, lane: lane, file: file, handler)
    }

    private mutating func add(_ method: HTTPMethod, _ pattern: String, _ access: Access, bodyLimit: Int, lane: Lane,
                              file: StaticString, _ handler: @escaping Handler) {
        router.add(method, pattern, bodyLimit: bodyLimit, lane: lane, handler)
        declarations.append(RouteDeclaration(method: method, pattern: pattern, access: access, folder: RouteTable.folder(of: "\(file)")))
    }

    /// "…/Sources/UstazWeb/Learning/LearningRoutes.swift" → "Learning".
    static func folder(of path: String) -> String {
        let parts = path.split(separator: "/")
        guard let module = parts.lastIndex(of: "UstazWeb"), module + 2 < parts.count else { return "" }
        return String(parts[module + 1])
    }

    /// Declarations by "METHOD pattern" (HEAD answers as GET).
    var accessByRoute: [String: Access] {
        Dictionary(declarations.map { ($0.key, $0.access) }, uniquingKeysWith: { first, _ in first })
    }
}
