/// A figure as served and printed: an SVG document rewritten from what the figure reader accepted, so
/// the bytes that leave Ustaz hold only allowed elements and attributes, whatever the file held besides.
public struct Figure: Sendable, Codable, Equatable {
    /// The rewritten SVG document.
    public var svg: String
    /// The viewBox's width and height, used as the image's size in pages and to scale it in print.
    public var width: Double
    public var height: Double
    /// Every text the figure shows (text, tspan, title, desc), for the language check.
    public var text: String
}

/// Reads a figure file (Courses/FORMAT.md, "Figures"): a strict XML subset, by hand, so that no
/// document type, entity or external reference can ever be resolved, then the KITS-SPEC allow-list.
/// Every problem comes with the line of the file it is on.
public enum FigureReader {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "\(line): \(message)" }
    }

    public static let maximumBytes = 12 * 1024
    public static let maximumWidth = 800.0
    public static let maximumRasterBytes = 16 * 1024
    /// The smallest font-size allowed, in units of a 640-wide viewBox: readable on a phone.
    public static let minimumFontSize = 14.0
    static let maximumDepth = 32
    static let maximumElements = 4000
    static let svgNamespace = "http://www.w3.org/2000/svg"
    static let xlinkNamespace = "http://www.w3.org/1999/xlink"

    static let elements: Set<String> = [
        "svg", "g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text", "tspan", "title",
        "desc", "defs", "marker", "use", "linearGradient", "stop", "image",
    ]
    /// Elements whose character data is shown (or read out) and kept.
    static let textElements: Set<String> = ["text", "tspan", "title", "desc"]
    static let attributes: Set<String> = [
        "fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "opacity",
        "fill-opacity", "stroke-opacity", "fill-rule", "font-size", "font-family", "font-weight", "font-style",
        "text-anchor", "dominant-baseline", "transform", "x", "y", "dx", "dy", "x1", "y1", "x2", "y2", "points", "d",
        "r", "rx", "ry", "cx", "cy", "width", "height", "id", "marker-start", "marker-mid", "marker-end", "offset",
        "stop-color", "stop-opacity", "viewBox", "markerWidth", "markerHeight", "refX", "refY", "orient",
        "markerUnits", "gradientUnits", "gradientTransform",
    ]

    /// Reads `bytes` as a figure; the figure comes back only when there is no problem at all.
    public static func read(_ bytes: [UInt8]) -> (Figure?, [Problem]) {
        if bytes.count > maximumBytes {
            return (nil, [Problem(line: 1, message: "the figure is \(bytes.count / 1024) KB; a figure may be at most 12 KB (aim for 3–6 KB)")])
        }
        var parser = XMLSubsetParser(bytes)
        let root: XMLSubsetParser.Element
        do {
            root = try parser.document()
        } catch {
            return (nil, [error])
        }
        var check = Check()
        check.root(root)
        guard check.problems.isEmpty else { return (nil, check.problems) }
        var svg = ""
        check.write(root, into: &svg, isRoot: true)
        return (Figure(svg: svg, width: check.width, height: check.height, text: check.text.joined(separator: " ")), [])
    }

    /// The allow-list and the fitness rules, then the rewritten document.
    struct Check {
        var problems: [Problem] = []
        var width = 0.0
        var height = 0.0
        var text: [String] = []
        var ids: Set<String> = []
        var references: [(line: Int, id: String)] = []
        var usesXLink = false

        mutating func report(_ line: Int, _ message: String) { problems.append(Problem(line: line, message: message)) }

        mutating func root(_ root: XMLSubsetParser.Element) {
            guard root.name == "svg" else {
                report(root.line, "a figure's root element must be <svg>, not <\(root.name)>")
                return
            }
            if root.attribute("xmlns") != FigureReader.svgNamespace {
                report(root.line, "the <svg> element needs xmlns=\"\(FigureReader.svgNamespace)\"")
            }
            let box = (root.attribute("viewBox") ?? "").split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
            if box.count == 4, box[0] == 0, box[1] == 0, box[2] > 0, box[3] > 0, box[2] <= FigureReader.maximumWidth, box[3] <= 4 * FigureReader.maximumWidth {
                width = box[2]
                height = box[3]
            } else {
                report(root.line, "the <svg> element needs viewBox=\"0 0 W H\" with a width W of at most 800")
            }
            element(root, depth: 0)
            for reference in references where !ids.contains(reference.id) {
                report(reference.line, "#\(reference.id) is referred to but no element has id=\"\(reference.id)\"")
            }
        }

        mutating func element(_ element: XMLSubsetParser.Element, depth: Int) {
            let name = element.name
            // A refused element is reported once; what it holds is not judged further.
            switch name {
            case "script": return report(element.line, "scripts are not allowed in figures")
            case "foreignObject": return report(element.line, "<foreignObject> is not allowed in figures")
            case "style": return report(element.line, "<style> is not allowed; use presentation attributes such as fill and stroke")
            case "a": return report(element.line, "links are not allowed in figures")
            case _ where !FigureReader.elements.contains(name):
                return report(element.line, "<\(name)> is not allowed in figures (allowed: \(FigureReader.elements.sorted().filter { $0 != "image" }.joined(separator: ", ")))")
            default: break
            }
            if name == "svg", depth > 0 { report(element.line, "a figure may not nest another <svg>") }
            for attribute in element.attributes { self.attribute(attribute, of: element) }
            if name == "image" { image(element) }
            for child in element.children {
                switch child {
                case .element(let inner): self.element(inner, depth: depth + 1)
                case .text(let content, let line):
                    if FigureReader.textElements.contains(name) {
                        text.append(content)
                    } else if content.contains(where: { !$0.isWhitespace }) {
                        report(line, "text belongs inside <text>, <tspan>, <title> or <desc>, not directly in <\(name)>")
                    }
                }
            }
        }

        mutating func attribute(_ attribute: XMLSubsetParser.Attribute, of element: XMLSubsetParser.Element) {
            let (name, value, line) = (attribute.name, attribute.value, attribute.line)
            let lowered = name.lowercased()
            if lowered.hasPrefix("on") {
                report(line, "event attributes such as \(name) are not allowed in figures")
                return
            }
            if lowered == "style" {
                report(line, "the style attribute is not allowed; use presentation attributes such as fill and stroke")
                return
            }
            if name == "href" || name == "xlink:href" {
                if element.name == "image" { return } // judged with the image
                if name == "xlink:href" { usesXLink = true }
                if element.name == "use", value.hasPrefix("#"), CourseReader.isIdentifier(String(value.dropFirst())) {
                    references.append((line, String(value.dropFirst())))
                } else {
                    report(line, "\(name) may only point inside the figure (href=\"#id\" on <use>), not to \"\(value.prefix(60))\"")
                }
                return
            }
            if name == "xmlns" { return } // checked on the root
            if name == "xmlns:xlink" {
                if value != FigureReader.xlinkNamespace { report(line, "xmlns:xlink must be \(FigureReader.xlinkNamespace)") }
                return
            }
            guard FigureReader.attributes.contains(name) else {
                report(line, "the attribute \(name) is not allowed in figures")
                return
            }
            if value.contains("\\") {
                report(line, "backslashes are not allowed in attribute values")
                return
            }
            if name == "viewBox", element.name != "svg", element.name != "marker" {
                report(line, "viewBox belongs on <svg> or <marker>")
            }
            if name == "id" {
                if !CourseReader.isIdentifier(value) { report(line, "an id is written in lowercase letters, digits and -, not \"\(value.prefix(60))\"") }
                if !ids.insert(value).inserted { report(line, "id=\"\(value)\" is used twice") }
            }
            // url(…) may only name an element of the figure: url(#arrow).
            var rest = Substring(value)
            while let open = rest.range(of: "url(", options: .caseInsensitive) {
                let after = rest[open.upperBound...].drop { $0 == " " || $0 == "'" || $0 == "\"" }
                let target = after.prefix { $0 != ")" && $0 != "'" && $0 != "\"" && $0 != " " }
                if target.hasPrefix("#"), CourseReader.isIdentifier(String(target.dropFirst())) {
                    references.append((line, String(target.dropFirst())))
                } else {
                    report(line, "\(name) refers outside the figure (\"\(value.prefix(60))\"); only url(#id) is allowed")
                }
                rest = after.dropFirst(max(1, target.count))
            }
            if name == "font-size" {
                let number = Double(value.hasSuffix("px") ? String(value.dropLast(2)) : value)
                if let number, width > 0 {
                    if number * 640 / width < FigureReader.minimumFontSize - 0.001 {
                        report(line, "font-size \(value) is too small to read on a phone (at least 14 in a 640-wide viewBox)")
                    }
                } else if number == nil {
                    report(line, "font-size must be a number, not \"\(value.prefix(40))\"")
                }
            }
        }

        /// Embedded raster images are tolerated only as small data: URIs (KITS-SPEC says: do not use them).
        mutating func image(_ element: XMLSubsetParser.Element) {
            let source = element.attribute("href") ?? element.attribute("xlink:href") ?? ""
            if element.attribute("xlink:href") != nil { usesXLink = true }
            let prefixes = ["data:image/png;base64,", "data:image/jpeg;base64,"]
            guard let prefix = prefixes.first(where: { source.hasPrefix($0) }) else {
                report(element.line, "<image> must embed a PNG or JPEG as a data: URI; external images are not allowed")
                return
            }
            let encoded = source.dropFirst(prefix.count).filter { !$0.isWhitespace }.count
            if encoded / 4 * 3 > FigureReader.maximumRasterBytes {
                report(element.line, "the embedded raster image is over 16 KB; draw the figure with shapes instead")
            }
        }

        /// Writes the element and what it holds, allowed names only, every value escaped.
        func write(_ element: XMLSubsetParser.Element, into out: inout String, isRoot: Bool = false) {
            out += "<" + element.name
            if isRoot {
                out += " xmlns=\"\(FigureReader.svgNamespace)\""
                if usesXLink { out += " xmlns:xlink=\"\(FigureReader.xlinkNamespace)\"" }
            }
            for attribute in element.attributes where attribute.name != "xmlns" && attribute.name != "xmlns:xlink" {
                out += " \(attribute.name)=\"\(FigureReader.escaped(attribute.value))\""
            }
            if element.children.isEmpty {
                out += "/>"
                return
            }
            out += ">"
            let keepsText = FigureReader.textElements.contains(element.name)
            for child in element.children {
                switch child {
                case .element(let inner): write(inner, into: &out)
                case .text(let content, _): if keepsText { out += FigureReader.escaped(content) }
                }
            }
            out += "</\(element.name)>"
            if isRoot { out += "\n" }
        }
    }

    static func escaped(_ text: String) -> String { XMLText.escaped(text) }
}

