@testable import Credentials
import Foundation
import Testing
import UstazCore
import Printing

private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let templatesFolder = repositoryRoot.appendingPathComponent("Certificates")

private let kazakhName = "Әйгерім Құрманғазықызы Ұлықпанова"
private let russianCourseTitle = "Основы искусственного интеллекта для учителей"

/// A verification address of exactly `length` characters, as long as a real signed token makes it.
private func verifyURL(length: Int = 250) -> String {
    let base = "https://ustaz.example.kz/verify/"
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    let token = (0..<(length - base.count)).map { alphabet[($0 * 7 + 3) % alphabet.count] }
    return base + String(token)
}

private func sampleContent(name: String = kazakhName, kind: CredentialKind = .teacher, url: String = verifyURL()) -> CertificateContent {
    CertificateContent(
        kind: kind, holderName: name, title: "Сертификат", subtitle: "Сертификат",
        courseTitle: "Мұғалімдерге арналған жасанды интеллект негіздері", courseTitleSecondary: russianCourseTitle,
        kindLabel: "Мұғалім · жасанды интеллект сауаттылығы", serialLabel: "Тіркеу нөмірі", serial: "UZ-26-7KQ2M9",
        issuedLabel: "Берілген күні", issuedOn: "20.11.2026", expiresLine: "",
        generationLine: "Каскадтың 2-буыны", trainerLine: "Жетекші тренер: UZ-26-AB12CD",
        verifyLabel: "Тексеру үшін сканерлеңіз", verifyURL: url, verifyURLShort: "ustaz.example.kz/v/UZ-26-7KQ2M9")
}

private func makeRenderer() throws -> CertificateRenderer {
    try CertificateRenderer(templatesFolder: templatesFolder)
}

/// A fresh folder for one test's files.
private func scratchFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rendering-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

private func write(_ bytes: [UInt8], to folder: URL, _ name: String) throws -> URL {
    let file = folder.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    return file
}

private struct ToolResult {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs a command-line tool found on PATH; a missing tool fails (env exits 127), it is never skipped.
private func run(_ tool: String, _ arguments: [String]) throws -> ToolResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolResult(status: process.terminationStatus,
                      output: String(decoding: outputData, as: UTF8.self),
                      errors: String(decoding: errorData, as: UTF8.self))
}

/// What zbarimg reads from an image: exactly one symbol's data, without the trailing newline.
private func decodeQR(_ image: URL) throws -> String {
    let result = try run("zbarimg", ["--raw", "-q", image.path])
    #expect(result.status == 0, "zbarimg failed (\(result.status)): \(result.errors)")
    var text = result.output
    if text.hasSuffix("\n") { text.removeLast() }
    return text
}

/// Rasterises page 1 of a PDF with poppler at `dpi`.
private func rasterise(_ pdf: URL, dpi: Int = 150) throws -> URL {
    let prefix = pdf.deletingPathExtension().path + "-page"
    let result = try run("pdftoppm", ["-r", "\(dpi)", "-png", "-singlefile", pdf.path, prefix])
    #expect(result.status == 0, "pdftoppm failed (\(result.status)): \(result.errors)")
    return URL(fileURLWithPath: prefix + ".png")
}

private func pdfText(_ pdf: URL) throws -> String {
    let result = try run("pdftotext", ["-enc", "UTF-8", pdf.path, "-"])
    #expect(result.status == 0, "pdftotext failed (\(result.status)): \(result.errors)")
    return result.output
}

/// A page rasterised by poppler as 8-bit grey (PGM), for checking where ink falls.
private struct GrayImage {
    var width: Int
    var height: Int
    var pixels: [UInt8]
    func pixel(_ x: Int, _ y: Int) -> UInt8 { pixels[y * width + x] }
}

private func grayscale(_ pdf: URL, dpi: Int = 72) throws -> GrayImage {
    let prefix = pdf.deletingPathExtension().path + "-gray"
    let result = try run("pdftoppm", ["-r", "\(dpi)", "-gray", "-singlefile", pdf.path, prefix])
    #expect(result.status == 0, "pdftoppm failed (\(result.status)): \(result.errors)")
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: prefix + ".pgm")))
    // "P5\n<width> <height>\n<max>\n" then one byte a pixel.
    var fields: [Int] = []
    var index = 2
    while fields.count < 3 {
        while bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
        var number = 0
        while (0x30...0x39).contains(bytes[index]) { number = number * 10 + Int(bytes[index] - 0x30); index += 1 }
        fields.append(number)
    }
    index += 1
    return GrayImage(width: fields[0], height: fields[1], pixels: Array(bytes[index...]))
}

