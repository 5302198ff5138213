import ArgumentParser
import Foundation
import CourseFolders
import UstazCore
import UstazWeb

struct Kits: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print lessons' classroom kits to PDF.", subcommands: [Render.self])

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render one lesson's kit (COURSE LESSON --language kk --out kit.pdf), or every kit in every language (--all).")

        @Argument(help: "The course id.")
        var course: String?
        @Argument(help: "The lesson id.")
        var lesson: String?
        @Option(help: "kk, ru or en.")
        var language: String = "kk"
        @Option(help: "The PDF to write; with --all, a folder for every kit (optional).")
        var out: String?
        @Flag(help: "Render every kit of every course in kk, ru and en, and print their sizes and render times.")
        var all = false
        @Option(help: "The catalogue folder.")
        var courses: String = "Courses"

        func validate() throws {
            if all { return }
            guard course != nil, lesson != nil else { throw ValidationError("Name a course and a lesson, or use --all.") }
            guard Language(rawValue: language) != nil else { throw ValidationError("--language is kk, ru or en, not \(language).") }
            guard out != nil else { throw ValidationError("--out names the PDF to write.") }
        }

        func run() throws {
            let (loaded, diagnostics) = Catalogue.load(from: URL(fileURLWithPath: courses))
            guard let catalogue = loaded else {
                for diagnostic in diagnostics { print(diagnostic) }
                print("The catalogue has \(diagnostics.count) problem(s); run `ustaz courses check --draft`.")
                throw ExitCode(1)
            }
            if all { return try renderAll(catalogue) }
            guard let found = catalogue.course(course!), let chosen = found.lesson(lesson!) else {
                throw ValidationError("No lesson \(lesson!) in course \(course!).")
            }
            guard let result = try KitPrinting.render(found, chosen, Language(rawValue: language)!) else {
                throw ValidationError("Lesson \(chosen.id) of \(found.id) has no kit (its course.yaml entry lists no kit: parts).")
            }
            try Data(result.pdf.bytes).write(to: URL(fileURLWithPath: out!))
            print("\(out!): \(result.pdf.bytes.count / 1024) KB, \(result.pdf.pages) pages, rendered in \(result.milliseconds) ms")
        }

        private func renderAll(_ catalogue: Catalogue) throws {
            var sizes: [Int] = [], times: [Int] = [], missing: [String] = []
            if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
            for found in catalogue.courses {
                for chosen in found.lessons {
                    for language in Language.allCases {
                        guard let result = try KitPrinting.render(found, chosen, language) else {
                            if language == .kk { missing.append("\(found.id)/\(chosen.id)") }
                            continue
                        }
                        sizes.append(result.pdf.bytes.count)
                        times.append(result.milliseconds)
                        print("\(found.id)/\(chosen.id) \(language.rawValue): \(result.pdf.bytes.count / 1024) KB, \(result.pdf.pages) pages, \(result.milliseconds) ms")
                        if let out {
                            try Data(result.pdf.bytes).write(to: URL(fileURLWithPath: out).appendingPathComponent("\(found.id)-\(chosen.id)-\(language.rawValue).pdf"))
                        }
                    }
                }
            }
            if !missing.isEmpty { print("no kit: \(missing.joined(separator: ", "))") }
            guard !sizes.isEmpty else { return print("No lesson has a kit yet.") }
            let sorted = sizes.sorted()
            print("\(sizes.count) kits: median \(sorted[sorted.count / 2] / 1024) KB, largest \(sorted.last! / 1024) KB; "
                  + "render time mean \(times.reduce(0, +) / times.count) ms, slowest \(times.max()!) ms")
            if sorted.last! > 1 << 20 {
                print("A kit is over 1 MB.")
                throw ExitCode(1)
            }
        }
    }
}
