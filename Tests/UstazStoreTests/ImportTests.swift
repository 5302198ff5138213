import Foundation
import Testing
import CourseFolders
import UstazCore
import UstazStore

@Suite("Roster import into the store: all or nothing")
struct ImportTests {
    /// Stand-ins for the keyed IIN hash and the SHA-256 of a code (Crypto is not a dependency of the store).
    static func iinHash(_ iin: IIN) -> String { "iin-" + String(iin.digits.reversed()) + "-keyed" }
    static func codeHash(_ code: String) -> String { "sha-" + String(code.reversed()).lowercased() }

    let folder: URL
    let store: Store
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    init() throws {
        folder = try temporaryFolder("import")
        store = try Store(path: folder.appendingPathComponent("u.sqlite").path)
    }

    func makeCohort(capacity: Int) throws -> CohortRecord {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let (catalogue, diagnostics) = Catalogue.load(from: root.appendingPathComponent("Courses"))
        let course = try #require(catalogue?.courses.first, "\(diagnostics)")
        try store.registerCatalogue(Catalogue(courses: [course]), at: now)
        let version = try #require(try store.courseVersions(courseID: course.id).first)
        let trainer = try store.createPerson(NewPerson(fullName: "Lead Trainer", login: "lead", roles: [.leadTrainer]), at: now)
        return try store.createCohort(name: "Kyzylorda spring", courseID: course.id, courseVersionID: version.id,
                                      trainerID: trainer.id, trainerCredentialID: nil, regionID: "kyzylorda", schoolID: nil,
                                      capacity: capacity, startsOn: "2026-03-01", endsOn: "2026-04-01", joinCode: "JOIN-1", at: now)
    }

    func seedSchools() throws {
        let report = RosterImport.validateSchools(try CSV.parse("""
            code;name;region;kind;pilot_wave
            KZO-1;№1 мектеп;Kyzylorda Region;standard;1
            KZO-2;№2 мектеп;kyzylorda;small-staffed;
            PVL-1;Школа №3;Павлодарская область;;
            """))
        #expect(report.isAcceptable)
        #expect(try store.importSchools(report.rows.map(\.row)) == 3)
    }

    func teacherRows(_ text: String) throws -> [TeacherRow] {
        let report = RosterImport.validateTeachers(try CSV.parse(text), knownSchoolCodes: try store.schoolCodes())
        #expect(report.isAcceptable, "\(report.problems)")
        return report.rows.map(\.row)
    }

    let roster = """
        full_name,school_code,iin,email,phone,language,subjects,grades
        Әсел Нұрова,KZO-1,061211600012,asel@mektep.kz,+7 701 123 45 67,kk,Mathematics,5-9
        Ерiк Сапаров,KZO-2,850305400120,,,ru,,
        Айгүл Ахметова,PVL-1,,,,,Informatics,
        """

    @Test func importsSchoolsAndListsTheirCodes() throws {
        try seedSchools()
        #expect(try store.schoolCodes() == ["KZO-1", "KZO-2", "PVL-1"])
        #expect(try store.totals().schools == 3)
    }

