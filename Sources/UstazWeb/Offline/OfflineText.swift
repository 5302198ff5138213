import UstazCore

/// Interface text of offline reading and of quiz answers kept on the phone until the connection returns.
struct OfflineText: Sendable {
    var savingLessons: String
    var savedLessons: @Sendable (Int) -> String
    var notAllSaved: String
    var answersSaved: String
    var sending: String
    var sent: String
    var seeResult: String
    var signInToSend: String
    var refused: String
    var offlineCopy: String
    var offlineTitle: String
    var offlineBody: String
    var openMyPage: String
    var savingKit: String
    var kitSaved: String
    var kitNotSaved: String

    /// The texts the page script shows, by the names it looks them up with.
    var scriptTexts: [String: String] {
        ["saving": savingLessons, "partial": notAllSaved, "saved": answersSaved, "sending": sending, "sent": sent, "result": seeResult,
         "signin": signInToSend, "refused": refused, "offline": offlineCopy,
         "kitSaving": savingKit, "kitSaved": kitSaved, "kitNotSaved": kitNotSaved]
    }
}