/// The XML a figure may use: an optional `<?xml …?>` declaration, comments, elements, attributes in
/// quotes, character data and the five predefined and numeric character references. A document type,
/// an entity, CDATA or another processing instruction is refused outright, so nothing is ever fetched
/// or expanded. The first syntax error ends the reading.
struct XMLSubsetParser {
    struct Attribute {
        var name: String
        var value: String
        var line: Int
    }

    struct Element {
        var name: String
        var attributes: [Attribute]
        var children: [Node]
        var line: Int

        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    enum Node {
        case element(Element)
        case text(String, line: Int)
    }

    typealias Problem = FigureReader.Problem

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var elementCount = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func fail(_ message: String) -> Problem { Problem(line: line, message: message) }

    private var atEnd: Bool { position >= bytes.count }
    private func peek(_ offset: Int = 0) -> UInt8? { position + offset < bytes.count ? bytes[position + offset] : nil }

    private func looking(at text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard position + pattern.count <= bytes.count else { return false }
        return bytes[position..<position + pattern.count].elementsEqual(pattern)
    }

    private mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where position < bytes.count {
            if bytes[position] == UInt8(ascii: "\n") { line += 1 }
            position += 1
        }
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    /// Skips to just after `terminator`, or fails with `message` when the file ends first.
    private mutating func skip(past terminator: String, _ message: String) throws(Problem) {
        while !atEnd {
            if looking(at: terminator) { advance(terminator.utf8.count); return }
            advance()
        }
        throw fail(message)
    }

