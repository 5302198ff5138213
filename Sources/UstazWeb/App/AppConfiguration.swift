public import Foundation
public import HTTPServer
public import UstazCore

/// Everything the service needs to know at start; `ustaz` fills it from flags, then environment, then defaults.
public struct AppConfiguration: Sendable {
    public var server: ServerConfiguration
    /// Where the database, signing keys and backups live.
    public var dataFolder: URL
    /// The public address printed in QR codes and links, e.g. https://ustaz.edu.kz.
    public var baseURL: String
    public var coursesFolder: URL
    public var publicFolder: URL
    public var certificatesFolder: URL
    public var defaultLanguage: Language
    /// Certified teachers the country aims for.
    public var nationalTarget: Int
    public var passwordHasher: PasswordHasherChoice
    /// Verification pages one client may open per minute (0 = unlimited, for benchmarks).
    public var verificationsPerMinute: Int = 120
    /// The deepest cascade generation allowed (0 = master trainers, 2 = their lead teachers' colleagues).
    public var maximumGeneration: Int = 3
    /// Days a lead-trainer certificate lasts before renewal.
    public var leadTrainerValidityDays: Int = 730

    public enum PasswordHasherChoice: String, Sendable { case standard, fast }

    public init(server: ServerConfiguration = ServerConfiguration(), dataFolder: URL = URL(fileURLWithPath: "data"),
                baseURL: String? = nil, resourcesFolder: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                defaultLanguage: Language = .kk, nationalTarget: Int = 350_000, passwordHasher: PasswordHasherChoice = .standard) {
        self.server = server
        self.dataFolder = dataFolder
        self.baseURL = (baseURL ?? "http://\(server.host == "0.0.0.0" ? "127.0.0.1" : server.host):\(server.port)")
            .trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        coursesFolder = resourcesFolder.appendingPathComponent("Courses")
        publicFolder = resourcesFolder.appendingPathComponent("Public")
        certificatesFolder = resourcesFolder.appendingPathComponent("Certificates")
        self.defaultLanguage = defaultLanguage
        self.nationalTarget = nationalTarget
        self.passwordHasher = passwordHasher
    }

    public var databasePath: String { dataFolder.appendingPathComponent("ustaz.sqlite").path }
    public var keysFolder: URL { dataFolder.appendingPathComponent("keys") }
    /// Cookies get `Secure` when the public address is https (behind a TLS proxy).
    public var secureCookies: Bool { baseURL.hasPrefix("https://") }
}
