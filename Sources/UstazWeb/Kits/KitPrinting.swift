import Foundation
public import Printing
public import UstazCore

/// How Ustaz prints a lesson's kit: the kit and figures in one language, the course's sources, labels in that
/// language, big text for the youngest pupils. Shared by the web pages and `ustaz kits render`.
public enum KitPrinting {
    public static func job(_ course: Course, _ lesson: Lesson, _ language: Language) -> KitPrint? {
        guard let kit = lesson.kit else { return nil }
        let strings = Strings.for(language)
        return KitPrint(kit: kit.document(language), language: language, figures: lesson.figures?[language] ?? [:],
                        sources: course.sources ?? [], labels: KitText.for(language).printLabels,
                        largeText: isPrimary(course.audience),
                        subtitle: "\(course.title[language]) · \(strings.lessonNumber(lesson.number)): \(lesson.title[language])")
    }

    /// True when a course's audience ("1-4", "5–9") starts in grades 1–4: their pupils get big print.
    static func isPrimary(_ audience: String) -> Bool {
        let first = audience.prefix { $0.isNumber }
        return Int(first).map { $0 <= 4 } ?? false
    }
}

extension KitPrinting {
    /// Renders a lesson's kit, timed: nil when the lesson has no kit.
    public static func render(_ course: Course, _ lesson: Lesson, _ language: Language) throws -> (pdf: PrintedKit, milliseconds: Int)? {
        guard let job = job(course, lesson, language) else { return nil }
        let began = ContinuousClock.now
        let pdf = try KitRenderer.render(job)
        let elapsed = ContinuousClock.now - began
        return (pdf, Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
    }
}
