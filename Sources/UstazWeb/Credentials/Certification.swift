import Credentials
import Foundation
import Logging
import UstazCore
import UstazStore

/// The domain step "a teacher finished: issue the certificate if it is earned", with only what it needs. Pages (a
/// quiz passed, a practicum marked, a practical accepted, the dashboard) call it; so can the command line.
struct Certification: Sendable {
    let store: Store
    let library: CourseLibrary
    let keys: KeyRing
    let issuancePolicy: IssuancePolicy
    let logger: Logger

    /// Issues the credential an enrolment has earned, if the rules allow it now; otherwise records nothing.
    /// `recordDeferral` is false for retries on a page view, so a deferral is audited once, not on every visit.
    @discardableResult
    func issueIfEarned(_ enrolment: EnrolmentRecord, today: Day = .today, recordDeferral: Bool = true) throws -> CredentialRecord? {
        guard let course = try library.course(versionID: enrolment.courseVersionID),
              let cohort = try store.cohort(id: enrolment.cohortID),
              try store.currentCredential(personID: enrolment.personID, cohortID: cohort.id) == nil,
              let person = try store.person(id: enrolment.personID) else { return nil }
        let progress = try store.lessonProgress(enrolmentID: enrolment.id)
        let allDone = course.lessons.allSatisfy { progress[$0.id]?.isDone == true }
        let trainerCredential = try cohort.trainerCredentialID.flatMap { try store.credential(id: $0) }
        let standing = trainerCredential?.standing
        let practicalAccepted = course.requiresPractical ? try store.practical(enrolmentID: enrolment.id)?.status == .accepted : nil
        let decision = issuancePolicy.decide(earning: course.credential, allLessonsDone: allDone,
                                             practicumPassed: try store.practicumPassed(enrolmentID: enrolment.id),
                                             practicalAccepted: practicalAccepted, trainer: standing, on: today)
        guard case .issue(let kind, let generation, let expiresOn) = decision else {
            if case .notYet(let refusal) = decision, allDone, recordDeferral {
                try store.audit(actorID: nil, action: "issuance-deferred", subject: "enrolment:\(enrolment.id) \(refusal.rawValue)", about: enrolment.personID, address: nil)
            }
            return nil
        }
        // A name stored before the name rule may not fit the certificate: wait for an administrator to correct it,
        // rather than fail every page that tries to issue.
        guard PersonName.isAcceptable(person.fullName) else {
            if recordDeferral {
                try store.audit(actorID: nil, action: "issuance-deferred", subject: "enrolment:\(enrolment.id) name-needs-correction",
                                about: enrolment.personID, address: nil)
                logger.warning("certificate deferred: the holder's name breaks the name rule", metadata: ["enrolment": "\(enrolment.id)"])
            }
            return nil
        }
        guard let issued = try CredentialIssuer(store: store, keys: keys).issue(
            kind: kind, to: person, courseID: course.id, courseVersionID: enrolment.courseVersionID, generation: generation,
            cohortID: cohort.id, issuer: trainerCredential, issuedOn: today, expiresOn: expiresOn, supersedeEarlier: true)
        else { return nil }
        try store.audit(actorID: nil, action: "credential-issued", subject: "credential:\(issued.serial)", about: issued.personID, address: nil)
        return issued
    }
}
