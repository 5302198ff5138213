import Foundation

/// A teacher's report on teaching one lesson of their course in their own class: the classroom practical a course
/// may require (`practical: required`) before its certificate. Plain text within limits, no files, no pupil names.
public struct PracticalReport: Sendable, Equatable, Codable {
    public var taughtOn: Day
    /// The class taught, e.g. "4 Ә".
    public var className: String
    /// The course lesson taught.
    public var lessonID: String
    public var pupilsDid: String
    public var pupilQuestion: String
    public var wouldChange: String
    /// The lesson plan as the teacher adapted it; optional.
    public var adaptedPlan: String?

    public init(taughtOn: Day, className: String, lessonID: String, pupilsDid: String, pupilQuestion: String, wouldChange: String,
                adaptedPlan: String?) {
        self.taughtOn = taughtOn
        self.className = className
        self.lessonID = lessonID
        self.pupilsDid = pupilsDid
        self.pupilQuestion = pupilQuestion
        self.wouldChange = wouldChange
        self.adaptedPlan = adaptedPlan
    }

    /// Where a report is in its review.
    public enum Status: String, Sendable, Codable {
        case submitted, returned, accepted
    }

    /// Length limits in characters, per field.
    public static let limits: [Field: ClosedRange<Int>] = [
        .className: 1...40, .pupilsDid: 20...2000, .pupilQuestion: 5...500, .wouldChange: 10...1500, .adaptedPlan: 0...8000,
    ]
    /// How far back a lesson may have been taught.
    public static let oldestDays = 366

    public enum Field: String, Sendable, CaseIterable {
        case taughtOn = "taught_on", className = "class_name", lessonID = "lesson_id", pupilsDid = "pupils_did"
        case pupilQuestion = "pupil_question", wouldChange = "would_change", adaptedPlan = "adapted_plan"
    }

    /// What is wrong with one field, for a message in the teacher's language.
    public enum Problem: Sendable, Equatable {
        case missing(Field)
        case tooShort(Field, minimum: Int)
        case tooLong(Field, maximum: Int)
        case notADate
        case inTheFuture
        case tooLongAgo
        case unknownLesson
    }

    /// Reads and checks the form fields (`Field` raw values); every problem is returned, not only the first.
    public static func read(_ fields: [String: String], lessonIDs: [String], today: Day) -> Result<PracticalReport, Problems> {
        var problems: [Problem] = []
        func text(_ field: Field) -> String {
            let value = (fields[field.rawValue] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard let range = limits[field] else { return value }
            if value.isEmpty && range.lowerBound > 0 { problems.append(.missing(field)) }
            else if value.count < range.lowerBound { problems.append(.tooShort(field, minimum: range.lowerBound)) }
            else if value.count > range.upperBound { problems.append(.tooLong(field, maximum: range.upperBound)) }
            return value
        }
        let dateText = (fields[Field.taughtOn.rawValue] ?? "").trimmingCharacters(in: .whitespaces)
        let day = Day(iso: dateText)
        if dateText.isEmpty { problems.append(.missing(.taughtOn)) }
        else if let day {
            if day > today { problems.append(.inTheFuture) }
            if day < today.adding(days: -oldestDays) { problems.append(.tooLongAgo) }
        } else { problems.append(.notADate) }
        let lesson = fields[Field.lessonID.rawValue] ?? ""
        if !lessonIDs.contains(lesson) { problems.append(.unknownLesson) }
        let plan = text(.adaptedPlan)
        let report = PracticalReport(taughtOn: day ?? today, className: text(.className), lessonID: lesson, pupilsDid: text(.pupilsDid),
                                     pupilQuestion: text(.pupilQuestion), wouldChange: text(.wouldChange),
                                     adaptedPlan: plan.isEmpty ? nil : plan)
        return problems.isEmpty ? .success(report) : .failure(Problems(list: problems))
    }

    public struct Problems: Error, Sendable, Equatable {
        public var list: [Problem]
    }
}

