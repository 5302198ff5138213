import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

@Suite("Item statistics for reviewers")
struct ItemStatisticsPageTests {
    /// One submitted attempt as the test made it: the items shown and which were answered right.
    struct Made { var items: [String]; var right: Set<String> }

    /// Five teachers take lesson 1 of the fixture course three times each, answering by a fixed pattern, through the
    /// real pages; returns the service, the version and what was submitted.
    static func answeredQuizzes() throws -> (Ustaz, TestClient, Int64, Course, [Made]) {
        let (ustaz, _, client) = try makeService(courses: fixtureCourses)
        let version = try #require(try ustaz.store.courseVersions(courseID: "fixture-teachers").first)
        try ustaz.store.approveCourseVersion(id: version.id)
        let course = try #require(try ustaz.store.courseContent(versionID: version.id))
        let lesson = course.lessons[0]
        let trainer = try ustaz.store.createPerson(.init(fullName: "Trainer", login: "trainer", roles: [.leadTrainer]))
        let cohort = try ustaz.store.createCohort(name: "Cohort", courseID: course.id, courseVersionID: version.id, trainerID: trainer.id,
                                                  trainerCredentialID: nil, regionID: "almaty", schoolID: nil,
                                                  startsOn: "2026-11-01", endsOn: "2026-12-15", joinCode: "STATS-1")
        var made: [Made] = []
        for teacher in 0..<5 {
            let person = try ustaz.store.createPerson(.init(fullName: "Teacher \(teacher)", login: "t\(teacher)",
                                                            passwordHash: ustaz.hashPassword("password \(teacher)"), roles: [.teacher]))
            let enrolment = try ustaz.store.enrol(personID: person.id, cohortID: cohort.id)
            let browser = Browser(client)
            browser.signIn("t\(teacher)", "password \(teacher)")
            for attempt in 0..<3 {
                let path = "/learn/\(enrolment)/\(lesson.id)/quiz"
                let page = browser.get(path)
                let shown = drawOn(page).items.compactMap { lesson.quiz.question($0) }
                // Stronger teachers get more right; q3 is never answered right; some choices go against the grain.
                let right = shown.enumerated().filter { index, question in
                    question.id != "q3" && (index + attempt + teacher * 2) % 5 < 1 + teacher
                }.map(\.element)
                let wrong = shown.filter { question in !right.contains { $0.id == question.id } }
                let form = [("_csrf", Browser.csrf(in: page)), ("client_key", "t\(teacher)-\(attempt)"), ("draw", drawOn(page).id)]
                    + answerFields(right, correct: true) + answerFields(wrong, correct: false)
                #expect(browser.post(path, form).status == 303)
                made.append(Made(items: shown.map(\.id), right: Set(right.map(\.id))))
            }
        }
        return (ustaz, client, version.id, course, made)
    }

    /// The options `answerFields` chooses (for ordering: the steps it puts in their place).
    static func choices(_ question: Question, right: Bool) -> Set<String> {
        switch question.kind {
        case .multiple: Set(question.options.filter { $0.correct == right }.map(\.id))
        case .single, .truefalse: [(question.options.first { $0.correct == right } ?? question.options[0]).id]
        case .ordering:
            Set(question.options.indices.filter { right || $0 == question.options.count - 1 - $0 }.map { question.options[$0].id })
        }
    }

    /// The correlation of the pairs, from standardised scores (the mean of the products of z-scores).
    static func correlation(_ pairs: [(Double, Double)]) -> Double? {
        let count = Double(pairs.count)
        let xs = pairs.map(\.0), ys = pairs.map(\.1)
        let mx = xs.reduce(0, +) / count, my = ys.reduce(0, +) / count
        let sx = (xs.map { ($0 - mx) * ($0 - mx) }.reduce(0, +) / count).squareRoot()
        let sy = (ys.map { ($0 - my) * ($0 - my) }.reduce(0, +) / count).squareRoot()
        guard sx > 0, sy > 0 else { return nil }
        return zip(xs, ys).map { ($0 - mx) / sx * ($1 - my) / sy }.reduce(0, +) / count
    }

