import HTTPServer
import UstazCore
import UstazStore

/// Cohorts: the list, creating one, a cohort's page and its practicum marks, joining by code.
struct CohortPages: SitePages, Feature {
    let site: Site
    let catalogue: Catalogue
    let library: CourseLibrary
    let certification: Certification
    let issuancePolicy: IssuancePolicy
    let learning: LearningPages
}

extension CohortPages {
    func register(_ routes: inout RouteTable) {
        routes.get("/cohorts", .signedIn) { try self.cohortList($0) }
        routes.get("/cohorts/new", .roles([.leadTrainer, .masterTrainer])) { try self.newCohortPage($0) }
        routes.post("/cohorts", .roles([.leadTrainer, .masterTrainer])) { try self.createCohort($0) }
        routes.get("/cohorts/:cohort", .record(.cohortOverseer)) { request in try self.store.snapshot { try self.cohortPage(request) } }
        routes.post("/cohorts/:cohort/practicum/:enrolment", .record(.cohortTrainer)) { try self.recordPracticum($0) }
        routes.get("/join", .signedIn) { try self.joinPage($0) }
        routes.get("/join/:code", .signedIn) { try self.joinPage($0) }
        routes.post("/join", .signedIn) { try self.join($0) }
    }
}
