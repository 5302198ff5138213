import Foundation
import Testing
@testable import UstazStore

@Suite("Rows read by position")
struct ColumnOrderTests {
    @Test("credential rows are read by position: the table's columns are in the order the mapper expects")
    func credentialColumnsInTableOrder() throws {
        let folder = try temporaryFolder()
        let store = try Store(path: folder.appendingPathComponent("ustaz.sqlite").path)
        let columns = try store.columnNames(of: "credential")
        #expect(Array(columns.prefix(Store.credentialColumns.count)) == Store.credentialColumns)
    }

    @Test("lesson progress rows are read by position too")
    func lessonProgressColumnsInTableOrder() throws {
        let folder = try temporaryFolder()
        let store = try Store(path: folder.appendingPathComponent("ustaz.sqlite").path)
        #expect(try store.columnNames(of: "lesson_progress") == Store.lessonProgressColumns)
    }
}
