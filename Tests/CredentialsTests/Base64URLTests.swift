import Foundation
import Testing
@testable import Credentials

@Suite("Base64url")
struct Base64URLTests {
    @Test("agrees with Foundation's base64 (alphabet swapped, padding dropped) for every length up to 300")
    func agreesWithFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...300 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == expected)
            #expect(Base64URL.decode(expected) == bytes)
        }
    }

    @Test("refuses padding, foreign characters, impossible lengths and non-canonical trailing bits")
    func refusesWhatIsNotCanonical() {
        #expect(Base64URL.decode("QQ==") == nil)
        #expect(Base64URL.decode("Q+") == nil)
        #expect(Base64URL.decode("QUJDR") == nil)
        #expect(Base64URL.decode("QQ") == [0x41])
        #expect(Base64URL.decode("QR") == nil)
        #expect(Base64URL.decode("") == [])
    }
}
