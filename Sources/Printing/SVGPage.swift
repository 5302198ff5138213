// cairo.h is read through both C modules; importing both keeps its declarations visible whichever Clang read first.
import CPango
import CRSVG

/// A failure of librsvg, cairo or Pango, in a sentence.
public struct PrintingError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// One SVG document drawn onto one page by librsvg: certificates as PDF or PNG. Every call parses its own
/// librsvg handle and draws on its own cairo surface, so many threads may render at once.
public enum SVGPage {
    /// A one-page PDF of `width` × `height` points, with the fonts embedded as subsets.
    /// `what` names the document in error messages ("certificate").
    /// `grid`, if any, is drawn over the SVG (a QR code's modules).
    public static func pdf(_ svg: String, width: Double, height: Double, title: String, what: String,
                           grid: PixelGrid? = nil) throws -> [UInt8] {
        try PDFDocument.write(width: width, height: height, title: title) { surface in
            try draw(svg, on: surface, x: 0, y: 0, width: width, height: height, background: false, what: what, grid: grid)
        }
    }

    /// A PNG of `width` × `height` pixels on white, `grid` (if any) drawn over the SVG.
    public static func png(_ svg: String, width: Int, height: Int, what: String, grid: PixelGrid? = nil) throws -> [UInt8] {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw PrintingError("cairo could not create a \(width) × \(height) image.")
        }
        defer { cairo_surface_destroy(surface) }
        try check(surface, "create a \(width) × \(height) image")
        try draw(svg, on: surface, x: 0, y: 0, width: Double(width), height: Double(height), background: true, what: what, grid: grid)
        cairo_surface_flush(surface)
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, writeToSink, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PrintingError("cairo could not write the PNG: \(String(cString: cairo_status_to_string(status)))")
        }
        if let failure = sink.failure { throw PrintingError("Could not write the PNG: \(failure)") }
        return sink.bytes
    }

    /// Parses `svg` with librsvg and draws it into the box at (`x`, `y`) of `width` × `height` on `surface`.
    static func draw(_ svg: String, on surface: OpaquePointer, x: Double, y: Double, width: Double, height: Double,
                     background: Bool, what: String, grid: PixelGrid? = nil) throws {
        guard let cr = cairo_create(surface) else { throw PrintingError("cairo could not create a drawing context.") }
        defer { cairo_destroy(cr) }
        if background {
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
        }
        try draw(svg, with: cr, x: x, y: y, width: width, height: height, what: what, grid: grid)
    }

    /// Draws `svg` with an existing cairo context (the kit renderer's), scaled into the box.
    static func draw(_ svg: String, with cr: OpaquePointer, x: Double, y: Double, width: Double, height: Double, what: String,
                     grid: PixelGrid? = nil) throws {
        var error: UnsafeMutablePointer<GError>?
        let bytes = Array(svg.utf8)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            rsvg_handle_new_from_data(buffer.baseAddress, gsize(buffer.count), &error)
        }
        guard let handle = parsed else {
            throw PrintingError("librsvg could not read the \(what) SVG: \(takeMessage(from: error))")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        var viewport = RsvgRectangle(x: x, y: y, width: width, height: height)
        guard rsvg_handle_render_document(handle, cr, &viewport, &error) != 0 else {
            throw PrintingError("librsvg could not render the \(what): \(takeMessage(from: error))")
        }
        if let grid { try draw(grid, over: handle, with: cr, viewport: viewport, what: what) }
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PrintingError("cairo failed while drawing the \(what): \(String(cString: cairo_status_to_string(status)))")
        }
    }

    /// Draws `grid` into its box, given in the SVG's viewBox units, mapped the way librsvg fitted the viewBox into
    /// `viewport` (scaled to fit, centred).
    private static func draw(_ grid: PixelGrid, over handle: UnsafeMutablePointer<RsvgHandle>, with cr: OpaquePointer, viewport: RsvgRectangle,
                             what: String) throws {
        var hasViewBox: gboolean = 0
        var viewBox = RsvgRectangle()
        rsvg_handle_get_intrinsic_dimensions(handle, nil, nil, nil, nil, &hasViewBox, &viewBox)
        guard hasViewBox != 0, viewBox.width > 0, viewBox.height > 0 else {
            throw PrintingError("The \(what) SVG needs a viewBox to place its \(grid.columns) × \(grid.rows) grid.")
        }
        let scale = min(viewport.width / viewBox.width, viewport.height / viewBox.height)
        let left = viewport.x + (viewport.width - viewBox.width * scale) / 2 + (grid.x - viewBox.x) * scale
        let top = viewport.y + (viewport.height - viewBox.height * scale) / 2 + (grid.y - viewBox.y) * scale
        let cell = (width: grid.width * scale / Double(grid.columns), height: grid.height * scale / Double(grid.rows))
        cairo_save(cr)
        cairo_new_path(cr)
        for row in 0..<grid.rows {
            var column = 0
            while column < grid.columns {
                guard grid.isBlack[row * grid.columns + column] else { column += 1; continue }
                let start = column
                while column < grid.columns, grid.isBlack[row * grid.columns + column] { column += 1 }
                cairo_rectangle(cr, left + Double(start) * cell.width, top + Double(row) * cell.height,
                                Double(column - start) * cell.width, cell.height)
            }
        }
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// The width librsvg lays out for the element `#id` of `svg` (Pango: real glyph widths, fallback fonts for
    /// letters the font lacks): the wider of its ink and its advance; nil if librsvg cannot say.
    public static func elementWidth(_ svg: String, id: String) -> Double? {
        var error: UnsafeMutablePointer<GError>?
        let bytes = Array(svg.utf8)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            rsvg_handle_new_from_data(buffer.baseAddress, gsize(buffer.count), &error)
        }
        guard let handle = parsed else {
            _ = takeMessage(from: error)
            return nil
        }
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        var ink = RsvgRectangle(), logical = RsvgRectangle()
        guard rsvg_handle_get_geometry_for_element(handle, "#" + id, &ink, &logical, &error) != 0 else {
            _ = takeMessage(from: error)
            return nil
        }
        return max(logical.width, ink.width)
    }

    static func check(_ surface: OpaquePointer, _ action: String) throws {
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PrintingError("cairo could not \(action): \(String(cString: cairo_status_to_string(status)))")
        }
    }
}

