public import Foundation

/// Files from a folder (Public/), loaded once, served with ETags and precompressed gzip.
///
/// `url(for:)` appends a content fingerprint (`?v=…`); a request carrying the current
/// fingerprint may be cached for a year, anything else revalidates with the ETag.
public struct StaticFiles: Sendable {
    struct File: Sendable {
        var contentType: String
        var body: [UInt8]
        var gzipped: [UInt8]?
        var fingerprint: String
    }

    private let files: [String: File]

    public init(folder: URL) throws {
        var files: [String: File] = [:]
        let base = folder.standardizedFileURL.path
        if let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
                let body = try [UInt8](Data(contentsOf: url))
                let type = StaticFiles.contentType(for: url.pathExtension)
                let compressible = Gzip.compressibleTypes.contains { type.hasPrefix($0) } && body.count >= 256
                let gzipped = compressible ? Gzip.compress(body, level: 9) : nil
                files[relative] = File(contentType: type, body: body,
                                       gzipped: gzipped.flatMap { $0.count < body.count ? $0 : nil },
                                       fingerprint: StaticFiles.fingerprint(body))
            }
        }
        self.files = files
    }

    public var paths: [String] { files.keys.sorted() }

    /// The fingerprinted URL of a file under `prefix`, e.g. `/static/app.css?v=1a2b3c4d`.
    public func url(for path: String, prefix: String = "/static") -> String {
        guard let file = files[path] else { return "\(prefix)/\(path)" }
        return "\(prefix)/\(path)?v=\(file.fingerprint)"
    }

    /// The bytes of a file, for embedding or tests.
    public func contents(of path: String) -> [UInt8]? { files[path]?.body }

    /// Answers a request for `path` (relative to the folder).
    public func response(for path: String, request: Request) throws(HTTPError) -> Response {
        guard let file = files[path] else { throw .notFound() }
        let etag = "\"\(file.fingerprint)\""
        var headers: HTTPHeaders = ["Content-Type": file.contentType, "ETag": etag]
        headers["Cache-Control"] = request.query["v"] == file.fingerprint
            ? "public, max-age=31536000, immutable" : "public, max-age=300"
        if file.gzipped != nil { headers["Vary"] = "Accept-Encoding" }
        if request.headers.values("If-None-Match").contains(where: { $0.split(separator: ",").contains { $0.trimmingSpaces == etag } }) {
            return Response(status: 304, headers: headers)
        }
        if let gzipped = file.gzipped, let accept = request.headers["Accept-Encoding"], Gzip.accepts(accept) {
            headers["Content-Encoding"] = "gzip"
            return Response(status: 200, headers: headers, body: gzipped)
        }
        return Response(status: 200, headers: headers, body: file.body)
    }

    static func contentType(for pathExtension: String) -> String {
        switch pathExtension.lowercased() {
        case "css": "text/css; charset=utf-8"
        case "js": "application/javascript; charset=utf-8"
        case "json": "application/json"
        case "webmanifest": "application/manifest+json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "txt": "text/plain; charset=utf-8"
        case "html": "text/html; charset=utf-8"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }

    /// FNV-1a over the bytes: cheap, stable across runs, plenty for cache validation.
    static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }
}
