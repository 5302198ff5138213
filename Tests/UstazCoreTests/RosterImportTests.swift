import Testing
import UstazCore

@Suite("Roster import: schools and teachers checked before anything is written")
struct RosterImportTests {
    func schools(_ text: String) throws -> ImportReport<SchoolRow> {
        RosterImport.validateSchools(try CSV.parse(text))
    }

    func teachers(_ text: String, known: Set<String> = ["KZO-1", "KZO-2"]) throws -> ImportReport<TeacherRow> {
        RosterImport.validateTeachers(try CSV.parse(text), knownSchoolCodes: known)
    }

    func messages(_ report: ImportReport<some Sendable>) -> [String] { report.problems.map(\.description) }

    // MARK: Schools

    @Test func validSchoolsInAnyColumnOrderAndCase() throws {
        let report = try schools("""
            Region;NAME;code;Pilot_Wave;kind;district
            Kyzylorda Region;№5 мектеп;KZO-5;2;small-staffed;Shieli
            Қызылорда облысы;School 6;KZO-6;;;
            Павлодарская область;School 7;PVL-1;3;Keleshek;
            ALMATY;School 8;ALA-1;;standard;Medeu
            """)
        #expect(report.isAcceptable, "\(messages(report))")
        #expect(report.rows.map(\.line) == [2, 3, 4, 5])
        #expect(report.rows[0].row == SchoolRow(code: "KZO-5", name: "№5 мектеп", regionID: "kyzylorda", district: "Shieli",
                                                kind: "small-staffed", pilotWave: 2))
        #expect(report.rows[1].row == SchoolRow(code: "KZO-6", name: "School 6", regionID: "kyzylorda"))
        #expect(report.rows[2].row.regionID == "pavlodar")
        #expect(report.rows[2].row.kind == "keleshek")
        #expect(report.rows[3].row.regionID == "almaty")
        #expect(report.rows[3].row.district == "Medeu")
    }

    @Test func everySchoolProblemIsReportedWithItsLine() throws {
        let report = try schools("""
            code,name,region,kind,pilot_wave
            A-1,Good school,kyzylorda,,
            ,No code,kyzylorda,,
            A-3,X,kyzylorda,,
            A-4,Nowhere school,atlantis,,
            A-5,Odd kind,pavlodar,gymnasium,
            A-6,Odd wave,pavlodar,,4
            A-1,Same code again,pavlodar,,
            A-8,Two problems,,boarding,
            """)
        #expect(!report.isAcceptable)
        #expect(report.rows.map(\.line) == [2])
        let lines = report.problems.map { "\($0.line) \($0.column ?? "-")" }
        #expect(lines == ["3 code", "4 name", "5 region", "6 kind", "7 pilot_wave", "8 code", "9 region", "9 kind"])
        #expect(report.problems.first { $0.line == 8 }?.message.contains("line 2") == true)
        #expect(report.problems.first { $0.line == 5 }?.message.contains("atlantis") == true)
    }

    @Test func missingRequiredSchoolColumnsAreOneProblemEachAtLineOne() throws {
        let report = try schools("code,title\nA-1,School\nA-2,School\n")
        #expect(report.problems == [
            ImportProblem(line: 1, column: nil, message: report.problems[0].message),
            ImportProblem(line: 1, column: nil, message: report.problems[1].message),
        ])
        #expect(report.problems[0].message.contains("\"name\""))
        #expect(report.problems[1].message.contains("\"region\""))
        #expect(report.rows.isEmpty)
        #expect(!RosterImport.validateSchools([]).isAcceptable)
    }

    @Test func regionsMatchByIdAndByNameInEveryLanguage() {
        #expect(RosterImport.region(matching: "kyzylorda")?.id == "kyzylorda")
        #expect(RosterImport.region(matching: "KYZYLORDA REGION")?.id == "kyzylorda")
        #expect(RosterImport.region(matching: "қызылорда облысы")?.id == "kyzylorda")
        #expect(RosterImport.region(matching: "Кызылординская область")?.id == "kyzylorda")
        #expect(RosterImport.region(matching: "Жетiсу облысы")?.id == "zhetisu")  // Latin i typed for і
        #expect(RosterImport.region(matching: "Narnia") == nil)
    }

    // MARK: Teachers

    @Test func validTeachersWithDefaults() throws {
        let report = try teachers("""
            full_name,school_code,iin,email,phone,language,subjects,grades
            Әсел Нұрова,KZO-1,061211600012,asel@mektep.kz,+7 (701) 123-45-67,ru,Mathematics,5-9
            Бауыржан  Серікұлы,KZO-2,,,,,,
            """)
        #expect(report.isAcceptable, "\(messages(report))")
        let first = report.rows[0].row
        #expect(report.rows[0].line == 2)
        #expect(first.iin?.digits == "061211600012")
        #expect(first.email == "asel@mektep.kz")
        #expect(first.phone == "+7 (701) 123-45-67")
        #expect(first.language == .ru)
        #expect(first.subjects == "Mathematics")
        #expect(first.grades == "5-9")
        #expect(report.rows[1].row == TeacherRow(fullName: "Бауыржан Серікұлы", schoolCode: "KZO-2"))
        #expect(report.rows[1].row.language == .kk)
    }

    @Test func latinIInACyrillicNameIsFixedSilently() throws {
        let report = try teachers("""
            full_name,school_code
            Ерiк Iсабеков,KZO-1
            Ingrid Isaksen,KZO-1
            Әлiбек-Мұхамедiұлы Ali,KZO-2
            """)
        #expect(report.isAcceptable)
        #expect(report.rows[0].row.fullName == "Ерік Ісабеков")
        #expect(report.rows[1].row.fullName == "Ingrid Isaksen")
        #expect(report.rows[2].row.fullName == "Әлібек-Мұхамедіұлы Ali")
        #expect(RosterImport.fixLatinI("Сәбит Iлияс") == "Сәбит Ілияс")
    }

    @Test func everyTeacherRuleReportsItsLineAndColumn() throws {
        let longName = String(repeating: "а", count: 201)
        let report = try teachers("""
            full_name;school_code;iin;email;phone;language
            Good Teacher;KZO-1;;;;
            ;KZO-1;;;;
            Ә;KZO-1;;;;
            \(longName);KZO-1;;;;
            "Line\tbreak";KZO-1;;;;
            Unknown School;NOPE-9;;;;
            Bad Iin;KZO-1;061211600013;;;
            Short Iin;KZO-1;12345;;;
            Bad Email;KZO-1;;asel@@mektep;;
            Bad Email Two;KZO-1;;asel mektep.kz;;
            Bad Phone;KZO-1;;;+7 701 CALL ME;
            Short Phone;KZO-1;;;123-45;
            Long Phone;KZO-1;;;+7 701 123 45 67 89 01 23;
            Bad Language;KZO-1;;;;de
            """)
        #expect(!report.isAcceptable)
        #expect(report.rows.map(\.line) == [2])
        let found = report.problems.map { "\($0.line) \($0.column ?? "-")" }
        #expect(found == ["3 full_name", "4 full_name", "5 full_name", "6 full_name", "7 school_code", "8 iin", "9 iin",
                          "10 email", "11 email", "12 phone", "13 phone", "14 phone", "15 language"])
        func message(_ line: Int) -> String { report.problems.first { $0.line == line }!.message }
        #expect(message(7).contains("Unknown school"))
        #expect(message(8) == IIN.Problem.checkDigitMismatch.description)
        #expect(message(9) == IIN.Problem.notTwelveDigits.description)
        #expect(message(13).contains("5"))
        #expect(report.problems.first { $0.line == 8 }!.description
            == "line 8, iin: The last digit of this IIN does not match the others; please check for a typo.")
    }

    @Test func severalProblemsOnOneLineAreAllReported() throws {
        let report = try teachers("full_name,school_code,iin,email\nX,NOPE,1,not-an-email\n")
        #expect(report.problems.map(\.column) == ["full_name", "school_code", "iin", "email"])
        #expect(report.problems.allSatisfy { $0.line == 2 })
    }

    @Test func duplicatesNameTheEarlierLine() throws {
        let report = try teachers("""
            full_name,school_code,iin
            Әсел Нұрова,KZO-1,061211600012
            Ерік Сапаров,KZO-1,
            Other Name,KZO-2,061211600012
            ерік  сапаров,KZO-1,
            Ерiк Сапаров,KZO-2,
            Namesake One,KZO-1,850305400120
            Namesake One,KZO-1,901215300456
            Namesake One,KZO-1,
            """)
        let found = report.problems.map { "\($0.line) \($0.column ?? "-")" }
        #expect(found == ["4 iin", "5 full_name", "9 full_name"])
        #expect(report.problems[0].message.contains("line 2"))
        #expect(report.problems[1].message.contains("line 3"))
        #expect(report.problems[2].message.contains("line 7"))
        // Two people with the same name at one school are told apart by their IINs.
        #expect(report.rows.map(\.line) == [2, 3, 6, 7, 8])
    }

    @Test func missingTeacherColumnsAndExtraValues() throws {
        let missing = try teachers("name,school\nA B,KZO-1\n")
        #expect(missing.problems.count == 2)
        #expect(missing.problems.allSatisfy { $0.line == 1 && $0.column == nil })

        let extra = try teachers("full_name,school_code\nA B,KZO-1,surprise\nC D,KZO-1,,\n\n,\n")
        #expect(extra.problems.map(\.line) == [2])
        #expect(extra.rows.map(\.line) == [3])
    }

    @Test func quotedMultilineRecordsKeepTheirStartingLine() throws {
        let report = try teachers("full_name,school_code,subjects\n\"Ерік\nСапаров\",KZO-1,x\nАйгүл Ахметова,NOPE,\"a\nb\"\nОк Ок,KZO-1,\n")
        #expect(report.problems.map(\.line) == [2, 4, 4])
        #expect(report.rows.map(\.line) == [6])
    }
}

