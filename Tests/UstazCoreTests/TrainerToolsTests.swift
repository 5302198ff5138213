import Testing
import UstazCore

@Suite("Falling behind and fidelity")
struct TrainerToolsTests {
    let starts = Day(iso: "2026-11-01")!
    var ends: Day { starts.adding(days: 40) }

    func learner(done: Int, last: Int?, failed: [String] = [], completed: Bool = false) -> FallingBehind.LearnerState {
        .init(lessonsDone: done, lastActivity: last.map { starts.adding(days: $0) }, enrolledOn: starts,
              lessonsFailedTwice: failed, completed: completed)
    }

    @Test func flagsInactivityFailuresAndPace() {
        let today = starts.adding(days: 20)  // halfway: 4 of 8 lessons expected
        #expect(FallingBehind.flags(for: learner(done: 4, last: 19), lessonCount: 8, starts: starts, ends: ends, today: today) == [])
        #expect(FallingBehind.flags(for: learner(done: 4, last: 10), lessonCount: 8, starts: starts, ends: ends, today: today)
                == [.inactive(days: 10)])
        #expect(FallingBehind.flags(for: learner(done: 2, last: 19, failed: ["l3"]), lessonCount: 8, starts: starts, ends: ends, today: today)
                == [.failedTwice(lessonID: "l3"), .behindPace(done: 2, expected: 4)])
        #expect(FallingBehind.flags(for: learner(done: 0, last: nil), lessonCount: 8, starts: starts, ends: ends, today: starts.adding(days: 3)) == [])
        #expect(FallingBehind.flags(for: learner(done: 8, last: 1, completed: true), lessonCount: 8, starts: starts, ends: ends, today: today) == [])
    }

    @Test func trainersWellBelowTheirGenerationAreFlagged() {
        var outcomes: [Fidelity.Outcome] = []
        for trainer in Int64(1)...4 {
            for index in 0..<10 {
                // Trainer 4 completes only 3 in 10, with lower scores; the others 9 in 10.
                let completed = trainer == 4 ? index < 3 : index < 9
                outcomes.append(.init(trainerID: trainer, generation: 2, completed: completed, meanScore: trainer == 4 ? 62 : 85))
            }
        }
        outcomes += (0..<3).map { _ in .init(trainerID: 9, generation: 2, completed: false, meanScore: 40) }  // too few to judge
        let generations = Fidelity.byGeneration(outcomes)
        #expect(generations[2]?.learners == 43)
        #expect(generations[2]?.completed == 30)
        let trainers = Fidelity.byTrainer(outcomes)
        #expect(trainers.filter(\.flagged).map(\.trainerID) == [4])
        #expect(trainers.first { $0.trainerID == 1 }?.summary.completionRate == 90)
    }

    @Test func concernRanksTrainersByTheirDistanceBelowTheGeneration() {
        var outcomes: [Fidelity.Outcome] = []
        func add(_ trainer: Int64, completed: Int, of total: Int, score: Double) {
            outcomes += (0..<total).map { .init(trainerID: trainer, generation: 1, completed: $0 < completed, meanScore: score) }
        }
        add(1, completed: 10, of: 10, score: 90)   // above the mean: no concern
        add(2, completed: 5, of: 10, score: 80)    // far below in completion
        add(3, completed: 8, of: 10, score: 60)    // below mostly in score
        add(4, completed: 0, of: 2, score: 10)     // too few to judge: last, whatever its numbers
        let generation = Fidelity.byGeneration(outcomes)[1]!
        let ranked = Fidelity.byConcern(outcomes)
        #expect(ranked.map(\.trainerID) == [2, 3, 1, 4])
        let second = ranked[0]
        #expect(second.concern == (generation.completionRate - 50) + max(0, generation.meanScore! - 80))
        #expect(ranked[2].concern == 0)
        #expect(!ranked[3].judged && ranked[3].concern == 0)
    }
}
