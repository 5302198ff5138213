import HTTPServer
import UstazStore

extension Ustaz {
    struct Health: Encodable {
        var status: String
        var database: String
        var courses: Int
        var signingKey: String
    }

    /// Liveness and readiness in one: 200 when the database answers, 503 when it does not.
    func health(_ request: Request) throws -> Response {
        var health = Health(status: "ok", database: "ok", courses: catalogue.courses.count, signingKey: keys.activeKeyID)
        do { try store.ping() } catch {
            health.status = "unavailable"
            health.database = "\(error)"
            return .json(health, status: 503)
        }
        var response = Response.json(health)
        response.headers["Cache-Control"] = "no-store"
        return response
    }

    /// Prometheus text; only from this machine (the scraper runs beside the service) or for admins.
    func metrics(_ request: Request) throws -> Response {
        // Behind a proxy on this machine every client looks local; a forwarded request is not the scraper.
        let local = ["127.0.0.1", "::1", "::ffff:127.0.0.1"].contains(request.remoteAddress)
            && !request.headers.contains("X-Forwarded-For") && !request.headers.contains("Forwarded")
        if !local {
            let visit = try visit(request)
            guard visit.viewer?.has(.admin) == true else { throw HTTPError.forbidden("Metrics are available from the server itself or to administrators.") }
        }
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
