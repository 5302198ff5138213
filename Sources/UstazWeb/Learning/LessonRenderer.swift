import UstazCore

/// Where a figure is served: its fingerprinted address and its size.
struct ServedFigure: Sendable {
    var url: String
    var width: Int
    var height: Int
}

/// Turns a parsed lesson (or a kit, for review) into HTML. Text is escaped first; only **bold** and *italic*
/// become markup, `[src:id]` a numbered link to the sources below, and a figure an `<img>` of its own file.
enum LessonRenderer {
    /// What a document refers to beyond its text: its figures in this language, the course's sources, the words
    /// of figures and tables.
    struct Context {
        var figures: [String: ServedFigure] = [:]
        var sources: [Source] = []
        var text: KitText = .en
        /// Source ids in the order the document first cites them.
        var citations: [String] = []
    }

    static func html(_ document: LessonDocument, _ context: Context = Context()) -> HTML {
        var context = context
        context.citations = Citation.order(in: document.sections.flatMap { $0.blocks.flatMap(\.texts) })
        var parts: [HTML] = []
        for section in document.sections {
            parts.append("<section class=\"lesson-section\" id=\"\(section.anchor)\"><h2>\(inline(section.heading, context))</h2>")
            parts += blocks(section.blocks, context, runningNumbers: false)
            parts.append("</section>")
        }
        parts.append(sourceList(context))
        return HTML.join(parts)
    }

    /// A kit as a reviewer reads it: each part under its heading, print marks shown as such.
    static func kit(_ kit: KitDocument, _ context: Context) -> HTML {
        var context = context
        context.citations = Citation.order(in: kit.sections.flatMap { $0.blocks.flatMap(\.texts) })
        var parts: [HTML] = ["<h2>\(inline(kit.title, context))</h2>"]
        for section in kit.sections {
            parts.append("<section class=\"kit-part\" id=\"kit-\(section.part.rawValue)\"><h3>\(inline(section.heading, context))</h3>")
            parts += blocks(section.blocks, context, runningNumbers: true)
            parts.append("</section>")
        }
        parts.append(sourceList(context))
        return HTML.join(parts)
    }

    /// Numbered lists restart at 1 in lessons; in a kit part they run on, as the printed tasks and answers do.
    static func blocks(_ blocks: [LessonDocument.Block], _ context: Context, runningNumbers: Bool) -> [HTML] {
        var next = 1
        return blocks.map { block -> HTML in
            switch block {
            case .heading(let text, let anchor): return "<h3\(anchor.map { " id=\"\($0)\"" as HTML })>\(inline(text, context))</h3>"
            case .paragraph(let text): return "<p>\(inline(text, context))</p>"
            case .tip(let text): return "<aside class=\"tip\"><p>\(inline(text, context))</p></aside>"
            case .bullets(let items): return "<ul>\(items.map { "<li>\(inline($0, context))</li>" as HTML })</ul>"
            case .numbered(let items):
                let start: HTML = runningNumbers && next > 1 ? " start=\"\(next)\"" : ""
                next += items.count
                return "<ol\(start)>\(items.map { "<li>\(inline($0, context))</li>" as HTML })</ol>"
            case .tickBoxes(let items): return "<ul class=\"ticks\">\(items.map { "<li>\(inline($0, context))</li>" as HTML })</ul>"
            case .writingLines(let count): return "<div class=\"write-lines\" aria-hidden=\"true\">\(Array(repeating: "<span></span>" as HTML, count: count))</div>"
            case .table(let table): return self.table(table, context)
            case .figure(let reference): return figure(reference, context)
            }
        }
    }

    /// A table in a labelled region that scrolls sideways on a narrow phone (and takes keyboard focus to do so).
    static func table(_ table: Table, _ context: Context) -> HTML {
        let label = context.text.table + ": " + table.header.map(InlineMarkup.plain).joined(separator: ", ")
        let head = table.header.map { "<th scope=\"col\">\(inline($0, context))</th>" as HTML }
        let rows = table.rows.map { row in "<tr>\(row.map { "<td>\(inline($0, context))</td>" as HTML })</tr>" as HTML }
        return """
            <div class="table-scroll" role="region" aria-label="\(label)" tabindex="0"><table class="lesson-table">\
            <thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table></div>
            """
    }

    static func figure(_ reference: FigureReference, _ context: Context) -> HTML {
        guard let served = context.figures[reference.name] else { return "" }
        return """
            <figure class="lesson-figure"><img src="\(served.url)" alt="\(InlineMarkup.plain(reference.alt))" \
            width="\(served.width)" height="\(served.height)" loading="lazy" decoding="async">\
            <figcaption>\(inline(reference.caption, context))</figcaption></figure>
            """
    }

    /// The sources the document cites, numbered as cited.
    static func sourceList(_ context: Context) -> HTML {
        let items = context.citations.compactMap { id -> HTML? in
            guard let source = context.sources.first(where: { $0.id == id }) else { return nil }
            let link: HTML = source.url.map { " <a href=\"\($0)\" rel=\"noopener noreferrer\">\($0)</a>" } ?? ""
            return "<li id=\"src-\(id)\">\(source.publisher). «\(source.title)», \(source.date).\(link)</li>"
        }
        guard !items.isEmpty else { return "" }
        return "<section class=\"sources\"><h2>\(context.text.sources)</h2><ol>\(items)</ol></section>"
    }

    /// Escapes, turns paired ** and * into strong and em, and citations into numbered links.
    static func inline(_ text: String, _ context: Context = Context()) -> HTML {
        let html = InlineMarkup.convert(text, escape: \.htmlEscaped, bold: ("<strong>", "</strong>"), italic: ("<em>", "</em>"))
        return HTML(raw: Citation.replacing(in: html) { id in
            guard let number = context.citations.firstIndex(of: id) else { return "" }
            return "<sup class=\"cite\"><a href=\"#src-\(id)\">[\(number + 1)]</a></sup>"
        })
    }
}
