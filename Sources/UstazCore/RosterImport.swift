import Foundation

/// One problem found in an import file, with the line a trainer can look up in their spreadsheet.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    /// The header name of the column at fault, or nil when the whole line is at fault.
    public var column: String?
    public var message: String

    public init(line: Int, column: String?, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        if let column { "line \(line), \(column): \(message)" } else { "line \(line): \(message)" }
    }
}

/// What validating a file found: the valid rows with their lines, and every problem.
/// A file is imported only when it has no problem at all.
public struct ImportReport<Row: Sendable>: Sendable {
    public var rows: [(line: Int, row: Row)]
    public var problems: [ImportProblem]
    public var isAcceptable: Bool { problems.isEmpty }

    public init(rows: [(line: Int, row: Row)] = [], problems: [ImportProblem] = []) {
        self.rows = rows
        self.problems = problems
    }
}

/// A school as read from an import file.
public struct SchoolRow: Sendable, Equatable {
    public var code: String
    public var name: String
    public var regionID: String
    public var district: String?
    public var kind: String
    public var pilotWave: Int?

    public init(code: String, name: String, regionID: String, district: String? = nil, kind: String = "other",
                pilotWave: Int? = nil) {
        self.code = code
        self.name = name
        self.regionID = regionID
        self.district = district
        self.kind = kind
        self.pilotWave = pilotWave
    }
}

/// A teacher as read from an import file.
public struct TeacherRow: Sendable, Equatable {
    public var fullName: String
    public var schoolCode: String
    public var iin: IIN?
    public var email: String?
    public var phone: String?
    public var language: Language
    public var subjects: String?
    public var grades: String?

    public init(fullName: String, schoolCode: String, iin: IIN? = nil, email: String? = nil, phone: String? = nil,
                language: Language = .kk, subjects: String? = nil, grades: String? = nil) {
        self.fullName = fullName
        self.schoolCode = schoolCode
        self.iin = iin
        self.email = email
        self.phone = phone
        self.language = language
        self.subjects = subjects
        self.grades = grades
    }
}

/// Checks school and teacher lists (CSV parsed by `CSV.parse`) before anything is written. Pure: no I/O.
public enum RosterImport {
    public static let schoolKinds = ["small-staffed", "standard", "keleshek", "other"]

    // MARK: Schools

    public static func validateSchools(_ rows: [CSVRow]) -> ImportReport<SchoolRow> {
        var report = ImportReport<SchoolRow>()
        guard let table = Table(rows, required: ["code", "name", "region"],
                                optional: ["district", "kind", "pilot_wave"], problems: &report.problems) else {
            return report
        }
        var codeLines: [String: Int] = [:]
        for record in table.records {
            var problems: [ImportProblem] = []
            func fail(_ column: String?, _ message: String) {
                problems.append(ImportProblem(line: record.line, column: column, message: message))
            }
            table.checkWidth(record, fail)
            let record = table.withoutForbiddenText(record, fail)

            let code = record["code"]
            if code.isEmpty {
                fail("code", "The school code is missing.")
            } else if code.count > 64 {
                fail("code", "A school code has at most 64 characters.")
            } else if let earlier = codeLines[code] {
                fail("code", "The school code \"\(code)\" already appears on line \(earlier).")
            } else {
                codeLines[code] = record.line
            }

            let name = checkSchoolName(record["name"], fail)

            let regionText = record["region"]
            var regionID: String?
            if regionText.isEmpty {
                fail("region", "The region is missing.")
            } else if let region = region(matching: regionText) {
                regionID = region.id
            } else {
                fail("region", "\"\(regionText)\" is not a region of Kazakhstan; write its name or its short name, such as kyzylorda.")
            }

            let districtText = fixLatinI(collapseSpaces(record["district"]))
            if districtText.count > 200 {
                fail("district", "A district name has at most 200 characters.")
            }

            var kind = record["kind"].lowercased().replacingOccurrences(of: "_", with: "-")
                .replacingOccurrences(of: " ", with: "-")
            if kind.isEmpty { kind = "other" }
            if !schoolKinds.contains(kind) {
                fail("kind", "The kind of school must be small-staffed, standard, keleshek or other (or left empty).")
            }

            let waveText = record["pilot_wave"]
            var wave: Int?
            if !waveText.isEmpty {
                if let number = Int(waveText), (1...3).contains(number) {
                    wave = number
                } else {
                    fail("pilot_wave", "The pilot wave must be 1, 2 or 3 (or left empty).")
                }
            }

            if problems.isEmpty, let name, let regionID {
                report.rows.append((record.line, SchoolRow(code: code, name: name, regionID: regionID,
                                                           district: districtText.isEmpty ? nil : districtText,
                                                           kind: kind, pilotWave: wave)))
            }
            report.problems += problems
        }
        return report
    }

