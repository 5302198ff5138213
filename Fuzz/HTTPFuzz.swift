// libFuzzer entry for what our own code parses out of a request (libmicrohttpd parses the request
// line and headers): targets, query strings, url-encoded forms, cookies and multipart bodies.
// Compiled together with the HTTPServer sources it tests by scripts/fuzz.sh; not part of the package.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: start, count: count))
    let rest = Array(input.dropFirst())
    let text = String(decoding: rest, as: UTF8.self)
    switch input[0] % 4 {
    case 0: checkParameters(text)
    case 1: checkTarget(text)
    case 2: checkCookies(text)
    default: checkMultipart(rest)
    }
    return 0
}

/// Must parse or refuse with a 400; what parses re-encodes to the same pairs.
func checkParameters(_ text: String) {
    do {
        let parameters = try Parameters(parsing: Substring(text))
        let encoded = parameters.pairs.map { $0.name.urlEncoded + "=" + $0.value.urlEncoded }.joined(separator: "&")
        let again = try Parameters(parsing: Substring(encoded))
        require(again.pairs.map(\.name) == parameters.pairs.map(\.name), "re-encoded names differ")
        require(again.pairs.map(\.value) == parameters.pairs.map(\.value), "re-encoded values differ")
        for pair in parameters.pairs { require(try PercentDecoding.decode(Substring(pair.value.urlEncoded), plusIsSpace: false) == pair.value, "percent round trip") }
    } catch {
        require(error.status == 400 && !error.message.isEmpty, "query refusal must be a 400 with a message")
    }
}

/// A request target either becomes a request whose path starts with "/" and has no NUL, or a 400.
func checkTarget(_ text: String) {
    do {
        let request = try Request(method: .get, target: text)
        require(request.path.utf8.first == UInt8(ascii: "/"), "decoded path must start with /")
        require(!request.path.utf8.contains(0), "decoded path must not contain NUL")
        require(request.target == text, "target kept as sent")
    } catch {
        require(error.status == 400 && !error.message.isEmpty, "target refusal must be a 400 with a message")
    }
}

/// Cookie names and values never carry the separator or surrounding blanks.
func checkCookies(_ text: String) {
    let cookies = Cookies.parse(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    for (name, value) in cookies {
        require(!name.contains(";") && !value.contains(";"), "cookie split must remove ;")
        for piece in [name, value] where !piece.isEmpty {
            require(piece.first != " " && piece.last != " " && piece.first != "\t" && piece.last != "\t", "cookie not trimmed")
        }
    }
}

/// First line is the Content-Type, the rest the body. Parsed parts, written out again with the same
/// boundary, parse to the same parts; anything refused is a 400.
func checkMultipart(_ bytes: [UInt8]) {
    let newline = bytes.firstIndex(of: 10) ?? bytes.count
    let header = String(decoding: bytes[..<newline], as: UTF8.self)
    let body = newline < bytes.count ? Array(bytes[(newline + 1)...]) : []
    guard let boundary = MultipartParser.boundary(fromContentType: header) else { return }
    require(!boundary.isEmpty && boundary.utf8.count <= 70, "boundary limits")
    let parts: [MultipartPart]
    do {
        parts = try MultipartParser.parse(body, boundary: boundary)
    } catch {
        require(error.status == 400 && !error.message.isEmpty, "multipart refusal must be a 400 with a message")
        return
    }
    var rebuilt: [UInt8] = []
    for part in parts {
        require(!part.name.isEmpty, "a part always has a name")
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
        if let filename = part.filename { head += "; filename=\"\(filename)\"" }
        if let contentType = part.contentType { head += "\r\nContent-Type: \(contentType)" }
        rebuilt += Array((head + "\r\n\r\n").utf8) + part.data + [13, 10]
    }
    rebuilt += Array("--\(boundary)--".utf8)
    guard let again = try? MultipartParser.parse(rebuilt, boundary: boundary) else {
        fatalError("re-encoded multipart body was refused")
    }
    require(again.count == parts.count, "re-encoded part count differs")
    for (a, b) in zip(parts, again) {
        require(a.name == b.name && a.filename == b.filename && a.contentType == b.contentType && a.data == b.data,
                "re-encoded part differs")
    }
}

func require(_ condition: @autoclosure () throws -> Bool, _ what: String) {
    guard (try? condition()) == true else { fatalError("invariant broken: \(what)") }
}
