import CPango
import CRSVG
import Synchronization
public import UstazCore

/// The words a printed kit adds around its own text, in the kit's language.
public struct KitLabels: Sendable {
    public var name: String
    public var date: String
    public var cutAlong: String
    public var sources: String
    public var forTheTeacher: String

    public init(name: String, date: String, cutAlong: String, sources: String, forTheTeacher: String) {
        self.name = name
        self.date = date
        self.cutAlong = cutAlong
        self.sources = sources
        self.forTheTeacher = forTheTeacher
    }
}

/// Everything one printed kit needs: the kit in one language, its lesson's figures in that language, the
/// course's sources, the words around it, and whether its pupils need big text (grades 1–4).
public struct KitPrint: Sendable {
    public var kit: KitDocument
    public var language: Language
    public var figures: [String: Figure]
    public var sources: [Source]
    public var labels: KitLabels
    public var largeText: Bool
    /// A line under the title, e.g. "AI literacy for primary-school teachers · Lesson 1".
    public var subtitle: String

    public init(kit: KitDocument, language: Language, figures: [String: Figure], sources: [Source], labels: KitLabels,
                largeText: Bool, subtitle: String) {
        self.kit = kit
        self.language = language
        self.figures = figures
        self.sources = sources
        self.labels = labels
        self.largeText = largeText
        self.subtitle = subtitle
    }
}

/// Renders a classroom kit to an A4 PDF with Pango's line breaking and the figures drawn by librsvg as
/// vectors, fonts embedded: the worksheet flowing over pages, the answer key on its own page, exit
/// tickets four to a page, cards two by four with dashed cut lines, the parent letter on its own page.
public enum KitRenderer {
    static let pageWidth = 595.28
    static let pageHeight = 841.89

    /// One kit at a time: a render takes a few hundred milliseconds and kits are cached once made, so
    /// serialising costs nothing and keeps Pango's font setup on one thread.
    private static let lock = Mutex(())

    public static func render(_ print: KitPrint) throws -> PrintedKit {
        try lock.withLock { _ in
            var pageCount = 0
            let bytes = try PDFDocument.write(width: pageWidth, height: pageHeight, title: InlineMarkup.plain(print.kit.title)) { surface in
                guard let cr = cairo_create(surface) else { throw PrintingError("cairo could not create a drawing context.") }
                defer { cairo_destroy(cr) }
                let pages = KitPages(cr: cr, print: print)
                try pages.render()
                pageCount = pages.page
                let status = cairo_status(cr)
                guard status == CAIRO_STATUS_SUCCESS else {
                    throw PrintingError("cairo failed while drawing the kit: \(String(cString: cairo_status_to_string(status)))")
                }
            }
            return PrintedKit(bytes: bytes, pages: pageCount)
        }
    }
}

/// A rendered kit: the PDF and how many A4 pages it has.
public struct PrintedKit: Sendable {
    public var bytes: [UInt8]
    public var pages: Int
}

/// Type sizes of a kit: bigger throughout for the youngest pupils.
struct KitSizes {
    var body: Double
    var title: Double
    var part: Double
    var subheading: Double
    var small: Double
    var writingLine: Double
    var cardFront: Double
    var cardBack: Double

    static func forPupils(large: Bool) -> KitSizes {
        large ? KitSizes(body: 14, title: 22, part: 18, subheading: 15, small: 10, writingLine: 30, cardFront: 26, cardBack: 16)
              : KitSizes(body: 11.5, title: 20, part: 15, subheading: 12.5, small: 8.5, writingLine: 24, cardFront: 21, cardBack: 13)
    }

    func scaled(_ factor: Double) -> KitSizes {
        KitSizes(body: body * factor, title: title * factor, part: part * factor, subheading: subheading * factor,
                 small: small * factor, writingLine: writingLine * factor, cardFront: cardFront * factor, cardBack: cardBack * factor)
    }
}

