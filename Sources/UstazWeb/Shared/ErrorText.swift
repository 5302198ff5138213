/// Error messages that reach people, once per language: the HTTP layer's stock answers (it knows only
/// the status) and the refusals of handlers that have no feature catalogue of their own.
struct ErrorText: Sendable {
    var unauthorized: String
    var forbidden: String
    var notFound: String
    var methodNotAllowed: String
    var tooLarge: @Sendable (_ limit: String) -> String
    var tooManyRequests: @Sendable (_ seconds: String) -> String
    /// The slow lane's queue is full (certificate files, sign-ins): only this kind of request must wait.
    var busy: @Sendable (_ seconds: String) -> String
    var serverError: String
    var badRequest: String
    var attachCSV: String
    var practicumChoice: String
    var chooseRegion: String
    var noSuchTable: @Sendable (_ name: String, _ tables: String) -> String
    var tableForStaff: String
    var decisionChoice: String
    var orderingPositionMissing: @Sendable (_ question: String) -> String
    var orderingPositionRepeated: @Sendable (_ question: String) -> String
    var revocationReason: @Sendable (_ reasons: String) -> String
    var alreadyRevoked: String
    var alreadyHolds: String
    var onlyCurrentReissued: String
    var alreadyReplaced: String
}
