/// Pure arithmetic of the coverage dashboards: weeks, the projection to the target, regional targets,
/// pilot subjects and trainer capacity. No I/O, so every rule is tested on its own.
public enum CoverageWeek {
    /// The Monday on or before `day` (weeks run Monday–Sunday, as in Kazakh school calendars).
    public static func start(of day: Day) -> Day {
        // Day 0 (2020-01-01) was a Wednesday, two days after a Monday.
        let sinceMonday = ((day.number + 2) % 7 + 7) % 7
        return day.adding(days: -sinceMonday)
    }
}

/// Where the cascade will be on the target date if the recent pace holds.
///
/// Method: the pace is the mean number of people newly certified per week over the last
/// `window` complete weeks (the current, unfinished week is left out so a Monday does not look
/// like a collapse). The date the target is reached is today plus the remaining count divided by
/// that pace; with a pace of zero, or a date more than `horizonYears` away, there is no such date.
///
/// The pace cannot outrun the country: nobody is projected beyond `population`, the number of
/// teachers there are, and the projection names the date on which, at this pace, the teachers left
/// to train would run out (from then on the pace must flatten).
public struct CoverageProjection: Sendable, Equatable, Codable {
    public static let window = 4
    public static let horizonYears = 50

    /// People newly certified per week, averaged over the window.
    public var weeklyRate: Double
    /// The first week of the window and the Monday after its last week.
    public var windowStart: Day
    public var windowEnd: Day
    /// When the target is reached at this pace; nil when already reached or the pace is zero.
    public var reachesTargetOn: Day?
    public var alreadyReached: Bool
    /// The pace is above zero but too slow to reach the target within `horizonYears`.
    public var beyondHorizon: Bool
    /// Certified people expected on the target date at this pace.
    public var expectedAtTargetDate: Int
    public var onTrack: Bool
    /// The teachers in the country (an administrator's setting), the ceiling of every projection.
    public var population: Int
    /// The target asks for more people than the country has: it can never be met.
    public var targetExceedsPopulation: Bool
    /// When, at this pace, everyone left to train would be certified: the pace flattens from then on.
    /// Nil when the pace is zero, the population is already covered, or the day is beyond the horizon.
    public var populationExhaustedOn: Day?

    /// `newlyCertified` maps a week's Monday to the people first certified in that week.
    public init(newlyCertified: [Day: Int], certified: Int, target: Int, today: Day, targetDate: Day,
                population: Int = CoverageProjection.defaultPopulation) {
        let thisWeek = CoverageWeek.start(of: today)
        windowEnd = thisWeek
        let first = thisWeek.adding(days: -7 * CoverageProjection.window)
        windowStart = first
        let inWindow = (0..<CoverageProjection.window).reduce(0) { sum, index in
            sum + (newlyCertified[first.adding(days: 7 * index)] ?? 0)
        }
        weeklyRate = Double(inWindow) / Double(CoverageProjection.window)
        alreadyReached = certified >= target
        let remaining = max(0, target - certified)
        let days = weeklyRate > 0 ? (Double(remaining) / weeklyRate * 7).rounded(.up) : .infinity
        beyondHorizon = !alreadyReached && weeklyRate > 0 && days > Double(CoverageProjection.horizonYears * 366)
        reachesTargetOn = alreadyReached || weeklyRate == 0 || beyondHorizon ? nil : today.adding(days: Int(days))
        self.population = population
        targetExceedsPopulation = target > population
        let daysLeft = max(0, targetDate.number - today.number)
        let unbounded = Double(certified) + (weeklyRate * Double(daysLeft) / 7).rounded(.down)
        expectedAtTargetDate = Int(min(unbounded, Double(max(population, certified))))
        let untrained = max(0, population - certified)
        let daysToExhaust = weeklyRate > 0 ? (Double(untrained) / weeklyRate * 7).rounded(.up) : .infinity
        populationExhaustedOn = untrained > 0 && daysToExhaust <= Double(CoverageProjection.horizonYears * 366)
            ? today.adding(days: Int(daysToExhaust)) : nil
        if targetExceedsPopulation, !alreadyReached {
            reachesTargetOn = nil
            beyondHorizon = false
        }
        onTrack = alreadyReached || (expectedAtTargetDate >= target && !targetExceedsPopulation)
    }

    /// The ministry's count of teachers in the country (see the reference notes), the default ceiling.
    public static let defaultPopulation = 398_854
}

/// Targets per region: an administrator's figure where one is set, otherwise an equal share of what
/// the national target leaves after those figures. No official per-region teacher count exists, so
/// the equal share is a placeholder that says so, never a fact.
public enum RegionTargets {
    public struct Target: Sendable, Equatable {
        public var value: Int
        public var isDefault: Bool

