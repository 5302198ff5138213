public import Foundation
import Printing
public import UstazCore

/// The printed facts of one certificate, already worded in the holder's languages.
/// Every text is inserted into the template XML-escaped; empty optional lines draw nothing.
public struct CertificateContent: Sendable {
    public var kind: CredentialKind
    public var holderName: String
    /// "Certificate" in the primary language.
    public var title: String
    /// The same in the secondary language; may be empty.
    public var subtitle: String
    public var courseTitle: String
    public var courseTitleSecondary: String
    /// What the credential is, e.g. "Teacher — AI literacy".
    public var kindLabel: String
    public var serialLabel: String
    public var serial: String
    public var issuedLabel: String
    /// The issue date as it should be printed.
    public var issuedOn: String
    /// e.g. "Valid until 20 November 2029"; may be empty.
    public var expiresLine: String
    /// e.g. "Generation 2 of the cascade".
    public var generationLine: String
    /// e.g. "Certified by lead trainer UZ-26-AB12CD"; may be empty.
    public var trainerLine: String
    /// "Scan to verify" in the primary language.
    public var verifyLabel: String
    /// The full verification address the QR code carries (with the signed token).
    public var verifyURL: String
    /// A short form of the address printed under the QR code.
    public var verifyURLShort: String

    public init(kind: CredentialKind, holderName: String, title: String, subtitle: String = "",
                courseTitle: String, courseTitleSecondary: String = "", kindLabel: String,
                serialLabel: String, serial: String, issuedLabel: String, issuedOn: String,
                expiresLine: String = "", generationLine: String, trainerLine: String = "",
                verifyLabel: String, verifyURL: String, verifyURLShort: String) {
        self.kind = kind
        self.holderName = holderName
        self.title = title
        self.subtitle = subtitle
        self.courseTitle = courseTitle
        self.courseTitleSecondary = courseTitleSecondary
        self.kindLabel = kindLabel
        self.serialLabel = serialLabel
        self.serial = serial
        self.issuedLabel = issuedLabel
        self.issuedOn = issuedOn
        self.expiresLine = expiresLine
        self.generationLine = generationLine
        self.trainerLine = trainerLine
        self.verifyLabel = verifyLabel
        self.verifyURL = verifyURL
        self.verifyURLShort = verifyURLShort
    }
}

/// Fills the SVG template of a credential kind and renders it to PDF or PNG with librsvg and cairo, the QR
/// code drawn over the template's QR box. Templates are read once; every render uses its own librsvg handle and cairo
/// surface, so one renderer serves many threads at once.
public final class CertificateRenderer: Sendable {
    /// A4 landscape in PDF points.
    static let pageWidth = 841.9
    static let pageHeight = 595.3
    /// A4 landscape in millimetres, for the pixel size of PNGs.
    static let pageWidthMM = 297.0
    static let pageHeightMM = 210.0

    /// Where every template draws the QR code, in viewBox units (the box includes the quiet zone).
    static let qrBoxX = 662.0
    static let qrBoxY = 383.0
    static let qrBoxSize = 130.0

    /// Placeholders a template may use. The last three are sizes computed from text lengths.
    static let placeholders: Set<String> = [
        "holder_name", "title", "subtitle", "course_title", "course_title_secondary", "kind_label",
        "serial_label", "serial", "issued_label", "issued_on", "expires_line", "generation_line",
        "trainer_line", "verify_label", "verify_url_short",
        "holder_name_size", "course_title_size", "course_title_secondary_size",
    ]
    /// Placeholders each template must use, or a certificate would lack its essentials.
    static let requiredPlaceholders: Set<String> = ["holder_name", "serial", "verify_url_short"]

    private let templates: [CredentialKind: Template]