    mutating func document() throws(Problem) -> Element {
        if looking(at: "\u{FEFF}") { advance(3) }
        if looking(at: "<?xml") {
            guard let after = peek(5), after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D || after == UInt8(ascii: "?") else {
                throw fail("processing instructions are not allowed in figures")
            }
            try skip(past: "?>", "the <?xml …?> declaration is not closed")
        }
        try misc()
        guard looking(at: "<"), let next = peek(1), isNameStart(next) else {
            throw fail(atEnd ? "the figure has no <svg> element" : "expected the <svg> element here")
        }
        let root = try element(depth: 0)
        try misc()
        guard atEnd else { throw fail("nothing may follow the closing </svg>") }
        return root
    }

    /// Whitespace and comments between top-level parts; anything that declares or instructs is refused.
    private mutating func misc() throws(Problem) {
        while true {
            skipSpace()
            if looking(at: "<!--") {
                try comment()
            } else if looking(at: "<!") {
                throw fail("document types and entity declarations (<!DOCTYPE, <!ENTITY) are not allowed in figures")
            } else if looking(at: "<?") {
                throw fail("processing instructions are not allowed in figures")
            } else {
                return
            }
        }
    }

    private mutating func comment() throws(Problem) {
        advance(4)
        try skip(past: "-->", "a comment <!-- is never closed")
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: ":")
    }

