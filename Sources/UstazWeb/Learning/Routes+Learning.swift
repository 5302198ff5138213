import HTTPServer
import UstazStore

/// Courses and lessons, quizzes and attempts, and the classroom practical.
struct LearningPages: SitePages, Feature {
    let site: Site
    let library: CourseLibrary
    let certification: Certification
    let offline: OfflinePages
}

extension LearningPages {
    func register(_ routes: inout RouteTable) {
        routes.get("/courses/:course", .anyone) { try self.coursePage($0) }
        routes.get("/courses/:course/:lesson", .anyone) { try self.lessonPreview($0) }
        routes.get("/learn/:enrolment", .record(.ownEnrolment)) { request in try self.store.snapshot { try self.learningPage(request) } }
        // Before /learn/:enrolment/:lesson, which would take "practical" for a lesson.
        routes.get("/learn/:enrolment/practical", .record(.ownEnrolment)) { request in try self.store.snapshot { try self.practicalPage(request) } }
        routes.post("/learn/:enrolment/practical", .record(.ownEnrolment)) { try self.submitPractical($0) }
        routes.get("/learn/:enrolment/:lesson", .record(.ownEnrolment)) { try self.enrolledLesson($0) }
        routes.post("/learn/:enrolment/:lesson/read", .record(.ownEnrolment)) { try self.markLessonRead($0) }
        routes.get("/learn/:enrolment/:lesson/quiz", .record(.ownEnrolment)) { try self.quizPage($0) }
        routes.post("/learn/:enrolment/:lesson/quiz", .record(.ownEnrolment)) { try self.submitQuiz($0) }
        routes.get("/learn/:enrolment/:lesson/attempts/:attempt", .record(.ownEnrolment)) { request in try self.store.snapshot { try self.attemptPage(request) } }
        routes.get("/practicals", .roles([.coordinator, .admin])) { try self.practicalsPage($0) }
        routes.get("/practicals/:enrolment", .record(.practicalReviewer)) { request in try self.store.snapshot { try self.practicalReviewPage(request) } }
        routes.post("/practicals/:enrolment", .record(.practicalReviewer)) { try self.decidePractical($0) }
        routes.post("/practicals/:enrolment/reassign", .record(.practicalReassigner)) { try self.reassignPractical($0) }
    }
}