private let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

@Suite("QR codes")
struct QRCodeTests {
    @Test func aURLOf119CharactersIsVersion7() throws {
        let code = try QRCode.encode(verifyURL(length: 119))
        #expect(code.size == 45)
        #expect(code.sizeWithQuietZone == 53)
        // The three finder patterns: dark corners, and a light separator next to each.
        for (x, y) in [(0, 0), (44, 0), (0, 44)] { #expect(code.isDark(x: x, y: y)) }
        #expect(!code.isDark(x: 7, y: 0))
        #expect(!code.isDark(x: -1, y: 0) && !code.isDark(x: 45, y: 45))
    }

    @Test func theGridHoldsTheSymbolInsideItsQuietZone() throws {
        let code = try QRCode.encode("https://ustaz.example.kz/v/UZ-26-7KQ2M9")
        let grid = code.pixelGrid(x: 662, y: 383, size: 130)
        #expect(grid.columns == code.sizeWithQuietZone && grid.rows == code.sizeWithQuietZone)
        #expect((grid.x, grid.y, grid.width, grid.height) == (662, 383, 130, 130))
        let side = grid.columns
        for index in 0..<side {
            for edge in [0, QRCode.quietZone - 1, side - QRCode.quietZone, side - 1] {
                #expect(!grid.isBlack[edge * side + index] && !grid.isBlack[index * side + edge], "the quiet zone is white")
            }
        }
        for y in 0..<code.size {
            for x in 0..<code.size {
                #expect(grid.isBlack[(y + QRCode.quietZone) * side + x + QRCode.quietZone] == code.isDark(x: x, y: y))
            }
        }
    }

    /// The certificate's QR code is drawn as vector rectangles over the template's empty box, so it scans from the
    /// PDF at every resolution a phone might see it at, down to a 72 dpi screen. (Drawn as one small image without
    /// interpolation it was cheaper, but poppler smoothed it anyway and a 250-character address stopped scanning
    /// below 200 dpi.)
    @Test(arguments: [72, 100, 150, 300])
    func theCertificatesQRCodeScansAtEveryResolution(dpi: Int) throws {
        let renderer = try makeRenderer()
        let content = sampleContent(url: "https://ustaz.test/v/AQgyMDI2YVp3Rg5VWi0yNi1LNzBWSkc5NAd0ZWFjaGVyEHByaW1hcnktdGVhY2hlcnMh0JDQ"
                                         + "udCz0LXRgNGW0Lwg0KHSsdC70YLQsNC90L7QstCwDlVaLTI2LU4zV0RaRkhRAgnXAACM60CQ1mrIDOaab6H9FoE05VNaUKP"
                                         + "WWm8RITpf3JTDAA0giLbQrdKIMMnP0IFSDSbG1rmMGO6mbGeHFaqX9CQF")
        let pdf = try renderer.pdf(content)
        #expect(!String(decoding: pdf, as: UTF8.self).contains("/Subtype /Image"), "the code is vector, not a picture")
        let file = try write(pdf, to: try scratchFolder(), "scan-\(dpi).pdf")
        #expect(try decodeQR(try rasterise(file, dpi: dpi)) == content.verifyURL)
    }

    @Test func pathMergesRunsAndKeepsTheQuietZone() throws {
        let code = try QRCode.encode("https://ustaz.example.kz/v/UZ-26-7KQ2M9")
        let path = code.svgPath(moduleSize: 2, originX: 100, originY: 50)
        var runs = 0
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) && !code.isDark(x: x - 1, y: y) { runs += 1 }
        }
        #expect(path.filter { $0 == "M" }.count == runs)
        // The first row starts with the 7-module finder pattern, drawn as one run 4 modules in.
        let firstRun = String(path.prefix { $0 != "Z" })
        #expect(firstRun == "M108 58H122V60H108")
        // Every coordinate lies inside the symbol, 4 modules in from each side of the drawing.
        var xs: [Double] = [], ys: [Double] = []
        var command: Character = "M", expectX = true
        var token = ""
        func flush() {
            guard !token.isEmpty, let value = Double(token) else { return }
            switch command {
            case "M": if expectX { xs.append(value) } else { ys.append(value) }; expectX.toggle()
            case "H": xs.append(value)
            default: ys.append(value)
            }
            token = ""
        }
        for character in path {
            if "MHVZ ".contains(character) {
                flush()
                if character != " " { command = character; expectX = true }
            } else {
                token.append(character)
            }
        }
        flush()
        #expect(xs.count == 3 * runs && ys.count == 2 * runs)
        let symbol = Double(code.size) * 2
        #expect(xs.min() == 108 && xs.max() == 108 + symbol)
        #expect(ys.min() == 58 && ys.max() == 58 + symbol)
    }

    @Test func numbersAreCompactAndLocaleFree() {
        #expect(QRCode.number(662) == "662")
        #expect(QRCode.number(662.5) == "662.5")
        #expect(QRCode.number(2.452830188) == "2.453")
        #expect(QRCode.number(0.05) == "0.05")
        #expect(QRCode.number(-1.25) == "-1.25")
        #expect(QRCode.number(0.0001) == "0")
    }

    @Test func refusesWhatCannotBeEncoded() {
        #expect(throws: CredentialsError.self) { try QRCode.encode("") }
        #expect(throws: CredentialsError.self) { try QRCode.encode("a\u{0}b") }
        #expect(throws: CredentialsError.self) { try QRCode.encode(String(repeating: "x", count: 5000)) }
    }
}

