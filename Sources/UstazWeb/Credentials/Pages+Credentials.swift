import Credentials
import Foundation
import HTTPServer
import UstazCore
import UstazStore

extension CredentialPages {
    // MARK: Issuance

    // MARK: Verification (public, no sign-in)

    struct VerificationResult: Encodable {
        var authentic: Bool
        var status: String?
        var reason: String?
        var holder: String?
        var kind: String?
        var course: String?
        var generation: Int?
        var serial: String?
        var issuedOn: String?
        var expiresOn: String?
        var revokedOn: String?
        var revocationReason: String?
        var supersededBy: String?
        var underReview: Bool?
        var chain: [ChainLink]?
    }

    struct ChainLink: Encodable {
        var serial: String
        var holder: String
        var kind: String
        var generation: Int
        var url: String
    }

    func verifyPage(_ request: Request) throws -> Response {
        let visit = try visit(request)
        let s = visit.strings
        let language = visit.language
        let text = try request.parameter("token")
        let token: CertificateToken
        let chain: [CredentialRecord]
        do {
            let claimed = try CertificateToken.decodeUnverified(text)
            chain = try store.credentialChain(serial: claimed.serial)
            // The token stored at issuance is ours; any other text must prove itself by its signature.
            token = chain.first?.token == text ? claimed : try CertificateToken.verify(text, keys: signing.keys.publicKeys)
        } catch let error as CertificateToken.VerificationFailure {
            if request.prefersJSON { return .json(VerificationResult(authentic: false, reason: error.description)) }
            return page(visit, title: s.verification, """
                <section class="verdict forged" role="alert">
                <p class="verdict-mark" aria-hidden="true">✗</p>
                <h1>\(s.notAuthentic)</h1>
                <p>\(s.notAuthenticExplain)</p>
                </section>
                """)
        }
        let today = Day.today
        let record = chain.first
        var result = VerificationResult(authentic: true, holder: token.holderName, kind: token.kind.rawValue, course: token.courseID,
                                        generation: token.generation, serial: token.serial, issuedOn: token.issuedOn.iso,
                                        expiresOn: token.expiresOn?.iso)
        let statusHTML: HTML
        if let record {
            let superseded = try record.supersededBy.flatMap { try store.credential(id: $0) }
            if let revokedAt = record.revokedAt {
                result.status = "revoked"
                result.revokedOn = String(revokedAt.prefix(10))
                result.revocationReason = record.revocationReason
                statusHTML = """
                    <p class="status revoked"><strong>\(s.statusRevokedTitle)</strong></p>
                    <dl><dt>\(s.revokedOn)</dt><dd>\(Day(iso: String(revokedAt.prefix(10))).map { Formatting.date($0, language) } ?? revokedAt)</dd>
                    <dt>\(s.reasonLabel)</dt><dd>\(reasonText(record.revocationReason, s, language))</dd></dl>
                    """
            } else if let superseded {
                result.status = "superseded"
                result.supersededBy = superseded.serial
                statusHTML = "<p class=\"status superseded\"><strong>\(s.statusSuperseded)</strong> — <a href=\"/v/\(superseded.token)\">\(s.newerCertificate) \(superseded.serial)</a></p>"
            } else if let expires = token.expiresOn, expires < today {
                result.status = "expired"
                statusHTML = "<p class=\"status expired\"><strong>\(s.statusExpired)</strong></p>"
            } else {
                result.status = "valid"
                statusHTML = "<p class=\"status valid\"><strong>\(s.statusValid)</strong></p>"
            }
            if record.needsReview, record.revokedAt == nil {
                result.underReview = true
            }
            result.chain = chain.dropFirst().map {
                ChainLink(serial: $0.serial, holder: $0.holderName, kind: $0.kind.rawValue, generation: $0.generation,
                          url: "\(configuration.baseURL)/v/\($0.token)")
            }
        } else {
            result.status = "unknown"
            statusHTML = "<p class=\"status expired\">\(s.unknownToServer)</p>"
        }
        if request.prefersJSON {
            var response = Response.json(result)
            response.headers["Cache-Control"] = "no-store"
            return response
        }
        let courseTitle = catalogue.course(token.courseID)?.title[language] ?? token.courseID
        let chainItems = chain.dropFirst().map { link -> HTML in
            "<li>\(link.token.isEmpty ? "<bdi>\(link.holderName)</bdi>" as HTML : "<a href=\"/v/\(link.token)\"><bdi>\(link.holderName)</bdi></a>") — \(s.credentialNames[link.kind] ?? link.kind.rawValue), \(s.generationLabel.lowercased()) \(link.generation) <span class=\"muted\">(\(link.serial))</span></li>"
        }
        return page(visit, title: s.verification, """
            <section class="verdict \(result.status == "valid" ? "valid" : "attention")">
            <p class="verdict-mark" aria-hidden="true">\(result.status == "valid" ? "✓" : "!")</p>
            <h1>\(s.authentic)</h1>
            \(statusHTML)
            \(result.underReview == true ? "<p class=\"notice\">\(s.underReview)</p>" as HTML : "")
            </section>
            <dl class="facts">
            <dt>\(s.holder)</dt><dd class="holder">\(token.holderName)</dd>
            <dt>\(s.kindLabel)</dt><dd>\(s.credentialNames[token.kind] ?? token.kind.rawValue)</dd>
            <dt>\(s.courseLabel)</dt><dd>\(courseTitle)</dd>
            <dt>\(s.generationLabel)</dt><dd>\(token.generation)</dd>
            <dt>\(s.serial)</dt><dd>\(token.serial)</dd>
            <dt>\(s.issuedOn)</dt><dd>\(Formatting.date(token.issuedOn, language))</dd>
            \(token.expiresOn.map { "<dt>\(s.expiresOn)</dt><dd>\(Formatting.date($0, language))</dd>" as HTML })
            </dl>
            \(chainItems.isEmpty ? "" : "<h2>\(s.trainerChain)</h2><ol class=\"chain\">\(chainItems)</ol>" as HTML)
            <p class="muted">\(s.offlineNote)</p>
            """)
    }

    private func reasonText(_ reason: String?, _ s: Strings, _ language: Language) -> String {
        switch Store.RevocationReason(rawValue: reason ?? "") {
        case .holderErased: Strings.for(language).privacy.reasonHolderErased
        case .issuedInError: s.reasonIssuedInError
        case .academicIntegrity: s.reasonAcademicIntegrity
        case .holderRequest: s.reasonHolderRequest
        case .other, nil: s.reasonOther
        }
    }

    // MARK: Revocation

    func revokeCredential(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let form = try request.form()
        try checkForm(visit, form)
        let serial = try request.parameter("serial")
        guard try store.credential(serial: serial) != nil else { throw HTTPError.notFound() }
        guard let reason = Store.RevocationReason(rawValue: form["reason"] ?? ""), reason != .holderErased else {
            throw HTTPError.badRequest(visit.strings.errors.revocationReason(Store.RevocationReason.allCases.filter { $0 != .holderErased }.map(\.rawValue).joined(separator: ", ")))
        }
        let flagged: Int
        do {
            flagged = try store.revoke(serial: serial, reason: reason, byPersonID: viewer.id, address: request.remoteAddress)
        } catch is StoreError {
            throw HTTPError.conflict(visit.strings.errors.alreadyRevoked)
        }
        if request.prefersJSON { return .json(["serial": serial, "flagged": String(flagged)]) }
        return .redirect(to: "/credentials/\(serial)/manage?flagged=\(flagged)")
    }

    /// A small page for those who may revoke: the certificate and the form.
    func manageCredential(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let s = visit.strings
        let serial = try request.parameter("serial")
        guard let record = try store.credential(serial: serial) else { throw HTTPError.notFound() }
        let reasons = Store.RevocationReason.allCases.filter { $0 != .holderErased }
            .map { "<option value=\"\($0.rawValue)\">\(reasonText($0.rawValue, s, visit.language))</option>" as HTML }
        let flagged: HTML = try request.query.integer("flagged", in: 0...Int64(Int32.max)).map { "<p class=\"notice ok\" role=\"status\">\(s.revokedDone(Int($0)))</p>" } ?? ""
        let form: HTML = record.revokedAt == nil ? """
            <form method="post" action="/credentials/\(serial)/revoke" class="stack card narrow">
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <p>\(s.revokeExplain)</p>
            <label for="reason">\(s.reasonLabel)</label>
            <select id="reason" name="reason" required>\(reasons)</select>
            <button type="submit" class="secondary">\(s.revoke)</button>
            </form>
            """ : "<p class=\"status revoked\"><strong>\(s.statusRevokedTitle)</strong></p>"
        let reissue: HTML = viewer.has(.admin) && record.revokedAt == nil && record.supersededBy == nil ? """
            <form method="post" action="/credentials/\(serial)/reissue" class="stack card narrow">
            <h2>\(s.reissueTitle)</h2><p class="muted">\(s.reissueExplain)</p>
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="full_name">\(s.fullName)</label><input id="full_name" name="full_name" required value="\(record.holderName)">
            <button type="submit">\(s.reissue)</button>
            </form>
            """ : ""
        return page(visit, title: "\(s.serial) \(serial)", """
            <h1>\(record.holderName) — \(serial)</h1>
            \(flagged)
            <p><a href="/v/\(record.token)">\(s.verifyLink)</a></p>
            \(form)
            \(reissue)
            """)
    }

    // MARK: Machine-readable credentials

    /// W3C Bitstring Status List: bit n set = the credential with status index n is revoked.
    func statusList(_ request: Request) throws -> Response {
        // At least the 131,072 entries the specification asks for (herd privacy), more once issued credentials need them.
        let size = max(131_072, ((try store.nextStatusIndex() + 7) / 8) * 8)
        var bits = [UInt8](repeating: 0, count: size / 8)
        for index in try store.revokedStatusIndexes() where index < size {
            bits[index / 8] |= 0x80 >> UInt8(index % 8)  // most significant bit first
        }
        let encoded = "u" + Data(Gzip.compress(bits, level: 9)).base64URLEncoded
        let document: [String: AnyEncodable] = [
            "@context": AnyEncodable(["https://www.w3.org/ns/credentials/v2"]),
            "id": AnyEncodable("\(configuration.baseURL)/credentials/status/1"),
            "type": AnyEncodable(["VerifiableCredential", "BitstringStatusListCredential"]),
            "issuer": AnyEncodable(configuration.baseURL),
            "validFrom": AnyEncodable(ISO8601DateFormatter().string(from: Date())),
            "credentialSubject": AnyEncodable([
                "id": AnyEncodable("\(configuration.baseURL)/credentials/status/1#list"),
                "type": AnyEncodable("BitstringStatusList"),
                "statusPurpose": AnyEncodable("revocation"),
                "encodedList": AnyEncodable(encoded),
            ]),
        ]
        var response = Response.json(document)
        response.headers["Content-Type"] = "application/vc+ld+json"
        response.headers["Cache-Control"] = "public, max-age=300"
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
    }

    /// 1EdTech Revocation List: every revoked credential's id and reason.
    func revocationList(_ request: Request) throws -> Response {
        let revoked = try store.revokedCredentials().map { record -> AnyEncodable in
            AnyEncodable(["id": AnyEncodable("\(configuration.baseURL)/credentials/\(record.serial)"),
                          "revocationReason": AnyEncodable(record.revocationReason ?? "other")])
        }
        var response = Response.json([
            "id": AnyEncodable("\(configuration.baseURL)/credentials/revocations"),
            "issuer": AnyEncodable(configuration.baseURL),
            "revokedCredentials": AnyEncodable(revoked),
        ])
        response.headers["Cache-Control"] = "public, max-age=300"
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
    }

    /// The Open Badges 3.0 credential; the holder is identified by a salted hash of their name, never in clear.
    func openBadge(_ request: Request) throws -> Response {
        guard let record = try store.credential(serial: try request.parameter("serial")) else { throw HTTPError.notFound() }
        var response = Response.json(openBadgeDocument(record))
        response.headers["Content-Type"] = "application/ld+json"
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
    }

    /// The same credential secured as a VC-JWT (RS256): the credential's members plus iss, jti, nbf and exp claims.
    func openBadgeJWT(_ request: Request) throws -> Response {
        guard let record = try store.credential(serial: try request.parameter("serial")) else { throw HTTPError.notFound() }
        var payload = openBadgeDocument(record)
        payload["iss"] = AnyEncodable(configuration.baseURL)
        payload["jti"] = AnyEncodable("\(configuration.baseURL)/credentials/\(record.serial)")
        payload["nbf"] = AnyEncodable(Int((Day(iso: record.issuedOn) ?? .today).date.timeIntervalSince1970))
        if let expires = record.expiresOn.flatMap(Day.init(iso:)) {
            payload["exp"] = AnyEncodable(Int(expires.adding(days: 1).date.timeIntervalSince1970) - 1)
        }
        let jws = try signing.badgeSigner().sign(payload: JSON.encode(payload))
        var response = Response.text(jws, contentType: "application/vc+jwt")
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
    }

    func openBadgeDocument(_ record: CredentialRecord) -> [String: AnyEncodable] {
        let serial = record.serial
        let base = configuration.baseURL
        let course = catalogue.course(record.courseID)
        let salt = Secrets.hash("salt:" + record.token).prefix(16)
        let identityHash = "sha256$" + Secrets.hash(String(salt) + record.holderName)
        var credential: [String: AnyEncodable] = [
            "@context": AnyEncodable(["https://www.w3.org/ns/credentials/v2",
                                      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]),
            "id": AnyEncodable("\(base)/credentials/\(serial)"),
            "type": AnyEncodable(["VerifiableCredential", "OpenBadgeCredential"]),
            "name": AnyEncodable(course.map { "\($0.title.en) — \(record.kind.rawValue)" } ?? record.courseID),
            "issuer": AnyEncodable(["id": AnyEncodable(base), "type": AnyEncodable(["Profile"]), "name": AnyEncodable("Ustaz")]),
            "validFrom": AnyEncodable("\(record.issuedOn)T00:00:00Z"),
            "issuanceDate": AnyEncodable("\(record.issuedOn)T00:00:00Z"),
            "credentialSubject": AnyEncodable([
                "type": AnyEncodable(["AchievementSubject"]),
                "identifier": AnyEncodable([AnyEncodable([
                    "type": AnyEncodable("IdentityObject"), "identityHash": AnyEncodable(identityHash),
                    "identityType": AnyEncodable("ext:fullName"), "hashed": AnyEncodable(true), "salt": AnyEncodable(String(salt)),
                ])]),
                "achievement": AnyEncodable([
                    "id": AnyEncodable("\(base)/courses/\(record.courseID)#\(record.kind.rawValue)"),
                    "type": AnyEncodable(["Achievement"]),
                    "name": AnyEncodable(course?.title.en ?? record.courseID),
                    "description": AnyEncodable(course?.summary.en ?? ""),
                    "criteria": AnyEncodable(["narrative": AnyEncodable(
                        "Completed every lesson and passed every quiz of the course in a cohort led by a certified trainer"
                            + (record.kind == .leadTrainer ? ", and passed an observed practice lesson." : "."))]),
                ]),
            ]),
            // 1EdTech's revocation list method; the W3C Bitstring Status List is published as well, for offline caches.
            "credentialStatus": AnyEncodable([
                "id": AnyEncodable("\(base)/credentials/revocations"),
                "type": AnyEncodable("1EdTechRevocationList"),
            ]),
            "evidence": AnyEncodable([AnyEncodable([
                "id": AnyEncodable("\(base)/v/\(record.token)"), "type": AnyEncodable(["Evidence"]),
                "name": AnyEncodable("Signed Ustaz certificate (QR code)"),
            ])]),
        ]
        if let expires = record.expiresOn { credential["validUntil"] = AnyEncodable("\(expires)T23:59:59Z") }
        return credential
    }
}

/// Lets heterogeneous JSON documents be encoded with the shared encoder (sorted keys).
struct AnyEncodable: Encodable {
    private let encodeValue: (any Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encodeValue = value.encode }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
