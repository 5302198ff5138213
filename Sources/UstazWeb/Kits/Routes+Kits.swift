import HTTPServer
import UstazStore

/// Classroom kits as PDF (published, enrolled, in review) and lesson figures by fingerprint.
struct KitPages: SitePages, Feature {
    let site: Site
    let library: CourseLibrary
    let learning: LearningPages
    let review: ReviewPages
}

extension KitPages {
    func register(_ routes: inout RouteTable) {
        routes.get("/courses/:course/:lesson/kit.pdf", .anyone, lane: .slow) { try self.publishedKit($0) }
        routes.get("/learn/:enrolment/:lesson/kit.pdf", .record(.ownEnrolment), lane: .slow) { try self.enrolledKit($0) }
        routes.get("/review/:version/:lesson/kit.pdf", .roles([.reviewer, .admin]), lane: .slow) { try self.reviewedKit($0) }
        routes.get("/f/:figure", .anyone) { try self.figureFile($0) }
    }
}
