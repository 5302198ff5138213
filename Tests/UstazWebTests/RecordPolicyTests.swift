import Testing
import UstazCore
@testable import UstazStore
@testable import UstazWeb

/// The record-level access rules alone: pure functions of the viewer and facts about the record.
@Suite("Record-level access rules")
struct RecordPolicyTests {
    static func person(_ id: Int64, _ roles: Set<Role>, region: String? = nil) -> Person {
        Person(id: id, fullName: "P\(id)", login: "p\(id)", email: nil, language: .kk, schoolID: nil, regionID: region,
               roles: Array(roles), coordinatorRegion: region, isActivated: true)
    }
    let admin = person(1, [.admin])
    let coordinator = person(2, [.coordinator], region: "kyzylorda")
    let master = person(3, [.masterTrainer])
    let trainer = person(4, [.leadTrainer, .teacher])
    let teacher = person(5, [.teacher])

    @Test func anEnrolmentIsItsHoldersAlone() {
        #expect(AccessRules.ownEnrolment(viewer: teacher, enrolmentHolder: 5) == .allowed)
        #expect(AccessRules.ownEnrolment(viewer: trainer, enrolmentHolder: 5) == .hidden)
        #expect(AccessRules.ownEnrolment(viewer: admin, enrolmentHolder: 5) == .hidden)
        #expect(AccessRules.ownEnrolment(viewer: teacher, enrolmentHolder: nil) == .hidden)
    }

    @Test func aCohortIsOverseenByItsTrainerAdminsItsRegionsCoordinatorAndMastersAbove() {
        func oversees(_ viewer: Person, region: String? = "kyzylorda", above: Bool = false) -> Bool {
            AccessRules.oversees(viewer: viewer, trainerID: 4, regionID: region, viewerAboveTrainer: above)
        }
        #expect(oversees(trainer) && oversees(admin) && oversees(coordinator))
        #expect(!oversees(coordinator, region: "pavlodar"))
        #expect(!oversees(coordinator, region: nil))
        #expect(oversees(master, above: true) && !oversees(master, above: false))
        // Being above the trainer counts for master trainers only.
        #expect(!oversees(teacher, above: true))
    }

    @Test func onlyTheTrainerWritesToACohortAndOverseersAreToldSo() {
        #expect(AccessRules.cohortTrainer(viewer: trainer, trainerID: 4, oversees: true) == .allowed)
        #expect(AccessRules.cohortTrainer(viewer: admin, trainerID: 4, oversees: true) == .forbidden)
        #expect(AccessRules.cohortTrainer(viewer: Self.person(6, [.leadTrainer]), trainerID: 4, oversees: false) == .hidden)
        #expect(AccessRules.cohortTrainerOrAdmin(viewer: admin, trainerID: 4) == .allowed)
        #expect(AccessRules.cohortTrainerOrAdmin(viewer: coordinator, trainerID: 4) == .hidden)
        #expect(AccessRules.cohortTrainerOrAdmin(viewer: admin, trainerID: nil) == .hidden)
    }

    @Test func practicalsAreReviewedByTheirReviewerOrOverseersAndReassignedWithinARegion() {
        #expect(AccessRules.practicalReviewer(viewer: master, reviewerID: 3, oversees: false) == .allowed)
        #expect(AccessRules.practicalReviewer(viewer: master, reviewerID: 4, oversees: false) == .hidden)
        #expect(AccessRules.practicalReassigner(viewer: coordinator, cohortRegion: "kyzylorda") == .allowed)
        #expect(AccessRules.practicalReassigner(viewer: coordinator, cohortRegion: "pavlodar") == .hidden)
        #expect(AccessRules.practicalReassigner(viewer: admin, cohortRegion: "pavlodar") == .allowed)
        #expect(AccessRules.practicalReassigner(viewer: trainer, cohortRegion: "kyzylorda") == .forbidden)
    }

    @Test func certificatesAndLineage() {
        #expect(AccessRules.certificateHolderOrTrainer(viewer: teacher, holderID: 5, cohortTrainerID: 4) == .allowed)
        #expect(AccessRules.certificateHolderOrTrainer(viewer: trainer, holderID: 5, cohortTrainerID: 4) == .allowed)
        #expect(AccessRules.certificateHolderOrTrainer(viewer: coordinator, holderID: 5, cohortTrainerID: 4) == .hidden)
        #expect(AccessRules.credentialRevoker(viewer: master, viewerAboveCredential: true) == .allowed)
        #expect(AccessRules.credentialRevoker(viewer: master, viewerAboveCredential: false) == .forbidden)
        #expect(AccessRules.credentialRevoker(viewer: trainer, viewerAboveCredential: true) == .forbidden)
        #expect(AccessRules.lineageViewer(viewer: teacher, personID: 5, viewerAbovePerson: false) == .allowed)
        #expect(AccessRules.lineageViewer(viewer: trainer, personID: 5, viewerAbovePerson: true) == .allowed)
        #expect(AccessRules.lineageViewer(viewer: coordinator, personID: 5, viewerAbovePerson: false) == .hidden)
    }

    @Test func peopleAndCoverageTables() {
        #expect(AccessRules.profileViewer(viewer: trainer, trainsPerson: true) == .allowed)
        #expect(AccessRules.profileViewer(viewer: trainer, trainsPerson: false) == .hidden)
        #expect(AccessRules.personAdministrator(viewer: trainer) == .hidden)
        #expect(AccessRules.personAdministrator(viewer: admin) == .allowed)
        #expect(AccessRules.coverageTableAudience(viewer: nil, tableIsPublic: true) == .allowed)
        #expect(AccessRules.coverageTableAudience(viewer: nil, tableIsPublic: false) == .signIn)
        #expect(AccessRules.coverageTableAudience(viewer: teacher, tableIsPublic: false) == .forbidden)
        #expect(AccessRules.coverageTableAudience(viewer: coordinator, tableIsPublic: false) == .allowed)
    }

    @Test func accessWithoutARecord() {
        #expect(AccessRules.verdict(.anyone, viewer: nil, fromServerItself: false) == .allowed)
        #expect(AccessRules.verdict(.signedIn, viewer: nil, fromServerItself: false) == .signIn)
        #expect(AccessRules.verdict(.roles([.admin]), viewer: teacher, fromServerItself: false) == .forbidden)
        #expect(AccessRules.verdict(.roles([.admin, .coordinator]), viewer: coordinator, fromServerItself: false) == .allowed)
        #expect(AccessRules.verdict(.serverOrAdministrator, viewer: nil, fromServerItself: true) == .allowed)
        #expect(AccessRules.verdict(.serverOrAdministrator, viewer: teacher, fromServerItself: false) == .forbidden)
        #expect(AccessRules.verdict(.record(.ownEnrolment), viewer: teacher, fromServerItself: false) == nil)
    }
}
