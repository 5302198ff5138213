/// The 17 regions and 3 cities of republican significance (since 8 June 2022).
public struct Region: Sendable, Hashable, Identifiable {
    public enum Kind: String, Sendable { case region, city }

    /// A stable ASCII slug used in URLs, CSV files and the database.
    public let id: String
    public let name: LocalizedText
    public let centre: String?
    public let kind: Kind

    public static let all: [Region] = [
        Region(id: "abai", name: .init(kk: "Абай облысы", ru: "Абайская область", en: "Abai Region"), centre: "Semey", kind: .region),
        Region(id: "akmola", name: .init(kk: "Ақмола облысы", ru: "Акмолинская область", en: "Akmola Region"), centre: "Kokshetau", kind: .region),
        Region(id: "aktobe", name: .init(kk: "Ақтөбе облысы", ru: "Актюбинская область", en: "Aktobe Region"), centre: "Aktobe", kind: .region),
        Region(id: "almaty-region", name: .init(kk: "Алматы облысы", ru: "Алматинская область", en: "Almaty Region"), centre: "Konaev", kind: .region),
        Region(id: "atyrau", name: .init(kk: "Атырау облысы", ru: "Атырауская область", en: "Atyrau Region"), centre: "Atyrau", kind: .region),
        Region(id: "east-kazakhstan", name: .init(kk: "Шығыс Қазақстан облысы", ru: "Восточно-Казахстанская область", en: "East Kazakhstan Region"), centre: "Oskemen", kind: .region),
        Region(id: "zhambyl", name: .init(kk: "Жамбыл облысы", ru: "Жамбылская область", en: "Zhambyl Region"), centre: "Taraz", kind: .region),
        Region(id: "zhetisu", name: .init(kk: "Жетісу облысы", ru: "Жетысуская область", en: "Zhetisu Region"), centre: "Taldykorgan", kind: .region),
        Region(id: "karaganda", name: .init(kk: "Қарағанды облысы", ru: "Карагандинская область", en: "Karaganda Region"), centre: "Karaganda", kind: .region),
        Region(id: "kostanay", name: .init(kk: "Қостанай облысы", ru: "Костанайская область", en: "Kostanay Region"), centre: "Kostanay", kind: .region),
        Region(id: "kyzylorda", name: .init(kk: "Қызылорда облысы", ru: "Кызылординская область", en: "Kyzylorda Region"), centre: "Kyzylorda", kind: .region),
        Region(id: "mangystau", name: .init(kk: "Маңғыстау облысы", ru: "Мангистауская область", en: "Mangystau Region"), centre: "Aktau", kind: .region),
        Region(id: "north-kazakhstan", name: .init(kk: "Солтүстік Қазақстан облысы", ru: "Северо-Казахстанская область", en: "North Kazakhstan Region"), centre: "Petropavl", kind: .region),
        Region(id: "pavlodar", name: .init(kk: "Павлодар облысы", ru: "Павлодарская область", en: "Pavlodar Region"), centre: "Pavlodar", kind: .region),
        Region(id: "turkistan", name: .init(kk: "Түркістан облысы", ru: "Туркестанская область", en: "Turkistan Region"), centre: "Turkistan", kind: .region),
        Region(id: "ulytau", name: .init(kk: "Ұлытау облысы", ru: "Улытауская область", en: "Ulytau Region"), centre: "Zhezkazgan", kind: .region),
        Region(id: "west-kazakhstan", name: .init(kk: "Батыс Қазақстан облысы", ru: "Западно-Казахстанская область", en: "West Kazakhstan Region"), centre: "Oral", kind: .region),
        Region(id: "astana", name: .init(kk: "Астана", ru: "Астана", en: "Astana"), centre: nil, kind: .city),
        Region(id: "almaty", name: .init(kk: "Алматы", ru: "Алматы", en: "Almaty"), centre: nil, kind: .city),
        Region(id: "shymkent", name: .init(kk: "Шымкент", ru: "Шымкент", en: "Shymkent"), centre: nil, kind: .city),
    ]

    public static func named(_ id: String) -> Region? { all.first { $0.id == id } }
}
