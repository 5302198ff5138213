/// Reading the Cookie header and writing Set-Cookie values.
public enum Cookies {
    static func parse(_ headerValues: [String]) -> [String: String] {
        var cookies: [String: String] = [:]
        for header in headerValues {
            for piece in header.split(separator: ";") {
                let parts = piece.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let name = parts[0].trimmingSpaces
                if cookies[name] == nil { cookies[name] = parts[1].trimmingSpaces }
            }
        }
        return cookies
    }

    public enum SameSite: String, Sendable { case strict = "Strict", lax = "Lax" }

    /// A Set-Cookie value; `maxAge: 0` deletes the cookie.
    public static func setCookie(name: String, value: String, maxAge: Int? = nil, path: String = "/",
                                 httpOnly: Bool = true, secure: Bool = false, sameSite: SameSite = .lax) -> String {
        var parts = ["\(name)=\(value)", "Path=\(path)", "SameSite=\(sameSite.rawValue)"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if httpOnly { parts.append("HttpOnly") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs; by bytes, as every request parses its cookies.
    var trimmingSpaces: String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return String(self[start..<end])
    }
}
