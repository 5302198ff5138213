import Testing
import UstazCore

@Suite("Issuance rules")
struct IssuanceTests {
    let policy = IssuancePolicy(leadTrainerValidityDays: 730, maximumGeneration: 3)
    let today = Day(iso: "2026-11-23")!
    var master: TrainerStanding { TrainerStanding(kind: .masterTrainer, generation: 0, revoked: false, expiresOn: nil) }
    var lead: TrainerStanding { TrainerStanding(kind: .leadTrainer, generation: 1, revoked: false, expiresOn: today.adding(days: 30)) }

    @Test func teacherUnderAValidLeadTrainerIsGenerationTwo() {
        #expect(policy.decide(earning: .teacher, allLessonsDone: true, practicumPassed: nil, trainer: lead, on: today)
                == .issue(kind: .teacher, generation: 2, expiresOn: nil))
    }

    @Test func leadTrainerNeedsThePracticumAndExpires() {
        #expect(policy.decide(earning: .leadTrainer, allLessonsDone: true, practicumPassed: nil, trainer: master, on: today)
                == .notYet(.practicumMissing))
        #expect(policy.decide(earning: .leadTrainer, allLessonsDone: true, practicumPassed: false, trainer: master, on: today)
                == .notYet(.practicumFailed))
        #expect(policy.decide(earning: .leadTrainer, allLessonsDone: true, practicumPassed: true, trainer: master, on: today)
                == .issue(kind: .leadTrainer, generation: 1, expiresOn: today.adding(days: 730)))
    }

    @Test func aRequiredPracticalMustBeAccepted() {
        #expect(policy.decide(earning: .teacher, allLessonsDone: true, practicumPassed: nil, practicalAccepted: false, trainer: lead, on: today)
                == .notYet(.practicalNotAccepted))
        #expect(policy.decide(earning: .teacher, allLessonsDone: true, practicumPassed: nil, practicalAccepted: true, trainer: lead, on: today)
                == .issue(kind: .teacher, generation: 2, expiresOn: nil))
        #expect(policy.decide(earning: .teacher, allLessonsDone: false, practicumPassed: nil, practicalAccepted: true, trainer: lead, on: today)
                == .notYet(.lessonsNotDone))
    }

    @Test func practicalAcceptanceIsCountedByGenerationAndTrainer() {
        let outcomes = [
            Fidelity.Outcome(trainerID: 1, generation: 2, completed: true, meanScore: 90, practical: .accepted),
            Fidelity.Outcome(trainerID: 1, generation: 2, completed: true, meanScore: 80, practical: .returned),
            Fidelity.Outcome(trainerID: 2, generation: 2, completed: false, meanScore: 70, practical: nil),
            Fidelity.Outcome(trainerID: 2, generation: 2, completed: true, meanScore: 75, practical: .accepted),
        ]
        let generation = Fidelity.byGeneration(outcomes)[2]!
        #expect(generation.practicals == 3 && generation.practicalsAccepted == 2)
        #expect(abs(generation.practicalAcceptanceRate! - 200.0 / 3) < 1e-9)
        let trainers = Fidelity.byTrainer(outcomes)
        #expect(trainers.map(\.summary.practicalAcceptanceRate) == [50, 100])
        #expect(Fidelity.byGeneration([Fidelity.Outcome(trainerID: 1, generation: 1, completed: false, meanScore: nil)])[1]!
                    .practicalAcceptanceRate == nil)
    }

    @Test func everyRefusalHasItsReason() {
        #expect(policy.decide(earning: .teacher, allLessonsDone: false, practicumPassed: nil, trainer: lead, on: today) == .notYet(.lessonsNotDone))
        #expect(policy.decide(earning: .teacher, allLessonsDone: true, practicumPassed: nil, trainer: nil, on: today) == .notYet(.trainerHasNoCredential))
        #expect(policy.decide(earning: .leadTrainer, allLessonsDone: true, practicumPassed: true, trainer: lead, on: today)
                == .notYet(.trainerCredentialWrongKind))
        var revoked = lead
        revoked.revoked = true
        #expect(policy.mayRunCohort(earning: .teacher, trainer: revoked, on: today) == .trainerCredentialInvalid)
        #expect(policy.mayRunCohort(earning: .teacher, trainer: lead, on: today.adding(days: 31)) == .trainerCredentialInvalid)
        #expect(policy.mayRunCohort(earning: .teacher, trainer: lead, on: today.adding(days: 30)) == nil)
        let deep = TrainerStanding(kind: .leadTrainer, generation: 3, revoked: false, expiresOn: nil)
        #expect(policy.mayRunCohort(earning: .teacher, trainer: deep, on: today) == .cascadeTooDeep)
        #expect(policy.mayRunCohort(earning: .teacher, trainer: master, on: today) == nil)
    }
}