/// Lays a kit out page by page. Flowing parts run in a box that breaks to a new page; exit tickets are set
/// in a quarter page, first measured (nothing drawn) and shrunk until they fit.
final class KitPages {
    let cr: OpaquePointer
    let print: KitPrint
    let type: Typesetter
    var sizes: KitSizes
    /// Source ids in the order the kit first cites them: `[src:id]` prints as [n].
    let citations: [String]

    // The box text flows in, and where the next block goes.
    var left = 56.7
    var right = KitRenderer.pageWidth - 56.7
    var top = 56.7
    var bottom = KitRenderer.pageHeight - 64
    var y = 56.7
    var breaksPages = true
    var drawing = true
    var page = 0
    var pageOpen = false
    var footerOnPage = false
    /// The number the next numbered item of the part gets: numbering runs on through a part.
    var nextNumber = 1

    var width: Double { right - left }

    init(cr: OpaquePointer, print: KitPrint) {
        self.cr = cr
        self.print = print
        type = Typesetter(cr: cr, language: print.language)
        sizes = KitSizes.forPupils(large: print.largeText)
        citations = Citation.order(in: print.kit.sections.flatMap { $0.blocks.flatMap(\.texts) })
    }

    // MARK: Pages

    func newPage(footer: Bool = true) {
        if pageOpen { finishPage() }
        page += 1
        pageOpen = true
        footerOnPage = footer
        y = top
    }

    func finishPage() {
        guard pageOpen else { return }
        if footerOnPage {
            cairo_set_source_rgb(cr, 0.35, 0.35, 0.35)
            type.set(Typesetter.escaped(InlineMarkup.plain(print.kit.title)), font: Font(size: sizes.small), width: width - 40)
            type.draw(x: left, y: KitRenderer.pageHeight - 44)
            type.set("\(page)", font: Font(size: sizes.small), width: 40, alignment: PANGO_ALIGN_RIGHT)
            type.draw(x: right - 40, y: KitRenderer.pageHeight - 44)
            cairo_set_source_rgb(cr, 0, 0, 0)
        }
        cairo_show_page(cr)
        pageOpen = false
    }

    /// Makes room for `height` points: a new page when they do not fit and the page already holds something.
    func need(_ height: Double) {
        if breaksPages, y + height > bottom, y > top + 0.5 { newPage() }
    }

    func render() throws {
        let kit = print.kit
        var titled = false
        for section in kit.sections {
            nextNumber = 1
            switch section.part {
            case .exitTicket:
                try exitTickets(section)
            case .cards:
                cards(section)
            default:
                newPage()
                if !titled { title() }
                try flowPart(section)
                // The sources close the first flowing part, where most claims are made.
                if !titled, !citations.isEmpty { sourceList() }
                titled = true
            }
        }
        finishPage()
    }

    // MARK: Flowing text

    func text(_ markup: String, font: Font, x: Double, width: Double, marker: ((Double) -> Void)? = nil) {
        type.set(markup, font: font, width: width)
        let lines = type.lines
        guard let first = lines.first else { return }
        var shift = y - first.top
        for (index, line) in lines.enumerated() {
            if breaksPages, shift + line.bottom > bottom, shift + line.top > top + 0.5 {
                newPage()
                shift = y - line.top
            }
            if drawing {
                if index == 0 { marker?(shift + line.baseline) }
                type.drawLine(index, x: x, baseline: shift + line.baseline)
            }
            y = shift + line.bottom
        }
    }

    /// Text with citations numbered, emphasis as markup.
    func markup(_ text: String) -> String {
        let numbered = Citation.replacing(in: text) { id in "[\((citations.firstIndex(of: id) ?? 0) + 1)]" }
        return Typesetter.markup(numbered)
    }

