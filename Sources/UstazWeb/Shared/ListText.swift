import UstazCore
import UstazStore

/// Interface text of the long lists (people, cohorts, schools, fidelity, master trainers): filters,
/// pages and their messages, once per language.
struct ListText: Sendable {
    var search: String
    var nameOrLogin: String
    var allRegions: String
    var trainerNameOrLogin: String
    var cohortName: String
    var allCourses: String
    var status: String
    var anyStatus: String
    var statusName: @Sendable (CohortStatus) -> String
    var show: String
    var clearFilters: String
    var previous: String
    var next: String
    var pageNumber: @Sendable (Int) -> String
    var nothingFound: String
    var badPage: String
    var unknownRegion: String
    var unknownCourse: String
    var unknownStatus: String
    var people: String
    var peopleIntro: String
    var school: String
    var roles: String
    var teachers: String
    var concern: String
    var notJudged: String
    var figuresAsOf: @Sendable (String) -> String
    var concernIntro: String
    var schoolSearch: String

    static func `for`(_ language: Language) -> ListText {
        switch language {
        case .kk: .kazakh
        case .ru: .russian
        case .en: .english
        }
    }
}
