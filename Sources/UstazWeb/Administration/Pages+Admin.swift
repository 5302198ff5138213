import Foundation
import HTTPServer
import UstazCore
import UstazStore

extension AdministrationPages {
    /// Master trainers are certified by an administrator (generation 0 of the cascade).
    func masterTrainersPage(_ request: Request) throws -> Response {
        let (visit, _) = try signedIn(request)
        return try masterTrainersView(visit, error: nil)
    }

    private func masterTrainersView(_ visit: Visit, error: String?, status: Int = 200) throws -> Response {
        let s = visit.strings
        let query = try listQuery(visit, path: "/admin/master-trainers")
        let credentials = try store.masterTrainerCredentials(matching: query.value("q"), page: query.page)
        let masters: HTML = credentials.items.isEmpty ? "<p class=\"muted\">\(query.text.nothingFound)</p>" : """
            <ul class="items">\(credentials.items.map { record -> HTML in
                "<li>\(record.holderName) — <a href=\"/credentials/\(record.serial)/manage\">\(record.serial)</a>\(record.revokedAt != nil ? " (\(s.statusRevokedTitle))" : "")</li>"
            })</ul>
            \(pager(query, credentials))
            """
        return page(visit, title: s.masterTrainers, status: status, """
            <h1>\(s.masterTrainers)</h1>
            <p>\(s.issueMasterIntro)</p>
            \(error.map { "<p class=\"notice error\" role=\"alert\">\($0)</p>" as HTML })
            <form method="post" action="/admin/master-trainers" class="stack card narrow">
            <input type="hidden" name="_csrf" value="\(visit.csrfToken)">
            <label for="login">\(s.login)</label><input id="login" name="login" required autocapitalize="none">
            <button type="submit">\(s.issueCertificate)</button>
            </form>
            \(filterForm(query, searchField(query, name: "q", label: query.text.nameOrLogin)))
            \(masters)
            """)
    }

    func issueMasterTrainer(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let form = try request.form()
        try checkForm(visit, form)
        guard let person = try store.person(login: (form["login"] ?? "").trimmingCharacters(in: .whitespaces)) else {
            return try masterTrainersView(visit, error: visit.strings.personNotFound, status: 404)
        }
        try store.grantRole(.masterTrainer, to: person.id)
        let today = Day.today
        guard let record = try CredentialIssuer(store: store, keys: keys).issue(
            kind: .masterTrainer, to: person, courseID: "lead-trainer-track", courseVersionID: nil, generation: 0, cohortID: nil,
            issuer: nil, issuedOn: today, expiresOn: today.adding(days: configuration.leadTrainerValidityDays)) else {
            throw HTTPError.conflict(visit.strings.errors.alreadyHolds)
        }
        try store.audit(actorID: viewer.id, action: "master-trainer-certified", subject: "credential:\(record.serial)", about: person.id, address: request.remoteAddress)
        return .redirect(to: "/credentials/\(record.serial)/manage")
    }

    /// An administrator corrects the printed name: a new serial, the old certificate marked superseded.
    func reissueCredential(_ request: Request) throws -> Response {
        let (visit, viewer) = try signedIn(request)
        let form = try request.form()
        try checkForm(visit, form)
        guard let old = try store.credential(serial: try request.parameter("serial")), old.revokedAt == nil, old.supersededBy == nil,
              let person = try store.person(id: old.personID) else { throw HTTPError.conflict(visit.strings.errors.onlyCurrentReissued) }
        let name = (form["full_name"] ?? "").trimmingCharacters(in: .whitespaces)
        if let problem = PersonName.problem(with: name) {
            throw HTTPError.unprocessable(problem == .missing ? visit.strings.fieldRequired : SecurityText.for(visit.language).name(problem))
        }
        let issuer = try old.issuerCredentialID.flatMap { try store.credential(id: $0) }
        let record: CredentialRecord
        do {
            guard let issued = try CredentialIssuer(store: store, keys: keys).issue(
                kind: old.kind, to: person, courseID: old.courseID, courseVersionID: nil, generation: old.generation,
                cohortID: old.cohortID, issuer: issuer, issuedOn: .today, expiresOn: old.expiresOn.flatMap(Day.init(iso:)),
                replacing: old, holderName: name) else { throw HTTPError.conflict(visit.strings.errors.onlyCurrentReissued) }
            record = issued
        } catch is StoreError {
            throw HTTPError.conflict(visit.strings.errors.alreadyReplaced)
        }
        try store.audit(actorID: viewer.id, action: "credential-reissued", subject: "credential:\(old.serial)->\(record.serial)", about: person.id, address: request.remoteAddress)
        return .redirect(to: "/credentials/\(record.serial)/manage")
    }
}
