import Foundation
import Testing
import UstazCore
@testable import UstazStore

/// A page made of several reads sees one state of the database.
@Suite("Read snapshots")
struct SnapshotTests {
    @Test func readsInsideASnapshotSeeOneStateAndWritesLandAfterIt() throws {
        let store = try Store(path: try temporaryFolder("snapshot").appendingPathComponent("u.sqlite").path)
        try store.setSetting("probe", "before")
        let (inside, insideAgain, afterWrite) = try store.snapshot {
            let first = try store.setting("probe")
            // Another writer changes the value while the page is being built; the page reads again once it has.
            let written = DispatchSemaphore(value: 0)
            Thread { try? store.setSetting("probe", "changed"); written.signal() }.start()
            #expect(written.wait(timeout: .now() + 10) == .success, "the other writer did not finish")
            let second = try store.setting("probe")
            // A write made inside the snapshot goes to the database, but the snapshot keeps its state.
            try store.setSetting("probe", "written inside")
            return (first, second, try store.setting("probe"))
        }
        #expect(inside == "before")
        #expect(insideAgain == "before")
        #expect(afterWrite == "before")
        #expect(try store.setting("probe") == "written inside")
        // Nested snapshots share the outer one; outside any snapshot each read is its own.
        #expect(try store.snapshot { try store.snapshot { try store.setting("probe") } } == "written inside")
    }

    @Test func writesOnTheSideWaitForTheSnapshotsReads() throws {
        let store = try Store(path: try temporaryFolder("snapshot-after").appendingPathComponent("u.sqlite").path)
        try store.setSetting("probe", "before")
        var order: [String] = []
        let seen = try store.snapshot {
            try store.afterReads { try store.setSetting("probe", "after"); order.append("write") }
            order.append("reads")
            return try store.setting("probe")
        }
        #expect(order == ["reads", "write"])
        #expect(seen == "before")
        #expect(try store.setting("probe") == "after")
        // Outside a snapshot the write happens at once.
        try store.afterReads { try store.setSetting("probe", "now") }
        #expect(try store.setting("probe") == "now")
    }

    @Test func snapshotsAreKeptApartPerStore() throws {
        let one = try Store(path: try temporaryFolder("snapshot-1").appendingPathComponent("u.sqlite").path)
        let two = try Store(path: try temporaryFolder("snapshot-2").appendingPathComponent("u.sqlite").path)
        try one.setSetting("probe", "one")
        try two.setSetting("probe", "two")
        #expect(try one.snapshot { try two.setting("probe") } == "two")
    }
}
