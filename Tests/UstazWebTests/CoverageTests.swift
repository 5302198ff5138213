import Foundation
import HTTPServer
import Testing
import UstazCore
import UstazStore
@testable import UstazWeb

/// A small country seeded person by person, with every figure the dashboards should show worked out
/// here by plain counting (never through the production queries).
private struct SeededCountry {
    struct Issued {
        var kind: CredentialKind
        var generation: Int
        var on: Day
        var revoked = false
        var expires: Day?
    }

    struct Someone {
        var login: String
        var region: String?
        var school: String?
        var subjects: String?
        var credentials: [Issued] = []
        /// One entry per enrolment: whether it is finished.
        var enrolments: [Bool] = []
    }

    let today = Day.today
    var monday: Day { CoverageWeek.start(of: today) }
    var people: [Someone] = []

    init() {
        let m = CoverageWeek.start(of: Day.today)
        people = [
            Someone(login: "m", region: "astana", credentials: [.init(kind: .masterTrainer, generation: 0, on: m.adding(days: -35))]),
            Someone(login: "l1", region: "kyzylorda", school: "KZO-P1",
                    credentials: [.init(kind: .leadTrainer, generation: 1, on: m.adding(days: -14), expires: Day.today.adding(days: 300))]),
            // An expired lead trainer still counts as certified but no longer trains.
            Someone(login: "l2", region: "pavlodar",
                    credentials: [.init(kind: .leadTrainer, generation: 1, on: m.adding(days: -7), expires: Day.today.adding(days: -1))]),
            Someone(login: "t1", region: "kyzylorda", school: "KZO-P1", subjects: "Математика, Ана тілі",
                    credentials: [.init(kind: .teacher, generation: 2, on: m.adding(days: -7))], enrolments: [true]),
            // Certified today, in the running week: counted, but not in the pace.
            Someone(login: "t2", region: "kyzylorda", school: "KZO-P1", subjects: "Цифрлық сауаттылық; ЖИ негіздері",
                    credentials: [.init(kind: .teacher, generation: 2, on: Day.today)]),
            // Revoked: not certified; the pilot school has no certified teacher through them.
            Someone(login: "t3", region: "pavlodar", school: "PVL-P1", subjects: "Mathematics",
                    credentials: [.init(kind: .teacher, generation: 2, on: m.adding(days: -7), revoked: true)], enrolments: [true]),
            Someone(login: "t4", region: nil, credentials: [.init(kind: .teacher, generation: 2, on: m.adding(days: -14))]),
            // A teacher who became a lead trainer counts once, as a lead trainer, from their first certificate.
            Someone(login: "t5", region: "kyzylorda",
                    credentials: [.init(kind: .teacher, generation: 2, on: m.adding(days: -21)),
                                  .init(kind: .leadTrainer, generation: 1, on: m.adding(days: -7), expires: Day.today.adding(days: 700))]),
            Someone(login: "e1", region: "kyzylorda", enrolments: [false]),
            Someone(login: "e2", region: "pavlodar", enrolments: [true]),
            Someone(login: "e3", region: "kyzylorda", enrolments: [false, true]),
        ]
    }

    func isCertified(_ person: Someone) -> Bool { person.credentials.contains { !$0.revoked } }
    var certified: [Someone] { people.filter(isCertified) }

    func certified(in region: String?) -> Int { certified.filter { $0.region == region }.count }
    func enrolled(in region: String?) -> Int { people.filter { $0.region == region && !$0.enrolments.isEmpty }.count }
    func inTraining(in region: String?) -> Int {
        people.filter { $0.region == region && $0.enrolments.contains(false) && !isCertified($0) }.count
    }

    /// The person's highest valid credential.
    func top(_ person: Someone) -> Issued {
        let rank: [CredentialKind: Int] = [.masterTrainer: 0, .leadTrainer: 1, .teacher: 2]
        return person.credentials.filter { !$0.revoked }.min { (rank[$0.kind]!, $0.generation) < (rank[$1.kind]!, $1.generation) }!
    }

