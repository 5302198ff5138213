import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

@Suite("List pages: search, filters, pages and their links")
struct ListPagesTests {
    @Test func peopleAreFoundInAnyCaseAndScriptMix() throws {
        let (_, client, world) = try demoService()
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        // ё is е, case folds in Cyrillic, and a Latin "a" typed for the Cyrillic one still matches.
        #expect(admin.get("/people?q=КОВАЛЕВА").bodyText.contains("Анна Ковалёва"))
        #expect(admin.get("/people?q=aнна").bodyText.contains("Анна Ковалёва"))
        #expect(admin.get("/people?q=СҰЛТАНОВА").bodyText.contains("Айгерім Сұлтанова"))
        let byLogin = admin.get("/people?q=teacher.dauren").bodyText
        #expect(byLogin.contains("Дәурен Қасымов") && !byLogin.contains("Сәуле Ермекова"))
        let bySchool = admin.get("/people?school=PVL-0202").bodyText
        #expect(bySchool.contains("Марат Іскаков") && !bySchool.contains("Айгерім Сұлтанова"))
        let byRegion = admin.get("/people?region=pavlodar").bodyText
        #expect(byRegion.contains("Ольга Петренко") && !byRegion.contains("Дәурен Қасымов"))
        #expect(admin.get("/people?q=nobody-at-all").bodyText.contains(ListText.en.nothingFound)
                || admin.get("/people?q=nobody-at-all").bodyText.contains(ListText.kk.nothingFound))
    }

    @Test func badPageNumbersAndUnknownFiltersAreRefusedInTheVisitorsLanguage() throws {
        let (_, client, world) = try demoService()
        let admin = Browser(client)
        admin.acceptLanguage = "ru"
        admin.signIn("admin", world.password)
        for target in ["/people?page=0", "/people?page=-1", "/people?page=abc", "/people?page=9223372036854775807",
                       "/people?page=10001", "/cohorts?page=99999999999999999999", "/fidelity?page=x", "/schools?page=0",
                       "/admin/master-trainers?page=0", "/practicals?page=0", "/practicals?page=x"] {
            let response = admin.get(target)
            #expect(response.status == 400, "\(target)")
        }
        #expect(admin.get("/people?region=atlantis").status == 400)
        #expect(admin.get("/cohorts?course=no-such-course").status == 400)
        #expect(admin.get("/cohorts?status=someday").status == 400)
        #expect(admin.get("/people?page=10000").status == 200)  // far beyond the end: an empty page, not an error
        #expect(admin.get("/practicals?page=10000").status == 200)
    }

    @Test func linksCarryThePageAndTheFilters() throws {
        let (ustaz, client, world) = try demoService()
        for index in 1...(PageRequest.defaultSize + 5) {
            try ustaz.store.createPerson(NewPerson(fullName: "Тестов Адам \(index)", regionID: "abai", roles: [.teacher]))
        }
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        let first = admin.get("/people?q=тестов&region=abai").bodyText
        #expect(first.contains("rel=\"next\" href=\"/people?q=%D1%82%D0%B5%D1%81%D1%82%D0%BE%D0%B2&amp;region=abai&amp;page=2\"")
                || first.contains("rel=\"next\" href=\"/people?q=%D1%82%D0%B5%D1%81%D1%82%D0%BE%D0%B2&region=abai&page=2\""))
        #expect(!first.contains("rel=\"prev\""))
        let second = admin.get("/people?q=тестов&region=abai&page=2").bodyText
        #expect(second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""))
        let rows = { (html: String) in html.components(separatedBy: "Тестов Адам").count - 1 }
        #expect(rows(first) == PageRequest.defaultSize && rows(second) == 5)
    }

    @Test func cohortsAreScopedAndFiltered() throws {
        let (_, client, world) = try demoService()
        let coordinator = Browser(client)
        coordinator.signIn("coordinator", world.password)   // Kyzylorda
        let scoped = coordinator.get("/cohorts?region=pavlodar")  // a region filter is not theirs to widen
        #expect(scoped.status == 200)
        #expect(!scoped.bodyText.contains("Анна Ковалёва"))
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        let pavlodar = admin.get("/cohorts?region=pavlodar").bodyText
        #expect(pavlodar.contains("Анна Ковалёва") && !pavlodar.contains("Нұрлан Абдрахманов"))
        let byTrainer = admin.get("/cohorts?trainer=%D0%9D%D2%B0%D0%A0%D0%9B%D0%90%D0%9D").bodyText  // НҰРЛАН
        #expect(byTrainer.contains("Нұрлан Абдрахманов") && !byTrainer.contains("Анна Ковалёва"))
        let finished = admin.get("/cohorts?status=finished").bodyText
        let upcoming = admin.get("/cohorts?status=upcoming").bodyText
        #expect(finished != upcoming)
        let lead = Browser(client)
        lead.signIn("lead.pavlodar", world.password)
        #expect(!lead.get("/cohorts").bodyText.contains("Нұрлан Абдрахманов"))
    }

    @Test func fidelityRanksTrainersByConcernAndSearchesThem() throws {
        let (_, client, world) = try demoService()
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        let page = admin.get("/fidelity")
        #expect(page.status == 200)
        let master = Browser(client)
        master.signIn("master", world.password)
        #expect(master.get("/fidelity?trainer=zzzz").status == 200)
        let teacher = Browser(client)
        teacher.signIn("teacher.olga", world.password)
        #expect(teacher.get("/fidelity").status == 403)
    }

    @Test func schoolsAndMasterTrainersAreSearchable() throws {
        let (_, client, world) = try demoService()
        let admin = Browser(client)
        admin.signIn("admin", world.password)
        let schools = admin.get("/schools?q=%D0%A8%D0%98%D0%95%D0%9B%D0%86").bodyText  // ШИЕЛІ
        #expect(schools.contains("KZO-0102") && !schools.contains("PVL-0201"))
        #expect(admin.get("/schools?region=pavlodar").bodyText.contains("PVL-0201"))
        #expect(admin.get("/admin/master-trainers?q=%D0%B3%D2%AF%D0%BB%D0%BD%D0%B0%D1%80").bodyText.contains("Гүлнар Сейітқали"))  // гүлнар
        #expect(!admin.get("/admin/master-trainers?q=zzzz").bodyText.contains("Гүлнар Сейітқали"))
    }

    @Test func theProjectionIsBoundedByTheTeachersInTheCountry() throws {
        let (_, client, world) = try demoService()
        let admin = Browser(client)
        admin.acceptLanguage = "en"
        admin.signIn("admin", world.password)
        let page = admin.get("/coverage")
        #expect(!page.bodyText.contains("id=\"target-beyond-country\""))
        let saved = admin.post("/coverage/settings", [("_csrf", Browser.csrf(in: page)), ("national_target", "350000"),
                                                      ("target_date", "2028-08-31"), ("cohort_size", "25"), ("round_weeks", "6"),
                                                      ("teachers_in_country", "1000")])
        #expect(saved.status == 303)
        let bounded = admin.get("/coverage").bodyText
        #expect(bounded.contains("id=\"target-beyond-country\""))
        #expect(bounded.contains("value=\"1000\""))
    }
}
