extension CSV {
    /// RFC 4180 text (CRLF line ends, fields quoted when they hold a comma, quote or line break) that
    /// spreadsheets open as data: a field starting with `=`, `+`, `-`, `@`, tab or carriage return
    /// would run as a formula, so it gets a leading apostrophe (OWASP's advice on CSV injection).
    public static func write(_ records: [[String]]) -> String {
        var text = ""
        for record in records {
            text += record.map(field).joined(separator: ",")
            text += "\r\n"
        }
        return text
    }

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