@Suite("Certificate rendering")
struct RenderingTests {
    @Test func pngQRDecodesToTheURL() throws {
        let url = verifyURL()
        #expect(url.count == 250)
        let png = try makeRenderer().png(sampleContent(url: url))
        let file = try write(png, to: try scratchFolder(), "certificate.png")
        #expect(try decodeQR(file) == url)
    }

    @Test(arguments: CredentialKind.allCases)
    func pdfRasterisedQRDecodesToTheURL(kind: CredentialKind) throws {
        let url = verifyURL()
        let pdf = try makeRenderer().pdf(sampleContent(kind: kind, url: url))
        let file = try write(pdf, to: try scratchFolder(), "certificate.pdf")
        #expect(try decodeQR(try rasterise(file)) == url)
    }

    @Test func pdfTextHoldsTheKazakhNameAndRussian() throws {
        let pdf = try makeRenderer().pdf(sampleContent())
        let text = try pdfText(try write(pdf, to: try scratchFolder(), "certificate.pdf"))
        #expect(text.contains(kazakhName), "pdftotext gave: \(text)")
        #expect(text.contains(russianCourseTitle), "pdftotext gave: \(text)")
        #expect(text.contains("UZ-26-7KQ2M9"))
        #expect(text.contains("Тексеру үшін сканерлеңіз"))
        #expect(text.contains("ustaz.example.kz/v/UZ-26-7KQ2M9"))
    }

    @Test func pdfEmbedsItsFonts() throws {
        let pdf = try makeRenderer().pdf(sampleContent())
        let result = try run("pdffonts", [try write(pdf, to: try scratchFolder(), "certificate.pdf").path])
        #expect(result.status == 0, "pdffonts failed: \(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("name") }, "pdffonts gave: \(result.output)")
        let embColumn = try #require(header.range(of: " emb ")).lowerBound
        let offset = header.distance(from: header.startIndex, to: embColumn) + 1
        let fonts = lines.drop { !$0.hasPrefix("---") }.dropFirst()
        #expect(fonts.count >= 2, "regular and bold at least: \(result.output)")
        for font in fonts {
            #expect(font.contains("NotoSans"), "\(font)")
            let emb = font.dropFirst(offset).prefix(3)
            #expect(emb == "yes", "not embedded: \(font)")
        }
    }

    @Test func hostileTextIsEscapedAndStillRenders() throws {
        let hostile = "<script>alert(\"x\")</script> & 'Ann' \u{202E}evil\u{202C} \u{1}\u{8}end"
        let renderer = try makeRenderer()
        let content = sampleContent(name: hostile)
        let svg = try renderer.svg(content)
        #expect(!svg.contains("<script>"))
        #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Ann&apos; evil end"))
        #expect(!svg.unicodeScalars.contains { [0x1, 0x8, 0x202E, 0x202C].contains($0.value) })

        let folder = try scratchFolder()
        let pdf = try renderer.pdf(content)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let file = try write(pdf, to: folder, "hostile.pdf")
        let text = try pdfText(file)
        #expect(text.contains("<script>alert(\"x\")</script> & 'Ann' evil end"), "pdftotext gave: \(text)")
        #expect(text.contains(russianCourseTitle), "the rest of the page is intact")
        #expect(try decodeQR(try rasterise(file)) == content.verifyURL)
        #expect(try renderer.png(content).starts(with: pngSignature))
    }

