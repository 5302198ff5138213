import HTTPServer
import UstazCore

/// Texts of the security rules (docs/SECURITY.md, round 2): the HTTP layer's refusals worded for the visitor,
/// who may enrol an existing account, names, and and names.
struct SecurityText: Sendable {
    var notAWholeNumber: @Sendable (_ parameter: String) -> String
    var outOfRange: @Sendable (_ parameter: String, _ lower: String, _ upper: String) -> String
    var malformedEscape: String
    var notUTF8: String
    var nulCharacter: String
    var targetNotAbsolute: String
    var needsJoinCode: @Sendable (_ name: String, _ joinCode: String) -> String
    var ownCohort: String
    var nameMissing: String
    var nameTooShort: String
    var nameTooManyCharacters: @Sendable (_ maximum: Int, _ actual: Int) -> String
    var nameTooManyBytes: @Sendable (_ maximum: Int, _ actual: Int) -> String
    var nameTooManyMarks: String
    var nameForbidden: @Sendable (_ codePoint: String) -> String

    static func `for`(_ language: Language) -> SecurityText {
        switch language {
        case .kk: kk
        case .ru: ru
        case .en: en
        }
    }

    /// A refusal of the HTTP layer in this language.
    func refusal(_ reason: HTTPError.Reason) -> String {
        switch reason {
        case .targetNotAbsolute: targetNotAbsolute
        case .malformedEscape: malformedEscape
        case .notUTF8: notUTF8
        case .nulCharacter: nulCharacter
        case .notAWholeNumber(let parameter): notAWholeNumber(parameter)
        case .outOfRange(let parameter, let lower, let upper): outOfRange(parameter, String(lower), String(upper))
        }
    }

    /// What is wrong with a name, in this language.
    func name(_ problem: PersonName.Problem) -> String {
        switch problem {
        case .missing: nameMissing
        case .tooShort: nameTooShort
        case .tooManyCharacters(let count): nameTooManyCharacters(PersonName.maximumCharacters, count)
        case .tooManyBytes(let bytes): nameTooManyBytes(PersonName.maximumBytes, bytes)
        case .tooManyMarks: nameTooManyMarks
        case .forbidden(let character): nameForbidden(character.codePoint)
        }
    }

    static let en = SecurityText(
        notAWholeNumber: { "“\($0)” must be a whole number, such as 12." },
        outOfRange: { "“\($0)” must be a whole number from \($1) to \($2)." },
        malformedEscape: "This address or form contains a broken %-escape: a “%” must be followed by two hexadecimal digits.",
        notUTF8: "This address or form is not valid UTF-8 text.",
        nulCharacter: "This address contains a NUL character.",
        targetNotAbsolute: "The address of a request must start with “/”.",
        needsJoinCode: { name, code in
            "\(name) already has an account. To keep accounts safe, only they can bring it into your cohort: "
                + "give them the cohort's join code \(code) (or ask an administrator)."
        },
        ownCohort: "You cannot enrol yourself in your own cohort: a trainer never certifies themself.",
        nameMissing: "Enter the full name.",
        nameTooShort: "The name is too short: it needs at least 2 characters.",
        nameTooManyCharacters: { "The name is too long: at most \($0) characters, this one has \($1)." },
        nameTooManyBytes: { "The name is too long to print and sign: at most \($0) bytes of UTF-8, this one takes \($1)." },
        nameTooManyMarks: "A letter of this name carries too many accents or other combining marks (at most 2 a letter).",
        nameForbidden: { "The name contains the invisible character \($0); remove it." })

    static let ru = SecurityText(
        notAWholeNumber: { "Значение «\($0)» должно быть целым числом, например 12." },
        outOfRange: { "Значение «\($0)» должно быть целым числом от \($1) до \($2)." },
        malformedEscape: "В адресе или форме неверная %-последовательность: за «%» должны идти две шестнадцатеричные цифры.",
        notUTF8: "Адрес или форма — не текст в кодировке UTF-8.",
        nulCharacter: "В адресе есть символ NUL.",
        targetNotAbsolute: "Адрес запроса должен начинаться с «/».",
        needsJoinCode: { name, code in
            "У человека \(name) уже есть учётная запись. Чтобы её защитить, добавить её в вашу группу может только он сам: "
                + "дайте ему код присоединения к группе \(code) (или обратитесь к администратору)."
        },
        ownCohort: "Нельзя записать себя в собственную группу: тренер никогда не сертифицирует сам себя.",
        nameMissing: "Укажите фамилию, имя и отчество.",
        nameTooShort: "Имя слишком короткое: нужно не меньше 2 символов.",
        nameTooManyCharacters: { "Имя слишком длинное: не больше \($0) символов, здесь \($1)." },
        nameTooManyBytes: { "Имя слишком длинное для печати и подписи: не больше \($0) байт UTF-8, здесь \($1)." },
        nameTooManyMarks: "В имени есть буква со слишком большим числом диакритических знаков (не больше 2 на букву).",
        nameForbidden: { "В имени есть невидимый символ \($0); удалите его." })

    static let kk = SecurityText(
        notAWholeNumber: { "«\($0)» мәні бүтін сан болуы керек, мысалы 12." },
        outOfRange: { "«\($0)» мәні \($1) мен \($2) аралығындағы бүтін сан болуы керек." },
        malformedEscape: "Мекенжайда немесе формада қате %-тізбек бар: «%» белгісінен кейін екі он алтылық цифр тұруы керек.",
        notUTF8: "Мекенжай немесе форма UTF-8 кодтауындағы мәтін емес.",
        nulCharacter: "Мекенжайда NUL таңбасы бар.",
        targetNotAbsolute: "Сұрау мекенжайы «/» таңбасынан басталуы керек.",
        needsJoinCode: { name, code in
            "\(name) атты адамның тіркелгісі бұрыннан бар. Тіркелгіні қорғау үшін оны сіздің тобыңызға тек өзі қоса алады: "
                + "оған топтың \(code) қосылу кодын беріңіз (немесе әкімшіге жүгініңіз)."
        },
        ownCohort: "Өзіңізді өз тобыңызға жаза алмайсыз: тренер өзін-өзі ешқашан сертификаттамайды.",
        nameMissing: "Аты-жөнін жазыңыз.",
        nameTooShort: "Аты-жөні тым қысқа: кемінде 2 таңба керек.",
        nameTooManyCharacters: { "Аты-жөні тым ұзын: ең көбі \($0) таңба, мұнда \($1)." },
        nameTooManyBytes: { "Аты-жөні басып шығару мен қол қоюға тым ұзын: ең көбі \($0) байт UTF-8, мұнда \($1)." },
        nameTooManyMarks: "Аты-жөніндегі бір әріпте қосымша белгілер (акценттер) тым көп: әр әріпке ең көбі 2.",
        nameForbidden: { "Аты-жөнінде көрінбейтін \($0) таңбасы бар; оны өшіріңіз." })
}

extension Site {
    /// The HTTP layer's refusal worded in the visitor's language (cookie, account, Accept-Language, default).
    func wording(_ reason: HTTPError.Reason, _ request: Request?) -> String {
        let language = request.flatMap { try? visit($0).language } ?? configuration.defaultLanguage
        return SecurityText.for(language).refusal(reason)
    }
}
