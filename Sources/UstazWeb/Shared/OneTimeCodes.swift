import Foundation
import HTTPServer
import UstazCore
import UstazStore

/// One-time codes people type or follow (first administrator, account activation, password reset): checked without
/// being used, used up in the same transaction as the change they allow, and guessed against the sign-in limit.
struct OneTimeCodes: Sendable {
    let store: Store
    let limiter: SignInLimiter

    /// The code as people type it from paper: spaces and dashes ignored, any case.
    static func typedCode(_ form: Parameters) -> String {
        (form["code"] ?? "").filter { !$0.isWhitespace && $0 != "-" }.uppercased()
    }

    /// Codes are guessed against the same per-address limit as sign-in.
    func codeGuessingIsBlocked(purpose: String, _ request: Request) -> Bool {
        limiter.isBlocked(login: purpose, address: request.remoteAddress)
    }

    /// Whether a one-time code can still be used, without using it; a bad code counts as a guess.
    func oneTimeCodeIsValid(_ code: String, purpose: String, _ request: Request) throws -> Bool {
        guard try store.oneTimeCodeIsValid(hash: Secrets.hash(code), purpose: purpose, now: Date()) else {
            limiter.recordFailure(login: purpose, address: request.remoteAddress)
            return false
        }
        return true
    }

    static func throttled(_ response: Response) -> Response {
        var response = response
        response.headers["Retry-After"] = "900"
        return response
    }

    /// Uses up the code and applies `change` to its person in the same transaction; nil (and a counted failure)
    /// when the code is unknown, used or expired.
    func redeem(_ code: String, purpose: String, _ request: Request,
                _ change: (_ personID: Int64, _ transaction: Transaction) throws -> Void) throws -> Person? {
        let redeemed = try store.consumeOneTimeCode(hash: Secrets.hash(code), purpose: purpose, now: Date()) { personID, transaction in
            guard let personID else { return nil as Int64? }
            try change(personID, transaction)
            return personID
        }
        guard let personID = redeemed ?? nil, let person = try store.person(id: personID) else {
            limiter.recordFailure(login: purpose, address: request.remoteAddress)
            return nil
        }
        return person
    }
}
