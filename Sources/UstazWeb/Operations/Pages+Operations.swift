import Foundation
import HTTPServer
import UstazStore

extension OperationsPages {
    struct Health: Encodable {
        var status: String
        var database: String
        var courses: Int
        var signingKey: String
        /// "ok", or since when and why writes are refused (reads go on meanwhile).
        var writes = "ok"
    }

    /// Liveness and readiness in one: 200 when the database answers and accepts writes; 503 when it does
    /// not answer ("unavailable"), or when writes are refused because its disk is full ("degraded").
    func health(_ request: Request) throws -> Response {
        var health = Health(status: "ok", database: "ok", courses: catalogue.courses.count, signingKey: signing.keys.activeKeyID)
        var status = 200
        do { try store.ping() } catch {
            health.status = "unavailable"
            health.database = "\(error)"
            status = 503
        }
        if status == 200, let since = store.writesRefusedSince() {
            health.status = "degraded"
            health.writes = "refused since \(since.formatted(.iso8601)): the disk holding the database is full; reads go on"
            status = 503
        }
        var response = Response.json(health, status: status)
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    /// Prometheus text; only from this machine (the scraper runs beside the service) or for admins.
    func metrics(_ request: Request) throws -> Response {
        let totals = try store.totals()
        var text = httpMetrics.prometheusText()
        let gauges: [(String, String, Int)] = [
            ("ustaz_people", "People registered.", totals.people),
            ("ustaz_schools", "Schools registered.", totals.schools),
            ("ustaz_cohorts", "Cohorts created.", totals.cohorts),
            ("ustaz_enrolments", "Enrolments in cohorts.", totals.enrolments),
            ("ustaz_credentials_issued", "Credentials issued, including revoked and superseded.", totals.credentials),
            ("ustaz_certified_people", "People holding a valid credential.", totals.certifiedTeachers),
        ]
        for (name, help, value) in gauges {
            text += "# HELP \(name) \(help)\n# TYPE \(name) gauge\n\(name) \(value)\n"
        }
        return .text(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}