    /// Loads `<kind>.svg` for every credential kind (teacher.svg, lead-trainer.svg,
    /// master-trainer.svg) from `templatesFolder`.
    public init(templatesFolder: URL) throws {
        var templates: [CredentialKind: Template] = [:]
        for kind in CredentialKind.allCases {
            let file = templatesFolder.appendingPathComponent("\(kind.rawValue).svg")
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw CredentialsError("The certificate template \(kind.rawValue).svg is missing from \(templatesFolder.path).")
            }
            let text: String
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw CredentialsError("Could not read the certificate template \(file.path) as UTF-8: \(error)")
            }
            templates[kind] = try Template(text, file: file.lastPathComponent)
        }
        self.templates = templates
    }

    /// The filled SVG document, without the QR code: `pdf` and `png` draw that into the QR box themselves.
    public func svg(_ content: CertificateContent) throws -> String {
        guard let template = templates[content.kind] else {
            throw CredentialsError("No certificate template for \(content.kind.rawValue).")
        }
        let name = NameLayout(content.holderName, ems: { measuredBoldEms($0) ?? estimatedEms($0, bold: true) })
        let raw: [String: String] = [
            "holder_name": name.markup,
            "holder_name_size": QRCode.number(name.fontSize),
            "course_title_size": QRCode.number(fittedFontSize(content.courseTitle, preferred: 18, minimum: 8, width: 640, bold: false)),
            "course_title_secondary_size": QRCode.number(fittedFontSize(content.courseTitleSecondary, preferred: 13, minimum: 7, width: 640, bold: false)),
        ]
        let text: [String: String] = [
            "title": content.title, "subtitle": content.subtitle,
            "course_title": content.courseTitle, "course_title_secondary": content.courseTitleSecondary,
            "kind_label": content.kindLabel, "serial_label": content.serialLabel, "serial": content.serial,
            "issued_label": content.issuedLabel, "issued_on": content.issuedOn, "expires_line": content.expiresLine,
            "generation_line": content.generationLine, "trainer_line": content.trainerLine,
            "verify_label": content.verifyLabel, "verify_url_short": content.verifyURLShort,
        ]
        return template.fill { name in raw[name] ?? xmlEscaped(text[name] ?? "") }
    }

    /// A one-page A4 landscape PDF with the fonts embedded as subsets.
    public func pdf(_ content: CertificateContent) throws -> [UInt8] {
        let document = try svg(content)
        let qr = try qrGrid(content)
        return try printing {
            try SVGPage.pdf(document, width: CertificateRenderer.pageWidth, height: CertificateRenderer.pageHeight,
                            title: "Ustaz certificate \(content.serial)", what: "certificate", grid: qr)
        }
    }

    /// The verification address's QR code, placed in the QR box.
    private func qrGrid(_ content: CertificateContent) throws -> PixelGrid {
        try QRCode.encode(content.verifyURL).pixelGrid(x: CertificateRenderer.qrBoxX, y: CertificateRenderer.qrBoxY,
                                                       size: CertificateRenderer.qrBoxSize)
    }

    /// A PNG of the page at `dpi` (A4 landscape, 1754 × 1240 pixels at 150 dpi) on white.
    public func png(_ content: CertificateContent, dpi: Double = 150) throws -> [UInt8] {
        guard dpi.isFinite, (10...1200).contains(dpi) else {
            throw CredentialsError("A certificate PNG needs a resolution from 10 to 1200 dpi, not \(dpi).")
        }
        let document = try svg(content)
        let qr = try qrGrid(content)
        let width = Int((CertificateRenderer.pageWidthMM / 25.4 * dpi).rounded())
        let height = Int((CertificateRenderer.pageHeightMM / 25.4 * dpi).rounded())
        return try printing { try SVGPage.png(document, width: width, height: height, what: "certificate", grid: qr) }
    }

    /// Runs a Printing call, reporting its failure as this module's error.
    private func printing(_ render: () throws -> [UInt8]) throws -> [UInt8] {
        do {
            return try render()
        } catch let error as PrintingError {
            throw CredentialsError(error.description)
        }
    }
}

/// A template split once into literal text and placeholder names.
private struct Template: Sendable {
    enum Part: Sendable {
        case literal(String)
        case placeholder(String)
    }

    let parts: [Part]
    let literalLength: Int

    init(_ text: String, file: String) throws {
        var parts: [Part] = []
        var used: Set<String> = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw CredentialsError("\(file): a placeholder opened with {{ is never closed.")
            }
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            guard CertificateRenderer.placeholders.contains(name) else {
                throw CredentialsError("\(file): unknown placeholder {{\(name)}}.")
            }
            parts.append(.literal(String(rest[..<open.lowerBound])))
            parts.append(.placeholder(name))
            used.insert(name)
            rest = rest[close.upperBound...]
        }
        parts.append(.literal(String(rest)))
        let missing = CertificateRenderer.requiredPlaceholders.subtracting(used)
        guard missing.isEmpty else {
            throw CredentialsError("\(file): the template lacks \(missing.sorted().map { "{{\($0)}}" }.joined(separator: ", ")).")
        }
        self.parts = parts
        self.literalLength = parts.reduce(0) { total, part in
            if case .literal(let text) = part { return total + text.utf8.count }
            return total
        }
    }

    func fill(_ value: (String) -> String) -> String {
        var result = ""
        result.reserveCapacity(literalLength + 8192)
        for part in parts {
            switch part {
            case .literal(let text): result += text
            case .placeholder(let name): result += value(name)
            }
        }
        return result
    }
}

