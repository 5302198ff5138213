import Credentials
import HTTPServer
import UstazCore
import UstazStore

/// Certificates: verification, files, Open Badges, status lists, revocation, published keys.
struct CredentialPages: SitePages, Feature {
    let site: Site
    let catalogue: Catalogue
    let library: CourseLibrary
    let issuancePolicy: IssuancePolicy
    let signing: SigningKeys
    let renderer: CertificateRenderer
}

extension CredentialPages {
    func register(_ routes: inout RouteTable) {
        routes.get("/v/:token", .anyone) { try self.verifyPage($0) }
        routes.get("/c/:serial", .anyone) { try self.shortVerification($0) }
        routes.get("/certificates/:serial/pdf", .record(.certificateHolderOrTrainer), lane: .slow) { try self.certificateFile($0, format: .pdf) }
        routes.get("/certificates/:serial/png", .record(.certificateHolderOrTrainer), lane: .slow) { try self.certificateFile($0, format: .png) }
        routes.get("/cohorts/:cohort/certificates.zip", .record(.cohortTrainerOrAdmin), lane: .slow) { try self.cohortCertificates($0) }
        routes.get("/credentials/status/1", .anyone) { request in try self.store.snapshot { try self.statusList(request) } }
        routes.get("/credentials/revocations", .anyone) { try self.revocationList($0) }
        routes.get("/credentials/:serial", .anyone) { try self.openBadge($0) }
        routes.get("/credentials/:serial/jwt", .anyone) { try self.openBadgeJWT($0) }
        routes.get("/credentials/:serial/manage", .record(.credentialRevoker)) { try self.manageCredential($0) }
        routes.post("/credentials/:serial/revoke", .record(.credentialRevoker)) { try self.revokeCredential($0) }
        routes.get("/.well-known/ustaz/keys.json", .anyone) { _ in
            var response = Response.json(try self.signing.publishedKeys())
            response.headers["Cache-Control"] = "public, max-age=3600"
            response.headers["Access-Control-Allow-Origin"] = "*"
            return response
        }
    }
}
