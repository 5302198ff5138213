import Testing
import UstazCore

@Suite("Search keys and paging")
struct SearchKeyTests {
    @Test func foldsEveryScriptsCase() {
        #expect(SearchKey.fold("ӘЛИЯ ҒАНИҚЫЗЫ") == SearchKey.fold("әлия ғаниқызы"))
        #expect(SearchKey.fold("ҢӨҰҮҺІ") == "ңөұүһі")
        #expect(SearchKey.fold("ЁЖИК") == "ежик")
    }

    @Test func treatsLatinLookAlikesAsCyrillic() {
        #expect(SearchKey.fold("Aсем") == SearchKey.fold("Асем"))        // Latin A
        #expect(SearchKey.fold("Iнкар") == SearchKey.fold("Інкар"))      // Latin I for Kazakh І
        #expect(SearchKey.fold("Token") == SearchKey.fold("Токеn"))
        #expect(SearchKey.fold("Серік") != SearchKey.fold("Серик"))     // і and и are different letters
    }

    @Test func punctuationAndMarksCollapse() {
        #expect(SearchKey.fold("  Нұр-Сұлтан,   Әлия ") == "нұр сұлтан әлия")
        #expect(SearchKey.fold("e\u{301}") == SearchKey.fold("é"))
    }

    @Test func sortKeyBytesKeepTheKazakhOrder() {
        let names = ["Яна", "Әсел", "Арман", "Ұлан", "Үміт", "Ivan", "Өмір", "Ерлан", "Ерлан Б", "Қайрат", "Иван", "Інкар"]
        let byBytes = names.sorted { KazakhCollation.sortKeyBytes($0).lexicographicallyPrecedes(KazakhCollation.sortKeyBytes($1)) }
        #expect(byBytes == names.sorted(by: KazakhCollation.precedes))
    }

    @Test func pageNumbersAreBounded() {
        #expect(PageRequest(number: 0) == nil)
        #expect(PageRequest(number: -1) == nil)
        #expect(PageRequest(number: PageRequest.maximumNumber + 1) == nil)
        #expect(PageRequest(number: 1, size: PageRequest.maximumSize + 1) == nil)
        let last = PageRequest(number: PageRequest.maximumNumber, size: PageRequest.maximumSize)!
        #expect(last.offset == (PageRequest.maximumNumber - 1) * PageRequest.maximumSize)
    }

    @Test func listPagesKnowTheirNeighbours() {
        let all = Array(1...7)
        let second = ListPage(slicing: all, request: PageRequest(number: 2, size: 3)!)
        #expect(second.items == [4, 5, 6] && second.hasNext && second.hasPrevious)
        let third = ListPage(slicing: all, request: PageRequest(number: 3, size: 3)!)
        #expect(third.items == [7] && !third.hasNext)
        let beyond = ListPage(slicing: all, request: PageRequest(number: 9, size: 3)!)
        #expect(beyond.items.isEmpty && !beyond.hasNext)
    }
}
