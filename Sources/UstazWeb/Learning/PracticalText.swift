import UstazCore

/// Interface text of the classroom practical: the teacher's report, the trainer's decision, reassignment.
struct PracticalText: Sendable {
    var title: String
    var intro: String
    var noPupilNames: String
    var taughtOn: String
    var className: String
    var lesson: String
    var pupilsDid: String
    var pupilQuestion: String
    var wouldChange: String
    var adaptedPlan: String
    var characters: @Sendable (Int, Int) -> String
    var send: String
    var sendAgain: String
    var notSubmitted: String
    var submitted: String
    var returned: String
    var accepted: String
    var trainerComment: String
    var required: @Sendable (String) -> String
    var tooShort: @Sendable (String, Int) -> String
    var tooLong: @Sendable (String, Int) -> String
    var notADate: String
    var inTheFuture: String
    var tooLongAgo: String
    var unknownLesson: String
    var waitingForTrainer: String
    var alreadyAccepted: String
    var waiting: String
    var accept: String
    var returnIt: String
    var comment: String
    var commentRequired: String
    var notTheReviewer: String
    var notPending: String
    var reviewer: String
    var lastActive: String
    var never: String
    var reassign: String
    var reassignTo: String
    var noneWaiting: String
    var unknownReviewer: String
    var teacher: String
    var sentOn: String
    var acceptanceRate: String

    static func `for`(_ language: Language) -> PracticalText {
        switch language {
        case .kk: kk
        case .ru: ru
        case .en: en
        }
    }

    func status(_ status: PracticalReport.Status?) -> String {
        switch status {
        case nil: notSubmitted
        case .submitted?: submitted
        case .returned?: returned
        case .accepted?: accepted
        }
    }

    func label(_ field: PracticalReport.Field) -> String {
        switch field {
        case .taughtOn: taughtOn
        case .className: className
        case .lessonID: lesson
        case .pupilsDid: pupilsDid
        case .pupilQuestion: pupilQuestion
        case .wouldChange: wouldChange
        case .adaptedPlan: adaptedPlan
        }
    }

    func message(_ problem: PracticalReport.Problem) -> String {
        switch problem {
        case .missing(let field): required(label(field))
        case .tooShort(let field, let minimum): tooShort(label(field), minimum)
        case .tooLong(let field, let maximum): tooLong(label(field), maximum)
        case .notADate: notADate
        case .inTheFuture: inTheFuture
        case .tooLongAgo: tooLongAgo
        case .unknownLesson: unknownLesson
        }
    }

    static let en = PracticalText(
        title: "Classroom practical",
        intro: "Teach one lesson of this course in your own class, then describe it here. Your trainer reads the report and accepts it, or returns it with a comment for you to revise. Your certificate is issued once the report is accepted.",
        noPupilNames: "Do not write pupils' names or anything else that identifies a pupil: write \"a pupil\", \"a girl in the front row\".",
        taughtOn: "Date you taught the lesson",
        className: "Class (for example 4 Ә)",
        lesson: "Lesson you taught",
        pupilsDid: "What the pupils did",
        pupilQuestion: "One question a pupil asked",
        wouldChange: "What you would change next time",
        adaptedPlan: "Your adapted lesson plan (optional, as text)",
        characters: { minimum, maximum in minimum == 0 ? "up to \(maximum) characters" : "\(minimum) to \(maximum) characters" },
        send: "Send the report",
        sendAgain: "Send the revised report",
        notSubmitted: "not sent yet",
        submitted: "sent, waiting for your trainer",
        returned: "returned by your trainer: revise it and send it again",
        accepted: "accepted",
        trainerComment: "Your trainer's comment",
        required: { "\($0): please fill this in." },
        tooShort: { field, minimum in "\(field): write at least \(minimum) characters." },
        tooLong: { field, maximum in "\(field): at most \(maximum) characters." },
        notADate: "The date must be a real date, written YYYY-MM-DD.",
        inTheFuture: "The date cannot be in the future.",
        tooLongAgo: "The lesson must have been taught within the last year.",
        unknownLesson: "Choose a lesson of this course.",
        waitingForTrainer: "Your report has been sent and waits for your trainer's decision; you can change it if it is returned.",
        alreadyAccepted: "Your report has been accepted; it can no longer be changed.",
        waiting: "Classroom practicals waiting for a decision",
        accept: "Accept",
        returnIt: "Return with a comment",
        comment: "Comment for the teacher",
        commentRequired: "Say what to revise when you return a report.",
        notTheReviewer: "Only the trainer this report is assigned to can decide on it.",
        notPending: "This report is not waiting for a decision.",
        reviewer: "Reviewer",
        lastActive: "Reviewer last active",
        never: "never",
        reassign: "Reassign",
        reassignTo: "New reviewer: login of a lead or master trainer",
        noneWaiting: "No report is waiting.",
        unknownReviewer: "No lead trainer or master trainer has that login.",
        teacher: "Teacher",
        sentOn: "Sent",
        acceptanceRate: "Practicals accepted")