    /// The region named by its id or by its Kazakh, Russian or English name, ignoring case.
    public static func region(matching text: String) -> Region? {
        let wanted = fixLatinI(collapseSpaces(text)).lowercased()
        return Region.all.first { region in
            [region.id, region.name.kk, region.name.ru, region.name.en].contains { $0.lowercased() == wanted }
        }
    }

    // MARK: Teachers

    public static func validateTeachers(_ rows: [CSVRow], knownSchoolCodes: Set<String>) -> ImportReport<TeacherRow> {
        var report = ImportReport<TeacherRow>()
        guard let table = Table(rows, required: ["full_name", "school_code"],
                                optional: ["iin", "email", "phone", "language", "subjects", "grades"],
                                problems: &report.problems) else {
            return report
        }
        var iinLines: [String: Int] = [:]
        var nameLines: [String: [(line: Int, hasIIN: Bool)]] = [:]
        for record in table.records {
            var problems: [ImportProblem] = []
            func fail(_ column: String?, _ message: String) {
                problems.append(ImportProblem(line: record.line, column: column, message: message))
            }
            table.checkWidth(record, fail)
            let record = table.withoutForbiddenText(record, fail)

            let name = checkPersonName(record["full_name"], column: "full_name", fail)

            let schoolCode = record["school_code"]
            if schoolCode.isEmpty {
                fail("school_code", "The school code is missing.")
            } else if !knownSchoolCodes.contains(schoolCode) {
                fail("school_code", "Unknown school \"\(schoolCode)\": no school has this code. Import the school first or correct the code.")
            }

            var iin: IIN?
            let iinText = record["iin"]
            if !iinText.isEmpty {
                do throws(IIN.Problem) {
                    iin = try IIN(iinText)
                } catch {
                    fail("iin", error.description)
                }
            }

            let email = record["email"]
            if !email.isEmpty, !looksLikeEmail(email) {
                fail("email", "\"\(email)\" does not look like an email address (name@example.kz).")
            }

            let phone = record["phone"]
            if !phone.isEmpty {
                let allowed = Set("0123456789+ ()-")
                let digits = phone.filter { $0.isASCII && $0.isNumber }.count
                if !phone.allSatisfy(allowed.contains) {
                    fail("phone", "A phone number may contain only digits, spaces, +, brackets and dashes.")
                } else if !(10...15).contains(digits) {
                    fail("phone", "A phone number has 10 to 15 digits; this one has \(digits).")
                }
            }

            let languageText = record["language"].lowercased()
            var language = Language.kk
            if !languageText.isEmpty {
                if let chosen = Language(rawValue: languageText) {
                    language = chosen
                } else {
                    fail("language", "The language must be kk (Kazakh), ru (Russian) or en (English), or left empty for Kazakh.")
                }
            }

            let subjects = collapseSpaces(record["subjects"])
            let grades = collapseSpaces(record["grades"])
            for (column, value) in [("subjects", subjects), ("grades", grades)] {
                if value.count > 500 {
                    fail(column, "This value is longer than 500 characters.")
                }
            }

            // Duplicates within the file: the same IIN, or the same name at the same school when an IIN is missing.
            var duplicate = false
            if let iin {
                if let earlier = iinLines[iin.digits] {
                    fail("iin", "This IIN already appears on line \(earlier).")
                    duplicate = true
                } else {
                    iinLines[iin.digits] = record.line
                }
            }
            if let name, !schoolCode.isEmpty {
                let key = name.lowercased() + "\u{0}" + schoolCode
                if !duplicate, let earlier = nameLines[key]?.first(where: { !($0.hasIIN && iin != nil) }) {
                    fail("full_name", "The same teacher (same name and school, without an IIN to tell them apart) already appears on line \(earlier.line).")
                }
                nameLines[key, default: []].append((record.line, iin != nil))
            }

            if problems.isEmpty, let name {
                report.rows.append((record.line, TeacherRow(fullName: name, schoolCode: schoolCode, iin: iin,
                                                            email: email.isEmpty ? nil : email,
                                                            phone: phone.isEmpty ? nil : phone, language: language,
                                                            subjects: subjects.isEmpty ? nil : subjects,
                                                            grades: grades.isEmpty ? nil : grades)))
            }
            report.problems += problems
        }
        return report
    }

    // MARK: Rules shared by both files

    /// Replaces a Latin "I"/"i" typed inside an otherwise Cyrillic word by the Kazakh "І"/"і" (a common
    /// data-entry slip on keyboards without a Kazakh layout). Words in Latin script are left alone.
    public static func fixLatinI(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var word: [Unicode.Scalar] = []
        func flush() {
            let hasLatinI = word.contains { $0 == "I" || $0 == "i" }
            let hasCyrillic = word.contains(where: isCyrillic)
            let otherwiseCyrillic = word.allSatisfy { $0 == "I" || $0 == "i" || isCyrillic($0) || !$0.properties.isAlphabetic }
            if hasLatinI && hasCyrillic && otherwiseCyrillic {
                result.append(contentsOf: word.map { $0 == "I" ? "\u{0406}" : $0 == "i" ? "\u{0456}" : $0 })
            } else {
                result.append(contentsOf: word)
            }
            word = []
        }
        for scalar in text.unicodeScalars {
            // Combining marks stay with their word; anything else that is not a letter ends it.
            if scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark {
                word.append(scalar)
            } else {
                flush()
                result.append(scalar)
            }
        }
        flush()
        return String(result)
    }

