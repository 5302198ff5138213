import CQREncode
public import Printing
import Foundation

/// A QR code symbol (error correction level M, 8-bit mode), held as plain Swift values.
///
/// The C structure from libqrencode is copied and freed inside `encode`; nothing of it escapes.
public struct QRCode: Sendable, Equatable {
    /// Light modules required around the symbol on every side; every drawing includes them.
    public static let quietZone = 4

    /// Modules per side of the symbol itself (21 for version 1, 45 for version 7, …).
    public let size: Int
    /// Row-major, `size * size` entries, true where the module is dark.
    private let modules: [Bool]

    /// Modules per side of the drawing, quiet zone included.
    public var sizeWithQuietZone: Int { size + 2 * QRCode.quietZone }

    /// Encodes `text` as UTF-8 bytes. Fails for empty text, text holding NUL characters
    /// (the C string interface stops there) and text too long for the largest symbol.
    public static func encode(_ text: String) throws -> QRCode {
        guard !text.isEmpty else { throw CredentialsError("Cannot make a QR code of empty text.") }
        guard !text.utf8.contains(0) else { throw CredentialsError("Cannot make a QR code of text holding a NUL character.") }
        errno = 0
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            if errno == ERANGE {
                throw CredentialsError("The text (\(text.utf8.count) bytes) is too long for a QR code.")
            }
            throw CredentialsError("libqrencode could not encode the text (errno \(errno)).")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else {
            throw CredentialsError("libqrencode returned an empty symbol.")
        }
        let modules = (0..<(width * width)).map { data[$0] & 1 == 1 }
        return QRCode(size: width, modules: modules)
    }

    private init(size: Int, modules: [Bool]) {
        self.size = size
        self.modules = modules
    }

    /// Whether the module at column `x`, row `y` is dark; false outside the symbol (the quiet zone).
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// The symbol as a grid of modules, quiet zone included (white), to be drawn sharp into the square box at
    /// (`x`, `y`) of side `size`, in the page's SVG units.
    public func pixelGrid(x: Double, y: Double, size: Double) -> PixelGrid {
        let side = sizeWithQuietZone
        let cells = (0..<side * side).map { index in
            isDark(x: index % side - QRCode.quietZone, y: index / side - QRCode.quietZone)
        }
        return PixelGrid(columns: side, rows: side, isBlack: cells, x: x, y: y, width: size, height: size)
    }

    /// SVG path data drawing every dark module, each horizontal run of dark modules as one
    /// rectangle (for QR codes shown inside web pages). The drawing is `sizeWithQuietZone * moduleSize` wide and high with its top left
    /// corner at (`originX`, `originY`): the symbol starts `quietZone` modules in from there, so the
    /// quiet zone is part of the box (paint the box light underneath). Coordinates are rounded
    /// to 1/1000 and computed per module edge, so neighbouring rows meet without seams.
    public func svgPath(moduleSize: Double, originX: Double, originY: Double) -> String {
        let offset = QRCode.quietZone
        func edgeX(_ column: Int) -> String { QRCode.number(originX + Double(column + offset) * moduleSize) }
        func edgeY(_ row: Int) -> String { QRCode.number(originY + Double(row + offset) * moduleSize) }
        var path = ""
        path.reserveCapacity(size * size * 4)
        for y in 0..<size {
            let top = edgeY(y), bottom = edgeY(y + 1)
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size, isDark(x: x, y: y) { x += 1 }
                let left = edgeX(start)
                path += "M\(left) \(top)H\(edgeX(x))V\(bottom)H\(left)Z"
            }
        }
        return path
    }

    /// A compact decimal without exponent or locale: at most three fraction digits, no trailing zeros.
    static func number(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let sign = thousandths < 0 ? "-" : ""
        let magnitude = abs(thousandths)
        let whole = magnitude / 1000
        var fraction = magnitude % 1000
        guard fraction != 0 else { return "\(sign)\(whole)" }
        var digits = 3
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let text = String(fraction)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }
}
