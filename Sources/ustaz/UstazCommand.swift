import ArgumentParser

@main
struct UstazCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ustaz",
        abstract: "Ustaz: training and certifying Kazakhstan's teachers in AI literacy.",
        subcommands: [Serve.self, Demo.self, Seed.self, Backup.self, Restore.self, Import.self, Courses.self, Kits.self, Verify.self, Keys.self],
        defaultSubcommand: Serve.self)
}
