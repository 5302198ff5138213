import HTTPServer
import UstazCore
import UstazStore

/// Item statistics of one course version for reviewers, as a page and as CSV: per item its facility, point-biserial
/// discrimination, the share choosing each option, and flags. Read from running tallies, never from the attempts.
extension ReviewPages {
    /// One item's figures, in bank order within lesson order.
    struct ItemRow {
        var lesson: Lesson
        var question: Question
        var tally: ItemTally
        var flags: [ItemFlag]
    }

    private func itemRows(_ course: Course, versionID: Int64) throws -> [ItemRow] {
        let tallies = try store.itemTallies(versionID: versionID)
        return course.lessons.flatMap { lesson in
            lesson.quiz.questions.map { question in
                let tally = tallies[lesson.id]?[question.id] ?? ItemTally()
                return ItemRow(lesson: lesson, question: question, tally: tally, flags: ItemFlag.flags(question, tally))
            }
        }
    }

    private func flagText(_ flag: ItemFlag, _ text: AssessmentText) -> String {
        switch flag {
        case .tooHard: text.tooHard
        case .tooEasy: text.tooEasy
        case .weakDiscrimination: text.weakDiscrimination
        case .negativeDiscrimination: text.negativeDiscrimination
        case .unchosenDistractor(let option): text.unchosenDistractor(option)
        }
    }

    func itemStatisticsPage(_ request: Request) throws -> Response {
        let (visit, _) = try reviewer(request)
        let (version, course) = try reviewedVersion(request)
        let s = visit.strings
        let text = AssessmentText.for(visit.language)
        let language = visit.language
        let rows = try itemRows(course, versionID: version.id)
        let sections = course.lessons.map { lesson -> HTML in
            let body = rows.filter { $0.lesson.id == lesson.id }.map { row -> HTML in
                let tally = row.tally
                let options = row.question.options.map { option -> HTML in
                    let share = tally.share(option.id).map { Formatting.percent(Int(($0 * 1000).rounded()), of: 1000, language) } ?? "–"
                    let key: HTML = row.question.kind != .ordering && option.correct ? " ✓" : ""
                    return "<span class=\"option\">\(option.id)\(key) \(share)</span>"
                }
                let flags = row.flags.map { flag -> HTML in
                    "<span class=\"badge\(flag.isAlarm ? " alarm error" : "")\">\(flagText(flag, text))</span>"
                }
                return """
                    <tr\(row.flags.contains(where: \.isAlarm) ? " class=\"alarm\"" as HTML : "")><th scope="row"><a href="/review/\(version.id)/\(lesson.id)#item-\(row.question.id)">\(row.question.id)</a> <span class="muted">\(row.question.kind.rawValue)</span><br>\(row.question.prompt[language])</th>
                    <td>\(Formatting.number(tally.responses, language))</td><td>\(Formatting.decimal(tally.facility, language))</td>
                    <td>\(Formatting.decimal(tally.discrimination, language))</td><td>\(HTML.join(options, separator: " · "))</td>
                    <td>\(HTML.join(flags, separator: " "))</td></tr>
                    """
            }
            return """
                <h2>\(s.lessonNumber(lesson.number)). \(lesson.title[language])</h2>
                <table class="data item-statistics"><thead><tr><th scope="col">\(text.item)</th><th scope="col">\(text.responses)</th>
                <th scope="col">\(text.facility)</th><th scope="col">\(text.discrimination)</th><th scope="col">\(text.optionShares)</th>
                <th scope="col">\(text.flags)</th></tr></thead><tbody>\(body)</tbody></table>
                """
        }
        let responded = rows.filter { $0.tally.responses > 0 }
        let summary: HTML = responded.isEmpty
            ? "<p class=\"notice\">\(text.noResponses)</p>"
            : "<p>\(text.flaggedItems(rows.filter { !$0.flags.isEmpty }.count, rows.filter { $0.flags.contains(where: \.isAlarm) }.count, rows.count))</p>"
        return page(visit, title: "\(text.itemStatistics): \(course.title[language])", """
            <p class="crumbs"><a href="/review">\(s.review)</a> · <a href="/review/\(version.id)">\(course.title[language])</a></p>
            <h1>\(text.itemStatistics): \(course.title[language])</h1>
            <p>\(s.versionLabel) <code>\(String(version.contentHash.prefix(12)))</code> · <a href="/review/\(version.id)/statistics.csv">CSV</a></p>
            <p class="muted">\(text.statisticsIntro)</p>
            \(summary)
            \(HTML.join(sections))
            """)
    }

    func itemStatisticsCSV(_ request: Request) throws -> Response {
        _ = try reviewer(request)
        let (version, course) = try reviewedVersion(request)
        let widest = course.lessons.flatMap(\.quiz.questions).map(\.options.count).max() ?? 0
        var table: [[String]] = [["lesson", "item", "kind", "objective", "responses", "correct", "facility", "discrimination", "flags"]
            + (1...max(widest, 1)).flatMap { ["option_\($0)", "key_\($0)", "chosen_\($0)", "share_\($0)"] }]
        for row in try itemRows(course, versionID: version.id) {
            let tally = row.tally
            var cells = [row.lesson.id, row.question.id, row.question.kind.rawValue, row.question.objective ?? "", String(tally.responses),
                         String(tally.correct), tally.facility.map { String(format: "%.4f", $0) } ?? "",
                         tally.discrimination.map { String(format: "%.4f", $0) } ?? "",
                         row.flags.map(\.code).joined(separator: " ")]
            for option in row.question.options {
                cells += [option.id, row.question.kind == .ordering ? "" : (option.correct ? "1" : "0"), String(tally.options[option.id] ?? 0),
                          tally.share(option.id).map { String(format: "%.4f", $0) } ?? ""]
            }
            table.append(cells + Array(repeating: "", count: (widest - row.question.options.count) * 4))
        }
        var response = Response.text(CSV.write(table), contentType: "text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = "attachment; filename=\"item-statistics-\(course.id)-\(String(version.contentHash.prefix(12))).csv\""
        return response
    }
}
