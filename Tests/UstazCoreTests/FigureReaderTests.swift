import Foundation
import Testing
@testable import UstazCore

/// A figure around `body`, with a 640-wide viewBox.
func figure(_ body: String, root: String = "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 200\"") -> [UInt8] {
    Array("<svg \(root)>\n\(body)\n</svg>\n".utf8)
}

@Suite("The figure reader refuses what could run, fetch or hide")
struct FigureReaderTests {
    /// Hostile or unfit figures and the words of the refusal each must get.
    static let hostile: [(name: String, file: [UInt8], refusal: String)] = [
        ("script element", figure("<script>alert(1)</script>"), "scripts are not allowed"),
        ("script with a namespace prefix", figure("<svg:script>alert(1)</svg:script>"), "<svg:script> is not allowed"),
        ("event attribute", figure("<rect width=\"10\" height=\"10\" onload=\"alert(1)\"/>"), "event attributes"),
        ("event attribute in capitals", figure("<rect width=\"10\" height=\"10\" ONCLICK=\"alert(1)\"/>"), "event attributes"),
        ("style element", figure("<style>rect { fill: url(https://evil.example/x) }</style>"), "<style> is not allowed"),
        ("style attribute", figure("<rect width=\"10\" height=\"10\" style=\"fill:red\"/>"), "style attribute is not allowed"),
        ("foreignObject", figure("<foreignObject width=\"9\" height=\"9\"><p>hi</p></foreignObject>"), "<foreignObject> is not allowed"),
        ("document type with entities", Array("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 200\"><text>&b;</text></svg>".utf8), "document types and entity declarations"),
        ("external entity", Array("<!DOCTYPE svg SYSTEM \"file:///etc/passwd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 200\"/>".utf8), "document types"),
        ("undeclared entity", figure("<text x=\"1\" y=\"20\">&passwd;</text>"), "the entity &passwd; is not allowed"),
        ("stylesheet instruction", Array("<?xml-stylesheet href=\"https://evil.example/a.css\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 200\"/>".utf8), "processing instructions"),
        ("instruction inside", figure("<?php echo 1; ?>"), "processing instructions"),
        ("CDATA", figure("<text x=\"1\" y=\"20\"><![CDATA[<script>alert(1)</script>]]></text>"), "CDATA sections are not allowed"),
        ("external use", figure("<use href=\"https://evil.example/sprite.svg#a\"/>"), "may only point inside the figure"),
        ("xlink javascript", figure("<use xlink:href=\"javascript:alert(1)\"/>", root: "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 640 200\""), "may only point inside the figure"),
        ("href on a shape", figure("<rect id=\"r\" width=\"9\" height=\"9\"/><rect href=\"#r\" width=\"9\" height=\"9\"/>"), "may only point inside the figure"),
        ("link", figure("<a href=\"https://evil.example\"><text x=\"1\" y=\"20\">click</text></a>"), "links are not allowed"),
        ("paint from outside", figure("<rect width=\"9\" height=\"9\" fill=\"url(https://evil.example/p.svg#g)\"/>"), "refers outside the figure"),
        ("paint from outside, quoted and spaced", figure("<rect width=\"9\" height=\"9\" fill=\"URL( 'https://evil.example/p' )\"/>"), "refers outside the figure"),
        ("CSS escape hiding url(", figure("<rect width=\"9\" height=\"9\" fill=\"u\\72l(https://evil.example/p)\"/>"), "backslashes are not allowed"),
        ("marker pointing nowhere", figure("<line x1=\"0\" y1=\"0\" x2=\"9\" y2=\"9\" marker-end=\"url(#missing)\"/>"), "#missing is referred to"),
        ("external image", figure("<image href=\"https://evil.example/track.png\" width=\"9\" height=\"9\"/>"), "external images are not allowed"),
        ("animation", figure("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>"), "<set> is not allowed"),
        ("iframe", figure("<iframe src=\"https://evil.example\"/>"), "<iframe> is not allowed"),
        ("unknown attribute", figure("<rect width=\"9\" height=\"9\" filter=\"blur\"/>"), "the attribute filter is not allowed"),
        ("nested svg", figure("<svg viewBox=\"0 0 9 9\"/>"), "may not nest another <svg>"),
        ("missing namespace", Array("<svg viewBox=\"0 0 640 200\"/>".utf8), "needs xmlns="),
        ("wrong xlink namespace", figure("", root: "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"https://evil.example\" viewBox=\"0 0 640 200\""), "xmlns:xlink must be"),
        ("too wide", figure("", root: "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1600 200\""), "a width W of at most 800"),
        ("no viewBox", figure("", root: "xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"200\""), "needs viewBox="),
        ("text too small", figure("<text x=\"1\" y=\"20\" font-size=\"9\">tiny</text>"), "too small to read on a phone"),
        ("stray text", figure("hello"), "text belongs inside <text>"),
        ("control character", figure("<text x=\"1\" y=\"20\">&#1;</text>"), "is not a character a figure may hold"),
        ("unclosed element", Array("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 200\"><g>".utf8), "is never closed"),
        ("something after the root", Array("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 200\"/><script/>".utf8), "nothing may follow"),
        ("duplicate id", figure("<rect id=\"a\" width=\"1\" height=\"1\"/><rect id=\"a\" width=\"1\" height=\"1\"/>"), "is used twice"),
        ("duplicate attribute", figure("<rect width=\"1\" width=\"2\"/>"), "is given twice"),
        ("unquoted attribute", figure("<rect width=1/>"), "must be in quotes"),
        ("not UTF-8", [0x3C, 0x73, 0x76, 0x67, 0x20, 0x78, 0x3D, 0x22, 0xFF, 0x22, 0x2F, 0x3E], "not valid UTF-8"),
        ("too large", figure("<desc>" + String(repeating: "a", count: 13_000) + "</desc>"), "at most 12 KB"),
        ("deep nesting", figure(String(repeating: "<g>", count: 40) + String(repeating: "</g>", count: 40)), "nested more than"),
    ]

    @Test(arguments: hostile.indices)
    func refusesHostileFigure(_ index: Int) {
        let (name, file, refusal) = FigureReaderTests.hostile[index]
        let (figure, problems) = FigureReader.read(file)
        #expect(figure == nil, "\(name) was accepted")
        #expect(problems.contains { $0.message.contains(refusal) }, "\(name): \(problems)")
        #expect(problems.allSatisfy { $0.line >= 1 }, "\(name): every problem names a line")
    }

    @Test func reportsTheLineOfEachProblem() {
        let file = figure("<rect width=\"1\" height=\"1\"/>\n<rect width=\"1\" height=\"1\"\n   onload=\"x()\"/>\n<script/>")
        let (_, problems) = FigureReader.read(file)
        #expect(problems.map(\.line) == [4, 5])
    }

    @Test func acceptsTheShippedFixtureAndRewritesItWithoutComments() throws {
        let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures/kit-overlay/lesson/figures")
        for language in Language.allCases {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("fixture-learning.\(language.rawValue).svg")))
            let (read, problems) = FigureReader.read(bytes)
            #expect(problems == [])
            let figure = try #require(read)
            #expect(figure.width == 640 && figure.height == 250)
            #expect(figure.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 250\""))
            #expect(ScriptCheck.problem(figure.text, language: language) == nil)
            // What is served reads again to the same document: the rewrite is a fixed point.
            let again = try #require(FigureReader.read(Array(figure.svg.utf8)).0)
            #expect(again == figure)
        }
    }

