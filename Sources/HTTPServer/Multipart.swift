/// One part of a `multipart/form-data` body.
public struct MultipartPart: Sendable {
    public var name: String
    public var filename: String?
    public var contentType: String?
    public var data: [UInt8]
    public var text: String? { String(validating: data, as: UTF8.self) }
}

/// A strict parser for RFC 7578 bodies: anything malformed is a 400 with the reason.
enum MultipartParser {
    static func boundary(fromContentType header: String) -> String? {
        for parameter in header.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingSpaces.lowercased() == "boundary" else { continue }
            var value = parts[1].trimmingSpaces
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.utf8.count > 70 ? nil : value
        }
        return nil
    }

    static func parse(_ body: [UInt8], boundary: String) throws(HTTPError) -> [MultipartPart] {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard var cursor = body.firstRange(of: delimiter)?.upperBound else {
            throw .badRequest("The multipart body does not contain its boundary.")
        }
        var parts: [MultipartPart] = []
        let separator = crlf + delimiter
        while true {
            // After a delimiter comes either "--" (the end) or CRLF and a part.
            if body[cursor...].starts(with: [45, 45]) { return parts }
            guard body[cursor...].starts(with: crlf) else {
                throw .badRequest("The multipart body is malformed after a boundary.")
            }
            cursor += 2
            guard let headerEnd = body[cursor...].firstRange(of: crlf + crlf) else {
                throw .badRequest("A part of the multipart body has no end to its headers.")
            }
            guard let headerText = String(validating: body[cursor..<headerEnd.lowerBound], as: UTF8.self) else {
                throw .badRequest("A part of the multipart body has headers that are not UTF-8.")
            }
            guard let next = body[headerEnd.upperBound...].firstRange(of: separator) else {
                throw .badRequest("The multipart body ends before its closing boundary.")
            }
            var part = MultipartPart(name: "", filename: nil, contentType: nil,
                                     data: Array(body[headerEnd.upperBound..<next.lowerBound]))
            for line in headerText.split(separator: "\r\n") {
                let pieces = line.split(separator: ":", maxSplits: 1)
                guard pieces.count == 2 else { continue }
                let field = pieces[0].trimmingSpaces.lowercased()
                if field == "content-type" { part.contentType = pieces[1].trimmingSpaces }
                if field == "content-disposition" {
                    let attributes = dispositionAttributes(String(pieces[1]))
                    part.name = attributes["name"] ?? ""
                    part.filename = attributes["filename"]
                }
            }
            guard !part.name.isEmpty else { throw .badRequest("A part of the multipart body has no field name.") }
            parts.append(part)
            cursor = next.upperBound
        }
    }

    private static func dispositionAttributes(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        for piece in value.split(separator: ";").dropFirst() {
            let parts = piece.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            var text = parts[1].trimmingSpaces
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            result[parts[0].trimmingSpaces.lowercased()] = text
        }
        return result
    }
}
