import Credentials
import Foundation
import HTTPServer
import UstazCore
import UstazStore

extension CredentialPages {
    /// What a certificate prints, in the holder's language with a second language beneath.
    func certificateContent(_ record: CredentialRecord, language: Language) throws -> CertificateContent {
        let primary = Strings.for(language)
        let secondaryLanguage: Language = language == .kk ? .ru : .kk
        let secondary = Strings.for(secondaryLanguage)
        let course = catalogue.course(record.courseID)
        let trainer = try record.issuerCredentialID.flatMap { try store.credential(id: $0) }
        let issued = Day(iso: record.issuedOn) ?? .today
        let host = configuration.baseURL.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        return CertificateContent(
            kind: record.kind, holderName: record.holderName, title: primary.certificateTitle,
            subtitle: secondary.certificateTitle == primary.certificateTitle ? "" : secondary.certificateTitle,
            courseTitle: course?.title[language] ?? record.courseID,
            courseTitleSecondary: course?.title[secondaryLanguage] ?? "",
            kindLabel: "\(primary.credentialNames[record.kind] ?? record.kind.rawValue) · \(primary.certificateKind)",
            serialLabel: primary.serial, serial: record.serial, issuedLabel: primary.issuedOn,
            issuedOn: Formatting.date(issued, language),
            expiresLine: record.expiresOn.flatMap(Day.init(iso:)).map { primary.expiresLine(Formatting.date($0, language)) } ?? "",
            generationLine: primary.generationLine(record.generation),
            trainerLine: trainer.map { primary.trainerLine($0.serial) } ?? "",
            verifyLabel: primary.scanToVerify, verifyURL: "\(configuration.baseURL)/v/\(record.token)",
            verifyURLShort: "\(host)/c/\(record.serial)")
    }

    /// The holder, an admin, or the trainer whose cohort produced it may download a certificate.
    private func downloadableCredential(_ request: Request) throws -> (CredentialRecord, Language) {
        let (visit, viewer) = try signedIn(request)
        guard let record = try store.credential(serial: try request.parameter("serial")) else { throw HTTPError.notFound() }
        // An erased holder's certificate no longer carries a token or a name to print.
        guard !record.token.isEmpty else { throw HTTPError(410, visit.strings.privacy.certificateErased) }
        if record.personID != viewer.id {
            try recordView(request, by: viewer, subject: "certificate:\(record.serial)", about: record.personID)
        }
        let holderLanguage = try store.person(id: record.personID)?.language ?? configuration.defaultLanguage
        return (record, holderLanguage)
    }

    enum CertificateFormat: String { case pdf, png }

    /// The certificate as PDF (for printing) or PNG (for sharing), in the holder's language.
    func certificateFile(_ request: Request, format: CertificateFormat) throws -> Response {
        let (record, language) = try downloadableCredential(request)
        let content = try certificateContent(record, language: language)
        var response = switch format {
        case .pdf: Response.bytes(try renderer.pdf(content), contentType: "application/pdf")
        case .png: Response.bytes(try renderer.png(content), contentType: "image/png")
        }
        response.headers["Content-Disposition"] = "inline; filename=\"\(record.serial).\(format.rawValue)\""
        response.headers["Cache-Control"] = "private, max-age=3600"
        return response
    }

    /// Every current certificate of a cohort as PDFs in one ZIP, for printing.
    func cohortCertificates(_ request: Request) throws -> Response {
        let (_, viewer) = try signedIn(request)
        let id = try request.integer("cohort")
        guard try store.cohort(id: id) != nil else { throw HTTPError.notFound() }
        try recordView(request, by: viewer, subject: "certificates cohort:\(id)", about: nil)
        var archive = ZipArchive()
        for record in try store.cohortCredentials(cohortID: id) where !record.token.isEmpty {
            let language = try store.person(id: record.personID)?.language ?? configuration.defaultLanguage
            let safeName = record.holderName.map { "/\\:".contains($0) || $0.isNewline ? "_" : $0 }.reduce("") { $0 + String($1) }
                .replacingOccurrences(of: "..", with: "_")
            archive.add(name: "\(record.serial) \(safeName).pdf",
                        contents: try renderer.pdf(try certificateContent(record, language: language)))
        }
        var response = Response.bytes(archive.bytes, contentType: "application/zip")
        response.headers["Content-Disposition"] = "attachment; filename=\"cohort-\(id)-certificates.zip\""
        return response
    }

    /// The short, typeable address printed under the QR code.
    func shortVerification(_ request: Request) throws -> Response {
        guard let record = try store.credential(serial: try request.parameter("serial").uppercased()) else { throw HTTPError.notFound() }
        guard !record.token.isEmpty else { throw HTTPError(410, Strings.for(try visit(request).language).privacy.certificateErased) }
        return .redirect(to: "/v/\(record.token)", status: 302)
    }
}