/// A PDF written by cairo into memory: the caller draws its pages on the surface it is given.
enum PDFDocument {
    static func write(width: Double, height: Double, title: String, draw: (OpaquePointer) throws -> Void) throws -> [UInt8] {
        let sink = ByteSink()
        // cairo writes into the sink until the surface is destroyed (the defer below, also on
        // errors), so the sink must outlive it; defers run last-declared first.
        defer { withExtendedLifetime(sink) {} }
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        guard let surface = cairo_pdf_surface_create_for_stream(writeToSink, closure, width, height) else {
            throw PrintingError("cairo could not create a PDF surface.")
        }
        defer { cairo_surface_destroy(surface) }
        try SVGPage.check(surface, "create the PDF surface")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Ustaz")
        try draw(surface)
        cairo_surface_finish(surface)
        try SVGPage.check(surface, "write the PDF")
        if let failure = sink.failure { throw PrintingError("Could not write the PDF: \(failure)") }
        return sink.bytes
    }
}

/// A grid of black and white cells drawn over an SVG page: a QR code's modules. cairo draws each row's runs of
/// black cells as rectangles, one fill for all: the same vector drawing as SVG path data, without librsvg parsing
/// thousands of numbers first.
public struct PixelGrid: Sendable {
    public let columns: Int
    public let rows: Int
    /// Row-major, `columns * rows` entries, true where the cell is black.
    public let isBlack: [Bool]
    /// The box the grid fills, in the SVG's viewBox units.
    public let x: Double, y: Double, width: Double, height: Double

    public init(columns: Int, rows: Int, isBlack: [Bool], x: Double, y: Double, width: Double, height: Double) {
        precondition(columns > 0 && rows > 0 && isBlack.count == columns * rows, "a grid has columns × rows cells")
        self.columns = columns
        self.rows = rows
        self.isBlack = isBlack
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// Takes the message out of a GError and frees it.
private func takeMessage(from error: UnsafeMutablePointer<GError>?) -> String {
    guard let error else { return "unknown error" }
    defer { g_error_free(error) }
    guard let message = error.pointee.message else { return "unknown error" }
    return String(cString: message)
}

/// Collects what cairo writes; used by one render on one thread only.
private final class ByteSink {
    var bytes: [UInt8] = []
    var failure: String?
}

/// cairo's write callback: appends to the ByteSink passed as closure.
private let writeToSink: cairo_write_func_t = { closure, data, length in
    guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    guard length == 0 || data != nil else {
        sink.failure = "cairo passed no data"
        return CAIRO_STATUS_WRITE_ERROR
    }
    if let data, length > 0 {
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    }
    return CAIRO_STATUS_SUCCESS
}
