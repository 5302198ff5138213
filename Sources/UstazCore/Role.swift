/// What a person may do; one person may hold several roles.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case admin
    case coordinator
    case reviewer
    case masterTrainer = "master-trainer"
    case leadTrainer = "lead-trainer"
    case teacher

    public static func < (a: Role, b: Role) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// Cascade generation: 0 for master trainers, 1 for lead teachers they certify, 2 for colleagues.
public enum Generation {
    /// The generation of a credential earned in a cohort run by a holder of `trainerGeneration`.
    public static func next(after trainerGeneration: Int) -> Int { trainerGeneration + 1 }
}
