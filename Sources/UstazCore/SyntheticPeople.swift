/// Names and IINs for the synthetic national dataset: plausible, deterministic, and not anyone's.
public enum SyntheticPeople {
    public enum Sex: Sendable { case female, male }

    public struct Name: Sendable {
        public var full: String
        public var language: Language
    }

    static let kazakhFemale = ["Айгерім", "Әсел", "Гүлнар", "Динара", "Жанар", "Ләззат", "Мадина", "Назерке", "Сәуле", "Толқын",
                               "Ұлжан", "Жұлдыз", "Ақмарал", "Бибігүл", "Гаухар", "Салтанат", "Құралай", "Меруерт", "Раушан", "Індира"]
    static let kazakhMale = ["Ерлан", "Нұрлан", "Дәурен", "Асқар", "Бауыржан", "Ғалым", "Қайрат", "Марат", "Серік", "Талғат",
                             "Өмірзақ", "Жандос", "Ержан", "Мұрат", "Нұрсұлтан", "Самат", "Тимур", "Әділет", "Бекзат", "Іскандер"]
    static let kazakhSurnameStems = ["Абдрахман", "Жұмабек", "Сәрсенбай", "Омар", "Сейітқали", "Қасым", "Ермек", "Бек", "Сұлтан",
                                     "Нұрлыбай", "Әбіл", "Төлеген", "Құдайберген", "Оспан", "Ісмағұл", "Байжан", "Мұхамеджан",
                                     "Серікбай", "Жақсылық", "Ғабдулл"]
    static let russianFemale = ["Анна", "Ольга", "Елена", "Наталья", "Ирина", "Татьяна", "Светлана", "Марина", "Юлия", "Людмила"]
    static let russianMale = ["Александр", "Сергей", "Андрей", "Дмитрий", "Владимир", "Игорь", "Николай", "Павел", "Виктор", "Олег"]
    static let russianSurnameStems = ["Ковалёв", "Петренк", "Иван", "Смирн", "Кузнецов", "Попов", "Соколов", "Лебедев", "Новиков",
                                      "Морозов"]

    /// A name drawn from Kazakh or Russian forms (about three in four Kazakh, as among the country's teachers).
    public static func name(sex: Sex, using generator: inout some RandomNumberGenerator) -> Name {
        let kazakh = Int.random(in: 0..<4, using: &generator) > 0
        if kazakh {
            let given = (sex == .female ? kazakhFemale : kazakhMale).randomElement(using: &generator)!
            let stem = kazakhSurnameStems.randomElement(using: &generator)!
            let ending = stem.hasSuffix("ов") || stem.hasSuffix("ев") ? "" : (sex == .female ? "ова" : "ов")
            return Name(full: "\(given) \(stem)\(ending)", language: .kk)
        }
        let given = (sex == .female ? russianFemale : russianMale).randomElement(using: &generator)!
        let stem = russianSurnameStems.randomElement(using: &generator)!
        let surname: String
        if stem.hasSuffix("к") { surname = stem + "о" }  // Петренко does not change with sex
        else if stem.hasSuffix("ов") || stem.hasSuffix("ев") || stem.hasSuffix("ёв") { surname = stem + (sex == .female ? "а" : "") }
        else { surname = stem + (sex == .female ? "ова" : "ов") }
        return Name(full: "\(given) \(surname)", language: .ru)
    }

    /// A valid IIN for someone born on `year-month-day` of `sex`; `serial` (0…9999) tells people born the same day apart.
    /// Returns nil for the rare serials that admit no check digit.
    public static func iin(year: Int, month: Int, day: Int, sex: Sex, serial: Int) -> IIN? {
        let century = year >= 2000 ? 5 : (year >= 1900 ? 3 : 1)
        let sexDigit = century + (sex == .female ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var serialText = String(serial % 10_000)
        while serialText.count < 4 { serialText = "0" + serialText }
        let first11 = two(year % 100) + two(month) + two(day) + String(sexDigit) + serialText
        let values = first11.map { Int(String($0))! }
        var check = (0..<11).reduce(0) { $0 + values[$1] * ($1 + 1) } % 11
        if check == 10 {
            let weights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
            check = (0..<11).reduce(0) { $0 + values[$1] * weights[$1] } % 11
            if check == 10 { return nil }
        }
        return try? IIN(first11 + String(check))
    }
}
