import Foundation
import UstazCore

/// Interface text of the coverage dashboards in Kazakh, Russian and English.
struct CoverageText: Sendable {
    var title: String
    var intro: String
    var asOf: @Sendable (String) -> String
    var national: String
    var certified: String
    var target: String
    var ofTarget: @Sendable (String) -> String
    var enrolled: String
    var inTraining: String
    var byKind: String
    var kind: String
    var people: String
    var byGeneration: String
    var generation: String
    var weekly: String
    var weekStart: String
    var newlyCertified: String
    var cumulative: String
    var complete: String
    var yes: String
    var no: String
    var running: String
    var projection: String
    var method: @Sendable (Int) -> String
    var rate: @Sendable (String) -> String
    var reachesOn: @Sendable (String) -> String
    var notAtCurrentRate: String
    var notWithinYears: @Sendable (Int) -> String
    var alreadyReached: String
    var targetDate: String
    var expectedBy: @Sendable (String, String) -> String
    var onTrack: String
    var offTrack: String
    var progressChart: String
    var progressChartDescription: String
    var weeklyChart: String
    var regions: String
    var region: String
    var targetSource: String
    var defaultTarget: String
    var defaultTargetNote: String
    var percentOfTarget: String
    var weeklyRate: String
    var noRegion: String
    var regionsChart: String
    var pilot: String
    var pilotIntro: String
    var wave: String
    var schoolKind: String
    var schoolKinds: [String: String]
    var schools: String
    var withCertified: String
    var subjects: [PilotSubject: String]
    var withAllSubjects: String
    var noPilotSchools: String
    var capacity: String
    var capacityMethod: @Sendable (Int, Int) -> String
    var leadTrainers: String
    var cohortSize: String
    var seatsPerRound: String
    var stillToTrain: String
    var roundsLeft: String
    var trainersNeeded: String
    var shortfall: String
    var short: String
    var enough: String
    var noRoundLeft: String
    var download: String
    var scopeRegion: @Sendable (String) -> String
    var publicNote: String
    var setTarget: String
    var setTargetHelp: String
    var source: String
    var save: String
    var settings: String
    var nationalTarget: String
    var roundWeeks: String
    var teachersInCountry: String
    var teachersInCountryHelp: String
    var targetBeyondCountry: @Sendable (String) -> String
    var paceFlattens: @Sendable (String, String) -> String
    var targetInvalid: String
    var sourceRequired: String
    var settingInvalid: String
    var saved: String
    var noCertificatesYet: String

    static func `for`(_ language: Language) -> CoverageText {
        switch language {
        case .kk: kazakh
        case .ru: russian
        case .en: english
        }
    }

