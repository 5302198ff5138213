import Passwords
import Testing

@Suite("argon2id passwords")
struct PasswordTests {
    @Test func hashesVerifyAndAreSalted() {
        let hasher = PasswordHasher.fast
        let first = hasher.hash("Сәлем, әлем! 2026")
        let second = hasher.hash("Сәлем, әлем! 2026")
        #expect(first.hasPrefix("$argon2id$v=19$m=1024,t=1,p=1$"))
        #expect(first != second)
        #expect(PasswordHasher.verify("Сәлем, әлем! 2026", against: first))
        #expect(!PasswordHasher.verify("сәлем, әлем! 2026", against: first))
        #expect(!PasswordHasher.verify("anything", against: "not a hash"))
    }

    @Test func standardParametersAreTheProductionOnes() {
        let hash = PasswordHasher.standard.hash("correct horse battery staple")
        #expect(hash.hasPrefix("$argon2id$v=19$m=65536,t=3,p=1$"))
        #expect(PasswordHasher.verify("correct horse battery staple", against: hash))
    }
}
