extension ListText {
    static let english = ListText(
        search: "Search",
        nameOrLogin: "Name or login",
        allRegions: "All regions",
        trainerNameOrLogin: "Trainer (name or login)",
        cohortName: "Cohort name",
        allCourses: "All courses",
        status: "Status",
        anyStatus: "Any status",
        statusName: { status in
            switch status {
            case .upcoming: "Not started yet"
            case .running: "Running"
            case .finished: "Finished"
            }
        },
        show: "Show",
        clearFilters: "Clear filters",
        previous: "← Previous page",
        next: "Next page →",
        pageNumber: { "Page \($0)" },
        nothingFound: "Nothing matches these filters.",
        badPage: "The page number must be a whole number from 1 to 10,000.",
        unknownRegion: "There is no such region: choose one from the list.",
        unknownCourse: "There is no such course: choose one from the list.",
        unknownStatus: "Choose a status from the list.",
        people: "People",
        peopleIntro: "Everyone with an account, in alphabetical order. Search by part of a name or login, in any case; Latin letters typed for Cyrillic ones are found too.",
        school: "School",
        roles: "Roles",
        teachers: "Teachers",
        concern: "Concern (points below the generation)",
        notJudged: "too few learners to judge",
        figuresAsOf: { "Figures as of \($0). On a large database they are recomputed at most once a minute." },
        concernIntro: "Trainers are listed by concern: how many points their learners' completion rate and mean score fall below the mean of their generation, largest first.",
        schoolSearch: "School name, code or district")
}
