/// Sends requests through an `Application` without a socket: the same routing, middleware,
/// error rendering and compression as the server, minus libmicrohttpd.
public struct TestClient: Sendable {
    public let application: Application

    public init(_ application: Application) { self.application = application }

    public func execute(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders = HTTPHeaders(),
                        body: [UInt8] = [], remoteAddress: String = "127.0.0.1") -> Response {
        let request: Request
        do {
            request = try Request(method: method, target: target, headers: headers, body: body, remoteAddress: remoteAddress)
        } catch {
            return application.respond(to: error, method: method, target: target, headers: headers)
        }
        let limit = application.router.bodyLimit(method, request.path)
        if body.count > limit {
            return application.respond(to: .payloadTooLarge(limit: limit), method: method, target: target, headers: headers)
        }
        var response = application.respond(to: request)
        if method == .head { response.body = [] }
        return response
    }

    public func get(_ target: String, headers: HTTPHeaders = HTTPHeaders()) -> Response {
        execute(.get, target, headers: headers)
    }

    public func post(_ target: String, form: [(String, String)], headers: HTTPHeaders = HTTPHeaders()) -> Response {
        var headers = headers
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        let body = form.map { "\($0.0.urlEncoded)=\($0.1.urlEncoded)" }.joined(separator: "&")
        return execute(.post, target, headers: headers, body: Array(body.utf8))
    }
}
