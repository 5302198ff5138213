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

/// The running service's shared parts, built once at start and read by every handler.
public final class Ustaz: Sendable {
    public let configuration: AppConfiguration
    public let store: Store
    public let keys: KeyRing
    public let catalogue: Catalogue
    public let staticFiles: StaticFiles
    public let logger: Logger
    let renderer: CertificateRenderer
    /// Key of the keyed hash under which IINs are matched; a file beside the signing keys.
    let iinKey: SymmetricKey
    private let badgeKey = Mutex<BadgeSigner?>(nil)
    private let dummyHash = Mutex<String?>(nil)
    let hasher: PasswordHasher
    let signInLimiter = SignInLimiter()
    let httpMetrics = ServerMetrics()
    let library: CourseLibrary
    let issuancePolicy: IssuancePolicy
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
        self.iinKey = iinKey
        self.configuration = configuration
        self.store = store
        self.keys = keys
        self.catalogue = catalogue
        self.staticFiles = staticFiles
        self.logger = logger
        hasher = configuration.passwordHasher == .fast ? .fast : .standard
        library = CourseLibrary(store: store)
        issuancePolicy = IssuancePolicy(leadTrainerValidityDays: configuration.leadTrainerValidityDays,
                                        maximumGeneration: configuration.maximumGeneration)
    }

    /// The RS256 key for Open Badges, created on first use (RSA key generation takes a moment).
    func badgeSigner() throws -> BadgeSigner {
        try badgeKey.withLock { cached in
            if let cached { return cached }
            let signer = try BadgeSigner.loadOrCreate(file: configuration.keysFolder.appendingPathComponent("openbadges-rs256.pem"))
            cached = signer
            return signer
        }
    }

    /// Every public key: Ed25519 for certificates' QR codes, RSA for Open Badges.
    func publishedKeys() throws -> JWKS {
        var set = keys.jwks
        set.keys.append(try badgeSigner().jwk)
        return set
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

    public func hashPassword(_ password: String) -> String { hasher.hash(password) }

    /// A hash with the same parameters as real ones, verified when a login is unknown.
    var dummyPasswordHash: String { dummyHash.withLock { hash in
        if let hash { return hash }
        let made = hasher.hash(Secrets.randomToken())
        hash = made
        return made
    } }

    /// Certificate issuance when a teacher has earned one (the domain step pages call).
    var certification: Certification {
        Certification(store: store, library: library, keys: keys, issuancePolicy: issuancePolicy, logger: logger)
    }

    /// A keyed hash of an IIN, so duplicates are caught without keeping the number.
    public func iinHash(_ iin: IIN) -> String { Secrets.keyedHash(iin.digits, key: iinKey) }

    /// The HTTP application: routes, error pages, middleware.
    public func makeApplication() -> Application {
        let routes = routeTable()
        var application = Application(router: routes.router, logger: logger, metrics: httpMetrics)
        application.errorPage = { error, request in self.errorPage(error, request) }
        application.wording = { reason, request in self.wording(reason, request) }
        // Everything that reveals a certificate by serial or token is rate-limited, so names cannot be harvested.
        application.middleware = [RateLimiter(routePrefixes: ["/v/", "/c/", "/credentials/"], perMinute: configuration.verificationsPerMinute)]
        // Each route's declared access, enforced once; the request context it builds serves everything after it.
        application.middleware.append(AccessMiddleware(ustaz: self, access: routes.accessByRoute))
        // Innermost, around the handlers: a write refused by a full disk becomes a 503 page.
        application.middleware.append(OutOfSpaceGuard(ustaz: self))
        application.secretPathPrefixes = ["/setup/", "/activate/", "/join/"]
        return application
    }
}

public struct StartError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
