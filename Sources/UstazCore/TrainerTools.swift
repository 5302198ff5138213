/// Why a learner needs help today.
public enum FallingBehind: Sendable, Equatable, Hashable {
    case inactive(days: Int)
    case failedTwice(lessonID: String)
    case behindPace(done: Int, expected: Int)

    public struct LearnerState: Sendable {
        public var lessonsDone: Int
        public var lastActivity: Day?
        public var enrolledOn: Day
        /// Lessons whose quiz was failed at least twice and is still not passed.
        public var lessonsFailedTwice: [String]
        public var completed: Bool

        public init(lessonsDone: Int, lastActivity: Day?, enrolledOn: Day, lessonsFailedTwice: [String], completed: Bool) {
            self.lessonsDone = lessonsDone
            self.lastActivity = lastActivity
            self.enrolledOn = enrolledOn
            self.lessonsFailedTwice = lessonsFailedTwice
            self.completed = completed
        }
    }

    /// Flags for one learner in a cohort running from `starts` to `ends` with `lessonCount` lessons.
    public static func flags(for learner: LearnerState, lessonCount: Int, starts: Day, ends: Day, today: Day,
                             inactivityDays: Int = 7) -> [FallingBehind] {
        guard !learner.completed else { return [] }
        var flags: [FallingBehind] = []
        let last = learner.lastActivity ?? max(learner.enrolledOn, starts)
        let idle = today.number - last.number
        if today >= starts, idle >= inactivityDays { flags.append(.inactive(days: idle)) }
        flags += learner.lessonsFailedTwice.map { .failedTwice(lessonID: $0) }
        // Even pace: by today, this share of the lessons should be done to finish by the end date.
        let span = max(1, ends.number - starts.number)
        let elapsed = min(max(0, today.number - starts.number), span)
        let expected = (lessonCount * elapsed) / span
        if expected > learner.lessonsDone { flags.append(.behindPace(done: learner.lessonsDone, expected: expected)) }
        return flags
    }
}

/// Outcomes by cascade generation and by trainer, to catch dilution between tiers.
public enum Fidelity {
    public struct Outcome: Sendable {
        public var trainerID: Int64
        /// The generation of the learners (trainer's generation + 1).
        public var generation: Int
        public var completed: Bool
        /// Mean of the learner's best quiz scores; nil before any quiz.
        public var meanScore: Double?

        public init(trainerID: Int64, generation: Int, completed: Bool, meanScore: Double?) {
            self.trainerID = trainerID
            self.generation = generation
            self.completed = completed
            self.meanScore = meanScore
        }
    }

    public struct Summary: Sendable, Equatable {
        public var learners: Int
        public var completed: Int
        /// Completion rate in percent.
        public var completionRate: Double
        public var meanScore: Double?
    }

    public struct TrainerSummary: Sendable, Equatable {
        public var trainerID: Int64
        public var generation: Int
        public var summary: Summary
        /// True when the trainer's learners fall well below their generation's mean.
        public var flagged: Bool
        /// How far below their generation's mean the trainer's learners are, in percentage points of
        /// completion plus points of mean score (0 when at or above both); 0 when not judged.
        public var concern: Double
        /// False when the trainer has too few learners to tell.
        public var judged: Bool
    }

    /// Below the generation's mean by this much is "well below".
    public static let completionGap = 15.0
    public static let scoreGap = 10.0
    /// Trainers with fewer learners are not judged: too few to tell.
    public static let minimumLearners = 5

    static func summarize(_ outcomes: [Outcome]) -> Summary {
        let completed = outcomes.filter(\.completed).count
        let scores = outcomes.compactMap(\.meanScore)
        return Summary(learners: outcomes.count, completed: completed,
                       completionRate: outcomes.isEmpty ? 0 : Double(completed) * 100 / Double(outcomes.count),
                       meanScore: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count))
    }

    public static func byGeneration(_ outcomes: [Outcome]) -> [Int: Summary] {
        Dictionary(grouping: outcomes, by: \.generation).mapValues(summarize)
    }

    public static func byTrainer(_ outcomes: [Outcome]) -> [TrainerSummary] {
        let generations = byGeneration(outcomes)
        return Dictionary(grouping: outcomes, by: { TrainerKey(trainer: $0.trainerID, generation: $0.generation) })
            .map { key, group in
                let summary = summarize(group)
                let reference = generations[key.generation]!
                let lowCompletion = summary.completionRate < reference.completionRate - completionGap
                let lowScore = (summary.meanScore ?? 0) < (reference.meanScore ?? 0) - scoreGap && summary.meanScore != nil
                let judged = group.count >= minimumLearners
                let completionBelow = max(0, reference.completionRate - summary.completionRate)
                let scoreBelow = summary.meanScore.map { max(0, (reference.meanScore ?? $0) - $0) } ?? 0
                return TrainerSummary(trainerID: key.trainer, generation: key.generation, summary: summary,
                                      flagged: judged && (lowCompletion || lowScore),
                                      concern: judged ? completionBelow + scoreBelow : 0, judged: judged)
            }
            .sorted { ($0.generation, $0.trainerID) < ($1.generation, $1.trainerID) }
    }

    /// Trainers by concern, largest first: those furthest below their generation lead, the ones too
    /// small to judge come last. Ties keep generation and trainer order, so pages are stable.
    public static func byConcern(_ outcomes: [Outcome]) -> [TrainerSummary] {
        byTrainer(outcomes).sorted { a, b in
            if a.judged != b.judged { return a.judged }
            if a.concern != b.concern { return a.concern > b.concern }
            return (a.generation, a.trainerID) < (b.generation, b.trainerID)
        }
    }

    private struct TrainerKey: Hashable { var trainer: Int64; var generation: Int }
}