    func firstWeek(_ person: Someone) -> Day {
        CoverageWeek.start(of: person.credentials.filter { !$0.revoked }.map(\.on).min()!)
    }

    func newly(inWeek week: Day) -> Int { certified.filter { firstWeek($0) == week }.count }

    /// Mean of the four complete weeks before this one.
    var pace: Double { Double((1...4).map { newly(inWeek: monday.adding(days: -7 * $0)) }.reduce(0, +)) / 4 }

    func activeLeads(in region: String) -> Int {
        people.filter { person in
            person.region == region && person.credentials.contains { $0.kind == .leadTrainer && !$0.revoked && ($0.expires ?? today) >= today }
        }.count
    }

    /// Loads everything into the service, through the same store calls the application uses.
    func load(into ustaz: Ustaz) throws {
        let store = ustaz.store
        var schools: [String: Int64] = [:]
        for (code, region, kind, wave) in [("KZO-P1", "kyzylorda", "small-staffed", 1), ("KZO-P2", "kyzylorda", "small-staffed", 1),
                                           ("PVL-P1", "pavlodar", "standard", 2), ("AST-K1", "astana", "keleshek", 3)] {
            schools[code] = try store.createSchool(School(code: code, name: "School \(code)", regionID: region, kind: kind, pilotWave: wave)).id
        }
        try store.createSchool(School(code: "KZO-X", name: "Not in the pilot", regionID: "kyzylorda"))
        let issuer = CredentialIssuer(store: store, keys: ustaz.keys)
        let version = try #require(try store.courseVersions(courseID: "primary-teachers").first)
        var openCohort: Int64?
        var finishedCohort: Int64?
        for someone in people {
            let person = try store.createPerson(NewPerson(fullName: "Person \(someone.login)", login: someone.login, passwordHash: "unused",
                                                          schoolID: someone.school.flatMap { schools[$0] }, regionID: someone.region,
                                                          roles: [.teacher]))
            try store.setSubjects(personID: person.id, subjects: someone.subjects)
            for issued in someone.credentials {
                let record = try issuer.issueNew(kind: issued.kind, to: person, courseID: "primary-teachers", courseVersionID: nil,
                                                 generation: issued.generation, cohortID: nil, issuer: nil, issuedOn: issued.on,
                                                 expiresOn: issued.expires)
                if issued.revoked { try store.revoke(serial: record.serial, reason: .issuedInError, byPersonID: person.id) }
            }
            for finished in someone.enrolments {
                let cohortID = try finished ? (finishedCohort ?? newCohort(store, version: version.id, trainer: person.id, name: "done"))
                    : (openCohort ?? newCohort(store, version: version.id, trainer: person.id, name: "open"))
                if finished { finishedCohort = cohortID } else { openCohort = cohortID }
                let enrolment = try store.enrol(personID: person.id, cohortID: cohortID)
                if finished { try store.markEnrolmentCompleted(enrolment) }
            }
        }
    }

    private func newCohort(_ store: Store, version: Int64, trainer: Int64, name: String) throws -> Int64 {
        try store.createCohort(name: name, courseID: "primary-teachers", courseVersionID: version, trainerID: trainer,
                               trainerCredentialID: nil, regionID: nil, schoolID: nil, startsOn: today.iso,
                               endsOn: today.adding(days: 30).iso, joinCode: "JOIN-\(name.uppercased())").id
    }
}

/// The text of each `<td data-key="key">` in the page's table `name`, row by row.
private func pageColumn(_ page: String, table name: String, key: String) -> [String] {
    guard let start = page.range(of: "<table class=\"data\" id=\"table-\(name)\""),
          let end = page.range(of: "</table>", range: start.upperBound..<page.endIndex) else { return [] }
    return page[start.upperBound..<end.lowerBound].components(separatedBy: "<td data-key=\"\(key)\">").dropFirst().map {
        String($0.prefix { $0 != "<" })
    }
}

private func json(_ response: Response) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
}

private func rows(_ response: Response) throws -> [[String: Any]] {
    try #require(try json(response)["rows"] as? [[String: Any]])
}

