public import Credentials
import Crypto
import Synchronization
public import Foundation
public import HTTPServer
public import Logging
import Passwords
import CourseFolders
public import UstazCore
public import UstazStore

/// The running service: built once at start from the data folder, it composes the site's shared parts, the
/// services, and one controller per feature (each holding only what it needs), and makes the HTTP application.
public final class Ustaz: Sendable {
    public let configuration: AppConfiguration
    public let store: Store
    public let keys: KeyRing
    public let catalogue: Catalogue
    public let staticFiles: StaticFiles
    public let logger: Logger
    let renderer: CertificateRenderer
    let library: CourseLibrary
    let issuancePolicy: IssuancePolicy
    let site: Site
    let passwords: PasswordHashing
    let signing: SigningKeys
    /// Roster import for the CLI, the tests and the pages.
    public let rosters: RosterImporter
    /// Certificate issuance when a teacher has earned one (the domain step pages and the CLI call).
    let certification: Certification
    let signInLimiter = SignInLimiter()
    let httpMetrics = ServerMetrics()
    let coverageBoard = CoverageBoard()
    let fidelityReports = SlowReports<FidelityReport>()

    /// What happened at start, for the console.
    public struct StartReport: Sendable {
        public var createdDataFolder: Bool
        public var createdSigningKey: Bool
        public var newCourseVersions: [String]
        /// A one-time link to create the first administrator; nil once one exists.
        public var adminSetupLink: String?
    }

    /// Opens or creates everything under the data folder: database, signing key, catalogue.
    public static func start(_ configuration: AppConfiguration, logger: Logger) throws -> (Ustaz, StartReport) {
        let manager = FileManager.default
        let createdFolder = !manager.fileExists(atPath: configuration.dataFolder.path)
        try manager.createDirectory(at: configuration.dataFolder, withIntermediateDirectories: true,
                                    attributes: [.posixPermissions: 0o700])
        let store = try Store(path: configuration.databasePath)
        let (keys, createdKey) = try KeyRing.loadOrCreate(folder: configuration.keysFolder)
        let (catalogue, diagnostics) = Catalogue.load(from: configuration.coursesFolder)
        guard let catalogue else {
            throw StartError("The course catalogue has problems; run `ustaz courses check` for the list:\n"
                             + diagnostics.prefix(20).map(\.description).joined(separator: "\n"))
        }
        let created = try store.registerCatalogue(catalogue)
        let ustaz = Ustaz(configuration: configuration, store: store, keys: keys, catalogue: catalogue,
                          staticFiles: try StaticFiles(folder: configuration.publicFolder),
                          renderer: try CertificateRenderer(templatesFolder: configuration.certificatesFolder),
                          iinKey: try Ustaz.loadOrCreateSecret(configuration.keysFolder.appendingPathComponent("iin-hash.secret")),
                          logger: logger)
        let link = try store.hasAdmin() ? nil : try ustaz.issueAdminSetupLink()
        return (ustaz, StartReport(createdDataFolder: createdFolder, createdSigningKey: createdKey,
                                   newCourseVersions: created.map { "\($0.courseID)@\($0.contentHash.prefix(12))" },
                                   adminSetupLink: link))
    }

    init(configuration: AppConfiguration, store: Store, keys: KeyRing, catalogue: Catalogue, staticFiles: StaticFiles,
         renderer: CertificateRenderer, iinKey: SymmetricKey, logger: Logger) {
        self.renderer = renderer
        self.configuration = configuration
        self.store = store
        self.keys = keys
        self.catalogue = catalogue
        self.staticFiles = staticFiles
        self.logger = logger
        passwords = PasswordHashing(configuration.passwordHasher == .fast ? .fast : .standard)
        signing = SigningKeys(keys: keys, folder: configuration.keysFolder)
        library = CourseLibrary(store: store)
        issuancePolicy = IssuancePolicy(leadTrainerValidityDays: configuration.leadTrainerValidityDays,
                                        maximumGeneration: configuration.maximumGeneration)
        site = Site(store: store, configuration: configuration, staticFiles: staticFiles, logger: logger)
        rosters = RosterImporter(store: store, iinKey: iinKey)
        certification = Certification(store: store, library: library, keys: keys, issuancePolicy: issuancePolicy, logger: logger)
    }

    /// A 256-bit secret kept in a file of its own (mode 0600), created the first time.
    static func loadOrCreateSecret(_ file: URL) throws -> SymmetricKey {
        if let text = try? String(contentsOf: file, encoding: .utf8), let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 {
            return SymmetricKey(data: data)
        }
        let key = SymmetricKey(size: .bits256)
        let encoded = key.withUnsafeBytes { Data($0).base64EncodedString() }
        guard FileManager.default.createFile(atPath: file.path, contents: Data(encoded.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StartError("Could not write \(file.path).")
        }
        return key
    }

    /// A fresh one-time link for creating the first administrator, valid for 24 hours.
    public func issueAdminSetupLink(now: Date = Date()) throws -> String {
        let code = Secrets.randomToken()
        try store.createOneTimeCode(hash: Secrets.hash(code), purpose: "admin-setup", personID: nil, now: now,
                                    expiresAt: now.addingTimeInterval(24 * 3600))
        return "\(configuration.baseURL)/setup/\(code)"
    }

    public func hashPassword(_ password: String) -> String { passwords.hashPassword(password) }

    /// A keyed hash of an IIN, so duplicates are caught without keeping the number.
    public func iinHash(_ iin: IIN) -> String { rosters.iinHash(iin) }

    /// Starts computing the coverage report in the background, so the first visitor does not wait for it.
    public func warmCoverage() { coverageBoard.warm(store, configuration: configuration) }

    /// The HTTP application: routes, error pages, middleware.
    public func makeApplication() -> Application {
        let routes = routeTable()
        var application = Application(router: routes.router, logger: logger, metrics: httpMetrics)
        application.errorPage = { [site] error, request in site.errorPage(error, request) }
        application.wording = { [site] reason, request in site.wording(reason, request) }
        // Everything that reveals a certificate by serial or token is rate-limited, so names cannot be harvested.
        application.middleware = [RateLimiter(routePrefixes: ["/v/", "/c/", "/credentials/"], perMinute: configuration.verificationsPerMinute)]
        // Each route's declared access, enforced once; the request context it builds serves everything after it.
        application.middleware.append(AccessMiddleware(site: site, access: routes.accessByRoute))
        // Innermost, around the handlers: a write refused by a full disk becomes a 503 page.
        application.middleware.append(OutOfSpaceGuard(site: site))
        application.secretPathPrefixes = ["/setup/", "/activate/", "/join/"]
        return application
    }
}

public struct StartError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