    static let ru = PracticalText(
        title: "Практика в классе",
        intro: "Проведите один урок этого курса в своём классе и опишите его здесь. Ваш тренер прочитает отчёт и примет его или вернёт с комментарием на доработку. Сертификат выдаётся после того, как отчёт принят.",
        noPupilNames: "Не пишите имён учеников и ничего, что позволяет узнать ученика: пишите «ученик», «девочка за первой партой».",
        taughtOn: "Дата урока",
        className: "Класс (например, 4 «Б»)",
        lesson: "Проведённый урок",
        pupilsDid: "Что делали ученики",
        pupilQuestion: "Один вопрос, который задал ученик",
        wouldChange: "Что вы измените в следующий раз",
        adaptedPlan: "Ваш адаптированный план урока (необязательно, текстом)",
        characters: { minimum, maximum in minimum == 0 ? "до \(maximum) знаков" : "от \(minimum) до \(maximum) знаков" },
        send: "Отправить отчёт",
        sendAgain: "Отправить исправленный отчёт",
        notSubmitted: "ещё не отправлен",
        submitted: "отправлен, ждёт решения тренера",
        returned: "возвращён тренером: исправьте и отправьте снова",
        accepted: "принят",
        trainerComment: "Комментарий тренера",
        required: { "«\($0)»: заполните это поле." },
        tooShort: { field, minimum in "«\(field)»: напишите не меньше \(minimum) знаков." },
        tooLong: { field, maximum in "«\(field)»: не больше \(maximum) знаков." },
        notADate: "Дата должна быть настоящей датой в виде ГГГГ-ММ-ДД.",
        inTheFuture: "Дата не может быть в будущем.",
        tooLongAgo: "Урок должен быть проведён в течение последнего года.",
        unknownLesson: "Выберите урок этого курса.",
        waitingForTrainer: "Отчёт отправлен и ждёт решения тренера; изменить его можно, если тренер его вернёт.",
        alreadyAccepted: "Отчёт принят, изменить его уже нельзя.",
        waiting: "Отчёты о практике, ждущие решения",
        accept: "Принять",
        returnIt: "Вернуть с комментарием",
        comment: "Комментарий для учителя",
        commentRequired: "Возвращая отчёт, напишите, что исправить.",
        notTheReviewer: "Решение по этому отчёту принимает только назначенный тренер.",
        notPending: "Этот отчёт не ждёт решения.",
        reviewer: "Проверяющий",
        lastActive: "Последняя активность проверяющего",
        never: "никогда",
        reassign: "Передать",
        reassignTo: "Новый проверяющий: логин ведущего тренера или мастер-тренера",
        noneWaiting: "Ожидающих отчётов нет.",
        unknownReviewer: "Нет ведущего тренера или мастер-тренера с таким логином.",
        teacher: "Учитель",
        sentOn: "Отправлен",
        acceptanceRate: "Принятые отчёты о практике")

    static let kk = PracticalText(
        title: "Сыныптағы практика",
        intro: "Осы курстың бір сабағын өз сыныбыңызда өткізіп, осында сипаттаңыз. Тренеріңіз есепті оқып, қабылдайды немесе түзетуге пікірімен қайтарады. Сертификат есеп қабылданғаннан кейін беріледі.",
        noPupilNames: "Оқушылардың атын және оқушыны тануға болатын ештеңені жазбаңыз: «бір оқушы», «алдыңғы партадағы қыз» деп жазыңыз.",
        taughtOn: "Сабақ өткен күн",
        className: "Сынып (мысалы, 4 «Ә»)",
        lesson: "Өткізілген сабақ",
        pupilsDid: "Оқушылар не істеді",
        pupilQuestion: "Оқушы қойған бір сұрақ",
        wouldChange: "Келесі жолы нені өзгертер едіңіз",
        adaptedPlan: "Бейімделген сабақ жоспарыңыз (міндетті емес, мәтінмен)",
        characters: { minimum, maximum in minimum == 0 ? "\(maximum) таңбаға дейін" : "\(minimum)–\(maximum) таңба" },
        send: "Есепті жіберу",
        sendAgain: "Түзетілген есепті жіберу",
        notSubmitted: "әлі жіберілмеген",
        submitted: "жіберілді, тренердің шешімін күтуде",
        returned: "тренер қайтарды: түзетіп, қайта жіберіңіз",
        accepted: "қабылданды",
        trainerComment: "Тренердің пікірі",
        required: { "«\($0)»: осы жолды толтырыңыз." },
        tooShort: { field, minimum in "«\(field)»: кемінде \(minimum) таңба жазыңыз." },
        tooLong: { field, maximum in "«\(field)»: \(maximum) таңбадан аспасын." },
        notADate: "Күн ЖЖЖЖ-АА-КК түрінде жазылған нақты күн болуы керек.",
        inTheFuture: "Күн болашақта болмауы керек.",
        tooLongAgo: "Сабақ соңғы бір жыл ішінде өткізілген болуы керек.",
        unknownLesson: "Осы курстың сабағын таңдаңыз.",
        waitingForTrainer: "Есеп жіберілді және тренердің шешімін күтуде; тренер қайтарса, оны өзгертуге болады.",
        alreadyAccepted: "Есеп қабылданды, енді оны өзгертуге болмайды.",
        waiting: "Шешім күтіп тұрған практика есептері",
        accept: "Қабылдау",
        returnIt: "Пікірмен қайтару",
        comment: "Мұғалімге пікір",
        commentRequired: "Есепті қайтарғанда нені түзету керегін жазыңыз.",
        notTheReviewer: "Бұл есеп бойынша шешімді тек тағайындалған тренер қабылдайды.",
        notPending: "Бұл есеп шешім күтіп тұрған жоқ.",
        reviewer: "Тексеруші",
        lastActive: "Тексерушінің соңғы белсенділігі",
        never: "ешқашан",
        reassign: "Басқаға беру",
        reassignTo: "Жаңа тексеруші: жетекші тренердің немесе шебер-тренердің логині",
        noneWaiting: "Күтіп тұрған есеп жоқ.",
        unknownReviewer: "Мұндай логині бар жетекші тренер немесе шебер-тренер жоқ.",
        teacher: "Мұғалім",
        sentOn: "Жіберілді",
        acceptanceRate: "Қабылданған практика есептері")
}
