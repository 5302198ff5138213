import Testing
@testable import UstazCore

@Suite("Coverage arithmetic: weeks, projection, regional targets, pilot subjects, capacity, CSV output")
struct CoverageMathTests {
    let monday = Day(iso: "2026-11-23")!  // a Monday

    @Test func weeksStartOnMonday() {
        #expect(CoverageWeek.start(of: monday) == monday)
        #expect(CoverageWeek.start(of: Day(iso: "2026-11-29")!) == monday)  // Sunday
        #expect(CoverageWeek.start(of: Day(iso: "2026-11-30")!) == Day(iso: "2026-11-30")!)
        #expect(CoverageWeek.start(of: Day(iso: "2020-01-01")!) == Day(iso: "2019-12-30")!)  // before the epoch's week
        #expect(CoverageWeek.start(of: Day(iso: "2019-12-29")!) == Day(iso: "2019-12-23")!)
    }

    @Test func theProjectionUsesTheLastFourCompleteWeeks() {
        let today = monday.adding(days: 2)  // Wednesday; the running week does not count
        let weeks: [Day: Int] = [
            monday: 1000,                    // current week: ignored
            monday.adding(days: -7): 40, monday.adding(days: -14): 30,
            monday.adding(days: -21): 20, monday.adding(days: -28): 10,
            monday.adding(days: -35): 5000,  // older than the window: ignored
        ]
        let projection = CoverageProjection(newlyCertified: weeks, certified: 6100, target: 6200, today: today,
                                            targetDate: today.adding(days: 70))
        #expect(projection.weeklyRate == 25)
        #expect(projection.windowStart == monday.adding(days: -28))
        #expect(projection.windowEnd == monday)
        // 100 left at 25 a week: 4 weeks.
        #expect(projection.reachesTargetOn == today.adding(days: 28))
        #expect(projection.expectedAtTargetDate == 6100 + 250)
        #expect(projection.onTrack)
        #expect(!projection.alreadyReached)
    }

    @Test func theProjectionNeverExceedsTheCountry() {
        // 150,000 a week for 100 weeks would be 15 million: the country has 398,854 teachers.
        let weeks = Dictionary(uniqueKeysWithValues: (1...4).map { (monday.adding(days: -7 * $0), 150_000) })
        let projection = CoverageProjection(newlyCertified: weeks, certified: 200_000, target: 350_000, today: monday,
                                            targetDate: monday.adding(days: 700))
        #expect(projection.expectedAtTargetDate == CoverageProjection.defaultPopulation)
        #expect(projection.reachesTargetOn == monday.adding(days: 7))
        // 198,854 left at 150,000 a week: the pace must flatten after 9.28 weeks, on day 10.
        #expect(projection.populationExhaustedOn == monday.adding(days: 10))
        #expect(!projection.targetExceedsPopulation)
    }

    @Test func aTargetLargerThanTheCountryIsNeverReached() {
        let weeks = Dictionary(uniqueKeysWithValues: (1...4).map { (monday.adding(days: -7 * $0), 1_000) })
        let projection = CoverageProjection(newlyCertified: weeks, certified: 9_000, target: 350_000, today: monday,
                                            targetDate: monday.adding(days: 7_000), population: 10_000)
        #expect(projection.targetExceedsPopulation)
        #expect(projection.reachesTargetOn == nil)
        #expect(!projection.onTrack)
        #expect(projection.expectedAtTargetDate == 10_000)
        #expect(projection.populationExhaustedOn == monday.adding(days: 7))
    }

    @Test func aPartialWeekRoundsTheDateUp() {
        let projection = CoverageProjection(newlyCertified: [monday.adding(days: -7): 3], certified: 0, target: 1,
                                            today: monday, targetDate: monday.adding(days: 7))
        #expect(projection.weeklyRate == 0.75)
        // 1 / 0.75 weeks = 9.33 days → day 10.
        #expect(projection.reachesTargetOn == monday.adding(days: 10))
        #expect(projection.expectedAtTargetDate == 0)
        #expect(!projection.onTrack)
    }

    @Test func withNoPaceThereIsNoDate() {
        let projection = CoverageProjection(newlyCertified: [monday.adding(days: -70): 50], certified: 50, target: 350_000,
                                            today: monday, targetDate: monday.adding(days: 400))
        #expect(projection.weeklyRate == 0)
        #expect(projection.reachesTargetOn == nil)
        #expect(projection.expectedAtTargetDate == 50)
        #expect(!projection.onTrack)
    }

    @Test func aDateCenturiesAwayIsNoDate() {
        let projection = CoverageProjection(newlyCertified: [monday.adding(days: -7): 2], certified: 0, target: 350_000,
                                            today: monday, targetDate: monday.adding(days: 700))
        #expect(projection.weeklyRate == 0.5)
        #expect(projection.beyondHorizon)
        #expect(projection.reachesTargetOn == nil)
        let near = CoverageProjection(newlyCertified: [monday.adding(days: -7): 20_000], certified: 0, target: 350_000,
                                      today: monday, targetDate: monday.adding(days: 700))
        #expect(!near.beyondHorizon)
        #expect(near.reachesTargetOn == monday.adding(days: 490))
    }