    @Test func aLongNameWithSpacesWrapsToTwoLinesAndKeepsTheQRCodeReadable() throws {
        let words = ["Құрманғазы", "Ұлықпанова", "Әйгерім", "<&>", "\"O'Neil\""]
        var name = ""
        var index = 0
        while name.count < 120 { name += (name.isEmpty ? "" : " ") + words[index % words.count]; index += 1 }
        name = String(name.prefix(120)).trimmingCharacters(in: .whitespaces)
        let renderer = try makeRenderer()
        let content = sampleContent(name: name)
        let layout = NameLayout(name, ems: { measuredBoldEms($0) ?? 0 })
        #expect(layout.lines.count == 2)
        #expect(layout.lines.joined(separator: " ") == name, "split at a space, nothing lost")
        let svg = try renderer.svg(content)
        #expect(svg.contains(xmlEscaped(layout.lines[0])) && svg.contains(xmlEscaped(layout.lines[1])))
        let pdf = try renderer.pdf(content)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let file = try write(pdf, to: try scratchFolder(), "long.pdf")
        #expect(try decodeQR(try rasterise(file)) == content.verifyURL)
        #expect(try pdfText(file).contains(russianCourseTitle))
    }

    /// The widest names `PersonName` accepts (120 characters of the widest letters, with and without spaces) stay
    /// inside the name area: 640 points centred on the page, between the kind line and the gold rule beneath.
    /// The page is rasterised at 72 dpi (one pixel a point) and the margins of that band must stay white.
    @Test(arguments: ["Ш", "Щ", "Ж", "W", "M", "Ш Ш"])
    func theWidestAcceptedNamesStayInsideTheNameArea(letter: String) throws {
        let name = String(String(repeating: letter, count: 120).prefix(120))
        #expect(name.count == 120 && name.utf8.count <= 240)
        let layout = NameLayout(name, ems: { measuredBoldEms($0) ?? 0 })
        #expect(layout.lines.count == 2)
        let file = try write(try makeRenderer().pdf(sampleContent(name: name)), to: try scratchFolder(), "widest.pdf")
        let gray = try grayscale(file)
        var inked: [(x: Int, y: Int)] = []
        for y in 222...288 {
            for x in Array(36...99) + Array(743...806) where gray.pixel(x, y) < 200 { inked.append((x, y)) }
        }
        #expect(inked.isEmpty, "\(letter): \(inked.count) dark pixels outside the name area, the first at \(inked.first.map { "\($0)" } ?? "")")
        // And the name is really there, in the area, on two lines.
        let rows = (222...288).filter { y in (101...741).contains { gray.pixel($0, y) < 128 } }
        #expect(rows.count >= 12, "\(letter): the name is drawn (\(rows.count) rows)")
        // 60 letters Щ a line is the worst: 9.5 pt, still legible bold type.
        #expect(layout.fontSize >= 9, "\(letter): \(layout.fontSize) pt")
        print("widest name of \(letter): two lines at \(layout.fontSize) pt")
    }

    @Test func outputsCarryTheirSignatures() throws {
        let renderer = try makeRenderer()
        let pdf = try renderer.pdf(sampleContent())
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        #expect(String(decoding: pdf.suffix(8), as: UTF8.self).contains("%%EOF"))
        let png = try renderer.png(sampleContent())
        #expect(png.starts(with: pngSignature))
        // IHDR: 1754 × 1240 pixels at 150 dpi, A4 landscape.
        #expect(Array(png[16..<24]) == [0, 0, 0x06, 0xDA, 0, 0, 0x04, 0xD8])
        let small = try renderer.png(sampleContent(), dpi: 72)
        #expect(small.starts(with: pngSignature) && small.count < png.count)
        #expect(throws: CredentialsError.self) { try renderer.png(sampleContent(), dpi: 0) }
    }