@Suite("Roster import: the one input rule applies to every column")
struct RosterInputTextTests {
    /// The penetration test put U+202E into roster email and subjects, and school code and district; forms refused it.
    @Test func directionOverridesAreRefusedInEveryTeacherColumnWithTheirLine() throws {
        let report = RosterImport.validateTeachers(try CSV.parse("""
            full_name,school_code,email,subjects,grades,phone
            Good Teacher,KZO-1,ok@mektep.kz,Math,5,
            Email Override,KZO-1,asel\u{202E}zk.ketkem@x.kz,,,
            Subject Override,KZO-1,,Ma\u{202E}th,,
            Grade Isolate,KZO-1,,,5\u{2066}6,
            School Override,KZ\u{202D}O-1,,,,
            """), knownSchoolCodes: ["KZO-1"])
        #expect(report.rows.map(\.line) == [2])
        let found = report.problems.map { "\($0.line) \($0.column ?? "-")" }
        #expect(found.starts(with: ["3 email", "4 subjects", "5 grades", "6 school_code"]), "\(found)")
        #expect(report.problems[0].description.contains("U+202E"))
    }

    @Test func directionOverridesAreRefusedInEverySchoolColumn() throws {
        let report = RosterImport.validateSchools(try CSV.parse("""
            code,name,region,district
            A\u{202E}-1,School one,kyzylorda,Shieli
            A-2,School two,kyzylorda,Shi\u{202E}eli
            A-3,Sch\u{2067}ool three,kyzylorda,
            """))
        #expect(report.rows.isEmpty)
        #expect(report.problems.map { "\($0.line) \($0.column ?? "-")" } == ["2 code", "3 district", "4 name"])
        #expect(report.problems.allSatisfy { $0.message.contains("U+20") })
    }
}