    static let english = CoverageText(
        title: "Coverage",
        intro: "How far the cascade has come towards certifying every teacher, and whether it will arrive in time.",
        asOf: { "Figures as of \($0) (UTC)." },
        national: "National progress",
        certified: "Certified",
        target: "Target",
        ofTarget: { "\($0) of the target" },
        enrolled: "Enrolled",
        inTraining: "In training",
        byKind: "By kind of credential",
        kind: "Credential",
        people: "People",
        byGeneration: "By cascade generation",
        generation: "Generation",
        weekly: "Certified each week",
        weekStart: "Week from",
        newlyCertified: "Newly certified",
        cumulative: "Cumulative",
        complete: "Complete week",
        yes: "yes",
        no: "no",
        running: "no (running)",
        projection: "Projection",
        method: { "Method: the pace is the mean number of people newly certified per week over the last \($0) complete weeks; the current week is left out. The date is when the target is reached if that pace holds. Each person counts once, under their highest valid credential." },
        rate: { "Recent pace: \($0) people a week." },
        reachesOn: { "At this pace the target is reached on \($0)." },
        notAtCurrentRate: "Not at the current rate: no one was certified in the last complete weeks.",
        notWithinYears: { "Not at the current rate: it would take more than \($0) years." },
        alreadyReached: "The target has been reached.",
        targetDate: "Target date",
        expectedBy: { "Expected by \($0): \($1)." },
        onTrack: "On track",
        offTrack: "Behind schedule",
        progressChart: "Certified people against the target",
        progressChartDescription: "Cumulative certified people by week, the target line, and the projection at the recent pace to the target date.",
        weeklyChart: "People newly certified per week",
        regions: "By region",
        region: "Region",
        targetSource: "Source of the target",
        defaultTarget: "default share",
        defaultTargetNote: "No official count of teachers per region exists. Where an administrator has not set a region's target with its source, the region gets an equal share of what the national target leaves after the regions that have one.",
        percentOfTarget: "% of target",
        weeklyRate: "Per week (last 4 weeks)",
        noRegion: "No region recorded",
        regionsChart: "Share of each region's target reached",
        pilot: "Pilot schools",
        pilotIntro: "Schools of the pilot by wave and kind: how many have at least one certified teacher, and a certified teacher of each pilot subject (from the subjects on the teachers' records).",
        wave: "Wave",
        schoolKind: "Kind of school",
        schoolKinds: ["small-staffed": "Small-staffed", "standard": "Standard", "keleshek": "Keleshek", "other": "Other"],
        schools: "Schools",
        withCertified: "With a certified teacher",
        subjects: [.nativeLanguage: "Native language", .mathematics: "Mathematics", .digitalLiteracy: "Digital literacy",
                   .aiFundamentals: "Fundamentals of AI"],
        withAllSubjects: "All four subjects",
        noPilotSchools: "No pilot schools are registered yet.",
        capacity: "Trainer capacity",
        capacityMethod: { "Each active lead trainer teaches one cohort of \($0) per round of \($1) weeks. Trainers needed are those who would train the rest of the region's target before the target date." },
        leadTrainers: "Active lead trainers",
        cohortSize: "Cohort size",
        seatsPerRound: "Seats per round",
        stillToTrain: "Still to certify",
        roundsLeft: "Rounds left",
        trainersNeeded: "Trainers needed",
        shortfall: "Short by",
        short: "Short of trainers",
        enough: "Enough",
        noRoundLeft: "no round fits",
        download: "Download",
        scopeRegion: { "Showing your region: \($0)." },
        publicNote: "Aggregate figures only. Coordinators and administrators see pilot schools and trainer capacity after signing in.",
        setTarget: "Set a region's target",
        setTargetHelp: "Give the figure and where it comes from; leave the figure empty to return to the default share.",
        source: "Source",
        save: "Save",
        settings: "Coverage settings",
        nationalTarget: "National target",
        roundWeeks: "Weeks per training round",
        teachersInCountry: "Teachers in the country",
        teachersInCountryHelp: "No projection goes beyond this number. Default 398,854: the Ministry of Enlightenment's count.",
        targetBeyondCountry: { "The target is larger than the number of teachers in the country (\($0)): it cannot be reached. Lower the target or correct the count." },
        paceFlattens: { date, people in "At this pace every teacher in the country (\(people)) would be certified by \(date); the pace must flatten before then, so the projection stops there." },
        targetInvalid: "The target must be a whole number from 0 to 1,000,000.",
        sourceRequired: "Say where the target comes from (a document, a letter, a count).",
        settingInvalid: "Check the values: target 1 to 1,000,000, a date as YYYY-MM-DD, cohort size 1 to 100, round 1 to 52 weeks, teachers in the country 1 to 2,000,000.",
        saved: "Saved.",
        noCertificatesYet: "No certificates have been issued yet.")

