import Printing
import UstazCore

/// Interface text of figures, tables, sources and classroom kits, on pages and on the printed kit.
struct KitText: Sendable {
    var printKit: String
    var saveKit: String
    var classroomKit: String
    var noKit: String
    var table: String
    var sources: String
    var pupilName: String
    var date: String
    var cutAlong: String
    var forTheTeacher: String

    static func `for`(_ language: Language) -> KitText {
        switch language {
        case .kk: kk
        case .ru: ru
        case .en: en
        }
    }

    /// The words printed around a kit's own text.
    var printLabels: KitLabels {
        KitLabels(name: pupilName, date: date, cutAlong: cutAlong, sources: sources, forTheTeacher: forTheTeacher)
    }

    static let kk = KitText(
        printKit: "Сабақ жинағын басып шығару (PDF)",
        saveKit: "Жинақты желісіз қолдану үшін сақтау",
        classroomKit: "Сабақ жинағы",
        noKit: "Бұл сабақтың басып шығаруға арналған жинағы жоқ.",
        table: "Кесте",
        sources: "Дереккөздер",
        pupilName: "Аты-жөні",
        date: "Күні",
        cutAlong: "Үзік сызықтар бойымен қиыңыз.",
        forTheTeacher: "Мұғалімге арналған")

    static let ru = KitText(
        printKit: "Распечатать набор для урока (PDF)",
        saveKit: "Сохранить набор для работы без связи",
        classroomKit: "Набор для урока",
        noKit: "У этого урока нет набора для печати.",
        table: "Таблица",
        sources: "Источники",
        pupilName: "Имя и фамилия",
        date: "Дата",
        cutAlong: "Разрежьте по пунктирным линиям.",
        forTheTeacher: "Для учителя")

    static let en = KitText(
        printKit: "Print the classroom kit (PDF)",
        saveKit: "Save the kit for offline use",
        classroomKit: "Classroom kit",
        noKit: "This lesson has no classroom kit to print.",
        table: "Table",
        sources: "Sources",
        pupilName: "Name",
        date: "Date",
        cutAlong: "Cut along the dashed lines.",
        forTheTeacher: "For the teacher")
}