    @Test func eightConcurrentPDFRendersSucceed() async throws {
        let renderer = try makeRenderer()
        let folder = try scratchFolder()
        let results = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<8 {
                group.addTask {
                    let kind = CredentialKind.allCases[index % CredentialKind.allCases.count]
                    return (index, try renderer.pdf(sampleContent(name: "\(kazakhName) \(index)", kind: kind)))
                }
            }
            var results: [Int: [UInt8]] = [:]
            for try await (index, pdf) in group { results[index] = pdf }
            return results
        }
        #expect(results.count == 8)
        for (index, pdf) in results.sorted(by: { $0.key < $1.key }) {
            #expect(pdf.starts(with: Array("%PDF".utf8)))
            let text = try pdfText(try write(pdf, to: folder, "concurrent-\(index).pdf"))
            #expect(text.contains("\(kazakhName) \(index)"))
        }
    }

    @Test func everyKindHasItsOwnTemplate() throws {
        let renderer = try makeRenderer()
        var documents: Set<String> = []
        for kind in CredentialKind.allCases {
            let svg = try renderer.svg(sampleContent(kind: kind))
            #expect(svg.contains("width=\"297mm\" height=\"210mm\" viewBox=\"0 0 842 595\""))
            #expect(!svg.contains("{{"), "every placeholder is filled")
            #expect(svg.contains("font-family=\"Noto Sans, sans-serif\""))
            #expect(!svg.contains("href"), "no external fonts or images")
            documents.insert(svg)
        }
        #expect(documents.count == CredentialKind.allCases.count)
    }

    @Test func missingOrBrokenTemplatesAreClearErrors() throws {
        let folder = try scratchFolder()
        let teacher = try String(contentsOf: templatesFolder.appendingPathComponent("teacher.svg"), encoding: .utf8)
        try teacher.write(to: folder.appendingPathComponent("teacher.svg"), atomically: true, encoding: .utf8)
        try teacher.write(to: folder.appendingPathComponent("master-trainer.svg"), atomically: true, encoding: .utf8)
        do {
            _ = try CertificateRenderer(templatesFolder: folder)
            Issue.record("a missing template must fail")
        } catch let error as CredentialsError {
            #expect(error.description.contains("lead-trainer.svg"))
        }
        try teacher.replacingOccurrences(of: "{{serial}}", with: "{{serial_number}}")
            .write(to: folder.appendingPathComponent("lead-trainer.svg"), atomically: true, encoding: .utf8)
        do {
            _ = try CertificateRenderer(templatesFolder: folder)
            Issue.record("an unknown placeholder must fail")
        } catch let error as CredentialsError {
            #expect(error.description.contains("lead-trainer.svg") && error.description.contains("serial_number"))
        }
    }

    @Test func escapingCoversMarkupAndDropsControls() {
        #expect(xmlEscaped("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&apos;f")
        #expect(xmlEscaped("x\ty\nz\u{0}\u{7F}\u{85}\u{FFFF}\u{2066}\u{202D}!") == "x y z!")
        #expect(xmlEscaped(kazakhName) == kazakhName)
    }

    @Test func longNamesGetASmallerFont() {
        #expect(fittedFontSize(kazakhName, preferred: 32, minimum: 8, width: 640, bold: true) > 30)
        let longer = "Әйгерім-Гүлназ Құрманғазықызы Ұлықпанова-Сейітжанова"
        let size = fittedFontSize(longer, preferred: 32, minimum: 8, width: 640, bold: true)
        #expect(size < 25 && size > 15)
        #expect(fittedFontSize(String(repeating: "Ә", count: 300), preferred: 32, minimum: 8, width: 640, bold: true) == 8)
        #expect(fittedFontSize("", preferred: 13, minimum: 7, width: 640, bold: false) == 13)
    }

    @Test func renderTimesStayModest() throws {
        let renderer = try makeRenderer()
        let content = sampleContent()
        _ = try renderer.pdf(content)  // font setup happens once per process
        let clock = ContinuousClock()
        let svgTime = try clock.measure { for _ in 0..<20 { _ = try renderer.svg(content) } } / 20
        let pdfTime = try clock.measure { for _ in 0..<10 { _ = try renderer.pdf(content) } } / 10
        let pngTime = try clock.measure { for _ in 0..<3 { _ = try renderer.png(content) } } / 3
        print("render timings: svg \(svgTime), pdf \(pdfTime), png 150 dpi \(pngTime)")
        #expect(pdfTime < .seconds(1))
        #expect(pngTime < .seconds(3))
    }
}

