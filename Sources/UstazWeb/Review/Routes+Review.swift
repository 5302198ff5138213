import HTTPServer
import UstazStore

/// Expert review of course versions: reviewers decide, administrators may look.
struct ReviewPages: SitePages, Feature {
    let site: Site
    let library: CourseLibrary
}

extension ReviewPages {
    func register(_ routes: inout RouteTable) {
        routes.get("/review", .roles([.reviewer, .admin])) { try self.reviewQueue($0) }
        routes.get("/review/:version", .roles([.reviewer, .admin])) { try self.reviewVersion($0) }
        // Before /review/:version/:lesson, which would take "statistics" for a lesson.
        routes.get("/review/:version/statistics", .roles([.reviewer, .admin])) { try self.itemStatisticsPage($0) }
        routes.get("/review/:version/statistics.csv", .roles([.reviewer, .admin])) { try self.itemStatisticsCSV($0) }
        routes.get("/review/:version/:lesson", .roles([.reviewer, .admin])) { try self.reviewLesson($0) }
        routes.post("/review/:version/:lesson", .roles([.reviewer])) { try self.decideLesson($0) }
    }
}
