extension CSV {
    /// A CSV document (RFC 4180, CRLF line ends) for spreadsheets.
    ///
    /// A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by Excel,
    /// LibreOffice or Google Sheets (so a name like `=HYPERLINK(…)` could reach out of the sheet); such cells get a
    /// leading apostrophe, which spreadsheets show as text and do not evaluate.
    public static func write(_ rows: [[String]]) -> String {
        rows.map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { text = "'" + text }
        // Scalars, not Characters: "\r\n" is one Character and would slip past a Character comparison.
        guard text.unicodeScalars.contains(where: { ",\"\n\r".unicodeScalars.contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
