import HTTPServer
import UstazStore

/// Coverage toward the national target: the page, its settings, and the API.
struct CoveragePages: SitePages, Feature {
    let site: Site
    let coverageBoard: CoverageBoard
}

extension CoveragePages {
    func register(_ routes: inout RouteTable) {
        routes.get("/coverage", .anyone) { try self.coveragePage($0) }
        routes.post("/coverage/targets", .roles([.admin])) { try self.setCoverageTarget($0) }
        routes.post("/coverage/settings", .roles([.admin])) { try self.setCoverageSettings($0) }
        routes.get("/api/v1/coverage", .anyone) { try self.coverageSummary($0) }
        routes.get("/api/v1/coverage/:table", .record(.coverageTableAudience)) { try self.coverageTable($0) }
        routes.get("/api/v1/openapi.json", .anyone) { _ in
            var response = Response.json(OpenAPIDocument.document(baseURL: self.configuration.baseURL))
            response.headers["Cache-Control"] = "public, max-age=300"
            return response
        }
    }
}
