import UstazCore

/// Turns a parsed lesson into HTML. Text is escaped first; only **bold** and *italic* become markup.
enum LessonRenderer {
    static func html(_ document: LessonDocument) -> HTML {
        var parts: [HTML] = []
        for section in document.sections {
            parts.append("<section class=\"lesson-section\" id=\"\(section.anchor)\"><h2>\(inline(section.heading))</h2>")
            for block in section.blocks {
                switch block {
                case .heading(let text): parts.append("<h3>\(inline(text))</h3>")
                case .paragraph(let text): parts.append("<p>\(inline(text))</p>")
                case .tip(let text): parts.append("<aside class=\"tip\"><p>\(inline(text))</p></aside>")
                case .bullets(let items): parts.append("<ul>\(items.map { "<li>\(inline($0))</li>" as HTML })</ul>")
                case .numbered(let items): parts.append("<ol>\(items.map { "<li>\(inline($0))</li>" as HTML })</ol>")
                }
            }
            parts.append("</section>")
        }
        return HTML.join(parts)
    }

    /// Escapes, then turns paired ** and * into strong and em.
    static func inline(_ text: String) -> HTML {
        var escaped = HTML("\(text)").text
        escaped = replacePairs(in: escaped, marker: "**", open: "<strong>", close: "</strong>")
        escaped = replacePairs(in: escaped, marker: "*", open: "<em>", close: "</em>")
        return HTML(raw: escaped)
    }

    private static func replacePairs(in text: String, marker: String, open: String, close: String) -> String {
        var pieces = text.components(separatedBy: marker)
        guard pieces.count >= 3 else { return text }
        var result = pieces.removeFirst()
        var isOpen = false
        for (index, piece) in pieces.enumerated() {
            let unmatched = !isOpen && index == pieces.count - 1
            result += unmatched ? marker : (isOpen ? close : open)
            isOpen.toggle()
            result += piece
        }
        return result
    }
}
