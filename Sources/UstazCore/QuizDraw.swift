/// Which items of a lesson's bank one attempt shows.
///
/// Items the learner has not yet seen come first (seen = in a submitted attempt); the draw is spread as evenly as the
/// bank allows over the lesson's objectives; the remaining choices are uniform and come from a seeded generator, so a
/// draw is recorded by its seed and item list. `outcomes` lists every possible draw with its exact probability, from the
/// same plan, which is what the guessing-strategy audit enumerates.
public enum QuizDraw {
    /// One possible draw: its items in bank order, and the chance that `items(for:seen:seed:)` returns it.
    public struct Outcome: Sendable {
        public var items: [String]
        public var probability: Double
    }

    /// The items of one attempt, in the order shown.
    public static func items(for quiz: Quiz, seen: Set<String>, seed: UInt64) -> [String] {
        var generator = SeededGenerator(seed: seed)
        let plan = Plan(quiz: quiz, seen: seen)
        var quotas = plan.quotas
        if let partial = plan.partialRound {
            for group in partial.groups.shuffled(using: &generator).prefix(partial.count) { quotas[group] += 1 }
        }
        var chosen = Set(plan.forced)
        for (group, quota) in quotas.enumerated() where quota > 0 {
            chosen.formUnion(plan.pools[group].shuffled(using: &generator).prefix(quota))
        }
        return quiz.questions.map(\.id).filter(chosen.contains).shuffled(using: &generator)
    }

    /// Every draw `items(for:seen:seed:)` can make, with its probability; the probabilities sum to 1.
    public static func outcomes(for quiz: Quiz, seen: Set<String>) -> [Outcome] {
        let plan = Plan(quiz: quiz, seen: seen)
        let order = Dictionary(uniqueKeysWithValues: quiz.questions.enumerated().map { ($1.id, $0) })
        var outcomes: [Outcome] = []
        let extras = plan.partialRound.map { combinations(of: $0.groups, size: $0.count) } ?? [[]]
        for extra in extras {
            var quotas = plan.quotas
            for group in extra { quotas[group] += 1 }
            // Per group: every subset of its pool of the quota's size, equally likely.
            var partial: [(items: [String], probability: Double)] = [(plan.forced, 1.0 / Double(extras.count))]
            for (group, quota) in quotas.enumerated() where quota > 0 {
                let choices = combinations(of: plan.pools[group], size: quota)
                partial = partial.flatMap { sofar in
                    choices.map { (sofar.items + $0, sofar.probability / Double(choices.count)) }
                }
            }
            outcomes += partial.map { Outcome(items: $0.items.sorted { order[$0]! < order[$1]! }, probability: $0.probability) }
        }
        return outcomes
    }

    /// The deterministic part of a draw: items taken for certain, each objective's pool and quota, and the last,
    /// partly filled round in which `count` of `groups` get one more item, chosen at random.
    struct Plan {
        var forced: [String] = []
        var pools: [[String]] = []
        var quotas: [Int] = []
        var partialRound: (groups: [Int], count: Int)?

        init(quiz: Quiz, seen: Set<String>) {
            var keys: [String] = []
            var unseen: [[String]] = []
            var already: [[String]] = []
            for question in quiz.questions {
                let key = question.objective ?? "item:\(question.id)"
                if !keys.contains(key) {
                    keys.append(key)
                    unseen.append([])
                    already.append([])
                }
                let group = keys.firstIndex(of: key)!
                if seen.contains(question.id) { already[group].append(question.id) } else { unseen[group].append(question.id) }
            }
            let size = quiz.itemsPerAttempt
            let unseenCount = unseen.reduce(0) { $0 + $1.count }
            var need = size
            var levels = Array(repeating: 0, count: keys.count)
            if unseenCount >= size {
                pools = unseen
            } else {
                // Too few new items: all of them, then seen ones where the objectives are thinnest.
                forced = quiz.questions.map(\.id).filter { !seen.contains($0) }
                pools = already
                levels = unseen.map(\.count)
                need -= unseenCount
            }
            quotas = Array(repeating: 0, count: keys.count)
            // Water-filling: each round gives one more item to every objective at the lowest level that has items left.
            while need > 0 {
                let open = pools.indices.filter { quotas[$0] < pools[$0].count }
                guard let level = open.map({ levels[$0] + quotas[$0] }).min() else { break }
                let lowest = open.filter { levels[$0] + quotas[$0] == level }
                if lowest.count <= need {
                    for group in lowest { quotas[group] += 1 }
                    need -= lowest.count
                } else {
                    partialRound = (lowest, need)
                    need = 0
                }
            }
        }
    }

    /// Every subset of `items` with `size` elements, each in the items' order.
    static func combinations<T>(of items: [T], size: Int) -> [[T]] {
        guard size > 0 else { return [[]] }
        guard items.count >= size else { return [] }
        var result: [[T]] = []
        var indices = Array(0..<size)
        while true {
            result.append(indices.map { items[$0] })
            var position = size - 1
            while position >= 0, indices[position] == items.count - size + position { position -= 1 }
            guard position >= 0 else { return result }
            indices[position] += 1
            for next in (position + 1)..<size { indices[next] = indices[next - 1] + 1 }
        }
    }
}
