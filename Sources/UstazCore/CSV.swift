/// One record of a CSV file.
public struct CSVRow: Sendable, Equatable {
    /// The 1-based physical line on which the record starts (a quoted field may span several lines).
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

public enum CSVError: Error, Equatable, CustomStringConvertible {
    /// A field opened with `"` on this line is never closed.
    case unterminatedQuote(line: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote(let line):
            "Line \(line): a quoted value starts here but its closing quote mark (\") is missing."
        }
    }
}

/// RFC 4180 CSV as spreadsheets export it: quoted fields with `""` escapes and line breaks, CRLF or LF
/// line ends, an optional UTF-8 byte order mark, and `,`, `;` or tab as the delimiter (whichever the
/// header line uses most). Completely empty lines are skipped; spaces around unquoted fields are trimmed.
public enum CSV {
    public static func parse(_ text: String) throws(CSVError) -> [CSVRow] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let delimiter = detectDelimiter(scalars)

        var rows: [CSVRow] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var fieldIsQuoted = false
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var index = 0

        func isPadding(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || (scalar == "\t" && delimiter != "\t")
        }
        func finishField() {
            if fieldIsQuoted {
                fields.append(String(field))
            } else {
                let start = field.firstIndex { !isPadding($0) } ?? field.endIndex
                let end = field.lastIndex { !isPadding($0) }.map(field.index(after:)) ?? start
                fields.append(String(field[start..<end]))
            }
            field = String.UnicodeScalarView()
            fieldIsQuoted = false
        }
        func finishRecord() {
            let blank = fields.isEmpty && !fieldIsQuoted && field.allSatisfy(isPadding)
            finishField()
            if !blank { rows.append(CSVRow(line: recordLine, fields: fields)) }
            fields = []
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if inQuotes {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else if scalar == "\r" || scalar == "\n" {
                    // A line break inside a quoted field is kept as "\n" and counted as a physical line.
                    if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                    field.append("\n")
                    line += 1
                } else {
                    field.append(scalar)
                }
                index += 1
                continue
            }
            switch scalar {
            case "\"" where !fieldIsQuoted && field.allSatisfy(isPadding):
                // Opening quote (spaces before it are ignored).
                field = String.UnicodeScalarView()
                fieldIsQuoted = true
                inQuotes = true
                quoteLine = line
            case delimiter:
                finishField()
            case "\r", "\n":
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                finishRecord()
                line += 1
                recordLine = line
            default:
                // After a closing quote, only padding is expected; anything else is kept as text.
                if fieldIsQuoted && isPadding(scalar) { break }
                field.append(scalar)
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !fields.isEmpty || fieldIsQuoted { finishRecord() }
        return rows
    }

    /// The delimiter used most often, outside quotes, on the first non-empty line.
    static func detectDelimiter(_ scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        var sawContent = false
        for scalar in scalars {
            if scalar == "\"" {
                inQuotes.toggle()
                sawContent = true
            } else if !inQuotes && (scalar == "\n" || scalar == "\r") {
                if sawContent { break }
            } else if !inQuotes, counts[scalar] != nil {
                counts[scalar]! += 1
                sawContent = true
            } else if scalar != " " {
                sawContent = true
            }
        }
        // Ties go to the comma, then the semicolon.
        var best: Unicode.Scalar = ","
        for candidate: Unicode.Scalar in [";", "\t"] where counts[candidate]! > counts[best]! { best = candidate }
        return best
    }
}
