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

    static func `for`(_ language: Language) -> OfflineText {
        switch language {
        case .kk: kk
        case .ru: ru
        case .en: en
        }
    }

    /// The texts the page script shows, by the names it looks them up with.
    var scriptTexts: [String: String] {
        ["saving": savingLessons, "partial": notAllSaved, "saved": answersSaved, "sending": sending, "sent": sent, "result": seeResult,
         "signin": signInToSend, "refused": refused, "offline": offlineCopy]
    }

    static let kk = OfflineText(
        savingLessons: "Сабақтар желісіз оқу үшін телефонға сақталуда…",
        savedLessons: { "\($0) сабақ желісіз оқу үшін осы телефонға сақталды." },
        notAllSaved: "Барлық сабақ сақталмады. Интернет бар кезде курс бетін қайта ашыңыз.",
        answersSaved: "Жауаптарыңыз осы телефонда сақталды. Байланыс қалпына келгенде жіберіледі.",
        sending: "Сақталған жауаптар жіберілуде…",
        sent: "Жіберілді: сақталған жауаптарыңыз қабылданды.",
        seeResult: "Нәтижені көру",
        signInToSend: "Сақталған жауаптарды жіберу үшін қайта кіріңіз.",
        refused: "Сақталған жауаптар қабылданбады (әрекет саны таусылған немесе форма ескірген).",
        offlineCopy: "Байланыс жоқ. Бұл — беттің телефонға сақталған көшірмесі.",
        offlineTitle: "Байланыс жоқ",
        offlineBody: "Бұл бет телефонға сақталмаған. Курс бетін интернет бар кезде ашсаңыз, оның сабақтары желісіз де ашылады.",
        openMyPage: "Менің бетіме өту")

    static let ru = OfflineText(
        savingLessons: "Уроки сохраняются на телефон для чтения без связи…",
        savedLessons: { count in
            "\(count) " + Formatting.russianPlural(count, one: "урок сохранён", few: "урока сохранены", many: "уроков сохранено")
                + " на этом телефоне для чтения без связи."
        },
        notAllSaved: "Не все уроки удалось сохранить. Откройте страницу курса ещё раз, когда будет связь.",
        answersSaved: "Ваши ответы сохранены на этом телефоне и будут отправлены, когда появится связь.",
        sending: "Отправляем сохранённые ответы…",
        sent: "Отправлено: сохранённые ответы приняты.",
        seeResult: "Посмотреть результат",
        signInToSend: "Войдите снова, чтобы отправить сохранённые ответы.",
        refused: "Сохранённые ответы не приняты (попытки закончились или форма устарела).",
        offlineCopy: "Нет связи. Это сохранённая на телефоне копия страницы.",
        offlineTitle: "Нет связи",
        offlineBody: "Эта страница не сохранена на телефоне. Уроки курса открываются без связи, если хотя бы раз открыть страницу курса при подключении.",
        openMyPage: "Перейти на мою страницу")

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
        openMyPage: "Go to my page")
}
