import Testing
@testable import UstazCore

/// Pearson's correlation from the raw pairs, the textbook way (means and deviations), to check the running sums.
func pearson(_ pairs: [(Double, Double)]) -> Double? {
    let n = Double(pairs.count)
    let meanX = pairs.reduce(0) { $0 + $1.0 } / n, meanY = pairs.reduce(0) { $0 + $1.1 } / n
    let covariance = pairs.reduce(0) { $0 + ($1.0 - meanX) * ($1.1 - meanY) }
    let spreadX = pairs.reduce(0) { $0 + ($1.0 - meanX) * ($1.0 - meanX) }
    let spreadY = pairs.reduce(0) { $0 + ($1.1 - meanY) * ($1.1 - meanY) }
    guard spreadX > 0, spreadY > 0 else { return nil }
    return covariance / (spreadX * spreadY).squareRoot()
}

@Suite("Item statistics from running sums")
struct ItemStatisticsTests {
    @Test func responsesOfAnAttemptKnowTheRestAndTheChoices() {
        let responses = ItemResponse.of(sampleQuiz, items: ["q1", "q2", "q4"], answers: ["q1": ["a"], "q2": ["a", "c"], "q4": ["x", "z", "y"]])
        #expect(responses == [
            ItemResponse(itemID: "q1", correct: true, rest: 0, options: ["a"]),
            ItemResponse(itemID: "q2", correct: false, rest: 1, options: ["a", "c"]),
            // Ordering: only the steps in their place count as chosen.
            ItemResponse(itemID: "q4", correct: false, rest: 1, options: ["x"]),
        ])
    }

    @Test func facilityAndDiscriminationMatchTheTextbookFormulas() throws {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<50 {
            var tally = ItemTally()
            var pairs: [(Double, Double)] = []
            for _ in 0..<Int.random(in: 2...60, using: &random) {
                let rest = Int.random(in: 0...5, using: &random)
                let correct = Int.random(in: 0...5, using: &random) < rest + 1
                tally.add(ItemResponse(itemID: "q", correct: correct, rest: rest, options: correct ? ["a"] : ["b"]))
                pairs.append((correct ? 1 : 0, Double(rest)))
            }
            #expect(tally.facility == pairs.reduce(0) { $0 + $1.0 } / Double(pairs.count))
            switch (tally.discrimination, pearson(pairs)) {
            case (nil, nil): break
            case let (computed?, expected?): #expect(abs(computed - expected) < 1e-9)
            case let (computed, expected): Issue.record("discrimination \(String(describing: computed)) vs \(String(describing: expected))")
            }
            #expect(tally.share("a") == tally.facility)
        }
    }

    @Test func flagsFollowTheThresholds() {
        let question = sampleQuiz.questions[0]  // a ✓, b, c
        func tally(_ rows: [(Bool, Int, String)]) -> ItemTally {
            rows.reduce(into: ItemTally()) { $0.add(ItemResponse(itemID: "q1", correct: $1.0, rest: $1.1, options: [$1.2])) }
        }
        // Those who do well elsewhere get it wrong: negative, an alarm; nobody chose c.
        let backwards = tally([(true, 0, "a"), (true, 1, "a"), (false, 4, "b"), (false, 5, "b")])
        #expect(ItemFlag.flags(question, backwards) == [.negativeDiscrimination, .unchosenDistractor("c")])
        let easy = tally(Array(repeating: (true, 3, "a"), count: 20) + [(false, 1, "b"), (false, 2, "c")])
        #expect(ItemFlag.flags(question, easy).contains(.tooEasy) == false)  // 20/22 = 0.91
        let easier = tally(Array(repeating: (true, 3, "a"), count: 40) + [(false, 1, "b"), (false, 2, "c")])
        #expect(ItemFlag.flags(question, easier) == [.tooEasy])  // 40/42 = 0.952, discriminating well
        let hard = tally([(false, 1, "b"), (false, 2, "c"), (false, 3, "b"), (false, 2, "c"), (true, 4, "a"), (false, 0, "b")])
        #expect(ItemFlag.flags(question, hard) == [.tooHard])  // 1/6 = 0.17
        #expect(ItemFlag.flags(question, ItemTally()).isEmpty)
        #expect(ItemFlag.flags(question, tally([(true, 2, "a"), (false, 2, "b"), (true, 3, "a"), (false, 3, "c")])).contains(.weakDiscrimination))
    }
}
