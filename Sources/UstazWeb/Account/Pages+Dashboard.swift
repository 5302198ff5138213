import HTTPServer
import UstazCore
import UstazStore

extension AccountPages {
    /// A person's own page: roles, what they are learning, cohorts they run, certificates they hold.
    func dashboard(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        // Issuance deferred earlier (say, the trainer's certificate was being renewed) is retried here.
        for enrolment in try store.enrolments(personID: viewer.id) where enrolment.completedAt != nil {
            try certification.issueIfEarned(enrolment, recordDeferral: false)
        }
        // The writes above first; then the page's reads, in one snapshot (so it shows a certificate just issued).
        return try store.snapshot { try dashboardPage(visit, viewer) }
    }

    private func dashboardPage(_ visit: Visit, _ viewer: Person) throws -> Response {
        let s = visit.strings
        let language = visit.language
        let roles = viewer.roles.map { role -> HTML in "<li>\(s.roleNames[role] ?? role.rawValue)</li>" }

        let learning = try store.enrolmentSummaries(personID: viewer.id).map { summary -> HTML in
            let total = catalogue.course(summary.courseID)?.lessons.count ?? 0
            let title = catalogue.course(summary.courseID)?.title[language] ?? summary.courseID
            return """
                <li><a href="/learn/\(summary.enrolmentID)"><strong>\(title)</strong></a><br><span class="muted">\(summary.cohortName)</span><br>
                \(summary.completed ? "<span class=\"badge ok\">\(s.completed)</span>" as HTML
                    : "<progress max=\"\(total)\" value=\"\(summary.lessonsCompleted)\" aria-label=\"\(s.lessonsDone(summary.lessonsCompleted, total))\"></progress> \(s.lessonsDone(summary.lessonsCompleted, total))")</li>
                """
        }
        let cohorts = try store.cohortSummaries(trainerID: viewer.id).map { summary -> HTML in
            let title = catalogue.course(summary.cohort.courseID)?.title[language] ?? summary.cohort.courseID
            return """
                <li><strong>\(summary.cohort.name)</strong><br><span class="muted">\(title)</span><br>
                \(s.members(summary.members)) · \(s.completed): \(summary.completed)\(summary.completed > 0 ? " · <a href=\"/cohorts/\(summary.cohort.id)/certificates.zip\">\(s.cohortCertificates)</a>" as HTML : "")</li>
                """
        }
        let certificates = try store.credentials(personID: viewer.id).map { credential -> HTML in
            let title = catalogue.course(credential.courseID)?.title[language] ?? credential.courseID
            let issued = Day(iso: credential.issuedOn).map { Formatting.date($0, language) } ?? credential.issuedOn
            return """
                <li><strong>\(s.credentialNames[credential.kind] ?? credential.kind.rawValue)</strong> — \(title)<br>
                <span class="muted">\(s.serial): \(credential.serial) · \(s.issuedOn): \(issued) · \(s.generationLabel): \(credential.generation)</span><br>
                <a href="/certificates/\(credential.serial)/pdf">\(s.downloadPDF)</a> · <a href="/certificates/\(credential.serial)/png">\(s.downloadPNG)</a> · <a href="/v/\(credential.token)">\(s.verifyLink)</a></li>
                """
        }
        func list(_ items: [HTML], empty: String) -> HTML {
            items.isEmpty ? "<p class=\"muted\">\(empty)</p>" : "<ul class=\"items\">\(items)</ul>"
        }
        let runsCohorts = viewer.has(.leadTrainer) || viewer.has(.masterTrainer)
        return page(visit, title: s.dashboard, """
            <h1>\(s.greeting(viewer.fullName))</h1>
            <section><h2>\(s.yourRoles)</h2><ul class="tags">\(roles)</ul></section>
            <div class="columns">
            <section><h2>\(s.myLearning)</h2>\(list(learning, empty: s.noLearningYet))</section>
            \(runsCohorts ? "<section><h2>\(s.myCohorts)</h2>\(list(cohorts, empty: s.noCohortsYet))</section>" as HTML : "")
            <section><h2>\(s.myCertificates)</h2>\(list(certificates, empty: s.noCertificatesYet))</section>
            </div>
            <p class="muted"><a href="/me/export" download>\(Strings.for(language).privacy.exportOwnData)</a></p>
            """)
    }

    /// The published catalogue: the newest approved version of each course, teachers' courses first.
    func cataloguePage(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let s = visit.strings
        let published = try catalogue.courses.compactMap { try library.published($0.id)?.0 }
            .sorted { AccountPages.catalogueOrder($0) < AccountPages.catalogueOrder($1) }
        let items = published.map { course -> HTML in
            let minutes = course.lessons.reduce(0) { $0 + $1.minutes }
            return """
                <article class="card">
                <h2><a href="/courses/\(course.id)">\(course.title[visit.language])</a></h2>
                <p>\(course.summary[visit.language])</p>
                <p class="muted">\(s.lessonsCount(course.lessons.count)) · \(s.minutes(minutes))</p>
                </article>
                """
        }
        return page(visit, title: s.catalogue, """
            <h1>\(s.catalogue)</h1>
            <p class="lead">\(s.catalogueIntro)</p>
            <div class="grid">\(items)</div>
            """)
    }

    /// Teachers' courses by the grades they serve, then the trainers' track.
    static func catalogueOrder(_ course: Course) -> (Int, Int, String) {
        let firstGrade = Int(course.audience.prefix { $0.isNumber }) ?? 99
        return (course.credential == .teacher ? 0 : 1, firstGrade, course.id)
    }
}
