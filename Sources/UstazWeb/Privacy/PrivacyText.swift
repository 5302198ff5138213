import UstazCore

/// Interface text of the privacy and account-recovery pages: profiles, reset codes, export, erasure, the audit log,
/// and the input rules' messages.
struct PrivacyText: Sendable {
    var profile: String
    var contact: String
    var phone: String
    var iinMasked: String
    var school: String
    var noValue: String
    var enrolments: String
    var issueResetCode: String
    var resetCodeIntro: String
    var resetCardTitle: String
    var resetCardHelp: @Sendable (_ hours: Int) -> String
    var notActivatedYet: String
    var resetTitle: String
    var resetIntro: String
    var resetCode: String
    var newPassword: String
    var setPassword: String
    var resetInvalid: String
    var exportData: String
    var exportOwnData: String
    var erase: String
    var eraseTitle: String
    var eraseExplain: String
    var eraseConfirm: String
    var eraseDone: @Sendable (_ revoked: Int) -> String
    var eraseNeedsConfirmation: String
    var eraseRefusedAdmin: String
    var erasedPlaceholder: String
    var erasedNote: String
    var reasonHolderErased: String
    var certificateErased: String
    var auditLog: String
    var auditIntro: String
    var auditPerson: String
    var auditActor: String
    var auditFrom: String
    var auditUntil: String
    var auditAction: String
    var auditWhen: String
    var auditSubject: String
    var auditAddress: String
    var filter: String
    var noEntries: String
    var pageOf: @Sendable (_ page: Int, _ pages: Int, _ total: Int) -> String
    var newer: String
    var older: String
    var unknownPersonFilter: String
    var forbiddenCharacter: @Sendable (_ field: String, _ codePoint: String) -> String
    var nameTooLong: @Sendable (_ maximum: Int, _ actual: Int) -> String

    static func `for`(_ language: Language) -> PrivacyText {
        switch language {
        case .kk: kk
        case .ru: ru
        case .en: en
        }
    }

    static let en = PrivacyText(
        profile: "Profile",
        contact: "Email",
        phone: "Phone",
        iinMasked: "IIN (masked)",
        school: "School",
        noValue: "—",
        enrolments: "Courses",
        issueResetCode: "Print a password reset code",
        resetCodeIntro: "If this person has forgotten their password, print a one-time code and hand it to them in person.",
        resetCardTitle: "Password reset code",
        resetCardHelp: { "Open the address below or scan the code, enter this code and choose a new password. The code works once, for \($0) hours." },
        notActivatedYet: "This person has not activated their account yet: hand them their activation code instead.",
        resetTitle: "Choose a new password",
        resetIntro: "Enter the reset code your trainer or administrator gave you and choose a new password. Every place where you were signed in will be signed out.",
        resetCode: "Reset code",
        newPassword: "New password",
        setPassword: "Set the new password",
        resetInvalid: "This reset code is unknown, already used or expired. Ask your trainer for a new one.",
        exportData: "Download all data about this person (JSON)",
        exportOwnData: "Download everything Ustaz holds about me (JSON)",
        erase: "Erase this person",
        eraseTitle: "Erase a person",
        eraseExplain: "Erasure removes the name, login, password, email, phone and IIN, ends every session and revokes every certificate with the reason \"holder erased\". Course progress stays, anonymised, so national figures and the cascade still add up. It cannot be undone.",
        eraseConfirm: "I understand that this cannot be undone",
        eraseDone: { "The person has been erased; \($0) certificate(s) revoked." },
        eraseNeedsConfirmation: "Tick the box to confirm the erasure.",
        eraseRefusedAdmin: "An administrator cannot be erased (and nobody may erase themself).",
        erasedPlaceholder: "[erased]",
        erasedNote: "This person's personal data has been erased.",
        reasonHolderErased: "The holder's personal data was erased at their request",
        certificateErased: "This certificate was revoked when its holder's personal data was erased.",
        auditLog: "Audit log",
        auditIntro: "Every change and every view of personal data: who, what, when and from which address.",
        auditPerson: "About person (number or login)",
        auditActor: "By (number or login)",
        auditFrom: "From",
        auditUntil: "Until",
        auditAction: "Action",
        auditWhen: "When",
        auditSubject: "Subject",
        auditAddress: "Address",
        filter: "Filter",
        noEntries: "No entries match.",
        pageOf: { "Page \($0) of \($1) (\($2) entries)" },
        newer: "Newer",
        older: "Older",
        unknownPersonFilter: "No person has this number or login.",
        forbiddenCharacter: { "The field \"\($0)\" contains an invisible control character (\($1)). Remove it and send the form again." },
        nameTooLong: { "The name is too long: at most \($0) characters, this one has \($1)." })

