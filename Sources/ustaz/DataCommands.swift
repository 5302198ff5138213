import ArgumentParser
import Credentials
import Foundation
import CourseFolders
import UstazCore
import UstazStore
import UstazFixtures
import UstazWeb
import Logging

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to a new file; safe while the service is running and writing.")

    @OptionGroup var options: RuntimeOptions
    @Option(name: .customLong("to"), help: "The backup file to create.")
    var destination: String

    func run() throws {
        let configuration = try options.resolve()
        let store = try Store(path: configuration.databasePath)
        let started = Date()
        try store.backup(to: destination)
        let size = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
        print("Backed up \(configuration.databasePath) to \(destination) (\(size / 1024) KB, \(Int(Date().timeIntervalSince(started) * 1000)) ms).")
        print("The signing keys are not in the database: copy \(configuration.keysFolder.path) separately and keep it secret.")
    }
}

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replace the database with a backup, after checking the backup's integrity.")

    @OptionGroup var options: RuntimeOptions
    @Option(name: .customLong("from"), help: "The backup file to restore.")
    var source: String

    func run() throws {
        let configuration = try options.resolve()
        try FileManager.default.createDirectory(at: configuration.dataFolder, withIntermediateDirectories: true)
        let store = try Store(path: configuration.databasePath)
        try store.restore(from: source)
        print("Restored \(configuration.databasePath) from \(source); integrity check: \(try store.integrityCheck()).")
    }
}

