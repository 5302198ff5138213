// libFuzzer entry for the certificate token, the one thing anyone can hand us through a QR code.
// Compiled with the Credentials sources it needs by scripts/fuzz.sh.
import Foundation
import UstazCore

let fuzzRing: KeyRing = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ustaz-fuzz-keys-\(getpid())")
    do { return try KeyRing.loadOrCreate(folder: folder).0 } catch { fatalError("cannot make a key ring: \(error)") }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzToken(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    // As raw payload bytes: decode, and what decodes encodes back to the same bytes.
    do {
        let token = try CertificateToken.decode(bytes)
        require(Array(try token.payload()) == bytes, "decode then encode changes the bytes")
        // A decoded token signed by us (under our key id) verifies to itself; one flipped byte and it does not.
        var ours = token
        ours.keyID = fuzzRing.activeKeyID
        let signed = try ours.signed(with: fuzzRing)
        require(try CertificateToken.verify(signed, keys: fuzzRing.publicKeys) == ours, "sign then verify differs")
        var data = Data(base64URLEncoded: signed)!
        data[data.count / 2] ^= 0x01
        require((try? CertificateToken.verify(data.base64URLEncoded, keys: fuzzRing.publicKeys)) == nil, "tampered token verified")
    } catch let failure as CertificateToken.VerificationFailure {
        require(failure == .malformed, "decode fails only as malformed")
    } catch {
        fatalError("unexpected error \(error)")
    }
    // As text from a scanner or a pasted URL: never verifies without our signature, fails typed.
    let text = CertificateToken.extract(fromURLOrToken: String(decoding: bytes, as: UTF8.self))
    do throws(CertificateToken.VerificationFailure) {
        _ = try CertificateToken.verify(text, keys: fuzzRing.publicKeys)
        fatalError("an unsigned token verified")
    } catch {
        require(!error.description.isEmpty, "failure has a message")
    }
    return 0
}

func require(_ condition: @autoclosure () throws -> Bool, _ what: String) {
    guard (try? condition()) == true else { fatalError("invariant broken: \(what)") }
}