    @Test func duplicateSchoolCodeLeavesTheDatabaseUnchanged() throws {
        try seedSchools()
        let before = try store.totals()
        let rows = [SchoolRow(code: "KZO-9", name: "New school", regionID: "kyzylorda"),
                    SchoolRow(code: "KZO-2", name: "Clash", regionID: "kyzylorda")]
        do {
            try store.importSchools(rows)
            Issue.record("a code already in the database must be refused")
        } catch let error as StoreError {
            #expect(error.description.contains("KZO-2"))
            #expect(!error.description.contains("KZO-9"))
        }
        #expect(try store.totals() == before)
        #expect(try store.schoolCodes() == ["KZO-1", "KZO-2", "PVL-1"])

        // The same code twice in one call is refused too.
        #expect(throws: StoreError.self) {
            try store.importSchools([SchoolRow(code: "X", name: "One", regionID: "abai"),
                                     SchoolRow(code: "X", name: "Two", regionID: "abai")])
        }
        #expect(try store.totals() == before)
    }

    @Test func createsTeachersWithActivationCodesAndEnrolsThem() throws {
        try seedSchools()
        let cohort = try makeCohort(capacity: 25)
        let result = try store.importTeachers(try teacherRows(roster), cohortID: cohort.id, iinHash: Self.iinHash,
                                              codeHash: Self.codeHash, now: now)
        #expect(result.created.count == 3)
        #expect(result.existing == 0)
        #expect(result.enrolled == 3)
        #expect(result.created.map(\.name) == ["Әсел Нұрова", "Ерік Сапаров", "Айгүл Ахметова"])
        let alphabet = Set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        for created in result.created {
            #expect(created.activationCode.count == 10)
            #expect(created.activationCode.allSatisfy(alphabet.contains))
            #expect(try store.oneTimeCodeIsValid(hash: Self.codeHash(created.activationCode), purpose: "activation", now: now))
            #expect(try store.oneTimeCodeIsValid(hash: Self.codeHash(created.activationCode), purpose: "activation",
                                                 now: now.addingTimeInterval(29 * 24 * 3600)))
            #expect(try !store.oneTimeCodeIsValid(hash: Self.codeHash(created.activationCode), purpose: "activation",
                                                  now: now.addingTimeInterval(31 * 24 * 3600)))
            #expect(try !store.oneTimeCodeIsValid(hash: created.activationCode, purpose: "activation", now: now))
        }
        let asel = try #require(try store.person(id: result.created[0].personID))
        #expect(asel.roles == [.teacher])
        #expect(asel.email == "asel@mektep.kz")
        #expect(asel.regionID == "kyzylorda")
        #expect(asel.language == .kk)
        #expect(!asel.isActivated)
        #expect(try store.person(id: result.created[1].personID)?.language == .ru)
        #expect(try store.person(id: result.created[2].personID)?.regionID == "pavlodar")
        #expect(try store.totals().enrolments == 3)
    }

    @Test func reimportCreatesNoDuplicatesAndNoNewCodes() throws {
        try seedSchools()
        let cohort = try makeCohort(capacity: 25)
        let rows = try teacherRows(roster)
        let first = try store.importTeachers(rows, cohortID: nil, iinHash: Self.iinHash, codeHash: Self.codeHash, now: now)
        #expect(first.created.count == 3)
        let before = try store.totals()

        // A trainer's roster may not take the row without an IIN (a match by name and school alone): nothing is written.
        #expect(throws: EnrolmentRefusal(refused: [.init(row: 2, decision: .needsJoinCode)], joinCode: "JOIN-1")) {
            try store.importTeachers(rows, cohortID: cohort.id, by: .trainer, iinHash: Self.iinHash, codeHash: Self.codeHash, now: now)
        }
        #expect(try store.totals().enrolments == 0)

        // An administrator's import into the cohort (the command line) may.
        var hashedAgain = 0
        let second = try store.importTeachers(rows, cohortID: cohort.id, by: .administrator, iinHash: Self.iinHash,
                                              codeHash: { hashedAgain += 1; return Self.codeHash($0) }, now: now)
        #expect(second.created.isEmpty)
        #expect(second.existing == 3)
        #expect(second.enrolled == 3)
        #expect(hashedAgain == 0)
        #expect(try store.totals().people == before.people)

        // A third time changes nothing at all: everyone is already enrolled.
        let third = try store.importTeachers(rows, cohortID: cohort.id, by: .administrator, iinHash: Self.iinHash, codeHash: Self.codeHash, now: now)
        #expect(third.created.isEmpty && third.existing == 3 && third.enrolled == 0)
        #expect(try store.totals().enrolments == 3)
        // The first codes still work.
        for created in first.created {
            #expect(try store.oneTimeCodeIsValid(hash: Self.codeHash(created.activationCode), purpose: "activation", now: now))
        }
    }

    @Test func capacityOverflowLeavesTheDatabaseExactlyUnchanged() throws {
        try seedSchools()
        let cohort = try makeCohort(capacity: 3)
        let early = try store.importTeachers(try teacherRows("full_name,school_code\nFirst Teacher,KZO-1\n"),
                                             cohortID: cohort.id, iinHash: Self.iinHash, codeHash: Self.codeHash, now: now)
        #expect(early.enrolled == 1)
        let before = try store.totals()
        let auditBefore = try store.auditCount()

        var hashes: [String] = []
        do {
            _ = try store.importTeachers(try teacherRows(roster), cohortID: cohort.id, iinHash: Self.iinHash,
                                         codeHash: { let hash = Self.codeHash($0); hashes.append(hash); return hash }, now: now)
            Issue.record("the cohort would hold 4 of 3")
        } catch let error as StoreError {
            #expect(error.description.contains("capacity of 3"))
        }
        #expect(hashes.count == 3)  // codes were drawn, then rolled back with everything else
        #expect(try store.totals() == before)
        #expect(try store.auditCount() == auditBefore)
        for hash in hashes {
            #expect(try !store.oneTimeCodeIsValid(hash: hash, purpose: "activation", now: now))
        }
        // Exactly filling the cohort is fine.
        let fits = try store.importTeachers(Array(try teacherRows(roster).prefix(2)), cohortID: cohort.id,
                                            iinHash: Self.iinHash, codeHash: Self.codeHash, now: now)
        #expect(fits.enrolled == 2)
        #expect(try store.totals().enrolments == 3)
    }

    @Test func unknownCohortOrSchoolWritesNothing() throws {
        try seedSchools()
        let before = try store.totals()
        #expect(throws: StoreError.self) {
            try store.importTeachers(try teacherRows(roster), cohortID: 999, iinHash: Self.iinHash,
                                     codeHash: Self.codeHash, now: now)
        }
        #expect(throws: StoreError.self) {
            try store.importTeachers([TeacherRow(fullName: "A B", schoolCode: "KZO-1"),
                                      TeacherRow(fullName: "C D", schoolCode: "GONE")],
                                     cohortID: nil, iinHash: Self.iinHash, codeHash: Self.codeHash, now: now)
        }
        #expect(try store.totals() == before)
    }

    @Test func neitherCodesNorIINsAreStoredInClear() throws {
        try seedSchools()
        let result = try store.importTeachers(try teacherRows(roster), cohortID: nil, iinHash: Self.iinHash,
                                              codeHash: Self.codeHash, now: now)
        try store.close()  // checkpoints the WAL into the main file
        let bytes = try Data(contentsOf: folder.appendingPathComponent("u.sqlite"))
        for created in result.created {
            #expect(bytes.range(of: Data(created.activationCode.utf8)) == nil)
            #expect(bytes.range(of: Data(Self.codeHash(created.activationCode).utf8)) != nil)
        }
        #expect(bytes.range(of: Data("061211600012".utf8)) == nil)
        #expect(bytes.range(of: Data("850305400120".utf8)) == nil)
        #expect(bytes.range(of: Data(Self.iinHash(try IIN("061211600012")).utf8)) != nil)
        #expect(bytes.range(of: Data("06••••••••12".utf8)) != nil)
    }
}