        public init(value: Int, isDefault: Bool) {
            self.value = value
            self.isDefault = isDefault
        }
    }

    /// `explicit` holds the regions with their own target. The defaults add up exactly to what is left
    /// (the first regions in `order` take the remainder of the division, one each).
    public static func resolve(national: Int, explicit: [String: Int], order: [String]) -> [String: Target] {
        var result: [String: Target] = [:]
        var others: [String] = []
        for id in order {
            if let value = explicit[id] { result[id] = Target(value: value, isDefault: false) } else { others.append(id) }
        }
        guard !others.isEmpty else { return result }
        let assigned = explicit.filter { order.contains($0.key) }.values.reduce(0, +)
        let left = max(0, national - assigned)
        let share = left / others.count, remainder = left % others.count
        for (index, id) in others.enumerated() {
            result[id] = Target(value: share + (index < remainder ? 1 : 0), isDefault: true)
        }
        return result
    }
}

/// The subjects of the pilot's first wave (domain reference: native language, mathematics, digital
/// literacy, fundamentals of AI), recognised in the free text of a teacher's `subjects` field.
public enum PilotSubject: String, Sendable, CaseIterable, Codable {
    case nativeLanguage = "native-language"
    case mathematics
    case digitalLiteracy = "digital-literacy"
    case aiFundamentals = "ai-fundamentals"

    /// Lower-case fragments in Kazakh, Russian and English that name each subject. The native language
    /// is the language of instruction: Kazakh or Russian language lessons count.
    static let fragments: [(PilotSubject, [String])] = [
        (.aiFundamentals, ["жасанды интеллект", "жи негіздері", "искусственн", "основы ии", "artificial intelligence",
                           "ai fundamentals", "fundamentals of ai", "ai basics"]),
        (.digitalLiteracy, ["цифрлық сауат", "цифровая грамотн", "цифровой грамотн", "digital literacy", "информатика",
                            "informatics", "computer science", "computing"]),
        (.mathematics, ["математика", "математик", "math"]),
        (.nativeLanguage, ["ана тілі", "қазақ тілі", "орыс тілі", "родной язык", "казахский язык", "русский язык",
                           "native language", "mother tongue", "kazakh language", "russian language"]),
    ]

    /// The pilot subjects named in `text` (a list separated by commas, semicolons, slashes or "|").
    public static func found(in text: String?) -> Set<PilotSubject> {
        guard let text, !text.isEmpty else { return [] }
        var found: Set<PilotSubject> = []
        let items = text.lowercased().split { ",;/|".contains($0) }
        for item in items {
            let words = item.split(separator: " ").joined(separator: " ")
            for (subject, names) in fragments where names.contains(where: { words.contains($0) }) {
                found.insert(subject)
            }
        }
        return found
    }
}

/// Whether a region has the lead trainers to train the rest of its teachers by the target date.
///
/// Each active lead trainer teaches one cohort of `cohortSize` per round of `roundWeeks` weeks; the
/// trainers needed are those that clear the teachers still to train in the rounds left.
public struct TrainerCapacity: Sendable, Equatable, Codable {
    public var leadTrainers: Int
    public var seatsPerRound: Int
    public var stillToTrain: Int
    public var roundsLeft: Int
    /// Seats in all the rounds left before the target date.
    public var seatsByTargetDate: Int
    /// Lead trainers that would clear the rest by the date; nil when no round fits before it.
    public var trainersNeeded: Int?
    public var isShort: Bool

    public init(leadTrainers: Int, cohortSize: Int, stillToTrain: Int, today: Day, targetDate: Day, roundWeeks: Int) {
        self.leadTrainers = leadTrainers
        self.stillToTrain = stillToTrain
        seatsPerRound = leadTrainers * cohortSize
        roundsLeft = max(0, targetDate.number - today.number) / (7 * max(1, roundWeeks))
        seatsByTargetDate = seatsPerRound * roundsLeft
        let perTrainer = cohortSize * roundsLeft
        if stillToTrain == 0 {
            trainersNeeded = 0
        } else if perTrainer == 0 {
            trainersNeeded = nil
        } else {
            trainersNeeded = (stillToTrain + perTrainer - 1) / perTrainer
        }
        isShort = trainersNeeded.map { $0 > leadTrainers } ?? true
    }

    /// Lead trainers missing to finish on time (0 when there are enough, nil when no round fits).
    public var shortfall: Int? { trainersNeeded.map { max(0, $0 - leadTrainers) } }
}