    static let ru = PrivacyText(
        profile: "Профиль",
        contact: "Эл. почта",
        phone: "Телефон",
        iinMasked: "ИИН (скрыт)",
        school: "Школа",
        noValue: "—",
        enrolments: "Курсы",
        issueResetCode: "Распечатать код сброса пароля",
        resetCodeIntro: "Если человек забыл пароль, распечатайте одноразовый код и передайте его лично.",
        resetCardTitle: "Код сброса пароля",
        resetCardHelp: { "Откройте адрес ниже или отсканируйте код, введите этот код и задайте новый пароль. Код действует один раз, \($0) ч." },
        notActivatedYet: "Этот человек ещё не активировал учётную запись: передайте ему код активации.",
        resetTitle: "Новый пароль",
        resetIntro: "Введите код сброса, который выдал тренер или администратор, и задайте новый пароль. Все открытые сеансы будут завершены.",
        resetCode: "Код сброса",
        newPassword: "Новый пароль",
        setPassword: "Сохранить новый пароль",
        resetInvalid: "Этот код неизвестен, уже использован или истёк. Попросите у тренера новый.",
        exportData: "Скачать все данные об этом человеке (JSON)",
        exportOwnData: "Скачать все мои данные в Ustaz (JSON)",
        erase: "Удалить персональные данные",
        eraseTitle: "Удаление персональных данных",
        eraseExplain: "Удаление стирает имя, логин, пароль, почту, телефон и ИИН, завершает все сеансы и отзывает все сертификаты с причиной «данные владельца удалены». Прогресс по курсам остаётся обезличенным, чтобы сходились национальные показатели и каскад. Отменить нельзя.",
        eraseConfirm: "Я понимаю, что это нельзя отменить",
        eraseDone: { "Данные удалены; отозвано сертификатов: \($0)." },
        eraseNeedsConfirmation: "Отметьте флажок, чтобы подтвердить удаление.",
        eraseRefusedAdmin: "Администратора удалить нельзя (и никто не может удалить самого себя).",
        erasedPlaceholder: "[удалено]",
        erasedNote: "Персональные данные этого человека удалены.",
        reasonHolderErased: "Персональные данные владельца удалены по его просьбе",
        certificateErased: "Этот сертификат отозван: персональные данные владельца удалены.",
        auditLog: "Журнал аудита",
        auditIntro: "Каждое изменение и каждый просмотр персональных данных: кто, что, когда и с какого адреса.",
        auditPerson: "О ком (номер или логин)",
        auditActor: "Кто (номер или логин)",
        auditFrom: "С",
        auditUntil: "По",
        auditAction: "Действие",
        auditWhen: "Когда",
        auditSubject: "Объект",
        auditAddress: "Адрес",
        filter: "Показать",
        noEntries: "Записей нет.",
        pageOf: { "Страница \($0) из \($1) (записей: \($2))" },
        newer: "Новее",
        older: "Старше",
        unknownPersonFilter: "Нет человека с таким номером или логином.",
        forbiddenCharacter: { "Поле «\($0)» содержит невидимый управляющий символ (\($1)). Удалите его и отправьте форму снова." },
        nameTooLong: { "Имя слишком длинное: не более \($0) символов, а здесь \($1)." })

