import Testing
import UstazCore

@Suite("Kazakh alphabetical order of names")
struct KazakhCollationTests {
    @Test func followsTheKazakhAlphabetLetterByLetter() {
        let letters = "А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я"
            .split(separator: " ").map(String.init)
        #expect(letters.count == 42)
        #expect(letters.shuffled().sorted(by: KazakhCollation.precedes) == letters)
        #expect(letters.map { $0.lowercased() }.shuffled().sorted(by: KazakhCollation.precedes) == letters.map { $0.lowercased() })
    }

    @Test func putsKazakhLettersWhereCodePointOrderDoesNot() {
        // Code-point order would put every one of these after "Яна".
        let names = ["Яна", "Іскаков", "Үсенов", "Ұлан", "Өмір", "Ңғ", "Қасымов", "Ғалым", "Әлия", "Һаким"]
        #expect(names.sorted() != names.sorted(by: KazakhCollation.precedes))
        #expect(names.sorted(by: KazakhCollation.precedes)
            == ["Әлия", "Ғалым", "Қасымов", "Ңғ", "Өмір", "Ұлан", "Үсенов", "Һаким", "Іскаков", "Яна"])
    }

    @Test func ordersRealListsOfPeople() {
        let people = ["Сәуле Ермекова", "Айгерім Сұлтанова", "Дәурен Қасымов", "Марат Іскаков", "Анна Ковалёва",
                      "Ольга Петренко", "Әлия Жұмабекова", "Жанна Бекова", "Дамир Ахметов", "Сағат Бекұлы"]
        #expect(people.sorted(by: KazakhCollation.precedes) == [
            "Айгерім Сұлтанова", "Анна Ковалёва", "Әлия Жұмабекова", "Дамир Ахметов", "Дәурен Қасымов",
            "Жанна Бекова", "Марат Іскаков", "Ольга Петренко", "Сағат Бекұлы", "Сәуле Ермекова",
        ])
    }

    @Test func keepsRussianOrderForRussianNames() {
        let russian = ["Яковлев", "Ёлкин", "Егоров", "Щукин", "Шилов", "Эрдман", "Юрьев", "Борисов", "Ильин", "Ыгин"]
        #expect(russian.sorted(by: KazakhCollation.precedes)
            == ["Борисов", "Егоров", "Ёлкин", "Ильин", "Шилов", "Щукин", "Ыгин", "Эрдман", "Юрьев", "Яковлев"])
    }

    @Test func ignoresCaseFirstAndTreatsWordBreaksAsLowest() {
        #expect(KazakhCollation.precedes("әлия", "Бек"))
        #expect(KazakhCollation.precedes("Бек Әлі", "Бекұлы"))
        #expect(KazakhCollation.precedes("Ab", "Аб"))  // Latin before Cyrillic
        #expect(KazakhCollation.precedes("№2 мектеп", "№12 мектеп") == false)  // digits compare one by one, like text
        #expect(KazakhCollation.sortKey("Әлия") == KazakhCollation.sortKey("ӘЛИЯ"))
        #expect(KazakhCollation.sortKey("Нұр-Сұлтан") == KazakhCollation.sortKey("Нұр Сұлтан"))
        // A strict order even when the keys tie.
        #expect(KazakhCollation.precedes("ӘЛИЯ", "Әлия") != KazakhCollation.precedes("Әлия", "ӘЛИЯ"))
    }

    @Test func sortsRecordsByAName() {
        struct Member { var name: String }
        let members = [Member(name: "Ұлан"), Member(name: "Ул"), Member(name: "Үміт"), Member(name: "Тоқтар")]
        #expect(members.sortedByName(\.name).map(\.name) == ["Тоқтар", "Ул", "Ұлан", "Үміт"])
    }
}