/// CSV records as dictionaries keyed by the header.
private func csvRows(_ response: Response) throws -> [[String: String]] {
    let records = try CSV.parse(response.bodyText).map(\.fields)
    let header = try #require(records.first)
    return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}

@Suite("Coverage dashboards: page, CSV and API agree with independently counted seed data")
struct CoverageTests {
    private func seeded() throws -> (Ustaz, TestClient, SeededCountry) {
        let (ustaz, _, client) = try makeService()
        let country = SeededCountry()
        try country.load(into: ustaz)
        for (login, roles, region) in [("admin", [Role.admin], nil as String?), ("coord", [.coordinator], "kyzylorda"),
                                       ("plain", [.teacher], nil)] {
            try ustaz.store.createPerson(NewPerson(fullName: "Staff \(login)", login: login, passwordHash: ustaz.hashPassword("password \(login)"),
                                                   language: .en, regionID: region, roles: roles, coordinatorRegion: region))
        }
        return (ustaz, client, country)
    }

    private func browser(_ client: TestClient, _ login: String? = nil) -> Browser {
        let browser = Browser(client)
        browser.acceptLanguage = "en"
        if let login { browser.signIn(login, "password \(login)") }
        return browser
    }

    @Test func nationalFiguresAndProjectionAgreeEverywhere() throws {
        let (ustaz, client, country) = try seeded()
        let visitor = browser(client)
        let certified = country.certified.count
        #expect(certified == 7)
        let summary = try json(visitor.get("/api/v1/coverage"))
        #expect(summary["certified"] as? Int == certified)
        #expect(summary["target"] as? Int == 350_000)
        #expect(summary["enrolled"] as? Int == country.people.filter { !$0.enrolments.isEmpty }.count)
        #expect(summary["in_training"] as? Int == country.people.filter { $0.enrolments.contains(false) && !country.isCertified($0) }.count)
        #expect(summary["weekly_rate"] as? Double == country.pace)
        #expect(country.pace == 1.25)  // week −1: l2, t1; −2: l1, t4; −3: t5 (first certificate); −4: none
        // 349,993 more at 1.25 a week would take thousands of years: no date is given.
        #expect(summary["reaches_target_on"] is NSNull)
        #expect(summary["expected_at_target_date"] as? Int
                == certified + Int((country.pace * Double(Day(iso: "2028-08-31")!.number - country.today.number) / 7).rounded(.down)))
        #expect(summary["target_date"] as? String == "2028-08-31")

        var page = visitor.get("/coverage")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Not at the current rate: it would take more than 50 years."))
        // With a national target of 20, the rest (13) takes 13 / 1.25 weeks = 72.8 days → 73.
        try ustaz.store.setSetting("coverage.national-target", "20")
        let expectedDate = country.today.adding(days: Int((Double(20 - certified) / country.pace * 7).rounded(.up)))
        #expect(try json(visitor.get("/api/v1/coverage"))["reaches_target_on"] as? String == expectedDate.iso)
        page = visitor.get("/coverage")
        let html = page.bodyText
        #expect(html.contains("<div class=\"figure\" id=\"figure-certified\"><strong>\(certified)</strong>"))
        #expect(html.contains("Recent pace: 1.25 people a week."))
        #expect(html.contains("At this pace the target is reached on \(Formatting.date(expectedDate, .en))."))
        #expect(html.contains("<svg class=\"chart\""))
        #expect(!html.contains("<script"))
        // The home page shows the same national figures.
        let home = visitor.get("/").bodyText
        #expect(home.contains("<strong>\(certified)</strong><span>teachers certified"))
        #expect(home.contains("<strong>\(country.people.filter { $0.enrolments.contains(false) && !country.isCertified($0) }.count)</strong><span>teachers in training"))
        #expect(home.contains("<strong>5</strong><span>schools"))
        #expect(home.contains("<strong>2</strong><span>cohorts"))

