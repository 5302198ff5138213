import Foundation
import Testing
import UstazCore
import UstazStore

@Suite("Coverage store: the change counter and region targets")
struct CoverageStoreTests {
    @Test func theCounterMovesWithWhatTheDashboardsCountAndNothingElse() throws {
        let store = try Store(path: try temporaryFolder("coverage").appendingPathComponent("u.sqlite").path)
        var last = try store.coverageChangeCounter()
        func moved(_ what: String, _ change: () throws -> Void) throws -> Bool {
            try change()
            let now = try store.coverageChangeCounter()
            defer { last = now }
            return now != last
        }
        let school = try store.createSchool(School(code: "S1", name: "School", regionID: "abai", kind: "standard", pilotWave: 1))
        var person: Person?
        #expect(try moved("person") { person = try store.createPerson(NewPerson(fullName: "A B", regionID: "abai", roles: [.teacher])) })
        let id = try #require(person?.id)
        #expect(try moved("subjects") { try store.setSubjects(personID: id, subjects: "Математика") })
        #expect(try moved("target") { try store.setRegionTarget(regionID: "abai", target: 10, source: "letter") })
        #expect(try moved("setting") { try store.setSetting("coverage.cohort-size", "20") })
        #expect(try !moved("audit") { try store.audit(actorID: id, action: "x", subject: nil, address: nil) })
        _ = school
    }

    @Test func aRegionTargetNeedsARealRegionAndClearsItsSource() throws {
        let store = try Store(path: try temporaryFolder("coverage").appendingPathComponent("u.sqlite").path)
        #expect(throws: StoreError.self) { try store.setRegionTarget(regionID: "atlantis", target: 5, source: "x") }
        try store.setRegionTarget(regionID: "abai", target: 5, source: "letter")
        var abai = try #require(try store.coverageFacts(today: .today).regions.first { $0.id == "abai" })
        #expect(abai.target == 5)
        #expect(abai.source == "letter")
        try store.setRegionTarget(regionID: "abai", target: nil, source: "ignored")
        abai = try #require(try store.coverageFacts(today: .today).regions.first { $0.id == "abai" })
        #expect(abai.target == nil)
        #expect(abai.source == nil)
    }
}
