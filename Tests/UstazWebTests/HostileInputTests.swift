import Credentials
import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

@Suite("Hostile values: refused at the form, escaped everywhere they are shown")
struct HostileInputTests {
    static let script = "<script>alert(1)</script>"
    /// A name that tries everything at once but fits on a certificate (255 bytes).
    static let hostileName = "Ә<script>alert(1)</script> \"q\" 'a' & \u{202E}evil =cmd|"

    @Test func controlAndOverrideCharactersAreRefusedWithAClearMessage() throws {
        let (_, client, world) = try demoService()
        let visitor = Browser(client)
        for (value, codePoint) in [("ab\u{0}cd", "U+0000"), ("ab\u{1B}[31m", "U+001B"), ("ab\u{7F}", "U+007F"),
                                   ("Ali\u{202E}cipe", "U+202E"), ("x\u{2066}y", "U+2066")] {
            let response = visitor.postWithToken("/activate", [("code", "ABCDEFGHJK"), ("login", value), ("password", "long enough password")])
            #expect(response.status == 400, "\(codePoint)")
            #expect(response.bodyText.contains(codePoint) && response.bodyText.contains("login"), "\(codePoint)")
        }
        // Tabs and line breaks stay allowed (comments and notes are multi-line).
        let lead = Browser(client)
        lead.signIn("lead.kyzylorda", world.password)
        let multiline = lead.postWithToken("/join", [("code", "NO\r\nCODE\tHERE")])
        #expect(multiline.status == 404, "reaches the handler")
    }