        // By kind and by generation: each person once, under their highest credential.
        let kinds = Dictionary(grouping: country.certified) { country.top($0).kind }.mapValues(\.count)
        for kind in CredentialKind.allCases {
            let json = try rows(visitor.get("/api/v1/coverage/kinds")).first { $0["kind"] as? String == kind.rawValue }
            #expect(json?["people"] as? Int == kinds[kind] ?? 0, "\(kind)")
            let csv = try csvRows(visitor.get("/api/v1/coverage/kinds.csv")).first { $0["kind"] == kind.rawValue }
            #expect(csv?["people"] == String(kinds[kind] ?? 0))
        }
        #expect(pageColumn(html, table: "kinds", key: "people") == CredentialKind.allCases.map { String(kinds[$0] ?? 0) })
        let generations = Dictionary(grouping: country.certified) { country.top($0).generation }.mapValues(\.count)
        #expect(generations == [0: 1, 1: 3, 2: 3])
        let generationRows = try rows(visitor.get("/api/v1/coverage/generations"))
        #expect(generationRows.map { $0["generation"] as? Int } == [0, 1, 2])
        #expect(generationRows.map { $0["people"] as? Int } == [1, 3, 3])
        #expect(pageColumn(html, table: "generations", key: "people") == ["1", "3", "3"])