    @Test func aReachedTargetIsSaidSo() {
        let projection = CoverageProjection(newlyCertified: [:], certified: 10, target: 10, today: monday, targetDate: monday)
        #expect(projection.alreadyReached)
        #expect(projection.reachesTargetOn == nil)
        #expect(projection.onTrack)
    }

    @Test func defaultRegionalTargetsShareWhatIsLeft() {
        let order = ["a", "b", "c", "d"]
        let even = RegionTargets.resolve(national: 10, explicit: [:], order: order)
        #expect(order.map { even[$0]!.value } == [3, 3, 2, 2])
        #expect(even.values.allSatisfy { $0.isDefault })
        let mixed = RegionTargets.resolve(national: 100, explicit: ["b": 40], order: order)
        #expect(mixed["b"] == .init(value: 40, isDefault: false))
        #expect(["a", "c", "d"].map { mixed[$0]!.value } == [20, 20, 20])
        let over = RegionTargets.resolve(national: 100, explicit: ["a": 150], order: order)
        #expect(["b", "c", "d"].map { over[$0]!.value } == [0, 0, 0])
        // A target for a region that is not listed does not eat into the others' share.
        let stray = RegionTargets.resolve(national: 9, explicit: ["zz": 9], order: ["a", "b", "c"])
        #expect(stray.values.map(\.value).reduce(0, +) == 9)
    }

    @Test func pilotSubjectsAreFoundInThreeLanguages() {
        #expect(PilotSubject.found(in: "Математика, Ана тілі") == [.mathematics, .nativeLanguage])
        #expect(PilotSubject.found(in: "Цифрлық сауаттылық; ЖИ негіздері") == [.digitalLiteracy, .aiFundamentals])
        #expect(PilotSubject.found(in: "Русский язык / Информатика") == [.nativeLanguage, .digitalLiteracy])
        #expect(PilotSubject.found(in: "Основы искусственного интеллекта") == [.aiFundamentals])
        #expect(PilotSubject.found(in: "Mathematics | Digital   literacy") == [.mathematics, .digitalLiteracy])
        #expect(PilotSubject.found(in: "Физика, Химия").isEmpty)
        #expect(PilotSubject.found(in: nil).isEmpty)
        #expect(PilotSubject.found(in: "").isEmpty)
    }

    @Test func capacitySaysHowManyTrainersAreMissing() {
        // 84 days = two rounds of six weeks; 3 trainers × 25 × 2 rounds = 150 seats for 400 teachers.
        let short = TrainerCapacity(leadTrainers: 3, cohortSize: 25, stillToTrain: 400, today: monday,
                                    targetDate: monday.adding(days: 84), roundWeeks: 6)
        #expect(short.seatsPerRound == 75)
        #expect(short.roundsLeft == 2)
        #expect(short.seatsByTargetDate == 150)
        #expect(short.trainersNeeded == 8)
        #expect(short.shortfall == 5)
        #expect(short.isShort)
        let enough = TrainerCapacity(leadTrainers: 8, cohortSize: 25, stillToTrain: 400, today: monday,
                                     targetDate: monday.adding(days: 84), roundWeeks: 6)
        #expect(!enough.isShort)
        #expect(enough.shortfall == 0)
        let late = TrainerCapacity(leadTrainers: 8, cohortSize: 25, stillToTrain: 1, today: monday,
                                   targetDate: monday.adding(days: 20), roundWeeks: 6)
        #expect(late.trainersNeeded == nil)
        #expect(late.isShort)
        let done = TrainerCapacity(leadTrainers: 0, cohortSize: 25, stillToTrain: 0, today: monday, targetDate: monday, roundWeeks: 6)
        #expect(!done.isShort)
    }

    @Test func csvOutputIsQuotedAndSafeInSpreadsheets() throws {
        let text = CSV.write([["name", "note"], ["=HYPERLINK(\"x\")", "a, b"], ["+1", "-2"], ["@cmd", "\tx"], ["plain", "line\nbreak"]])
        #expect(text.split(separator: "\r\n", omittingEmptySubsequences: false)[1] == "\"'=HYPERLINK(\"\"x\"\")\",\"a, b\"")
        let rows = try CSV.parse(text).map(\.fields)
        #expect(rows[1] == ["'=HYPERLINK(\"x\")", "a, b"])
        #expect(rows[2] == ["'+1", "'-2"])
        #expect(rows[3] == ["'@cmd", "'\tx"])
        #expect(rows[4] == ["plain", "line\nbreak"])
        #expect(CSV.write([["\rx"]]) == "\"'\rx\"\r\n")
    }
}