    @Test func keepsOnlyWhatItChecked() throws {
        let file = figure("""
            <!-- a comment -->
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" orient="auto"><path d="M0 0 L10 5 L0 10 z"/></marker></defs>
            <line x1="0" y1="0" x2="50" y2="0" stroke="#000" marker-end="url(#arrow)"/>
            <use xlink:href="#arrow"/>
            <text x="1" y="40" font-size="16">a &lt; b &amp; &#x4D9; "quoted"</text>
            <image href="data:image/png;base64,iVBORw0KGgo=" width="4" height="4"/>
            """, root: "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 640 200\"")
        let (read, problems) = FigureReader.read(file)
        #expect(problems == [])
        let svg = try #require(read).svg
        #expect(!svg.contains("comment"))
        #expect(svg.contains("xmlns:xlink=\"http://www.w3.org/1999/xlink\""))
        #expect(svg.contains("a &lt; b &amp; ә &quot;quoted&quot;</text>"))
        #expect(read?.text.contains("a < b & ә") == true)
    }
}

@Suite("Which language a text is in")
struct ScriptCheckTests {
    @Test func kazakhNeedsItsOwnLetters() {
        #expect(ScriptCheck.problem("Машина мысалдардан үйренеді, әр мысалдың белгісі бар.", language: .kk) == nil)
        #expect(ScriptCheck.problem("Машина учится на примерах, у каждого примера есть метка.", language: .kk) != nil)
        #expect(ScriptCheck.problem("ChatGPT, KazLLM", language: .kk) == nil, "a few words need no Kazakh letter")
    }

    @Test func russianHoldsKazakhOnlyInQuotes() {
        #expect(ScriptCheck.problem("Метка по-казахски — «белгі».", language: .ru) == nil)
        #expect(ScriptCheck.problem("Скажите „сәлем“ и \"рақмет\".", language: .ru) == nil)
        #expect(ScriptCheck.problem("Метка по-казахски — белгі.", language: .ru)?.contains("і") == true)
    }

    @Test func englishHasNoCyrillicOutsideQuotes() {
        #expect(ScriptCheck.problem("A label, «белгі» in Kazakh.", language: .en) == nil)
        #expect(ScriptCheck.problem("A label is a мeтка.", language: .en) != nil, "a Cyrillic м hidden in a Latin word")
    }
}
