import CZlib

/// gzip through zlib, for text responses and precompressed static files.
public enum Gzip {
    static let minimumSize = 1024
    static let compressibleTypes = ["text/", "application/json", "application/javascript", "image/svg+xml",
                                    "application/manifest+json", "application/ld+json", "application/xml"]

    static func shouldCompress(_ response: Response, acceptEncoding: String?) -> Bool {
        guard response.body.count >= minimumSize, !response.headers.contains("Content-Encoding"),
              let acceptEncoding, accepts(acceptEncoding),
              let type = response.headers["Content-Type"] else { return false }
        return compressibleTypes.contains { type.hasPrefix($0) }
    }

    /// True when the Accept-Encoding header allows gzip (and does not give it q=0).
    public static func accepts(_ acceptEncoding: String) -> Bool {
        for coding in acceptEncoding.lowercased().split(separator: ",") {
            let parts = coding.split(separator: ";").map { $0.trimmingSpaces }
            guard parts.first == "gzip" || parts.first == "*" else { continue }
            return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
        }
        return false
    }

    public static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for a gzip header and trailer.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return input }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        var input = input
        let written: Int = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = UInt32(destination.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return -1 }
                return destination.count - Int(stream.avail_out)
            }
        }
        guard written >= 0 else { return input }
        output.removeSubrange(written...)
        return output
    }

    /// Inflates gzip data; used by tests and by the static-file loader's checks.
    public static func decompress(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = input
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeMutableBufferPointer { source -> [UInt8]? in
            stream.next_in = source.baseAddress
            stream.avail_in = UInt32(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, buffer.count - Int(stream.avail_out))
                }
                result.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { return result }
                if status != Z_OK { return nil }
            }
        }
    }
}
