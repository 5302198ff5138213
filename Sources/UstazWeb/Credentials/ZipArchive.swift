/// A ZIP file built in memory with stored (uncompressed) entries: certificates are already
/// compressed PDFs, so deflating them again would only cost time.
struct ZipArchive {
    private var data: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    mutating func add(name: String, contents: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = ZipArchive.crc32(contents)
        let offset = UInt32(data.count)
        // Local header: version 2.0, flag bit 11 (UTF-8 names), method 0 (stored), no date.
        data += le32(0x0403_4b50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
        data += le32(crc) + le32(UInt32(contents.count)) + le32(UInt32(contents.count))
        data += le16(UInt16(nameBytes.count)) + le16(0) + nameBytes + contents
        central += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
        central += le32(crc) + le32(UInt32(contents.count)) + le32(UInt32(contents.count))
        central += le16(UInt16(nameBytes.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + nameBytes
        count += 1
    }

    var bytes: [UInt8] {
        data + central + le32(0x0605_4b50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
            + le32(UInt32(central.count)) + le32(UInt32(data.count)) + le16(0)
    }

    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xff) } }

    private static let table: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(~UInt32(0)) { table[Int(($0 ^ UInt32($1)) & 0xff)] ^ ($0 >> 8) }
    }
}
