import CPango
import CRSVG
import UstazCore

/// A font as Pango names it, at a size in points.
struct Font {
    var size: Double
    var bold = false
    var italic = false

    static let families = "Noto Sans,DejaVu Sans"

    var pangoName: String { "\(Font.families) \(bold ? "Bold " : "")\(italic ? "Italic " : "")\(size)" }
}

/// Pango on a cairo context: sets text (Pango markup) at a width, measures it, draws it whole or line by
/// line. One layout is reused for every piece of text of a document.
final class Typesetter {
    let cr: OpaquePointer
    private let layout: OpaquePointer
    private var fonts: [String: OpaquePointer] = [:]

    /// A line of the current text: its top and bottom, and its baseline, from the top of the text.
    struct Line {
        var top: Double
        var bottom: Double
        var baseline: Double
        var height: Double { bottom - top }
    }

    init(cr: OpaquePointer, language: Language) {
        self.cr = cr
        layout = pango_cairo_create_layout(cr)
        // The language guides font fallback and line breaking (Kazakh and Russian Cyrillic differ in places).
        pango_context_set_language(pango_layout_get_context(layout), pango_language_from_string(language.rawValue))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    private func description(_ font: Font) -> OpaquePointer {
        let name = font.pangoName
        if let known = fonts[name] { return known }
        let made = pango_font_description_from_string(name)!
        fonts[name] = made
        return made
    }

    /// Sets `markup` (already escaped) in `font`, wrapped at `width` points (nil: one line), aligned as asked.
    /// Markup Pango cannot parse (emphasis crossing emphasis) is set as plain text instead.
    func set(_ markup: String, font: Font, width: Double?, alignment: PangoAlignment = PANGO_ALIGN_LEFT) {
        pango_layout_set_font_description(layout, description(font))
        pango_layout_set_width(layout, width.map { Int32(($0 * Double(PANGO_SCALE)).rounded(.down)) } ?? -1)
        pango_layout_set_alignment(layout, alignment)
        var error: UnsafeMutablePointer<GError>?
        if pango_parse_markup(markup, -1, 0, nil, nil, nil, &error) != 0 {
            pango_layout_set_markup(layout, markup, -1)
        } else {
            if let error { g_error_free(error) }
            pango_layout_set_text(layout, Typesetter.withoutTags(markup), -1)
        }
    }

    /// Width and height of the current text in points.
    var size: (width: Double, height: Double) {
        var width: Int32 = 0, height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return (Double(width) / Double(PANGO_SCALE), Double(height) / Double(PANGO_SCALE))
    }

    var lines: [Line] {
        var result: [Line] = []
        guard let iterator = pango_layout_get_iter(layout) else { return result }
        defer { pango_layout_iter_free(iterator) }
        repeat {
            var top: Int32 = 0, bottom: Int32 = 0
            pango_layout_iter_get_line_yrange(iterator, &top, &bottom)
            let baseline = pango_layout_iter_get_baseline(iterator)
            let scale = Double(PANGO_SCALE)
            result.append(Line(top: Double(top) / scale, bottom: Double(bottom) / scale, baseline: Double(baseline) / scale))
        } while pango_layout_iter_next_line(iterator) != 0
        return result
    }

    /// Draws the whole text with its top-left corner at (x, y).
    func draw(x: Double, y: Double) {
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
    }

    /// Draws line `index` of the text with its baseline at `baseline`.
    func drawLine(_ index: Int, x: Double, baseline: Double) {
        guard let line = pango_layout_get_line_readonly(layout, Int32(index)) else { return }
        cairo_move_to(cr, x, baseline)
        pango_cairo_show_layout_line(cr, line)
    }

    static func escaped(_ text: String) -> String { XMLText.escaped(text) }

    /// Markup of the Markdown subset's text: escaped, bold and italic as Pango tags.
    static func markup(_ text: String) -> String {
        InlineMarkup.convert(text, escape: escaped, bold: ("<b>", "</b>"), italic: ("<i>", "</i>"))
    }

    /// The markup's text with its tags dropped and its five references resolved.
    static func withoutTags(_ markup: String) -> String {
        var text = ""
        var inTag = false
        for character in markup {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
