import Foundation
import Testing
@testable import Printing
@testable import UstazCore

private let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/kit-overlay/lesson")
private let parts: [KitDocument.Part] = [.worksheet, .answerKey, .exitTicket, .cards, .parentLetter]

private let labels: [Language: KitLabels] = [
    .kk: KitLabels(name: "Аты-жөні", date: "Күні", cutAlong: "Үзік сызықтар бойымен қиыңыз.", sources: "Дереккөздер", forTheTeacher: "Мұғалімге арналған"),
    .ru: KitLabels(name: "Имя", date: "Дата", cutAlong: "Разрежьте по пунктирным линиям.", sources: "Источники", forTheTeacher: "Для учителя"),
    .en: KitLabels(name: "Name", date: "Date", cutAlong: "Cut along the dashed lines.", sources: "Sources", forTheTeacher: "For the teacher"),
]

/// The fixture kit of Tests/Fixtures/kit-overlay in one language, with its figure.
private func fixturePrint(_ language: Language, large: Bool = true) throws -> KitPrint {
    let text = try String(contentsOf: fixture.appendingPathComponent("kit/\(language.rawValue).md"), encoding: .utf8)
    let (kit, problems) = KitDocument.parse(text, parts: parts)
    #expect(problems == [])
    let svg = try [UInt8](Data(contentsOf: fixture.appendingPathComponent("figures/fixture-learning.\(language.rawValue).svg")))
    let figure = try #require(FigureReader.read(svg).0)
    return KitPrint(kit: try #require(kit), language: language, figures: ["fixture-learning": figure], sources: [],
                    labels: labels[language]!, largeText: large, subtitle: "Ustaz · 1")
}

private struct Tool {
    var status: Int32
    var output: String
}

/// Runs a poppler tool on PATH; a missing tool fails the test (env exits 127).
private func run(_ tool: String, _ arguments: [String]) throws -> Tool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Tool(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

private func saved(_ pdf: [UInt8], _ name: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kits-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try Data(pdf).write(to: file)
    return file
}

/// The text of each page, as pdftotext reads it.
private func pages(_ file: URL) throws -> [String] {
    let info = try run("pdfinfo", [file.path])
    let count = Int(info.output.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
    return try (1...max(count, 1)).map { try run("pdftotext", ["-f", "\($0)", "-l", "\($0)", "-layout", file.path, "-"]).output }
}

@Suite("Printed classroom kits")
struct KitRenderingTests {
    @Test(arguments: Language.allCases)
    func rendersAKitWhoseTextReadsBackInItsLanguage(_ language: Language) throws {
        let print = try fixturePrint(language)
        let began = ContinuousClock.now
        let pdf = try KitRenderer.render(print).bytes
        let elapsed = ContinuousClock.now - began
        Swift.print("kit \(language.rawValue): \(pdf.count / 1024) KB, rendered in \(elapsed)")
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(pdf.count < 300 * 1024, "a kit is typically under 300 KB")
        let file = try saved(pdf, "kit-\(language.rawValue).pdf")
        let text = try run("pdftotext", [file.path, "-"]).output
        switch language {
        case .kk:
            #expect(text.unicodeScalars.contains { ScriptCheck.kazakhLetters.contains($0) }, "Kazakh kits contain Kazakh letters")
            #expect(text.contains("қырыққабат") && text.contains("Ата-аналарға хат"))
        case .ru:
            #expect(ScriptCheck.problem(text, language: .ru) == nil, "Russian kits hold Kazakh letters only in quotes")
            #expect(text.contains("«белгі»"), "the quoted Kazakh example survives")
            #expect(text.contains("картофель"))
        case .en:
            #expect(ScriptCheck.problem(text, language: .en) == nil)
            #expect(text.contains("cucumber"))
        }
        // The figure is drawn as vectors with its own text, not as a picture.
        #expect(text.contains(language == .en ? "finds patterns" : language == .kk ? "заңдылық табады" : "закономерности"))
        let fonts = try run("pdffonts", [file.path]).output.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0.contains(" yes yes ") }, "every font embedded as a subset:\n\(fonts.joined(separator: "\n"))")
        let images = try run("pdfimages", ["-list", file.path]).output.split(separator: "\n").dropFirst(2)
        #expect(images.isEmpty, "no raster image in a kit")
    }

    @Test func partsLandOnTheirOwnPages() throws {
        let print = try fixturePrint(.en)
        let file = try saved(try KitRenderer.render(print).bytes, "kit.pdf")
        let texts = try pages(file)
        // Worksheet (1 page or more), answer key, exit tickets, two pages of 8 + 4 cards, the letter.
        let answerPage = try #require(texts.firstIndex { $0.contains("Answer key") })
        #expect(!texts[answerPage].contains("Worksheet") && !texts[answerPage].contains("Exit ticket"))
        #expect(texts[answerPage].contains("For the teacher"))
        #expect(texts[0].contains("Classroom kit: Teach the machine") && texts[0].contains("Name:") && texts[0].contains("Date:"))
        let ticketPage = texts[answerPage + 1]
        #expect(ticketPage.components(separatedBy: "Exit ticket").count - 1 == 4, "four exit tickets on a page")
        #expect(ticketPage.components(separatedBy: "What is a label?").count - 1 == 4)
        let cardPages = texts.indices.filter { texts[$0].contains("Cards: Sort the pictures") }
        #expect(cardPages.count == 2)
        #expect(texts[cardPages[0]].contains("apple") && texts[cardPages[0]].contains("cucumber") == false)
        #expect(texts[cardPages[1]].contains("melon") && texts[cardPages[1]].contains("pumpkin"))
        #expect(texts.last?.contains("Class teacher") == true && texts.last?.contains("Dear parents") == true)
        #expect(texts.count == answerPage + 5)
    }

    @Test func longTablesAndTextFlowOverPagesAndSourcesAreNumbered() throws {
        var print = try fixturePrint(.en, large: false)
        let rows = (1...70).map { ["row \($0)", "a cell long enough to wrap onto a second line in its narrow column \($0)", "*\($0)*"] }
        let paragraph = String(repeating: "Machines learn from **labelled** examples [src:unesco]. ", count: 120)
        print.kit.sections[0].blocks += [.table(Table(header: ["Row", "Text", "Number"], rows: rows)), .paragraph(paragraph)]
        print.sources = [Source(id: "unesco", publisher: "UNESCO", title: "AI competency framework for teachers", date: "2024")]
        let file = try saved(try KitRenderer.render(print).bytes, "long.pdf")
        let texts = try pages(file)
        let all = texts.joined()
        #expect(all.contains("row 1") && all.contains("row 70"), "every row printed")
        let headerRepeats = texts.filter { $0.contains("Row") && $0.contains("Number") }.count
        #expect(headerRepeats >= 2, "the header row repeats on the next page")
        #expect(all.contains("examples [1]") && all.contains("UNESCO. «AI competency framework for teachers», 2024."))
        #expect(!all.contains("[src:"))
    }
}