    static let russian = CoverageText(
        title: "Охват",
        intro: "Насколько каскад продвинулся к сертификации всех учителей и успеет ли он к сроку.",
        asOf: { "Данные на \($0) (UTC)." },
        national: "По стране",
        certified: "Сертифицировано",
        target: "Цель",
        ofTarget: { "\($0) от цели" },
        enrolled: "Зачислено",
        inTraining: "Обучаются",
        byKind: "По виду сертификата",
        kind: "Сертификат",
        people: "Человек",
        byGeneration: "По поколению каскада",
        generation: "Поколение",
        weekly: "Сертифицировано за неделю",
        weekStart: "Неделя с",
        newlyCertified: "Впервые сертифицированы",
        cumulative: "Нарастающим итогом",
        complete: "Неделя завершена",
        yes: "да",
        no: "нет",
        running: "нет (идёт)",
        projection: "Прогноз",
        method: { "Метод: темп — среднее число впервые сертифицированных за неделю по последним \($0) завершённым неделям; текущая неделя не учитывается. Дата — когда цель будет достигнута при сохранении темпа. Каждый человек учитывается один раз, по своему высшему действующему сертификату." },
        rate: { "Текущий темп: \($0) человек в неделю." },
        reachesOn: { "При таком темпе цель будет достигнута \($0)." },
        notAtCurrentRate: "При текущем темпе — никогда: за последние завершённые недели никто не сертифицирован.",
        notWithinYears: { "При текущем темпе — нет: понадобилось бы больше \($0) лет." },
        alreadyReached: "Цель достигнута.",
        targetDate: "Срок",
        expectedBy: { "Ожидается к \($0): \($1)." },
        onTrack: "Успеваем",
        offTrack: "Отстаём",
        progressChart: "Сертифицированные в сравнении с целью",
        progressChartDescription: "Сертифицированные нарастающим итогом по неделям, линия цели и прогноз при текущем темпе до срока.",
        weeklyChart: "Впервые сертифицированы за неделю",
        regions: "По регионам",
        region: "Регион",
        targetSource: "Источник цели",
        defaultTarget: "равная доля",
        defaultTargetNote: "Официальных данных о числе учителей по регионам нет. Пока администратор не задал цель региона с источником, регион получает равную долю того, что остаётся от национальной цели после регионов с заданной целью.",
        percentOfTarget: "% цели",
        weeklyRate: "В неделю (4 недели)",
        noRegion: "Регион не указан",
        regionsChart: "Доля цели, достигнутая каждым регионом",
        pilot: "Пилотные школы",
        pilotIntro: "Школы пилота по волнам и типам: сколько имеют хотя бы одного сертифицированного учителя и сертифицированного учителя по каждому пилотному предмету (по предметам в записях учителей).",
        wave: "Волна",
        schoolKind: "Тип школы",
        schoolKinds: ["small-staffed": "Малокомплектная", "standard": "Общеобразовательная", "keleshek": "«Келешек»", "other": "Другая"],
        schools: "Школ",
        withCertified: "С сертифицированным учителем",
        subjects: [.nativeLanguage: "Родной язык", .mathematics: "Математика", .digitalLiteracy: "Цифровая грамотность",
                   .aiFundamentals: "Основы ИИ"],
        withAllSubjects: "Все четыре предмета",
        noPilotSchools: "Пилотные школы ещё не зарегистрированы.",
        capacity: "Мощность тренеров",
        capacityMethod: { "Каждый действующий ведущий тренер ведёт одну группу из \($0) человек за цикл в \($1) нед. Нужно столько тренеров, чтобы обучить остаток цели региона до срока." },
        leadTrainers: "Действующих ведущих тренеров",
        cohortSize: "Размер группы",
        seatsPerRound: "Мест за цикл",
        stillToTrain: "Осталось сертифицировать",
        roundsLeft: "Циклов до срока",
        trainersNeeded: "Нужно тренеров",
        shortfall: "Не хватает",
        short: "Не хватает тренеров",
        enough: "Достаточно",
        noRoundLeft: "цикл не помещается",
        download: "Скачать",
        scopeRegion: { "Показан ваш регион: \($0)." },
        publicNote: "Только сводные данные. Координаторы и администраторы после входа видят пилотные школы и мощность тренеров.",
        setTarget: "Задать цель региона",
        setTargetHelp: "Укажите число и его источник; оставьте число пустым, чтобы вернуть равную долю.",
        source: "Источник",
        save: "Сохранить",
        settings: "Настройки охвата",
        nationalTarget: "Национальная цель",
        roundWeeks: "Недель в цикле обучения",
        teachersInCountry: "Учителей в стране",
        teachersInCountryHelp: "Ни один прогноз не превышает это число. По умолчанию 398 854 — данные Министерства просвещения.",
        targetBeyondCountry: { "Цель больше числа учителей в стране (\($0)): её нельзя достичь. Уменьшите цель или исправьте число учителей." },
        paceFlattens: { date, people in "При таком темпе все учителя страны (\(people)) были бы сертифицированы к \(date); до этого темп неизбежно замедлится, поэтому прогноз на этом останавливается." },
        targetInvalid: "Цель — целое число от 0 до 1 000 000.",
        sourceRequired: "Укажите, откуда взята цель (документ, письмо, подсчёт).",
        settingInvalid: "Проверьте значения: цель от 1 до 1 000 000, дата в виде ГГГГ-ММ-ДД, группа от 1 до 100, цикл от 1 до 52 недель, учителей в стране от 1 до 2 000 000.",
        saved: "Сохранено.",
        noCertificatesYet: "Сертификаты ещё не выдавались.")

