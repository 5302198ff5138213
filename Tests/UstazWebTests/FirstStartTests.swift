import Foundation
import HTTPServer
import Testing
import UstazCore
@testable import UstazWeb

@Suite("First start: data folder, key file, no default password, one-time admin link")
struct FirstStartTests {
    @Test func firstStartCreatesEverythingAndNoAccount() throws {
        let (ustaz, report, _) = try makeService()
        #expect(report.createdDataFolder)
        #expect(report.createdSigningKey)
        #expect(report.newCourseVersions.count == ustaz.catalogue.courses.count)
        let folder = ustaz.configuration.dataFolder
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        let keyFile = ustaz.configuration.keysFolder.appendingPathComponent("\(ustaz.keys.activeKeyID).ed25519")
        #expect(try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int == 0o600)
        #expect(FileManager.default.fileExists(atPath: ustaz.configuration.databasePath))
        // No account exists, so there is no default password to guess.
        #expect(try ustaz.store.totals().people == 0)
        let link = try #require(report.adminSetupLink)
        #expect(link.hasPrefix("https://ustaz.test/setup/"))
        #expect(link.count > "https://ustaz.test/setup/".count + 40)
        // The key is outside the database: the database file does not contain it.
        let keyText = try String(contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let database = try Data(contentsOf: URL(fileURLWithPath: ustaz.configuration.databasePath))
        #expect(database.range(of: Data(keyText.utf8)) == nil)
    }

    @Test func restartKeepsTheKeyAndOffersNoLinkOnceAnAdminExists() throws {
        let (ustaz, report, client) = try makeService()
        let browser = Browser(client)
        let path = String(try #require(report.adminSetupLink).dropFirst("https://ustaz.test".count))
        let form = browser.get(path)
        #expect(form.status == 200)
        let created = browser.post(path, [("_csrf", Browser.csrf(in: form)), ("full_name", "Әлия Жұмабекова"),
                                          ("login", "aliya"), ("password", "a long passphrase"), ("password_again", "a long passphrase")])
        #expect(created.status == 303)
        #expect(created.headers["Location"] == "/me")
        #expect(browser.get("/me").bodyText.contains("Әлия Жұмабекова"))
        // The link is dead now, for anyone.
        #expect(Browser(client).get(path).status == 410)
        let (again, secondReport) = try Ustaz.start(ustaz.configuration, logger: ustaz.logger)
        #expect(!secondReport.createdSigningKey)
        #expect(!secondReport.createdDataFolder)
        #expect(secondReport.adminSetupLink == nil)
        #expect(secondReport.newCourseVersions.isEmpty)
        #expect(again.keys.activeKeyID == ustaz.keys.activeKeyID)
    }

    @Test func setupFormExplainsItsErrorsAndKeepsTheLinkAlive() throws {
        let (_, report, client) = try makeService()
        let browser = Browser(client)
        browser.acceptLanguage = "ru"
        let path = String(try #require(report.adminSetupLink).dropFirst("https://ustaz.test".count))
        let token = Browser.csrf(in: browser.get(path))
        let short = browser.post(path, [("_csrf", token), ("full_name", ""), ("login", "a"), ("password", "short"), ("password_again", "short")])
        #expect(short.status == 422)
        #expect(short.bodyText.contains("Пароль должен содержать не менее 10 символов."))
        #expect(short.bodyText.contains("Заполните это поле."))
        let forged = browser.post(path, [("_csrf", "guess"), ("full_name", "X"), ("login", "x"), ("password", "0123456789"), ("password_again", "0123456789")])
        #expect(forged.status == 403)
        #expect(browser.get(path).status == 200)
    }

    @Test func theSetupLinkWorksForSomeoneAlreadySignedIn() throws {
        let (ustaz, report, client) = try makeService()
        try ustaz.store.createPerson(.init(fullName: "Imported", login: "someone", passwordHash: ustaz.hashPassword("someone password"), roles: [.teacher]))
        let browser = Browser(client)
        #expect(browser.signIn("someone", "someone password").status == 303)
        let path = String(try #require(report.adminSetupLink).dropFirst("https://ustaz.test".count))
        let form = browser.get(path)
        let created = browser.post(path, [("_csrf", Browser.csrf(in: form)), ("full_name", "Әлия Жұмабекова"), ("login", "aliya"),
                                          ("password", "a long passphrase"), ("password_again", "a long passphrase")])
        #expect(created.status == 303)
        #expect(try ustaz.store.hasAdmin())
    }
}
