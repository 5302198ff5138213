import ArgumentParser
import CMalloc
import Dispatch
import Foundation
import HTTPServer
import UstazFixtures
import UstazWeb

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the web service (the default command).")

    @OptionGroup var options: RuntimeOptions

    func run() throws {
        let configuration = try options.resolve()
        let logger = try options.logger()
        let (ustaz, report) = try Ustaz.start(configuration, logger: logger)
        try Serve.run(ustaz, report: report)
    }

    /// Serves until SIGINT or SIGTERM, then drains requests in flight and closes the database.
    static func run(_ ustaz: Ustaz, report: Ustaz.StartReport, banner: String? = nil) throws {
        returnFreedMemory()
        let configuration = ustaz.configuration
        if report.createdDataFolder { print("Created the data folder \(configuration.dataFolder.path)") }
        if report.createdSigningKey { print("Created a signing key \(ustaz.keys.activeKeyID) in \(configuration.keysFolder.path) (mode 0600)") }
        for version in report.newCourseVersions { print("Loaded course version \(version) (in review until approved)") }
        var application = ustaz.makeApplication()
        // Access-log lines go straight into the log buffer (the same format as every other line).
        let label = ustaz.logger.label
        application.accessLog = { LogOutput.shared.appendAccess($0, label: label) }
        let server = Server(application: application, configuration: configuration.server)
        try server.start()
        ustaz.warmCoverage()
        print("Ustaz is serving on http://\(configuration.server.host):\(server.port) (public address \(configuration.baseURL))")
        if let link = report.adminSetupLink {
            print("""

                No administrator exists yet. Open this one-time link to create one (valid 24 hours):
                  \(link)

                """)
        }
        if let banner { print(banner) }
        fflush(nil)  // the setup link must show at once even when output goes to a file
        let stop = DispatchSemaphore(value: 0)
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        stop.wait()
        print("Stopping: finishing requests in flight…")
        server.shutdown()
        try ustaz.store.close()
        print("Stopped cleanly.")
        _ = sources
    }
}

extension Serve {
    /// After each large block freed, glibc raises both the size it serves from mmap and the freed memory it keeps
    /// instead of returning to the system (up to 32 and 64 MB per arena). The server's arenas held 6–14 MB more that
    /// way after four benchmark scenarios on the national dataset (75–82 MB against 70–71 MB with the thresholds
    /// fixed). Setting them here, after start-up has already moved them, puts back glibc's initial 128 KiB for mmap
    /// and keeps at most 1 MiB; `MALLOC_TRIM_THRESHOLD_` in the environment still decides when it is set.
    static func returnFreedMemory() {
        guard ProcessInfo.processInfo.environment["MALLOC_TRIM_THRESHOLD_"] == nil else { return }
        _ = mallopt(M_MMAP_THRESHOLD, 128 << 10)
        _ = mallopt(M_TRIM_THRESHOLD, 1 << 20)
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a small demo world (every role, two regions, cohorts, certificates) and serve it.")

    @OptionGroup var options: RuntimeOptions
    @Flag(help: "Load the demo world and exit without serving.")
    var noServe = false
    @Option(name: .customLong("accounts-json"), help: "Also write the demo accounts, password and certificate serials to this JSON file (for browser tests).")
    var accountsJSON: String?

    func run() throws {
        let configuration = try options.resolve()
        let logger = try options.logger()
        let (ustaz, startReport) = try Ustaz.start(configuration, logger: logger)
        let world = try DemoWorld.load(into: ustaz)
        var lines = ["Demo world loaded into \(configuration.databasePath). Sign in at \(configuration.baseURL)/signin with:"]
        for login in world.logins {
            lines.append("  \(login.login.padding(toLength: 18, withPad: " ", startingAt: 0)) \(login.roles.map(\.rawValue).joined(separator: ", ")) — \(login.name)")
        }
        lines.append("Password for every demo account: \(world.password)")
        if let accountsJSON {
            let document: [String: Any] = [
                "baseURL": configuration.baseURL, "password": world.password, "serials": world.serials,
                "logins": world.logins.map { ["login": $0.login, "name": $0.name, "roles": $0.roles.map(\.rawValue)] },
            ]
            let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
            guard FileManager.default.createFile(atPath: accountsJSON, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw ValidationError("Could not write the demo accounts to \(accountsJSON).")
            }
        }
        var report = startReport
        report.adminSetupLink = nil  // the demo has its own administrator
        if noServe {
            print(lines.joined(separator: "\n"))
        } else {
            try Serve.run(ustaz, report: report, banner: lines.joined(separator: "\n"))
        }
    }
}
