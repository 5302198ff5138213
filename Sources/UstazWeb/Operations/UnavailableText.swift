import UstazCore

/// Texts of the page a visitor gets when the service cannot do what was asked for a while (503),
/// for example a write while the disk under the database is full.
struct UnavailableText: Sendable {
    var title: String
    var cannotSave: String

    static func `for`(_ language: Language) -> UnavailableText {
        switch language {
        case .kk: kk
        case .ru: ru
        case .en: en
        }
    }

    static let kk = UnavailableText(
        title: "Уақытша қолжетімсіз",
        cannotSave: "Қызмет дәл қазір ештеңе сақтай алмайды, сондықтан жаңа ғана жіберген деректеріңіз сақталмады. "
            + "Бұрын сақталғанның бәрі орнында, беттерді оқуға болады. Бірнеше минуттан кейін қайталап көріңіз.")

    static let ru = UnavailableText(
        title: "Временно недоступно",
        cannotSave: "Сервис сейчас не может ничего сохранить, поэтому то, что вы только что отправили, не сохранено. "
            + "Всё сохранённое раньше на месте, страницы можно читать. Попробуйте ещё раз через несколько минут.")

    static let en = UnavailableText(
        title: "Temporarily unavailable",
        cannotSave: "The service cannot save right now, so what you just sent was not saved. "
            + "Everything saved before is safe and pages can still be read. Please try again in a few minutes.")
}