        // Weekly: first certificates per week, cumulative to the total.
        let weeks = try csvRows(visitor.get("/api/v1/coverage/weeks.csv"))
        #expect(weeks.first?["week_start"] == country.monday.adding(days: -35).iso)
        #expect(weeks.last?["week_start"] == country.monday.iso)
        #expect(weeks.last?["cumulative"] == String(certified))
        #expect(weeks.last?["complete"] == "false")
        for week in weeks {
            let day = try #require(Day(iso: week["week_start"] ?? ""))
            #expect(week["newly_certified"] == String(country.newly(inWeek: day)), "\(day)")
        }
        #expect(pageColumn(html, table: "weeks", key: "newly_certified") == weeks.map { $0["newly_certified"]! })
        let weeksJSON = try rows(visitor.get("/api/v1/coverage/weeks"))
        #expect(weeksJSON.map { String($0["newly_certified"] as? Int ?? -1) } == weeks.map { $0["newly_certified"]! })
    }

    @Test func regionsShowTheirCountsAndTargetsWithSources() throws {
        let (_, client, country) = try seeded()
        let admin = browser(client, "admin")
        func check(_ target: [String: Int]) throws {
            let json = try rows(admin.get("/api/v1/coverage/regions"))
            let csv = try csvRows(admin.get("/api/v1/coverage/regions.csv"))
            let page = admin.get("/coverage").bodyText
            let names = pageColumn(page, table: "regions", key: "name")
            for region in ["kyzylorda", "pavlodar", "astana", "turkistan"] {
                let row = try #require(json.first { $0["region"] as? String == region })
                let line = try #require(csv.first { $0["region"] == region })
                let index = try #require(names.firstIndex(of: Region.named(region)!.name.en))
                let expectations: [(String, Int)] = [("certified", country.certified(in: region)), ("enrolled", country.enrolled(in: region)),
                                                     ("in_training", country.inTraining(in: region)), ("target", target[region]!)]
                for (key, value) in expectations {
                    #expect(row[key] as? Int == value, "\(region) \(key)")
                    #expect(line[key] == String(value), "\(region) \(key)")
                    #expect(pageColumn(page, table: "regions", key: key)[index] == Formatting.number(value, .en), "\(region) \(key)")
                }
                let tenths = (country.certified(in: region) * 1000 + target[region]! / 2) / target[region]!
                #expect(row["percent_of_target"] as? Double == Double(tenths) / 10)
                #expect(line["percent_of_target"] == "\(tenths / 10).\(tenths % 10)")
            }
            // The one person with no region is listed too, so the regions add up to the nation.
            let unassigned = try #require(json.first { $0["region"] is NSNull })
            #expect(unassigned["certified"] as? Int == country.certified(in: nil))
            #expect(json.map { $0["certified"] as? Int ?? 0 }.reduce(0, +) == country.certified.count)
        }
        // No official per-region count: every region starts with an equal share of 350,000.
        try check(["kyzylorda": 17_500, "pavlodar": 17_500, "astana": 17_500, "turkistan": 17_500])

        // An administrator sets Kyzylorda's target with its source; the others share the rest.
        let form = admin.get("/coverage")
        let source = "=Oblast education department letter, 2026"
        #expect(admin.post("/coverage/targets", [("_csrf", Browser.csrf(in: form)), ("region", "kyzylorda"), ("target", "20 000"),
                                                 ("source", source)]).status == 303)
        let share = (350_000 - 20_000) / 19, extra = (350_000 - 20_000) % 19
        // The remainder goes to the first regions in the reference order (Abai, Akmola, ...), one each.
        let order = Region.all.map(\.id).filter { $0 != "kyzylorda" }
        func defaultTarget(_ id: String) -> Int { share + (order.firstIndex(of: id)! < extra ? 1 : 0) }
        try check(["kyzylorda": 20_000, "pavlodar": defaultTarget("pavlodar"), "astana": defaultTarget("astana"),
                   "turkistan": defaultTarget("turkistan")])
        let csv = admin.get("/api/v1/coverage/regions.csv").bodyText
        // The source is kept as written, and cannot run as a formula in a spreadsheet.
        #expect(csv.contains(",'=Oblast education department letter, 2026") || csv.contains(",\"'=Oblast education department letter, 2026\""))
        let row = try #require(try rows(admin.get("/api/v1/coverage/regions")).first { $0["region"] as? String == "kyzylorda" })
        #expect(row["target_source"] as? String == source)
        #expect(row["target_is_default"] as? Bool == false)

        // Bad input is refused with a reason; nobody but an administrator may set targets.
        let refused = admin.post("/coverage/targets", [("_csrf", Browser.csrf(in: admin.get("/coverage"))), ("region", "pavlodar"),
                                                       ("target", "5000"), ("source", "")])
        #expect(refused.status == 422)
        #expect(refused.bodyText.contains("Say where the target comes from"))
        let coordinator = browser(client, "coord")
        #expect(coordinator.post("/coverage/targets", [("_csrf", Browser.csrf(in: coordinator.get("/coverage"))), ("region", "kyzylorda"),
                                                       ("target", "1"), ("source", "x")]).status == 403)
    }

    @Test func pilotSchoolsAndCapacityAreScopedToTheViewer() throws {
        let (_, client, country) = try seeded()
        let admin = browser(client, "admin")
        let pilot = try rows(admin.get("/api/v1/coverage/pilot"))
        // Wave 1, small-staffed: KZO-P1 has t1 (mathematics, native language), t2 (digital literacy, AI) and l1; KZO-P2 nobody.
        let wave1 = try #require(pilot.first { $0["wave"] as? Int == 1 })
        let expected: [String: Int] = ["schools": 2, "with_certified": 1, "with_native_language": 1, "with_mathematics": 1,
                                       "with_digital_literacy": 1, "with_ai_fundamentals": 1, "with_all_subjects": 1]
        for (key, value) in expected { #expect(wave1[key] as? Int == value, "\(key)") }
        #expect(wave1["school_kind"] as? String == "small-staffed")
        // Wave 2: the only teacher's certificate was revoked.
        let wave2 = try #require(pilot.first { $0["wave"] as? Int == 2 })
        #expect(wave2["schools"] as? Int == 1)
        #expect(wave2["with_certified"] as? Int == 0)
        #expect(wave2["with_mathematics"] as? Int == 0)
        #expect(pilot.count == 3)
        let csv = try csvRows(admin.get("/api/v1/coverage/pilot.csv"))
        #expect(csv.first { $0["wave"] == "1" }?["with_all_subjects"] == "1")
        let page = admin.get("/coverage").bodyText
        #expect(pageColumn(page, table: "pilot", key: "with_certified") == ["1", "0", "0"])

        // Capacity for Kyzylorda: l1 and t5 are active lead trainers.
        let capacity = try rows(admin.get("/api/v1/coverage/capacity"))
        let kyzylorda = try #require(capacity.first { $0["region"] as? String == "kyzylorda" })
        let leads = country.activeLeads(in: "kyzylorda")
        #expect(leads == 2)
        #expect(kyzylorda["lead_trainers"] as? Int == leads)
        #expect(try #require(capacity.first { $0["region"] as? String == "pavlodar" })["lead_trainers"] as? Int == 0)
        let stillToTrain = 17_500 - country.certified(in: "kyzylorda")
        let rounds = (Day(iso: "2028-08-31")!.number - country.today.number) / 42
        let needed = (stillToTrain + 25 * rounds - 1) / (25 * rounds)
        #expect(kyzylorda["still_to_train"] as? Int == stillToTrain)
        #expect(kyzylorda["seats_per_round"] as? Int == leads * 25)
        #expect(kyzylorda["rounds_left"] as? Int == rounds)
        #expect(kyzylorda["trainers_needed"] as? Int == needed)
        #expect(kyzylorda["shortfall"] as? Int == needed - leads)
        #expect(kyzylorda["short"] as? Bool == true)
        #expect(capacity.count == 20)

        // A coordinator sees only their region; the public, only aggregates.
        let coordinator = browser(client, "coord")
        let scoped = try json(coordinator.get("/api/v1/coverage/capacity"))
        #expect(scoped["scope"] as? String == "kyzylorda")
        #expect((scoped["rows"] as? [[String: Any]])?.map { $0["region"] as? String } == ["kyzylorda"])
        #expect(try rows(coordinator.get("/api/v1/coverage/pilot")).map { $0["wave"] as? Int } == [1])
        let coordinatorPage = coordinator.get("/coverage").bodyText
        #expect(coordinatorPage.contains("Showing your region: Kyzylorda Region."))
        #expect(pageColumn(coordinatorPage, table: "regions", key: "name") == ["Kyzylorda Region"])
        #expect(!coordinatorPage.contains("/coverage/targets"))
        #expect(coordinatorPage.contains("href=\"/coverage\""))  // the menu link

        let anonymous = browser(client)
        let denied = anonymous.get("/api/v1/coverage/pilot")
        #expect(denied.status == 401)
        #expect(denied.headers["Content-Type"] == "application/json")
        #expect(((try json(denied)["error"] as? [String: Any])?["status"] as? Int) == 401)
        #expect(browser(client, "plain").get("/api/v1/coverage/capacity.csv").status == 403)
        let publicPage = anonymous.get("/coverage").bodyText
        #expect(!publicPage.contains("id=\"table-pilot\""))
        #expect(!publicPage.contains("id=\"table-capacity\""))
        #expect(pageColumn(publicPage, table: "regions", key: "name").count == 21)
        #expect(anonymous.get("/api/v1/coverage/nonsense").status == 404)
    }

    @Test func theSnapshotFollowsChangesAndSettings() throws {
        let (ustaz, client, country) = try seeded()
        let admin = browser(client, "admin")
        #expect(try json(admin.get("/api/v1/coverage"))["certified"] as? Int == country.certified.count)
        // A revocation, through the store, reaches the next view at once.
        let t1 = try #require(try ustaz.store.credentialsForLogin("t1")?.person)
        let serial = try #require(try ustaz.store.credentials(personID: t1.id).first?.serial)
        try ustaz.store.revoke(serial: serial, reason: .other, byPersonID: t1.id)
        #expect(try json(admin.get("/api/v1/coverage"))["certified"] as? Int == country.certified.count - 1)

        // Settings: a new national target and date change the targets and the projection.
        let saved = admin.post("/coverage/settings", [("_csrf", Browser.csrf(in: admin.get("/coverage"))), ("national_target", "2000"),
                                                      ("target_date", country.today.adding(days: 84).iso), ("cohort_size", "20"),
                                                      ("round_weeks", "4")])
        #expect(saved.status == 303)
        let summary = try json(admin.get("/api/v1/coverage"))
        #expect(summary["target"] as? Int == 2000)
        #expect(summary["target_date"] as? String == country.today.adding(days: 84).iso)
        let regions = try rows(admin.get("/api/v1/coverage/regions"))
        #expect(regions.first { $0["region"] as? String == "abai" }?["target"] as? Int == 100)
        let capacity = try rows(admin.get("/api/v1/coverage/capacity"))
        #expect(capacity.first?["cohort_size"] as? Int == 20)
        #expect(capacity.first?["rounds_left"] as? Int == 3)
        let bad = admin.post("/coverage/settings", [("_csrf", Browser.csrf(in: admin.get("/coverage"))), ("national_target", "0"),
                                                    ("target_date", "2028-02-30"), ("cohort_size", "20"), ("round_weeks", "4")])
        #expect(bad.status == 422)
    }

    @Test func withNobodyCertifiedThePageSaysSoInsteadOfADate() throws {
        let (_, _, client) = try makeService()
        let page = browser(client).get("/coverage")
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Not at the current rate"))
        #expect(page.bodyText.contains("No certificates have been issued yet."))
        let summary = try json(browser(client).get("/api/v1/coverage"))
        #expect(summary["reaches_target_on"] is NSNull)
        #expect(summary["certified"] as? Int == 0)
        for language in ["kk", "ru"] {
            let other = Browser(client)
            other.acceptLanguage = language
            #expect(other.get("/coverage").status == 200)
        }
    }

    @Test func theOpenAPIDescriptionListsEveryAPIRoute() throws {
        let (_, _, client) = try makeService()
        let document = try json(browser(client).get("/api/v1/openapi.json"))
        #expect(document["openapi"] as? String == "3.0.3")
        let paths = try #require(document["paths"] as? [String: Any])
        for spec in CoverageTableSpec.all {
            #expect(paths["/api/v1/coverage/\(spec.name)"] != nil)
            #expect(paths["/api/v1/coverage/\(spec.name).csv"] != nil)
        }
        #expect(paths["/api/v1/coverage"] != nil)
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let regions = try #require(schemas["CoverageRegionsTable"] as? [String: Any])
        let rowProperties = try #require(((regions["properties"] as? [String: Any])?["rows"] as? [String: Any])?["items"] as? [String: Any])
        #expect(Set((rowProperties["properties"] as? [String: Any])?.keys.map { $0 } ?? []) == Set(CoverageTableSpec.regions.columns.map(\.key)))
    }

    @Test func aSlowReportIsServedStaleWhileOneThreadRefreshesIt() throws {
        let (ustaz, _, country) = try seeded()
        // Every computation counts as slow here, as at national scale.
        let board = CoverageBoard(slow: .zero, minimumRefreshInterval: .zero)
        let first = try board.report(ustaz.store, configuration: ustaz.configuration)
        #expect(first.certified == country.certified.count)
        let t1 = try #require(try ustaz.store.credentialsForLogin("t1")?.person)
        try ustaz.store.revoke(serial: try #require(try ustaz.store.credentials(personID: t1.id).first?.serial), reason: .other, byPersonID: t1.id)
        // The view right after the change gets the last report at once...
        #expect(try board.report(ustaz.store, configuration: ustaz.configuration).certified == country.certified.count)
        // ...and a moment later the refreshed one.
        var refreshed = 0
        for _ in 0..<200 where refreshed != country.certified.count - 1 {
            Thread.sleep(forTimeInterval: 0.02)
            refreshed = try board.report(ustaz.store, configuration: ustaz.configuration).certified
        }
        #expect(refreshed == country.certified.count - 1)
    }

    @Test func aSlowReportIsRefreshedAtMostOncePerInterval() throws {
        let (ustaz, _, country) = try seeded()
        let board = CoverageBoard(slow: .zero, minimumRefreshInterval: .seconds(3600))
        _ = try board.report(ustaz.store, configuration: ustaz.configuration)
        let t1 = try #require(try ustaz.store.credentialsForLogin("t1")?.person)
        try ustaz.store.revoke(serial: try #require(try ustaz.store.credentials(personID: t1.id).first?.serial), reason: .other, byPersonID: t1.id)
        for _ in 0..<10 {
            #expect(try board.report(ustaz.store, configuration: ustaz.configuration).certified == country.certified.count)
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}