/// Escapes `& < > " '` for text and attribute values, and drops what XML 1.0 cannot hold
/// (most control characters, U+FFFE, U+FFFF) together with the bidirectional embedding,
/// override and isolate controls, so a name cannot reorder itself or the text around it.
/// Tabs and line breaks become spaces.
func xmlEscaped(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x26: result += "&amp;"
        case 0x3C: result += "&lt;"
        case 0x3E: result += "&gt;"
        case 0x22: result += "&quot;"
        case 0x27: result += "&apos;"
        case 0x09, 0x0A, 0x0D: result += " "
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: continue
        case 0x202A...0x202E, 0x2066...0x2069: continue
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// How the holder's name is set in its area (640 points wide, centred on x = 421 in every template): on one line
/// while that line can be 18 points or more, else on two lines of at most 20 points, split at the space nearest
/// the middle (inside a word when the name has no space). Widths come from `ems`: the renderer measures them with
/// librsvg, the same layout the page gets. The longest name `PersonName` accepts fits this way.
struct NameLayout: Equatable {
    static let width = 640.0
    static let centreX = 421
    static let preferred = 32.0
    static let singleLineMinimum = 18.0
    static let twoLineMaximum = 20.0
    static let minimum = 8.0

    let lines: [String]
    let fontSize: Double

    /// `ems`: the width of a text in ems of the name's font.
    init(_ name: String, ems: (String) -> Double) {
        func fitted(_ text: String, preferred: Double) -> Double {
            fittedSize(ems: ems(text), preferred: preferred, minimum: NameLayout.minimum, width: NameLayout.width)
        }
        let single = fitted(name, preferred: NameLayout.preferred)
        let characters = Array(name)
        guard single < NameLayout.singleLineMinimum, characters.count >= 2 else {
            lines = [name]
            fontSize = single
            return
        }
        // The split point: the space nearest the middle, else the middle character.
        let middle = characters.count / 2
        let spaces = characters.indices.filter { characters[$0] == " " && $0 > 0 && $0 < characters.count - 1 }
        let cut = spaces.min { abs($0 - middle) < abs($1 - middle) } ?? middle
        let first = String(characters[..<cut]).trimmingCharacters(in: .whitespaces)
        let second = String(characters[cut...]).trimmingCharacters(in: .whitespaces)
        lines = [first, second]
        fontSize = min(fitted(first, preferred: NameLayout.twoLineMaximum), fitted(second, preferred: NameLayout.twoLineMaximum))
    }

    /// The escaped text, or two `<tspan>` lines around the template's baseline.
    var markup: String {
        guard lines.count == 2 else { return xmlEscaped(lines[0]) }
        return "<tspan x=\"\(NameLayout.centreX)\" dy=\"-0.5em\">\(xmlEscaped(lines[0]))</tspan>"
            + "<tspan x=\"\(NameLayout.centreX)\" dy=\"1.15em\">\(xmlEscaped(lines[1]))</tspan>"
    }
}

/// The width of `text` in ems of Noto Sans Bold as librsvg lays it out (Pango: real glyph widths, other fonts for
/// letters Noto Sans lacks); nil if librsvg cannot say.
func measuredBoldEms(_ text: String) -> Double? {
    guard !text.isEmpty else { return 0 }
    let size = 100.0
    let document = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><text id=\"m\" x=\"0\" y=\"100\" "
        + "font-family=\"Noto Sans, sans-serif\" font-size=\"\(Int(size))\" font-weight=\"700\">\(xmlEscaped(text))</text></svg>"
    // The ink can reach past the advance (a slanted or wide last letter): Printing takes whichever is wider.
    return SVGPage.elementWidth(document, id: "m").map { $0 / size }
}

/// An estimate of the width of `text` in ems, from its letters. Measured on Noto Sans Bold: a Kazakh name averages
/// 0.63 em a character; regular text is about 8 % narrower.
func estimatedEms(_ text: String, bold: Bool) -> Double {
    text.unicodeScalars.reduce(0.0) { total, scalar in
        switch scalar.properties.generalCategory {
        case .spaceSeparator: return total + 0.26
        case .nonspacingMark, .enclosingMark, .format, .control: return total
        case .uppercaseLetter: return total + 0.74
        default: return total + 0.64
        }
    } * (bold ? 1 : 0.92)
}

/// The largest size up to `preferred` (and not below `minimum`) at which `ems` of text fit `width` points.
func fittedSize(ems: Double, preferred: Double, minimum: Double, width: Double) -> Double {
    guard ems > 0 else { return preferred }
    let size = (width / ems * 10).rounded(.down) / 10
    return max(minimum, min(preferred, size))
}

/// A font size at which `text` should fit `width` points, from the estimate of its width (course titles).
func fittedFontSize(_ text: String, preferred: Double, minimum: Double, width: Double, bold: Bool) -> Double {
    fittedSize(ems: estimatedEms(text, bold: bold), preferred: preferred, minimum: minimum, width: width)
}