    private mutating func name() throws(Problem) -> String {
        let start = position
        guard let first = peek(), isNameStart(first) else { throw fail("expected a name here") }
        while let byte = peek(), isNameByte(byte) { advance() }
        guard position - start <= 64 else { throw fail("a name is longer than 64 characters") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func element(depth: Int) throws(Problem) -> Element {
        guard depth < FigureReader.maximumDepth else { throw fail("elements are nested more than \(FigureReader.maximumDepth) deep") }
        elementCount += 1
        guard elementCount <= FigureReader.maximumElements else { throw fail("a figure may hold at most \(FigureReader.maximumElements) elements") }
        let startLine = line
        advance() // <
        let tag = try name()
        var attributes: [Attribute] = []
        while true {
            let hadSpace = peek().map { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? false
            skipSpace()
            if looking(at: "/>") {
                advance(2)
                return Element(name: tag, attributes: attributes, children: [], line: startLine)
            }
            if looking(at: ">") {
                advance()
                break
            }
            guard hadSpace else { throw fail(atEnd ? "the file ends inside <\(tag)>" : "expected a space, > or /> in <\(tag)>") }
            let attributeLine = line
            let attributeName = try name()
            skipSpace()
            guard looking(at: "=") else { throw fail("the attribute \(attributeName) needs a value: \(attributeName)=\"…\"") }
            advance()
            skipSpace()
            guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw fail("the value of \(attributeName) must be in quotes")
            }
            advance()
            let value = try characterData(until: quote, inAttribute: true)
            advance() // closing quote
            if attributes.contains(where: { $0.name == attributeName }) { throw fail("the attribute \(attributeName) is given twice") }
            attributes.append(Attribute(name: attributeName, value: value, line: attributeLine))
        }
        var children: [Node] = []
        while true {
            if atEnd { throw fail("<\(tag)> (line \(startLine)) is never closed") }
            if looking(at: "</") {
                advance(2)
                let closing = try name()
                skipSpace()
                guard closing == tag, looking(at: ">") else { throw fail("expected </\(tag)> to close line \(startLine), found </\(closing)") }
                advance()
                return Element(name: tag, attributes: attributes, children: children, line: startLine)
            }
            if looking(at: "<!--") { try comment(); continue }
            if looking(at: "<![CDATA[") { throw fail("CDATA sections are not allowed in figures") }
            if looking(at: "<!") { throw fail("declarations (<!…>) are not allowed in figures") }
            if looking(at: "<?") { throw fail("processing instructions are not allowed in figures") }
            if looking(at: "<") {
                children.append(.element(try element(depth: depth + 1)))
                continue
            }
            let textLine = line
            children.append(.text(try characterData(until: UInt8(ascii: "<"), inAttribute: false), line: textLine))
        }
    }

    /// Character data up to (not including) `terminator`, with character references resolved.
    private mutating func characterData(until terminator: UInt8, inAttribute: Bool) throws(Problem) -> String {
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flushRun() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while let byte = peek(), byte != terminator {
            if inAttribute, byte == UInt8(ascii: "<") { throw fail("< is not allowed inside an attribute value") }
            if byte == UInt8(ascii: "&") {
                flushRun()
                scalars.append(try reference())
                continue
            }
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { throw fail("control characters are not allowed in figures") }
            run.append(byte)
            advance()
        }
        if atEnd, inAttribute { throw fail("an attribute value is never closed") }
        flushRun()
        let text = String(scalars)
        if text.unicodeScalars.contains("\u{FFFD}") { throw fail("the figure is not valid UTF-8 text") }
        return text
    }

    private mutating func reference() throws(Problem) -> Unicode.Scalar {
        advance() // &
        let start = position
        while let byte = peek(), byte != UInt8(ascii: ";"), position - start < 12 { advance() }
        guard peek() == UInt8(ascii: ";") else { throw fail("a & must start a reference such as &amp; (entities are not allowed)") }
        let body = String(decoding: bytes[start..<position], as: UTF8.self)
        advance() // ;
        switch body {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        var value: UInt32?
        if body.hasPrefix("#x") { value = UInt32(body.dropFirst(2), radix: 16) } else if body.hasPrefix("#") { value = UInt32(body.dropFirst(), radix: 10) }
        guard let value else { throw fail("the entity &\(body); is not allowed in figures; only &amp; &lt; &gt; &quot; &apos; and &#…; are") }
        guard let scalar = Unicode.Scalar(value), value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D,
              value != 0xFFFE, value != 0xFFFF else {
            throw fail("&\(body); is not a character a figure may hold")
        }
        return scalar
    }
}