    @Test func theCSVAndPageAgreeWithFiguresComputedFromTheAttempts() throws {
        let (ustaz, client, versionID, course, made) = try Self.answeredQuizzes()
        let lesson = course.lessons[0]
        try ustaz.store.createPerson(.init(fullName: "Reviewer", login: "reviewer", passwordHash: ustaz.hashPassword("review password"),
                                           roles: [.reviewer]))
        let reviewer = Browser(client)
        reviewer.signIn("reviewer", "review password")
        let csv = reviewer.get("/review/\(versionID)/statistics.csv")
        #expect(csv.status == 200)
        #expect(csv.headers["Content-Type"]?.hasPrefix("text/csv") == true)
        let rows = try CSV.parse(csv.bodyText).map(\.fields)
        let header = rows[0]
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        #expect(rows.count == 1 + course.lessons.count * 12)

        for question in lesson.quiz.questions {
            // Expected, from what was submitted: x = answered right, y = right among the attempt's other items.
            let pairs = made.filter { $0.items.contains(question.id) }.map { attempt -> (Double, Double) in
                let x = attempt.right.contains(question.id) ? 1.0 : 0.0
                return (x, Double(attempt.right.count) - x)
            }
            let row = try #require(rows.first { $0[column("lesson")] == lesson.id && $0[column("item")] == question.id })
            #expect(Int(row[column("responses")]) == pairs.count)
            guard !pairs.isEmpty else { continue }
            let facility = pairs.reduce(0) { $0 + $1.0 } / Double(pairs.count)
            #expect(abs(Double(row[column("facility")])! - facility) < 1e-4, "\(question.id)")
            let discrimination = row[column("discrimination")].replacingOccurrences(of: "'", with: "")
            if let expected = Self.correlation(pairs) {
                #expect(abs(Double(discrimination)! - expected) < 1e-4, "\(question.id)")
            } else {
                #expect(discrimination.isEmpty, "\(question.id)")
            }
            // Option shares, from the choices answerFields makes.
            for (index, option) in question.options.enumerated() {
                let chosen = made.filter { $0.items.contains(question.id) }
                    .filter { Self.choices(question, right: $0.right.contains(question.id)).contains(option.id) }.count
                #expect(Int(row[column("chosen_\(index + 1)")]) == chosen, "\(question.id)/\(option.id)")
                #expect(abs(Double(row[column("share_\(index + 1)")])! - Double(chosen) / Double(pairs.count)) < 1e-4)
            }
        }
        let q3 = try #require(rows.first { $0[column("item")] == "q3" && $0[column("lesson")] == lesson.id })
        #expect(q3[column("facility")] == "0.0000")
        #expect(q3[column("flags")].contains("too-hard"))

        // The page shows the same figures, flags and alarms in the reviewer's language.
        reviewer.get("/lang/ru")
        let page = reviewer.get("/review/\(versionID)/statistics")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Статистика заданий"))
        #expect(page.bodyText.contains("слишком трудное"))
        #expect(page.bodyText.contains("никто не выбрал"))

        // The running sums equal a recount from the attempts.
        let running = try ustaz.store.itemTallies(versionID: versionID)
        try ustaz.store.rebuildItemStatistics()
        #expect(try ustaz.store.itemTallies(versionID: versionID) == running)
    }

    @Test func onlyReviewersAndAdministratorsSeeIt() throws {
        let (ustaz, _, client) = try makeService(courses: fixtureCourses)
        let version = try #require(try ustaz.store.courseVersions(courseID: "fixture-teachers").first)
        for (login, role) in [("admin", Role.admin), ("rev", .reviewer), ("teacher", .teacher), ("lead", .leadTrainer)] {
            try ustaz.store.createPerson(.init(fullName: login, login: login, passwordHash: ustaz.hashPassword("password"), roles: [role]))
            let browser = Browser(client)
            browser.signIn(login, "password")
            let allowed = role == .admin || role == .reviewer
            #expect(browser.get("/review/\(version.id)/statistics").status == (allowed ? 200 : 403), "\(login)")
            #expect(browser.get("/review/\(version.id)/statistics.csv").status == (allowed ? 200 : 403), "\(login)")
        }
        #expect(Browser(client).get("/review/\(version.id)/statistics").status == 303)
        let empty = Browser(client)
        empty.signIn("rev", "password")
        empty.get("/lang/en")
        #expect(empty.get("/review/\(version.id)/statistics").bodyText.contains("No attempts yet."))
        #expect(empty.get("/review/999/statistics").status == 404)
    }
}
