import UstazCore

/// Interface text of drawn quizzes, their feedback, and the item statistics reviewers read.
struct AssessmentText: Sendable {
    var drawnForAttempt: @Sendable (Int, Int) -> String
    var notPassedReread: String
    var keysLater: String
    var reread: String
    var yourAnswer: String
    var drawMissing: String
    var drawForeign: String
    var drawAnswered: String
    var answersDoNotFit: String
    var positionMissing: String
    var positionTwice: String
    var bank: @Sendable (Int, Int) -> String
    var objective: String
    var rereadAnchor: String

    static func `for`(_ language: Language) -> AssessmentText {
        switch language {
        case .kk: kk
        case .ru: ru
        case .en: en
        }
    }

    static let en = AssessmentText(
        drawnForAttempt: { drawn, bank in "\(drawn) questions drawn for this attempt from a bank of \(bank)" },
        notPassedReread: "Not passed yet. Reread the sections named below, then try again: your next attempt has new questions.",
        keysLater: "The answers to the questions you missed are shown once you pass or have used your last attempt.",
        reread: "Reread",
        yourAnswer: "Your answer",
        drawMissing: "This quiz form has no set of questions. Open the quiz again and answer the questions it shows.",
        drawForeign: "This set of questions belongs to another quiz. Open the quiz again and answer the questions it shows.",
        drawAnswered: "This set of questions has already been answered. Open the quiz again for a new set.",
        answersDoNotFit: "The answers do not match the questions of this attempt. Open the quiz again and answer the questions it shows.",
        positionMissing: "Give every step of an ordering question a position number.",
        positionTwice: "In an ordering question, use each position only once.",
        bank: { count, drawn in "Bank of \(count) questions; \(drawn) are drawn for each attempt, new ones first, spread over the objectives." },
        objective: "Objective",
        rereadAnchor: "Reread if wrong")

    static let ru = AssessmentText(
        drawnForAttempt: { drawn, bank in "Для этой попытки выбрано вопросов: \(drawn) из \(bank)" },
        notPassedReread: "Тест пока не пройден. Перечитайте указанные ниже разделы и попробуйте снова: в следующей попытке будут новые вопросы.",
        keysLater: "Правильные ответы на вопросы, в которых вы ошиблись, будут показаны, когда вы пройдёте тест или используете последнюю попытку.",
        reread: "Перечитайте",
        yourAnswer: "Ваш ответ",
        drawMissing: "В этой форме теста нет набора вопросов. Откройте тест заново и ответьте на показанные вопросы.",
        drawForeign: "Этот набор вопросов относится к другому тесту. Откройте тест заново и ответьте на показанные вопросы.",
        drawAnswered: "На этот набор вопросов уже ответили. Откройте тест заново, чтобы получить новый набор.",
        answersDoNotFit: "Ответы не соответствуют вопросам этой попытки. Откройте тест заново и ответьте на показанные вопросы.",
        positionMissing: "Укажите номер позиции для каждого шага в вопросе на порядок.",
        positionTwice: "В вопросе на порядок каждую позицию можно использовать только один раз.",
        bank: { count, drawn in "Банк из \(count) вопросов; в каждой попытке выбирается \(drawn): сначала новые, поровну по целям урока." },
        objective: "Цель",
        rereadAnchor: "Перечитать при ошибке")

    static let kk = AssessmentText(
        drawnForAttempt: { drawn, bank in "Бұл мүмкіндікке \(bank) сұрақтың \(drawn) сұрағы таңдалды" },
        notPassedReread: "Тест әзірге тапсырылмады. Төменде аталған бөлімдерді қайта оқып, тағы көріңіз: келесі мүмкіндікте жаңа сұрақтар болады.",
        keysLater: "Қате жауап берген сұрақтардың дұрыс жауаптары тестті тапсырғанда немесе соңғы мүмкіндікті пайдаланғанда көрсетіледі.",
        reread: "Қайта оқыңыз",
        yourAnswer: "Сіздің жауабыңыз",
        drawMissing: "Бұл тест формасында сұрақтар жинағы жоқ. Тестті қайта ашып, көрсетілген сұрақтарға жауап беріңіз.",
        drawForeign: "Бұл сұрақтар жинағы басқа тестке тиесілі. Тестті қайта ашып, көрсетілген сұрақтарға жауап беріңіз.",
        drawAnswered: "Бұл сұрақтар жинағына жауап берілген. Жаңа жинақ алу үшін тестті қайта ашыңыз.",
        answersDoNotFit: "Жауаптар осы мүмкіндіктің сұрақтарына сәйкес келмейді. Тестті қайта ашып, көрсетілген сұрақтарға жауап беріңіз.",
        positionMissing: "Рет сұрағының әр қадамына орын нөмірін қойыңыз.",
        positionTwice: "Рет сұрағында әр орынды бір рет қана қолданыңыз.",
        bank: { count, drawn in "Банкте \(count) сұрақ бар; әр мүмкіндікке \(drawn) сұрақ таңдалады: алдымен жаңалары, сабақ мақсаттары бойынша тең бөлініп." },
        objective: "Мақсат",
        rereadAnchor: "Қате болса, қайта оқу")
}