struct Courses: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the course catalogue.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate every course file; print each problem as file:line and exit 1 if there is any.",
            discussion: "Also prints, per course and language, the bank sizes and how guessable the keys are from their form.")

        @Argument(help: "The catalogue folder.")
        var folder: String = "Courses"

        @Flag(help: "Also play the surface guessing strategies against every bank over all possible draws (slower).")
        var strategies = false

        @Flag(help: "Check everything but the release rule that every lesson has a figure and a kit (for work in progress).")
        var draft = false

        func run() throws {
            let (courses, diagnostics) = Catalogue.inspect(URL(fileURLWithPath: folder), requireFiguresAndKits: !draft)
            for diagnostic in diagnostics { print(diagnostic) }
            for course in courses {
                let words = course.lessons.reduce(0) { total, lesson in
                    total + Language.allCases.reduce(0) { $0 + lesson.document($1).wordCount }
                }
                let banks = course.lessons.map { "\($0.quiz.questions.count)/\($0.quiz.itemsPerAttempt)" }.joined(separator: " ")
                let verdict = diagnostics.contains { $0.file.contains("/\(course.id)/") } ? "!! " : "ok "
                let figures = course.lessons.reduce(0) { $0 + ($1.figures?[.en]?.count ?? 0) }
                let kits = course.lessons.filter { $0.kit != nil }.count
                print("\(verdict) \(course.id): \(course.lessons.count) lessons × kk/ru/en, banks (items/drawn) \(banks), \(words) words, "
                      + "\(figures) figures, \(kits) kits, \(course.sources?.count ?? 0) sources, version \(course.contentHash.prefix(12))")
                for line in KeyFormAudit(course: course).summary { print("    \(line)") }
                if strategies { printStrategies(course) }
            }
            guard diagnostics.isEmpty else {
                print("\(diagnostics.count) problem(s) found.")
                throw ExitCode(1)
            }
        }

        private func printStrategies(_ course: Course) {
            let results = GuessingAudit.play(course)
            for language in Language.allCases {
                for strategy in SurfaceStrategy.allCases {
                    let kinds = GuessingAudit.courseFigures(results, language: language, strategy: strategy)
                    let margins = Question.Kind.allCases.compactMap { kind in
                        kinds[kind].map { "\(kind.rawValue) \(Int(($0.hitRate * 100).rounded()))% vs \(Int(($0.chanceRate * 100).rounded()))%" }
                    }
                    let worst = results.filter { $0.language == language && $0.strategy == strategy }.max { $0.passProbability < $1.passProbability }
                    let pass = worst.map { String(format: "%.2f%% (%@)", $0.passProbability * 100, $0.lessonID) } ?? "–"
                    print("    \(language.rawValue) \(strategy.rawValue): \(margins.joined(separator: ", ")); best pass \(pass)")
                }
            }
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a certificate's QR code or link offline; exit 0 when it is authentic.")

    @Argument(help: "The verification URL from the QR code, or the token alone.")
    var urlOrToken: String
    @Option(help: "A JWKS file of the issuer's public keys (as served at /.well-known/ustaz/keys.json).")
    var keys: String?
    @OptionGroup var options: RuntimeOptions

    func run() throws {
        let publicKeys: [KeyRing.PublicKey]
        if let keys {
            publicKeys = try KeyRing.publicKeys(fromJWKS: Data(contentsOf: URL(fileURLWithPath: keys)))
        } else {
            publicKeys = try KeyRing.load(folder: try options.resolve().keysFolder).publicKeys
        }
        do {
            let token = try CertificateToken.verify(CertificateToken.extract(fromURLOrToken: urlOrToken), keys: publicKeys)
            print("AUTHENTIC — signed by Ustaz key \(token.keyID)")
            print("  holder:      \(token.holderName)")
            print("  credential:  \(token.kind.rawValue), course \(token.courseID), generation \(token.generation)")
            print("  serial:      \(token.serial)\(token.trainerSerial.isEmpty ? "" : ", trained under \(token.trainerSerial)")")
            print("  issued:      \(token.issuedOn.iso)\(token.expiresOn.map { ", expires \($0.iso)" } ?? "")")
            if let expires = token.expiresOn, expires < Day.today { print("  NOTE: this credential has expired.") }
            print("Revocation can only be checked online, on the verification page.")
        } catch {
            print("NOT AUTHENTIC — \(error)")
            throw ExitCode(1)
        }
    }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the signing keys.", subcommands: [Rotate.self, List.self])

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new signing key; older keys keep verifying the certificates they signed.")
        @OptionGroup var options: RuntimeOptions

        func run() throws {
            let folder = try options.resolve().keysFolder
            let previous = try KeyRing.load(folder: folder).activeKeyID
            let id = try KeyRing.generate(in: folder)
            print("New signing key \(id) is active; \(previous) stays for verification. Restart the service to use it.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the key ids, marking the active one.")
        @OptionGroup var options: RuntimeOptions

        func run() throws {
            let ring = try KeyRing.load(folder: try options.resolve().keysFolder)
            for key in ring.publicKeys { print("\(key.id == ring.activeKeyID ? "*" : " ") \(key.id)") }
        }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import data from CSV files, all or nothing.", subcommands: [Schools.self, Teachers.self])

    struct Schools: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import schools (code, name, region, district, kind, pilot_wave); any bad row rejects the whole file.")
        @OptionGroup var options: RuntimeOptions
        @Argument(help: "The CSV file.")
        var file: String

        func run() throws {
            let (ustaz, _) = try options.startQuietly()
            let text = try String(contentsOfFile: file, encoding: .utf8)
            switch try ustaz.rosters.importSchools(csv: text) {
            case .success(let count):
                print("Imported \(count) schools from \(file).")
            case .failure(let problems):
                for line in problems.lines { print("\(file): \(line)") }
                print("Nothing was imported.")
                throw ExitCode(1)
            }
        }
    }
}