    static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
        (0x0400...0x052F).contains(scalar.value)
    }

    /// Trims and turns every run of spaces into one space (tabs and line breaks are left for the checks).
    static func collapseSpaces(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// A person's name under `PersonName`, spaces collapsed and the Latin-I slip fixed.
    static func checkPersonName(_ raw: String, column: String, _ fail: (String?, String) -> Void) -> String? {
        let name = fixLatinI(collapseSpaces(raw))
        if let problem = PersonName.problem(with: name) {
            fail(column, problem.description)
            return nil
        }
        return name
    }

    /// A school's name: required, 2 to 200 characters, with the Latin-I slip fixed.
    static func checkSchoolName(_ raw: String, _ fail: (String?, String) -> Void) -> String? {
        let name = fixLatinI(collapseSpaces(raw))
        if name.isEmpty {
            fail("name", "The school name is missing.")
        } else if name.count < 2 {
            fail("name", "The school name is too short; it needs at least 2 characters.")
        } else if name.count > 200 {
            fail("name", "The school name is too long; it may have at most 200 characters, this one has \(name.count).")
        } else {
            return name
        }
        return nil
    }

    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty,
              !text.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } }),
              !text.contains(where: { "<>(),;:\"[]\\".contains($0) }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && labels.last!.count >= 2 && !parts[0].hasPrefix(".") && !parts[0].hasSuffix(".") && !parts[0].contains("..")
    }

    /// The header and the data records of a file, with values looked up by column name.
    struct Table {
        struct Record {
            var line: Int
            var fields: [String]
            var columns: [String: Int]
            subscript(column: String) -> String {
                guard let index = columns[column], index < fields.count else { return "" }
                return fields[index]
            }
        }

        var columns: [String: Int] = [:]
        var width: Int
        var records: [Record] = []

        /// Reads the header; nil (with problems at the header line) when a required column is missing.
        init?(_ rows: [CSVRow], required: [String], optional: [String], problems: inout [ImportProblem]) {
            guard let header = rows.first else {
                problems.append(ImportProblem(line: 1, column: nil, message: "The file is empty; it needs a header line with the columns \(required.joined(separator: ", "))."))
                return nil
            }
            width = header.fields.count
            for (index, name) in header.fields.enumerated() {
                let key = name.trimmingSpaces.lowercased().replacingOccurrences(of: " ", with: "_")
                    .replacingOccurrences(of: "-", with: "_")
                guard required.contains(key) || optional.contains(key) else { continue }  // other columns are ignored
                if columns[key] != nil {
                    problems.append(ImportProblem(line: header.line, column: key, message: "The column \"\(key)\" appears twice in the header."))
                } else {
                    columns[key] = index
                }
            }
            let missing = required.filter { columns[$0] == nil }
            for column in missing {
                let example = required.joined(separator: ",")
                problems.append(ImportProblem(
                    line: header.line, column: nil,
                    message: "The header has no \"\(column)\" column; the first line must name the columns, for example \(example)."))
            }
            guard problems.isEmpty else { return nil }
            records = rows.dropFirst()
                .filter { !$0.fields.allSatisfy(\.isEmpty) }  // lines of empty cells, as spreadsheets leave them
                .map { Record(line: $0.line, fields: $0.fields, columns: columns) }
        }

        /// Applies `InputText` to every column the import reads: each value it refuses is reported, then checked
        /// further without the refused characters, so one pass reports every problem of the line.
        func withoutForbiddenText(_ record: Record, _ fail: (String?, String) -> Void) -> Record {
            var cleaned = record
            for (column, index) in columns.sorted(by: { $0.value < $1.value }) where index < record.fields.count {
                guard let problem = InputText.problem(in: record.fields[index]) else { continue }
                fail(column, "This value \(problem.description)")
                var kept = String.UnicodeScalarView()
                kept.append(contentsOf: record.fields[index].unicodeScalars.filter { InputText.problem(in: String($0)) == nil })
                cleaned.fields[index] = String(kept)
            }
            return cleaned
        }

        /// A line with more filled values than the header has columns is probably shifted.
        func checkWidth(_ record: Record, _ fail: (String?, String) -> Void) {
            if record.fields.count > width, record.fields[width...].contains(where: { !$0.isEmpty }) {
                fail(nil, "This line has \(record.fields.count) values but the header has only \(width) columns; check for a stray separator.")
            }
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
