/// Decoded `name=value` pairs from a query string or a url-encoded form.
public struct Parameters: Sendable {
    public private(set) var pairs: [(name: String, value: String)] = []

    public init() {}
    public init(_ pairs: [(String, String)]) { self.pairs = pairs.map { (name: $0.0, value: $0.1) } }

    /// Parses `a=1&b=two%20words`; a bad escape or bytes that are not UTF-8 are a 400.
    public init(parsing text: Substring) throws(HTTPError) {
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            do {
                let name = try PercentDecoding.decode(parts[0], plusIsSpace: true)
                let value = parts.count > 1 ? try PercentDecoding.decode(parts[1], plusIsSpace: true) : ""
                pairs.append((name, value))
            } catch .badEscape {
                throw .refused(.malformedEscape)
            } catch {
                throw .refused(.notUTF8)
            }
        }
    }

    public subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }
    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }
    public var isEmpty: Bool { pairs.isEmpty }
}
