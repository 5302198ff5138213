import Foundation
import HTTPServer
import Testing
import UstazStore
@testable import UstazWeb

/// Runs a tool and returns its standard output.
/// The project's Python (scripts/install-deps.sh test makes .venv with the pinned test tools); Debian's
/// python3 when the virtual environment has not been made, for the steps that need only the standard library.
let testPython: String = {
    let venv = repositoryRoot.appendingPathComponent(".venv/bin/python3").path
    return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3"
}()

func tool(_ arguments: [String], input: [UInt8]? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite("Certificate downloads", .serialized)
struct DownloadTests {
    @Test func thePDFsQRCodeOpensTheVerificationPage() throws {
        let (ustaz, client, world) = try demoService()
        let record = try credentialOf(ustaz, login: "teacher.aigerim")
        let browser = Browser(client)
        browser.signIn("teacher.aigerim", world.password)
        #expect(browser.get("/me").bodyText.contains("/certificates/\(record.serial)/pdf"))
        let pdf = browser.get("/certificates/\(record.serial)/pdf")
        #expect(pdf.status == 200)
        #expect(pdf.headers["Content-Type"] == "application/pdf")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("c.pdf")
        try Data(pdf.body).write(to: file)
        let text = try tool(["pdftotext", file.path, "-"]).output
        #expect(text.contains("Айгерім Сұлтанова"))
        #expect(text.contains(record.serial))
        _ = try tool(["pdftoppm", "-r", "150", "-png", "-singlefile", file.path, folder.appendingPathComponent("page").path])
        let scanned = try tool(["zbarimg", "--raw", "-q", folder.appendingPathComponent("page.png").path]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(scanned == "https://ustaz.test/v/\(record.token)")
        // What the phone opens after scanning is the page that says "authentic".
        let target = String(scanned.dropFirst("https://ustaz.test".count))
        #expect(client.get(target, headers: ["Accept-Language": "en"]).bodyText.contains("Authentic"))
        // The short address printed under the code leads there too.
        #expect(client.get("/c/\(record.serial.lowercased())").headers["Location"] == target)

        let png = browser.get("/certificates/\(record.serial)/png")
        #expect(png.headers["Content-Type"] == "image/png")
        try Data(png.body).write(to: folder.appendingPathComponent("c.png"))
        #expect(try tool(["zbarimg", "--raw", "-q", folder.appendingPathComponent("c.png").path]).output
            .trimmingCharacters(in: .whitespacesAndNewlines) == scanned)
    }

    @Test func onlyTheHolderTheirTrainerOrAnAdminMayDownload() throws {
        let (ustaz, client, world) = try demoService()
        let record = try credentialOf(ustaz, login: "teacher.aigerim")
        for (login, expected) in [("teacher.dauren", 404), ("lead.pavlodar", 404), ("lead.kyzylorda", 200), ("admin", 200)] {
            let browser = Browser(client)
            browser.signIn(login, world.password)
            #expect(browser.get("/certificates/\(record.serial)/pdf").status == expected, "\(login)")
        }
        #expect(Browser(client).get("/certificates/\(record.serial)/pdf").status == 303)
    }

    @Test func aCohortZipHoldsEveryCertificate() throws {
        let (ustaz, client, world) = try demoService()
        let record = try credentialOf(ustaz, login: "teacher.aigerim")
        let cohortID = try #require(record.cohortID)
        let trainer = Browser(client)
        trainer.signIn("lead.kyzylorda", world.password)
        #expect(trainer.get("/me").bodyText.contains("/cohorts/\(cohortID)/certificates.zip"))
        let zip = trainer.get("/cohorts/\(cohortID)/certificates.zip")
        #expect(zip.status == 200)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cohort-\(UUID().uuidString).zip")
        try Data(zip.body).write(to: file)
        let listing = try tool([testPython, "-c",
                                "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print('\\n'.join(z.namelist()))",
                                file.path])
        #expect(listing.status == 0)
        let names = listing.output.split(separator: "\n")
        #expect(names.count == 3)
        #expect(names.contains { $0.hasSuffix("Айгерім Сұлтанова.pdf") })
        let other = Browser(client)
        other.signIn("lead.pavlodar", world.password)
        #expect(other.get("/cohorts/\(cohortID)/certificates.zip").status == 404)
    }
}
