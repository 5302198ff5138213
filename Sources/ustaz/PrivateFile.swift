import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An output file only its owner may read (mode 0600) that holds secrets such as activation codes.
/// It is opened before the work whose secrets go into it, so an unwritable path stops that work
/// before it starts; every failure names the file and the system's reason.
final class PrivateFile {
    let path: String
    private let descriptor: Int32
    private let createdHere: Bool

    init(opening path: String) throws {
        self.path = path
        createdHere = !FileManager.default.fileExists(atPath: path)
        descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ValidationError("Cannot write \(path): \(PrivateFile.reason()).") }
        guard fchmod(descriptor, 0o600) == 0 else {
            let reason = PrivateFile.reason()
            close(descriptor)
            throw ValidationError("Cannot make \(path) private (mode 0600): \(reason).")
        }
    }

    deinit { close(descriptor) }

    /// Replaces the contents with `bytes` and waits until they are on disk.
    func write(_ bytes: [UInt8]) throws {
        guard ftruncate(descriptor, 0) == 0 else { throw PrivateFile.Failure(path, "cannot empty it") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard written > 0 else { throw PrivateFile.Failure(path, PrivateFile.reason()) }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw PrivateFile.Failure(path, PrivateFile.reason()) }
    }

    /// Removes the file if this run created it and nothing was written (the work it was for did not happen).
    func discardIfCreatedHere() {
        if createdHere { unlink(path) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ path: String, _ reason: String) { description = "Could not write \(path): \(reason)." }
    }

    private static func reason() -> String { String(cString: strerror(errno)) }
}
