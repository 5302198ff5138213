import ArgumentParser
import Foundation
import HTTPServer
import Logging
import UstazCore
import UstazWeb

/// Options shared by the commands. Each flag wins over its environment variable, which wins over the default.
struct RuntimeOptions: ParsableArguments {
    @Option(help: "Address to listen on (env USTAZ_HOST, default 127.0.0.1).")
    var host: String?
    @Option(help: "Port to listen on (env USTAZ_PORT, default 8080).")
    var port: Int?
    @Option(name: .customLong("data"), help: "Folder for the database and signing keys (env USTAZ_DATA, default ./data).")
    var dataFolder: String?
    @Option(name: .customLong("base-url"), help: "Public address used in links and QR codes (env USTAZ_BASE_URL, default http://HOST:PORT).")
    var baseURL: String?
    @Option(help: "Folder holding Courses/, Public/ and Certificates/ (env USTAZ_RESOURCES, default the current folder).")
    var resources: String?
    @Option(help: "Worker threads (env USTAZ_THREADS, default twice the cores, at least 4).")
    var threads: Int?
    @Option(help: "Log level: trace, debug, info, notice, warning, error (env USTAZ_LOG_LEVEL, default info).")
    var logLevel: String?
    @Option(help: "Certificate verifications one client may make per minute, 0 for no limit (env USTAZ_VERIFY_RATE, default 120).")
    var verifyRate: Int?
    @Option(help: "Deepest cascade generation allowed, 0 = master trainers (env USTAZ_MAX_GENERATION, default 3).")
    var maxGeneration: Int?
    @Option(help: "Days a lead-trainer certificate lasts before renewal (env USTAZ_LEAD_VALIDITY_DAYS, default 730).")
    var leadValidityDays: Int?
    @Option(help: "Interface language when the browser states none: kk, ru or en (env USTAZ_LANGUAGE, default kk).")
    var language: String?

    func resolve() throws -> AppConfiguration {
        let environment = ProcessInfo.processInfo.environment
        func value(_ flag: String?, _ name: String) -> String? { flag ?? environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        func number(_ flag: Int?, _ name: String, default fallback: Int) throws -> Int {
            if let flag { return flag }
            guard let text = environment[name], !text.isEmpty else { return fallback }
            guard let parsed = Int(text) else { throw ValidationError("\(name) must be a whole number, not \"\(text)\".") }
            return parsed
        }
        let port = try number(port, "USTAZ_PORT", default: 8080)
        guard (0...65535).contains(port) else { throw ValidationError("The port must be between 0 and 65535.") }
        let languageText = value(language, "USTAZ_LANGUAGE") ?? "kk"
        guard let defaultLanguage = Language(rawValue: languageText) else {
            throw ValidationError("The language must be kk, ru or en, not \"\(languageText)\".")
        }
        let slowWorkers = try number(nil, "USTAZ_SLOW_WORKERS", default: 2)
        let slowQueue = try number(nil, "USTAZ_SLOW_QUEUE", default: 64)
        guard (1...64).contains(slowWorkers) else { throw ValidationError("USTAZ_SLOW_WORKERS must be from 1 to 64.") }
        guard (0...100_000).contains(slowQueue) else { throw ValidationError("USTAZ_SLOW_QUEUE must be from 0 to 100000.") }
        let server = ServerConfiguration(host: value(host, "USTAZ_HOST") ?? "127.0.0.1", port: port,
                                         threads: try number(threads, "USTAZ_THREADS", default: max(4, 2 * System.coreCount)),
                                         perAddressConnectionLimit: try number(nil, "USTAZ_CONNECTIONS_PER_ADDRESS", default: 256),
                                         slowLane: SlowLane.Configuration(workers: slowWorkers, queueLimit: slowQueue))
        let resourcesPath = value(resources, "USTAZ_RESOURCES") ?? FileManager.default.currentDirectoryPath
        var configuration = AppConfiguration(
            server: server, dataFolder: URL(fileURLWithPath: value(dataFolder, "USTAZ_DATA") ?? "data"),
            baseURL: value(baseURL, "USTAZ_BASE_URL"), resourcesFolder: URL(fileURLWithPath: resourcesPath),
            defaultLanguage: defaultLanguage)
        configuration.verificationsPerMinute = try number(verifyRate, "USTAZ_VERIFY_RATE", default: 120)
        configuration.maximumGeneration = try number(maxGeneration, "USTAZ_MAX_GENERATION", default: 3)
        configuration.leadTrainerValidityDays = try number(leadValidityDays, "USTAZ_LEAD_VALIDITY_DAYS", default: 730)
        return configuration
    }

    func logger() throws -> Logger {
        let levelText = (logLevel ?? ProcessInfo.processInfo.environment["USTAZ_LOG_LEVEL"] ?? "info").lowercased()
        guard let level = Logger.Level(rawValue: levelText) else {
            throw ValidationError("The log level must be one of trace, debug, info, notice, warning, error, critical.")
        }
        LoggingSystem.bootstrap { label in
            BufferedLogHandler(label: label, logLevel: level)
        }
        var logger = Logger(label: "ustaz")
        logger.logLevel = level
        return logger
    }
}