    static let kazakh = CoverageText(
        title: "Қамту",
        intro: "Каскад барлық мұғалімді сертификаттауға қаншалықты жақындады және мерзімге үлгере ме.",
        asOf: { "Деректер \($0) (UTC) бойынша." },
        national: "Ел бойынша",
        certified: "Сертификатталды",
        target: "Мақсат",
        ofTarget: { "мақсаттың \($0)" },
        enrolled: "Тіркелді",
        inTraining: "Оқып жатыр",
        byKind: "Сертификат түрі бойынша",
        kind: "Сертификат",
        people: "Адам",
        byGeneration: "Каскад буыны бойынша",
        generation: "Буын",
        weekly: "Апта сайын сертификатталғандар",
        weekStart: "Апта басы",
        newlyCertified: "Алғаш сертификатталды",
        cumulative: "Жинақталған",
        complete: "Апта аяқталды",
        yes: "иә",
        no: "жоқ",
        running: "жоқ (жүріп жатыр)",
        projection: "Болжам",
        method: { "Әдіс: қарқын — соңғы \($0) толық аптадағы алғаш сертификатталғандардың апталық орташа саны; ағымдағы апта есепке алынбайды. Күні — осы қарқын сақталса, мақсатқа жететін күн. Әр адам бір рет, ең жоғары жарамды сертификаты бойынша есептеледі." },
        rate: { "Соңғы қарқын: аптасына \($0) адам." },
        reachesOn: { "Осы қарқынмен мақсатқа \($0) жетеді." },
        notAtCurrentRate: "Қазіргі қарқынмен жетпейді: соңғы толық апталарда ешкім сертификатталмаған.",
        notWithinYears: { "Қазіргі қарқынмен жетпейді: \($0) жылдан астам уақыт керек болар еді." },
        alreadyReached: "Мақсатқа жетті.",
        targetDate: "Мерзім",
        expectedBy: { "Мерзімге дейін (\($0)) күтілетіні: \($1)." },
        onTrack: "Үлгеріп келеді",
        offTrack: "Кешігіп келеді",
        progressChart: "Сертификатталғандар мен мақсат",
        progressChartDescription: "Апта бойынша жинақталған сертификатталғандар, мақсат сызығы және мерзімге дейінгі қарқын бойынша болжам.",
        weeklyChart: "Апта сайын алғаш сертификатталғандар",
        regions: "Өңірлер бойынша",
        region: "Өңір",
        targetSource: "Мақсат көзі",
        defaultTarget: "тең үлес",
        defaultTargetNote: "Өңірлер бойынша мұғалімдер санының ресми деректері жоқ. Әкімші өңір мақсатын көзімен бірге енгізбейінше, өңір ұлттық мақсаттан мақсаты бар өңірлерден кейін қалған бөліктің тең үлесін алады.",
        percentOfTarget: "Мақсаттың %",
        weeklyRate: "Аптасына (4 апта)",
        noRegion: "Өңірі көрсетілмеген",
        regionsChart: "Әр өңірдің мақсатқа жеткен үлесі",
        pilot: "Пилоттық мектептер",
        pilotIntro: "Пилот мектептері толқын және түрі бойынша: кемінде бір сертификатталған мұғалімі бар және әр пилоттық пән бойынша сертификатталған мұғалімі бар мектептер саны (мұғалімдер жазбасындағы пәндер бойынша).",
        wave: "Толқын",
        schoolKind: "Мектеп түрі",
        schoolKinds: ["small-staffed": "Шағын жинақты", "standard": "Жалпы білім беретін", "keleshek": "«Келешек»", "other": "Басқа"],
        schools: "Мектеп",
        withCertified: "Сертификатталған мұғалімі бар",
        subjects: [.nativeLanguage: "Ана тілі", .mathematics: "Математика", .digitalLiteracy: "Цифрлық сауаттылық",
                   .aiFundamentals: "ЖИ негіздері"],
        withAllSubjects: "Төрт пәннің бәрі",
        noPilotSchools: "Пилоттық мектептер әлі тіркелмеген.",
        capacity: "Тренерлер қуаты",
        capacityMethod: { "Әр белсенді көшбасшы тренер \($1) апталық бір циклда \($0) адамнан тұратын бір топты оқытады. Өңір мақсатының қалғанын мерзімге дейін оқыту үшін қажет тренерлер саны көрсетіледі." },
        leadTrainers: "Белсенді көшбасшы тренерлер",
        cohortSize: "Топ көлемі",
        seatsPerRound: "Бір циклдағы орын",
        stillToTrain: "Сертификаттау қалды",
        roundsLeft: "Мерзімге дейінгі цикл",
        trainersNeeded: "Қажет тренер",
        shortfall: "Жетіспейді",
        short: "Тренер жетіспейді",
        enough: "Жеткілікті",
        noRoundLeft: "цикл сыймайды",
        download: "Жүктеп алу",
        scopeRegion: { "Сіздің өңіріңіз көрсетілген: \($0)." },
        publicNote: "Тек жиынтық деректер. Үйлестірушілер мен әкімшілер кіргеннен кейін пилоттық мектептер мен тренерлер қуатын көреді.",
        setTarget: "Өңір мақсатын енгізу",
        setTargetHelp: "Санды және оның көзін көрсетіңіз; тең үлеске қайтару үшін санды бос қалдырыңыз.",
        source: "Көзі",
        save: "Сақтау",
        settings: "Қамту баптаулары",
        nationalTarget: "Ұлттық мақсат",
        roundWeeks: "Оқыту циклындағы апта",
        teachersInCountry: "Елдегі мұғалімдер саны",
        teachersInCountryHelp: "Ешбір болжам бұл саннан аспайды. Әдепкі мәні 398 854 — Оқу-ағарту министрлігінің деректері.",
        targetBeyondCountry: { "Мақсат елдегі мұғалімдер санынан (\($0)) үлкен: оған жету мүмкін емес. Мақсатты азайтыңыз немесе мұғалімдер санын түзетіңіз." },
        paceFlattens: { date, people in "Осы қарқынмен елдің барлық мұғалімі (\(people)) \(date) дейін сертификатталар еді; оған дейін қарқын баяулайды, сондықтан болжам осы жерде тоқтайды." },
        targetInvalid: "Мақсат 0-ден 1 000 000-ға дейінгі бүтін сан болуы керек.",
        sourceRequired: "Мақсаттың қайдан алынғанын көрсетіңіз (құжат, хат, есеп).",
        settingInvalid: "Мәндерді тексеріңіз: мақсат 1–1 000 000, күн ЖЖЖЖ-АА-КК түрінде, топ 1–100, цикл 1–52 апта, елдегі мұғалімдер 1–2 000 000.",
        saved: "Сақталды.",
        noCertificatesYet: "Сертификаттар әлі берілмеген.")
}

extension Formatting {
    /// A rate with up to two decimals, with the language's decimal mark ("2.25", "2,25", "3").
    static func decimal(_ value: Double, _ language: Language) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return language == .en ? text : text.replacingOccurrences(of: ".", with: ",")
    }
}