    @Test func overlongNamesAreRefusedWithTheLimit() throws {
        let (ustaz, client, world) = try demoService()
        let cohort = try #require(try ustaz.store.cohort(joinCode: "KZO-DEMO2"))
        let lead = Browser(client)
        lead.signIn("lead.kyzylorda", world.password)
        let long = String(repeating: "Ә", count: 10_000)
        let added = lead.postWithToken("/cohorts/\(cohort.id)/add", [("full_name", long), ("school_code", "KZO-0101")])
        #expect(added.status == 422)
        #expect(added.bodyText.contains("at most 240 bytes"))
        #expect(!added.bodyText.contains(String(repeating: "Ә", count: 300)))
        let overridden = lead.postMultipart("/cohorts/\(cohort.id)/import", [], file: ("file", "full_name,school_code\nАли\u{202E}аз,KZO-0101\n"))
        #expect(overridden.status == 422)
        #expect(overridden.bodyText.contains("U+202E"))
        let peopleBefore = try ustaz.store.totals().people
        #expect(try ustaz.store.totals().people == peopleBefore)

        // The first administrator's name has the same limit.
        let (fresh, freshClient) = try makeService(baseURL: "https://ustaz.test")
        let link = try fresh.issueAdminSetupLink()
        let path = String(link.dropFirst("https://ustaz.test".count))
        let setup = Browser(freshClient)
        let token = Browser.csrf(in: setup.get(path))
        let refused = setup.post(path, [("_csrf", token), ("full_name", String(repeating: "a", count: 121)), ("login", "root"),
                                         ("password", "long enough password"), ("password_again", "long enough password")])
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains(SecurityText.kk.nameTooManyCharacters(120, 121).htmlEscaped))
        #expect(try fresh.store.hasAdmin() == false)
    }

    /// Values that got into the database some other way (older data, the store directly) are still shown inert.
    @Test func hostileNamesAreEscapedOnEveryPageAndInCertificates() throws {
        let (ustaz, client, world) = try demoService()
        let store = ustaz.store
        let cohort = try #require(try store.cohort(joinCode: "KZO-DEMO2"))
        let teacher = try #require(try store.person(login: "teacher.aigerim"))
        try store.renamePerson(teacher.id, to: Self.hostileName)
        let longCohort = try store.createCohort(
            name: Self.script + String(repeating: "x", count: 10_240), courseID: cohort.courseID, courseVersionID: cohort.courseVersionID,
            trainerID: cohort.trainerID, trainerCredentialID: cohort.trainerCredentialID, regionID: "kyzylorda", schoolID: nil, capacity: 5,
            startsOn: Day.today.iso, endsOn: Day.today.adding(days: 30).iso, mode: "online", joinCode: "LONG-NAME")
        // A corrected certificate carries the hostile name into the signed token, the PDF and the badge.
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        let old = try credentialOf(ustaz, login: "teacher.aigerim")
        let reissued = admin.postWithToken("/credentials/\(old.serial)/reissue", [("full_name", "Ә<script>alert(1)</script> & \"q\"")])
        #expect(reissued.status == 303)
        let credential = try #require(try store.credentials(personID: teacher.id).first { $0.supersededBy == nil && $0.revokedAt == nil })

        let own = Browser(client)
        own.signIn("teacher.aigerim", world.password)
        let lead = Browser(client)
        lead.signIn("lead.kyzylorda", world.password)
        let pages: [(String, Response)] = [
            ("me", own.get("/me")),
            ("cohort", lead.get("/cohorts/\(cohort.id)")),
            ("long cohort", lead.get("/cohorts/\(longCohort.id)")),
            ("cohorts", lead.get("/cohorts")),
            ("profile", lead.get("/people/\(teacher.id)")),
            ("verify", Browser(client).get("/v/\(credential.token)")),
            ("lineage", admin.get("/lineage/\(teacher.id)")),
            ("audit", admin.get("/admin/audit?person=\(teacher.id)")),
            ("manage", admin.get("/credentials/\(credential.serial)/manage")),
        ]
        for (name, response) in pages {
            #expect(response.status == 200, "\(name)")
            let html = response.bodyText
            #expect(!html.contains(Self.script), "\(name) shows the script unescaped")
            #expect(html.contains("&lt;script&gt;"), "\(name) shows the escaped name")
        }
        #expect(pages[1].1.bodyText.contains("&quot;q&quot;"))

        // The certificate: the SVG template gets XML-escaped text without the override, and renders to a PDF.
        let content = try Features(ustaz).credentials.certificateContent(credential, language: .kk)
        let svg = try ustaz.renderer.svg(content)
        #expect(!svg.contains(Self.script) && svg.contains("&lt;script&gt;") && svg.contains("&amp;"))
        #expect(!svg.unicodeScalars.contains("\u{202E}"))
        let pdf = try ustaz.renderer.pdf(content)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(own.get("/certificates/\(credential.serial)/png").status == 200)
        // The Open Badge JSON escapes it as JSON.
        let badge = Browser(client).get("/credentials/\(credential.serial)").bodyText
        #expect(try JSONSerialization.jsonObject(with: Data(badge.utf8)) is [String: Any])
    }

    @Test func csvCellsThatSpreadsheetsWouldRunAreNeutralised() throws {
        let rows = [["=HYPERLINK(\"http://x.example\",\"click\")", "+1+2", "-3", "@SUM(A1)", "\tTab", "\rReturn", "plain", "a,b", "line\r\nbreak", ""]]
        let text = CSV.write(rows)
        let parsed = try CSV.parse(text)
        let cells = try #require(parsed.first?.fields)
        // (The reader turns line breaks inside quoted cells into "\n".)
        #expect(cells == ["'=HYPERLINK(\"http://x.example\",\"click\")", "'+1+2", "'-3", "'@SUM(A1)", "'\tTab", "'\nReturn", "plain", "a,b",
                          "line\nbreak", ""])
        #expect(text.contains("\"'\rReturn\"") && text.contains("\"line\r\nbreak\""))
        #expect(text.hasSuffix("\r\n"))

        // The one CSV export, the audit log, goes through it.
        let (ustaz, client, world) = try demoService()
        let teacher = try #require(try ustaz.store.person(login: "teacher.aigerim"))
        try ustaz.store.renamePerson(teacher.id, to: "=cmd|' /C calc'!A0")
        try ustaz.store.audit(actorID: teacher.id, action: "test", subject: "@evil", about: teacher.id, address: "192.0.2.5")
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        let export = admin.get("/admin/audit.csv?person=\(teacher.id)")
        #expect(export.status == 200)
        #expect(export.headers["Content-Type"]?.hasPrefix("text/csv") == true)
        let exported = try CSV.parse(export.bodyText)
        #expect(exported.first?.fields.first == "at")
        let entry = try #require(exported.first { $0.fields.contains("test") })
        #expect(entry.fields.contains("'=cmd|' /C calc'!A0") && entry.fields.contains("'@evil"))
        #expect(!exported.dropFirst().contains { $0.fields.contains { ["=", "+", "-", "@"].contains($0.first) } })
    }
}
