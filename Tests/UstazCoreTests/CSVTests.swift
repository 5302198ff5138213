import Testing
import UstazCore

@Suite("CSV: RFC 4180 as spreadsheets export it")
struct CSVTests {
    @Test func simpleCommaFile() throws {
        let rows = try CSV.parse("code,name,region\nKZ-1,School one,kyzylorda\nKZ-2,School two,pavlodar\n")
        #expect(rows == [
            CSVRow(line: 1, fields: ["code", "name", "region"]),
            CSVRow(line: 2, fields: ["KZ-1", "School one", "kyzylorda"]),
            CSVRow(line: 3, fields: ["KZ-2", "School two", "pavlodar"]),
        ])
    }

    @Test func quotedFieldsWithDelimitersAndEscapedQuotes() throws {
        let rows = try CSV.parse("a,b,c\n\"Smith, John\",\"He said \"\"hi\"\"\",\"\"\n")
        #expect(rows[1].fields == ["Smith, John", "He said \"hi\"", ""])
    }

    @Test func embeddedNewlineKeepsLineNumbersRight() throws {
        let text = "name,note\nA,\"first\nsecond\nthird\"\nB,plain\n\nC,\"x\r\ny\"\r\nD,last"
        let rows = try CSV.parse(text)
        #expect(rows.map(\.line) == [1, 2, 5, 7, 9])
        #expect(rows[1].fields == ["A", "first\nsecond\nthird"])
        #expect(rows[3].fields == ["C", "x\ny"])
        #expect(rows[4].fields == ["D", "last"])
    }

    @Test func semicolonFileIsDetected() throws {
        let rows = try CSV.parse("code;name;region\nKZ-1;Школа, №1;kyzylorda\n")
        #expect(rows[0].fields == ["code", "name", "region"])
        #expect(rows[1].fields == ["KZ-1", "Школа, №1", "kyzylorda"])
    }

    @Test func tabFileIsDetected() throws {
        let rows = try CSV.parse("code\tname\nKZ-1\tSchool, one; two\n")
        #expect(rows[1].fields == ["KZ-1", "School, one; two"])
    }

    @Test func delimitersInsideQuotedHeaderDoNotCount() throws {
        // Two commas inside quotes, three semicolons outside: the file is semicolon-separated.
        let rows = try CSV.parse("\"a,b,c\";d;e;f\n1;2;3;4\n")
        #expect(rows[0].fields == ["a,b,c", "d", "e", "f"])
        #expect(rows[1].fields == ["1", "2", "3", "4"])
    }

    @Test func byteOrderMarkIsStripped() throws {
        let rows = try CSV.parse("\u{FEFF}code,name\r\nKZ-1,One\r\n")
        #expect(rows[0].fields == ["code", "name"])
        #expect(rows.count == 2)
    }

    @Test func crlfAndEmptyLines() throws {
        let rows = try CSV.parse("\r\na,b\r\n\r\n   \r\n1,2\r\n\r\n")
        #expect(rows == [CSVRow(line: 2, fields: ["a", "b"]), CSVRow(line: 5, fields: ["1", "2"])])
    }

    @Test func spacesAroundUnquotedFieldsAreTrimmedButQuotedKept() throws {
        let rows = try CSV.parse("a , b,c\n  x  , \" y \" ,z  \n")
        #expect(rows[0].fields == ["a", "b", "c"])
        #expect(rows[1].fields == ["x", " y ", "z"])
    }

    @Test func emptyFieldsAndLastLineWithoutNewline() throws {
        let rows = try CSV.parse("a,b,c\n,,\n1,,3")
        #expect(rows[1].fields == ["", "", ""])
        #expect(rows[2].fields == ["1", "", "3"])
        #expect(try CSV.parse("").isEmpty)
    }

    @Test func unterminatedQuoteNamesItsLine() {
        #expect(throws: CSVError.unterminatedQuote(line: 3)) {
            try CSV.parse("a,b\n1,2\n3,\"never closed\n4,5\n")
        }
        do {
            _ = try CSV.parse("a,b\n\"x")
            Issue.record("expected an error")
        } catch {
            #expect(error == .unterminatedQuote(line: 2))
            #expect(error.description.contains("Line 2"))
        }
    }
}
