import Crypto
import Foundation
import Testing
import UstazCore
@testable import UstazWeb

@Suite("Secrets: hashes of tokens and IINs")
struct SecretsTests {
    @Test("SHA-256 and HMAC-SHA256 come out as the standard lowercase hex")
    func standardHex() {
        #expect(Secrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // RFC 4231, test case 2.
        let key = SymmetricKey(data: Data("Jefe".utf8))
        #expect(Secrets.keyedHash("what do ya want for nothing?", key: key)
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Hex.string([0x00, 0x0f, 0xf0, 0xff]) == "000ff0ff")
    }
}
