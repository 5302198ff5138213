import Foundation
import Testing
import UstazCore
import UstazStore

@Suite("Lists at national scale: search, Kazakh order, pages and filters")
struct ListTests {
    let store: Store
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    init() throws {
        store = try Store(path: try temporaryFolder("lists").appendingPathComponent("u.sqlite").path)
    }

    @discardableResult
    func person(_ name: String, login: String? = nil, region: String? = nil, school: Int64? = nil) throws -> Person {
        try store.createPerson(NewPerson(fullName: name, login: login, schoolID: school, regionID: region, roles: [.teacher]), at: now)
    }

    func names(_ page: ListPage<PersonListing>) -> [String] { page.items.map(\.person.fullName) }

    @Test func searchFoldsKazakhAndRussianCaseAndLatinLookAlikes() throws {
        try person("Әлия Нұрланқызы", login: "aliya.n")
        try person("Ёлкин Сергей")
        try person("Айгерім Сейтқали")
        try person("Иван Петров")
        let find = { (text: String) in try self.names(self.store.people(PeopleFilter(text: text), page: .first)) }
        #expect(try find("ӘЛИЯ") == ["Әлия Нұрланқызы"])
        #expect(try find("нұрланқызы") == ["Әлия Нұрланқызы"])
        #expect(try find("елкин") == ["Ёлкин Сергей"])            // ё is е
        #expect(try find("AЙГЕРІМ") == ["Айгерім Сейтқали"])      // a Latin A typed for the Cyrillic one
        #expect(try find("Aйгерiм") == ["Айгерім Сейтқали"])      // Latin a and i for а and і
        #expect(try find("aliya") == ["Әлия Нұрланқызы"])         // the login
        #expect(try find("ив") == ["Иван Петров"])                // two letters: a word start
        #expect(try find("ПЕТ") == ["Иван Петров"])
        #expect(try find("zzz").isEmpty)
        #expect(try find("\"; DROP TABLE person; --").isEmpty)
    }

    @Test func renamingUpdatesTheSearchAndTheOrder() throws {
        let ayan = try person("Аян Берік")
        try store.renamePerson(ayan.id, to: "Ұлан Берік")
        #expect(try names(store.people(PeopleFilter(text: "аян"), page: .first)).isEmpty)
        #expect(try names(store.people(PeopleFilter(text: "ұлан"), page: .first)) == ["Ұлан Берік"])
    }

    @Test func pagesFollowTheKazakhAlphabet() throws {
        // Code-point order would put Ә, Ғ, Қ, Ө, Ұ, Ү after Я.
        let shuffled = ["Яна", "Әсел", "Ұлан", "Бота", "Ғалым", "Арман", "Қайрат", "Өмір", "Ерлан", "Үміт"]
        for name in shuffled { try person(name) }
        let expected = shuffled.sorted(by: KazakhCollation.precedes)
        var seen: [String] = []
        var page = try #require(PageRequest(number: 1, size: 3))
        while true {
            let result = try store.people(PeopleFilter(), page: page)
            seen += names(result)
            guard result.hasNext else { break }
            page = try #require(PageRequest(number: page.number + 1, size: 3))
        }
        #expect(seen == expected)
        #expect(expected.first == "Арман" && expected.dropFirst().first == "Әсел")
    }

    @Test func filtersByRegionAndSchool() throws {
        let school = try store.createSchool(School(code: "PVL-7", name: "№7 мектеп", regionID: "pavlodar"))
        try person("Бота Жанқызы", region: "pavlodar", school: school.id)
        try person("Бота Ахметова", region: "almaty")
        #expect(try names(store.people(PeopleFilter(text: "бота", regionID: "pavlodar"), page: .first)) == ["Бота Жанқызы"])
        let bySchool = try store.people(PeopleFilter(schoolCode: "PVL-7"), page: .first)
        #expect(names(bySchool) == ["Бота Жанқызы"])
        #expect(bySchool.items.first?.schoolName == "№7 мектеп")
        #expect(try store.people(PeopleFilter(schoolCode: "NOPE"), page: .first).items.isEmpty)
    }

    @Test func schoolsAreSearchableByFoldedNameAndCode() throws {
        try store.createSchool(School(code: "KZO-1", name: "Қызылорда №1 мектеп-гимназия", regionID: "kyzylorda", district: "Шиелі"))
        try store.createSchool(School(code: "PVL-1", name: "Школа-лицей №1", regionID: "pavlodar"))
        #expect(try store.schools(matching: "ҚЫЗЫЛОРДА", regionID: nil, page: .first).items.map(\.school.code) == ["KZO-1"])
        #expect(try store.schools(matching: "шиелі", regionID: nil, page: .first).items.map(\.school.code) == ["KZO-1"])
        #expect(try store.schools(matching: "pvl-1", regionID: nil, page: .first).items.map(\.school.code) == ["PVL-1"])
        #expect(try store.schools(matching: "", regionID: "pavlodar", page: .first).items.map(\.school.code) == ["PVL-1"])
    }

    @Test func aPageBeyondTheEndIsEmptyNotAnError() throws {
        try person("Жалғыз")
        let far = try #require(PageRequest(number: PageRequest.maximumNumber, size: PageRequest.maximumSize))
        let page = try store.people(PeopleFilter(), page: far)
        #expect(page.items.isEmpty && !page.hasNext && page.hasPrevious)
    }
}
