import UstazCore

extension OfflineText {
    static let en = OfflineText(
        savingLessons: "Saving the lessons on this phone for reading offline…",
        savedLessons: { $0 == 1 ? "1 lesson saved on this phone for reading offline." : "\($0) lessons saved on this phone for reading offline." },
        notAllSaved: "Not every lesson could be saved. Open the course page again when connected.",
        answersSaved: "Your answers are saved on this phone and will be sent when the connection returns.",
        sending: "Sending the saved answers…",
        sent: "Sent: your saved answers were received.",
        seeResult: "See the result",
        signInToSend: "Sign in again to send the saved answers.",
        refused: "The saved answers were not accepted (no attempts left, or the form expired).",
        offlineCopy: "No connection. This is the copy of the page saved on this phone.",
        offlineTitle: "No connection",
        offlineBody: "This page is not saved on this phone. A course's lessons open offline once you have opened the course page while connected.",
        openMyPage: "Go to my page",
        savingKit: "Saving the kit on this phone…",
        kitSaved: "Kit saved on this phone; it opens without a connection.",
        kitNotSaved: "The kit was not saved. Try again when you are connected.")
}