    static let kk = PrivacyText(
        profile: "Профиль",
        contact: "Эл. пошта",
        phone: "Телефон",
        iinMasked: "ЖСН (жасырылған)",
        school: "Мектеп",
        noValue: "—",
        enrolments: "Курстар",
        issueResetCode: "Құпиясөзді қалпына келтіру кодын басып шығару",
        resetCodeIntro: "Адам құпиясөзін ұмытса, бір реттік кодты басып шығарып, өзіне қолма-қол беріңіз.",
        resetCardTitle: "Құпиясөзді қалпына келтіру коды",
        resetCardHelp: { "Төмендегі мекенжайды ашыңыз немесе кодты сканерлеңіз, осы кодты енгізіп, жаңа құпиясөз қойыңыз. Код бір рет, \($0) сағат жарамды." },
        notActivatedYet: "Бұл адам есептік жазбасын әлі белсендірмеген: оған белсендіру кодын беріңіз.",
        resetTitle: "Жаңа құпиясөз",
        resetIntro: "Тренер не әкімші берген қалпына келтіру кодын енгізіп, жаңа құпиясөз қойыңыз. Барлық ашық сеанстар жабылады.",
        resetCode: "Қалпына келтіру коды",
        newPassword: "Жаңа құпиясөз",
        setPassword: "Жаңа құпиясөзді сақтау",
        resetInvalid: "Бұл код белгісіз, қолданылған немесе мерзімі өткен. Тренерден жаңасын сұраңыз.",
        exportData: "Осы адам туралы барлық деректі жүктеу (JSON)",
        exportOwnData: "Ustaz-дағы мен туралы барлық деректі жүктеу (JSON)",
        erase: "Дербес деректерді өшіру",
        eraseTitle: "Дербес деректерді өшіру",
        eraseExplain: "Өшіру атын, логинін, құпиясөзін, поштасын, телефонын және ЖСН-ін жояды, барлық сеансты жабады және барлық сертификатты «иесінің деректері өшірілді» себебімен кері қайтарады. Курс барысы иесіз күйде қалады, сондықтан ұлттық көрсеткіштер мен каскад сәйкес келеді. Қайтару мүмкін емес.",
        eraseConfirm: "Мұны қайтару мүмкін емес екенін түсінемін",
        eraseDone: { "Деректер өшірілді; кері қайтарылған сертификаттар: \($0)." },
        eraseNeedsConfirmation: "Өшіруді растау үшін белгіні қойыңыз.",
        eraseRefusedAdmin: "Әкімшіні өшіруге болмайды (ешкім өзін-өзі өшіре алмайды).",
        erasedPlaceholder: "[өшірілді]",
        erasedNote: "Бұл адамның дербес деректері өшірілген.",
        reasonHolderErased: "Иесінің өтініші бойынша оның дербес деректері өшірілді",
        certificateErased: "Бұл сертификат кері қайтарылды: иесінің дербес деректері өшірілді.",
        auditLog: "Аудит журналы",
        auditIntro: "Әр өзгеріс және дербес деректерді әр қарау: кім, не, қашан және қай мекенжайдан.",
        auditPerson: "Кім туралы (нөмірі не логині)",
        auditActor: "Кім жасады (нөмірі не логині)",
        auditFrom: "Бастап",
        auditUntil: "Дейін",
        auditAction: "Әрекет",
        auditWhen: "Қашан",
        auditSubject: "Нысан",
        auditAddress: "Мекенжай",
        filter: "Көрсету",
        noEntries: "Жазба жоқ.",
        pageOf: { "\($1) беттің \($0)-беті (жазбалар: \($2))" },
        newer: "Жаңарақ",
        older: "Ескірек",
        unknownPersonFilter: "Мұндай нөмірі не логині бар адам жоқ.",
        forbiddenCharacter: { "«\($0)» өрісінде көрінбейтін басқару таңбасы бар (\($1)). Оны алып тастап, форманы қайта жіберіңіз." },
        nameTooLong: { "Аты тым ұзын: ең көбі \($0) таңба, мұнда \($1)." })
}
