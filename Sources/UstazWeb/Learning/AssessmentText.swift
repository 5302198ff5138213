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
    var itemStatistics: String
    var statisticsIntro: String
    var responsesCount: @Sendable (Int) -> String
    var item: String
    var responses: String
    var facility: String
    var discrimination: String
    var optionShares: String
    var flags: String
    var tooHard: String
    var tooEasy: String
    var weakDiscrimination: String
    var negativeDiscrimination: String
    var unchosenDistractor: @Sendable (String) -> String
    var noResponses: String
    var flaggedItems: @Sendable (Int, Int, Int) -> String

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
        rereadAnchor: "Reread if wrong",
        itemStatistics: "Item statistics",
        statisticsIntro: "From every submitted attempt at this version. Facility: the share answering right (flagged below 0.20 or above 0.95). Discrimination: the point-biserial correlation between the item and the rest of the attempt (flagged below 0.10; below zero is an alarm). Options: the share choosing each (ordering: putting the step in its place); a wrong option nobody chooses is flagged.",
        responsesCount: { $0 == 1 ? "1 response" : "\(Formatting.number($0, .en)) responses" },
        item: "Item",
        responses: "Responses",
        facility: "Facility",
        discrimination: "Discrimination",
        optionShares: "Options chosen",
        flags: "Flags",
        tooHard: "too hard",
        tooEasy: "too easy",
        weakDiscrimination: "weak discrimination",
        negativeDiscrimination: "ALARM: negative discrimination",
        unchosenDistractor: { "option \($0) never chosen" },
        noResponses: "No attempts yet.",
        flaggedItems: { flagged, alarms, items in "\(flagged) of \(items) items flagged, \(alarms) with an alarm." })

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
        rereadAnchor: "Перечитать при ошибке",
        itemStatistics: "Статистика заданий",
        statisticsIntro: "По всем отправленным попыткам этой версии. Лёгкость: доля верных ответов (отмечается ниже 0,20 или выше 0,95). Различающая способность: точечно-бисериальная корреляция задания с остальной частью попытки (отмечается ниже 0,10; ниже нуля — тревога). Варианты: доля выбравших каждый (для порядка — поставивших шаг на его место); неверный вариант, который никто не выбирает, отмечается.",
        responsesCount: { Formatting.russianPlural($0, one: "\(Formatting.number($0, .ru)) ответ", few: "\(Formatting.number($0, .ru)) ответа", many: "\(Formatting.number($0, .ru)) ответов") },
        item: "Задание",
        responses: "Ответы",
        facility: "Лёгкость",
        discrimination: "Различающая способность",
        optionShares: "Выбор вариантов",
        flags: "Отметки",
        tooHard: "слишком трудное",
        tooEasy: "слишком лёгкое",
        weakDiscrimination: "слабо различает",
        negativeDiscrimination: "ТРЕВОГА: отрицательная различающая способность",
        unchosenDistractor: { "вариант \($0) никто не выбрал" },
        noResponses: "Попыток пока нет.",
        flaggedItems: { flagged, alarms, items in "Отмечено заданий: \(flagged) из \(items), с тревогой: \(alarms)." })

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
        rereadAnchor: "Қате болса, қайта оқу",
        itemStatistics: "Тапсырмалар статистикасы",
        statisticsIntro: "Осы нұсқаның барлық жіберілген мүмкіндіктері бойынша. Жеңілдік: дұрыс жауап берген үлес (0,20-дан төмен не 0,95-тен жоғары болса белгіленеді). Айыру қабілеті: тапсырма мен мүмкіндіктің қалған бөлігі арасындағы нүктелі-бисериалдық корреляция (0,10-нан төмен болса белгіленеді; нөлден төмені — дабыл). Нұсқалар: әрқайсысын таңдағандар үлесі (рет сұрағында — қадамды өз орнына қойғандар); ешкім таңдамаған қате нұсқа белгіленеді.",
        responsesCount: { "\(Formatting.number($0, .kk)) жауап" },
        item: "Тапсырма",
        responses: "Жауаптар",
        facility: "Жеңілдік",
        discrimination: "Айыру қабілеті",
        optionShares: "Нұсқаларды таңдау",
        flags: "Белгілер",
        tooHard: "тым қиын",
        tooEasy: "тым жеңіл",
        weakDiscrimination: "әлсіз айырады",
        negativeDiscrimination: "ДАБЫЛ: теріс айыру қабілеті",
        unchosenDistractor: { "\($0) нұсқасын ешкім таңдамады" },
        noResponses: "Әзірге мүмкіндіктер жоқ.",
        flaggedItems: { flagged, alarms, items in "\(items) тапсырманың \(flagged) белгіленді, дабылы барлары: \(alarms)." })
}
