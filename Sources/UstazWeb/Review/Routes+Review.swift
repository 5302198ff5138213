import HTTPServer
import UstazStore

/// Expert review of course versions: reviewers decide, administrators may look.
struct ReviewPages: SitePages, Feature {
    let site: Site
    let library: CourseLibrary
}

extension ReviewPages {
    func register(_ routes: inout RouteTable) {
        routes.get("/review", .roles([.reviewer, .admin])) { request in try self.store.snapshot { try self.reviewQueue(request) } }
        routes.get("/review/:version", .roles([.reviewer, .admin])) { request in try self.store.snapshot { try self.reviewVersion(request) } }
        // Before /review/:version/:lesson, which would take "statistics" for a lesson.
        routes.get("/review/:version/statistics", .roles([.reviewer, .admin])) { request in try self.store.snapshot { try self.itemStatisticsPage(request) } }
        routes.get("/review/:version/statistics.csv", .roles([.reviewer, .admin])) { request in try self.store.snapshot { try self.itemStatisticsCSV(request) } }
        routes.get("/review/:version/:lesson", .roles([.reviewer, .admin])) { request in try self.store.snapshot { try self.reviewLesson(request) } }
        routes.post("/review/:version/:lesson", .roles([.reviewer])) { try self.decideLesson($0) }
    }
}