extension Import {
    struct Teachers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import teachers (full_name, school_code, iin, email, phone, language, subjects, grades); any bad row rejects the whole file.",
            discussion: "Each new teacher gets a one-time activation code; the codes are written to --codes (keep that file private).")
        @OptionGroup var options: RuntimeOptions
        @Argument(help: "The CSV file.")
        var file: String
        @Option(help: "Where to write the new teachers' activation codes (CSV: person_id, full_name, activation_code).")
        var codes: String
        @Option(help: "Also enrol everyone in this cohort (its number).")
        var cohort: Int64?

        func run() throws {
            // The codes file is opened first: new accounts whose codes cannot be handed out could never be activated.
            let sheetFile: PrivateFile
            do { sheetFile = try PrivateFile(opening: codes) } catch {
                print("\(error) Nothing was imported.")
                throw ExitCode(1)
            }
            var imported = false
            defer { if !imported { sheetFile.discardIfCreatedHere() } }
            let (ustaz, _) = try options.startQuietly()
            let started = Date()
            let text = try String(contentsOfFile: file, encoding: .utf8)
            switch try ustaz.rosters.importTeachers(csv: text, cohortID: cohort) {
            case .success(let result):
                imported = true
                let sheet = CSV.write([["person_id", "full_name", "activation_code"]]
                                      + result.created.map { [String($0.personID), $0.name, $0.activationCode] })
                do { try sheetFile.write(Array(sheet.utf8)) } catch {
                    print("\(error) The \(result.created.count) new teachers were imported, but their activation codes "
                          + "could not be written to \(codes), so nobody holds them.")
                    throw ExitCode(1)
                }
                let seconds = Date().timeIntervalSince(started)
                print("Imported \(result.created.count) new teachers (\(result.existing) already known, \(result.enrolled) enrolled) "
                      + "from \(file) in \(String(format: "%.1f", seconds)) s; activation codes in \(codes).")
            case .failure(let problems):
                for line in problems.lines { print("\(file): \(line)") }
                print("Nothing was imported.")
                throw ExitCode(1)
            }
        }
    }
}

struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill an empty database with a synthetic national dataset (for benchmarks and dashboards).")

    @OptionGroup var options: RuntimeOptions
    @Flag(help: "Generate synthetic data (the only kind of seed there is; the flag keeps the intent explicit).")
    var synthetic = false
    @Option(help: "How many teachers.")
    var teachers: Int = 350_000
    @Option(help: "The random seed: the same seed and --as-of give the same data.")
    var seed: UInt64 = 1
    @Option(name: .customLong("as-of"), help: "The day the data ends (YYYY-MM-DD); default today.")
    var asOf: String?

    func run() throws {
        guard synthetic else { throw ValidationError("Say --synthetic: the seed command only makes synthetic data.") }
        guard let day = asOf.map({ Day(iso: $0) }) ?? Day.today else { throw ValidationError("--as-of must be a date like 2026-11-23.") }
        let (ustaz, configuration) = try options.startQuietly()
        let options = SyntheticNation.Options(teachers: teachers, seed: seed, asOf: day)
        let report = try SyntheticNation.load(into: ustaz, options: options)
        print("""
            Seeded \(configuration.databasePath) (seed \(seed), as of \(day.iso)) in \(String(format: "%.1f", report.seconds)) s, \
            \(report.databaseBytes / 1_048_576) MB:
              \(report.schools) schools (\(report.pilotSchools) in the pilot), \(report.masterTrainers) master trainers, \
            \(report.leadTrainers) lead trainers, \(report.teachers) teachers in all
              \(report.cohorts) cohorts, \(report.enrolments) enrolments, \(report.lessonRecords) lesson records, \
            \(report.quizAttempts) quiz attempts, \(report.practicals) classroom-practical reports
              \(report.credentials) certificates (\(report.revoked) revoked)
            Accounts that have signed in use the password "\(options.password)": admin, coord.<region>, master.001, t000001…
            """)
    }
}

extension RuntimeOptions {
    /// Opens the data folder for a one-off command: only errors are logged.
    func startQuietly() throws -> (Ustaz, AppConfiguration) {
        let configuration = try resolve()
        var quiet = Logger(label: "ustaz")
        quiet.logLevel = .error
        return (try Ustaz.start(configuration, logger: quiet).0, configuration)
    }
}
