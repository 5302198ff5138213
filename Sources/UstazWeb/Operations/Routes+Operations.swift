import HTTPServer
import UstazCore
import UstazStore

/// Health, metrics and the static files.
struct OperationsPages: SitePages, Feature {
    let site: Site
    let catalogue: Catalogue
    let signing: SigningKeys
    let httpMetrics: ServerMetrics
}

extension OperationsPages {
    func register(_ routes: inout RouteTable) {
        routes.get("/healthz", .anyone) { try self.health($0) }
        routes.get("/metrics", .serverOrAdministrator) { try self.metrics($0) }
        routes.get("/static/*path", .anyone) { request in
            try self.staticFiles.response(for: try request.parameter("path"), request: request)
        }
        routes.get("/favicon.ico", .anyone) { request in try self.staticFiles.response(for: "icon.svg", request: request) }
    }
}
