import HTTPServer
import UstazStore

/// The installable web app: service worker, manifest, the offline page.
struct OfflinePages: SitePages, Feature {
    let site: Site
}

extension OfflinePages {
    func register(_ routes: inout RouteTable) {
        routes.get("/sw.js", .anyone) { _ in
            // The worker controls every page only when served from the root; never cached by HTTP, so a new
            // version (new fingerprints) is picked up on the next visit.
            Response(status: 200, headers: ["Content-Type": "application/javascript; charset=utf-8",
                                            "Cache-Control": "no-cache", "Service-Worker-Allowed": "/"],
                     body: Array(self.serviceWorkerScript.utf8))
        }
        routes.get("/manifest.webmanifest", .anyone) { request in
            try self.staticFiles.response(for: "manifest.webmanifest", request: request)
        }
        routes.get("/offline", .anyone) { try self.offlinePage($0) }
    }
}