    func title() {
        text(markup(print.kit.title), font: Font(size: sizes.title, bold: true), x: left, width: width)
        y += 4
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3)
        text(Typesetter.escaped(print.subtitle), font: Font(size: sizes.small + 1), x: left, width: width)
        cairo_set_source_rgb(cr, 0, 0, 0)
        y += sizes.body * 1.2
        // Name and date lines for the pupil.
        let font = Font(size: sizes.body)
        type.set(Typesetter.escaped(print.labels.name + ":"), font: font, width: nil)
        let nameWidth = type.size.width
        let lineHeight = type.size.height
        let baseline = y + (type.lines.first?.baseline ?? lineHeight * 0.8)
        if drawing {
            type.drawLine(0, x: left, baseline: baseline)
            rule(from: left + nameWidth + 6, to: left + width * 0.62, at: baseline + 2)
            type.set(Typesetter.escaped(print.labels.date + ":"), font: font, width: nil)
            type.drawLine(0, x: left + width * 0.66, baseline: baseline)
            rule(from: left + width * 0.66 + type.size.width + 6, to: right, at: baseline + 2)
        }
        y += lineHeight + sizes.body
    }

    func rule(from start: Double, to end: Double, at level: Double, dashed: Bool = false) {
        guard drawing else { return }
        cairo_save(cr)
        cairo_set_line_width(cr, 0.6)
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.45)
        if dashed {
            var dashes: [Double] = [5, 4]
            cairo_set_dash(cr, &dashes, 2, 0)
        }
        cairo_move_to(cr, start, level)
        cairo_line_to(cr, end, level)
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    func flowPart(_ section: KitDocument.Section) throws {
        heading(section.heading, size: sizes.part)
        if section.part == .answerKey {
            cairo_set_source_rgb(cr, 0.35, 0.35, 0.35)
            text(Typesetter.escaped(print.labels.forTheTeacher), font: Font(size: sizes.small + 1, italic: true), x: left, width: width)
            cairo_set_source_rgb(cr, 0, 0, 0)
            y += sizes.body * 0.6
        }
        for block in section.blocks { try self.block(block) }
    }

    func heading(_ words: String, size: Double) {
        type.set(markup(words), font: Font(size: size, bold: true), width: width)
        // A heading keeps at least two lines of what follows with it.
        need(type.size.height + sizes.body * 3)
        text(markup(words), font: Font(size: size, bold: true), x: left, width: width)
        y += size * 0.5
    }

    func block(_ block: LessonDocument.Block) throws {
        let body = Font(size: sizes.body)
        let gap = sizes.body * 0.6
        switch block {
        case .heading(let words, _):
            y += gap * 0.5
            heading(words, size: sizes.subheading)
        case .paragraph(let words), .tip(let words):
            text(markup(words), font: body, x: left, width: width)
            y += gap
        case .bullets(let items):
            list(items, marker: { _ in "•" })
        case .numbered(let items):
            let first = nextNumber
            nextNumber += items.count
            list(items) { "\(first + $0)." }
        case .tickBoxes(let items):
            list(items, box: true)
        case .writingLines(let count):
            for _ in 0..<count {
                need(sizes.writingLine)
                y += sizes.writingLine
                rule(from: left, to: right, at: y)
            }
            y += gap
        case .table(let table):
            self.table(table)
            y += gap
        case .figure(let reference):
            try figure(reference)
            y += gap
        }
    }

    /// A list: each item's marker (bullet, number or tick box) in a hanging indent beside its text.
    func list(_ items: [String], box: Bool = false, marker: ((Int) -> String)? = nil) {
        let body = Font(size: sizes.body)
        let indent = sizes.body * 1.9
        for (index, item) in items.enumerated() {
            let label = marker?(index)
            text(markup(item), font: body, x: left + indent, width: width - indent) { baseline in
                if box {
                    let side = self.sizes.body * 0.85
                    cairo_save(self.cr)
                    cairo_set_line_width(self.cr, 0.9)
                    cairo_rectangle(self.cr, self.left + 2, baseline - side * 0.95, side, side)
                    cairo_stroke(self.cr)
                    cairo_restore(self.cr)
                } else if let label {
                    self.type.set(Typesetter.escaped(label), font: body, width: indent - 6, alignment: PANGO_ALIGN_RIGHT)
                    self.type.drawLine(0, x: self.left, baseline: baseline)
                    self.type.set(self.markup(item), font: body, width: self.width - indent)
                }
            }
            y += sizes.body * 0.35
        }
        y += sizes.body * 0.4
    }

    // MARK: Tables

    func table(_ table: Table) {
        let padding = 5.0
        let columns = table.header.count
        let body = Font(size: sizes.body * 0.92)
        let bold = Font(size: sizes.body * 0.92, bold: true)
        // Each column's width on one line; then columns narrower than an equal share keep theirs and the
        // rest share what is left (text wraps there), and the table fills the width.
        var natural = [Double](repeating: 0, count: columns)
        for (rowIndex, row) in ([table.header] + table.rows).enumerated() {
            for (column, cell) in row.enumerated() where column < columns {
                type.set(markup(cell), font: rowIndex == 0 ? bold : body, width: nil)
                natural[column] = max(natural[column], type.size.width + 2 * padding)
            }
        }
        var widths = [Double](repeating: 0, count: columns)
        var open = Array(0..<columns)
        var remaining = width
        while !open.isEmpty {
            let share = remaining / Double(open.count)
            let fitting = open.filter { natural[$0] <= share }
            if fitting.isEmpty {
                for column in open { widths[column] = share }
                break
            }
            for column in fitting { widths[column] = natural[column]; remaining -= natural[column] }
            open.removeAll { fitting.contains($0) }
        }
        let total = widths.reduce(0, +)
        if total < width { widths = widths.map { $0 * width / total } }

        func rowHeight(_ row: [String], font: Font) -> Double {
            row.enumerated().reduce(0) { tallest, cell in
                type.set(markup(cell.element), font: font, width: widths[min(cell.offset, columns - 1)] - 2 * padding)
                return max(tallest, type.size.height)
            } + 2 * padding
        }

        func drawRow(_ row: [String], font: Font, header: Bool) {
            let height = rowHeight(row, font: font)
            if breaksPages, y + height > bottom, y > top + 0.5 {
                newPage()
                if !header { drawRow(table.header, font: bold, header: true) }
            }
            guard drawing else { y += height; return }
            var x = left
            for (column, cell) in row.enumerated() where column < columns {
                if header {
                    cairo_set_source_rgb(cr, 0.9, 0.92, 0.95)
                    cairo_rectangle(cr, x, y, widths[column], height)
                    cairo_fill(cr)
                    cairo_set_source_rgb(cr, 0, 0, 0)
                }
                cairo_set_line_width(cr, 0.6)
                cairo_rectangle(cr, x, y, widths[column], height)
                cairo_stroke(cr)
                type.set(markup(cell), font: font, width: widths[column] - 2 * padding)
                type.draw(x: x + padding, y: y + padding)
                x += widths[column]
            }
            y += height
        }

        need(rowHeight(table.header, font: bold) + (table.rows.first.map { rowHeight($0, font: body) } ?? 0))
        drawRow(table.header, font: bold, header: true)
        for row in table.rows { drawRow(row, font: body, header: false) }
    }

    // MARK: Figures

    func figure(_ reference: FigureReference) throws {
        guard let figure = print.figures[reference.name] else { return }
        let maximumHeight = (bottom - top) * 0.42
        let scale = min(width / figure.width, 0.78, maximumHeight / figure.height)
        let (drawnWidth, drawnHeight) = (figure.width * scale, figure.height * scale)
        let captionFont = Font(size: sizes.body * 0.85, italic: true)
        type.set(markup(reference.caption), font: captionFont, width: width, alignment: PANGO_ALIGN_CENTER)
        let captionHeight = type.size.height
        need(drawnHeight + captionHeight + 6)
        if drawing {
            try SVGPage.draw(figure.svg, with: cr, x: left + (width - drawnWidth) / 2, y: y, width: drawnWidth, height: drawnHeight,
                             what: "figure \(reference.name)")
            type.set(markup(reference.caption), font: captionFont, width: width, alignment: PANGO_ALIGN_CENTER)
            type.draw(x: left, y: y + drawnHeight + 4)
        }
        y += drawnHeight + 4 + captionHeight
    }

    // MARK: Sources

    func sourceList() {
        y += sizes.body * 0.8
        heading(print.labels.sources, size: sizes.subheading)
        for (index, id) in citations.enumerated() {
            guard let source = print.sources.first(where: { $0.id == id }) else { continue }
            let line = "\(source.publisher). «\(source.title)», \(source.date)." + (source.url.map { " \($0)" } ?? "")
            list([line]) { _ in "[\(index + 1)]" }
        }
    }

    // MARK: Exit tickets, four to a page

    func exitTickets(_ section: KitDocument.Section) throws {
        newPage(footer: false)
        let (halfWidth, halfHeight) = (KitRenderer.pageWidth / 2, KitRenderer.pageHeight / 2)
        let padding = 24.0
        let full = sizes
        // Measure at falling sizes until a ticket fits its quarter.
        var factor = 1.0
        while factor > 0.5 {
            sizes = full.scaled(factor)
            if try ticket(section, x: padding, y: padding, width: halfWidth - 2 * padding, draw: false) <= halfHeight - 2 * padding { break }
            factor -= 0.05
        }
        for quarter in 0..<4 {
            let x = Double(quarter % 2) * halfWidth + padding
            let y = Double(quarter / 2) * halfHeight + padding
            _ = try ticket(section, x: x, y: y, width: halfWidth - 2 * padding, draw: true)
        }
        sizes = full
        cutLines(columns: 2, rows: 2, x: 0, y: 0, width: KitRenderer.pageWidth, height: KitRenderer.pageHeight, border: false)
        finishPage()
    }

    /// One exit ticket in the box at (x, y); returns the height it takes.
    func ticket(_ section: KitDocument.Section, x: Double, y start: Double, width boxWidth: Double, draw: Bool) throws -> Double {
        let saved = (left, right, top, bottom, y, breaksPages, drawing)
        defer { (left, right, top, bottom, y, breaksPages, drawing) = saved }
        (left, right, top, bottom, y, breaksPages, drawing) = (x, x + boxWidth, start, .infinity, start, false, draw)
        nextNumber = 1
        text(markup(section.heading), font: Font(size: sizes.subheading, bold: true), x: left, width: width)
        y += sizes.body * 0.5
        let font = Font(size: sizes.body)
        type.set(Typesetter.escaped(print.labels.name + ":"), font: font, width: nil)
        let labelWidth = type.size.width
        let baseline = y + (type.lines.first?.baseline ?? 0)
        if drawing {
            type.drawLine(0, x: left, baseline: baseline)
            rule(from: left + labelWidth + 6, to: right, at: baseline + 2)
        }
        y += type.size.height + sizes.body * 0.6
        for block in section.blocks { try self.block(block) }
        return y - start
    }

    /// Dashed lines to cut a page into `columns` × `rows` pieces (and round them when `border`).
    func cutLines(columns: Int, rows: Int, x: Double, y top: Double, width boxWidth: Double, height: Double, border: Bool) {
        cairo_save(cr)
        cairo_set_line_width(cr, 0.7)
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4)
        var dashes: [Double] = [6, 4]
        cairo_set_dash(cr, &dashes, 2, 0)
        if border { cairo_rectangle(cr, x, top, boxWidth, height) }
        for column in 1..<columns {
            cairo_move_to(cr, x + boxWidth * Double(column) / Double(columns), top)
            cairo_line_to(cr, x + boxWidth * Double(column) / Double(columns), top + height)
        }
        for row in 1..<rows {
            cairo_move_to(cr, x, top + height * Double(row) / Double(rows))
            cairo_line_to(cr, x + boxWidth, top + height * Double(row) / Double(rows))
        }
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    // MARK: Cards, two by four

    func cards(_ section: KitDocument.Section) {
        let cards = section.blocks.flatMap { block -> [KitDocument.Card] in
            guard case .bullets(let items) = block else { return [] }
            return items.compactMap(KitDocument.card)
        }
        let notes = section.blocks.compactMap { block -> String? in if case .paragraph(let words) = block { words } else { nil } }
        let margin = 28.0
        let perPage = 8
        for start in stride(from: 0, to: cards.count, by: perPage) {
            newPage(footer: false)
            // A band at the top: the part's heading, the teacher's note, and where to cut.
            (left, right, y) = (margin, KitRenderer.pageWidth - margin, margin)
            text(markup(section.heading), font: Font(size: sizes.subheading, bold: true), x: left, width: width)
            cairo_set_source_rgb(cr, 0.3, 0.3, 0.3)
            for note in notes { text(markup(note), font: Font(size: sizes.small + 1), x: left, width: width) }
            text(Typesetter.escaped("✂ " + print.labels.cutAlong), font: Font(size: sizes.small + 1, italic: true), x: left, width: width)
            cairo_set_source_rgb(cr, 0, 0, 0)
            let gridTop = y + 8
            let gridHeight = KitRenderer.pageHeight - margin - gridTop
            let (cellWidth, cellHeight) = (width / 2, gridHeight / 4)
            for (offset, card) in cards[start..<min(start + perPage, cards.count)].enumerated() {
                let x = left + Double(offset % 2) * cellWidth
                let cellTop = gridTop + Double(offset / 2) * cellHeight
                self.card(card, x: x, y: cellTop, width: cellWidth, height: cellHeight)
            }
            cutLines(columns: 2, rows: 4, x: left, y: gridTop, width: width, height: gridHeight, border: true)
            (left, right) = (56.7, KitRenderer.pageWidth - 56.7)
            finishPage()
        }
    }

    /// A card's front (bold, large) above its back, centred in the cell; shrunk if a long text needs it.
    func card(_ card: KitDocument.Card, x: Double, y cellTop: Double, width cellWidth: Double, height cellHeight: Double) {
        let padding = 16.0
        var scale = 1.0
        var heights = (0.0, 0.0)
        repeat {
            type.set(markup(card.front), font: Font(size: sizes.cardFront * scale, bold: true), width: cellWidth - 2 * padding, alignment: PANGO_ALIGN_CENTER)
            heights.0 = type.size.height
            type.set(markup(card.back), font: Font(size: sizes.cardBack * scale), width: cellWidth - 2 * padding, alignment: PANGO_ALIGN_CENTER)
            heights.1 = card.back.isEmpty ? 0 : type.size.height
            scale -= 0.1
        } while heights.0 + heights.1 + 10 > cellHeight - 2 * padding && scale > 0.4
        scale += 0.1
        var top = cellTop + (cellHeight - heights.0 - heights.1 - (card.back.isEmpty ? 0 : 10)) / 2
        type.set(markup(card.front), font: Font(size: sizes.cardFront * scale, bold: true), width: cellWidth - 2 * padding, alignment: PANGO_ALIGN_CENTER)
        type.draw(x: x + padding, y: top)
        guard !card.back.isEmpty else { return }
        top += heights.0 + 10
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25)
        type.set(markup(card.back), font: Font(size: sizes.cardBack * scale), width: cellWidth - 2 * padding, alignment: PANGO_ALIGN_CENTER)
        type.draw(x: x + padding, y: top)
        cairo_set_source_rgb(cr, 0, 0, 0)
    }
}
