import FolderWatch
import Foundation
import Testing
import TestSupport

/// listing.md and result.json are the daemon's: written by someone else (an editor saving in
/// place, a copy, a rename from another temp name), the folder runs again; our own rename of a
/// `.pi-tmp-` file over them never does.
struct HandEditTests {
    let settle = 15.0
    let clock = TestClock(TestInbox.start)
    let watches = RecordingWatches()

    func doneVilla() async throws -> (InboxWatcher, Int32, String, TestInbox) {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now() - 100)
        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: settle), watching: watches, clock: clock)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: inbox.knownDone(["villa"]))
        return (watcher, try #require(watches.descriptor(of: inbox.folder("villa"))), inbox.folder("villa"), inbox)
    }

    @Test(arguments: [
        [Inotify.Event(watch: 0, mask: mask(IN_MODIFY), name: "listing.md"), Inotify.Event(watch: 0, mask: mask(IN_CLOSE_WRITE), name: "listing.md")],
        [Inotify.Event(watch: 0, mask: mask(IN_MOVED_FROM), name: "sedX1b2c3"), Inotify.Event(watch: 0, mask: mask(IN_MOVED_TO), name: "result.json")],
        [Inotify.Event(watch: 0, mask: mask(IN_MODIFY), name: "listing.th.md"), Inotify.Event(watch: 0, mask: mask(IN_CLOSE_WRITE), name: "listing.th.md")],
    ])
    func anOutputWrittenByHandMakesTheFolderRunAgainAfterTheSettleWindow(events: [Inotify.Event]) async throws {
        var (watcher, descriptor, villa, inbox) = try await doneVilla()
        defer { withExtendedLifetime(inbox) {} }  // the directory lives as long as its value
        let handled = watcher.handle(events.map { Inotify.Event(watch: descriptor, mask: $0.mask, name: $0.name) })
        #expect(dispatched(handled).isEmpty && announced(handled).isEmpty, "no 'waiting' status for our own file")
        clock.advance(by: settle)
        #expect(dispatched(await watcher.tick()) == [villa])
    }

    @Test func ourOwnRenameOverAnOutputDoesNothing() async throws {
        var (watcher, descriptor, _, inbox) = try await doneVilla()
        #expect(watcher.handle([
            .init(watch: descriptor, mask: mask(IN_MOVED_FROM), name: ".pi-tmp-listing.md-12-34"),
            .init(watch: descriptor, mask: mask(IN_MOVED_TO), name: "listing.md"),
        ]).isEmpty)
        clock.advance(by: settle + 1)
        #expect(await watcher.tick().isEmpty)
        withExtendedLifetime(inbox) {}  // the directory lives as long as its value
    }
}

/// Outputs removed while no daemon watched are found by the reconciliation.
struct MissingOutputsAtReconcileTests {
    @Test func aPublishedFolderWithoutItsOutputsRunsAgainAndAFailedOneDoesNot() async throws {
        let clock = TestClock(TestInbox.start)
        let inbox = try TestInbox()
        for name in ["published", "intact", "failed"] { try inbox.write(name + "/description.txt", at: clock.now() - 100) }
        for name in ["intact/result.json", "intact/listing.md", "published/listing.md"] { try inbox.write(name, at: clock.now() - 100) }
        var known = try inbox.knownDone(["published", "intact", "failed"])
        known[inbox.folder("published")]?.hasPublished = true
        known[inbox.folder("intact")]?.hasPublished = true  // "failed" never published: no outputs expected

        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: 15), watching: RecordingWatches(), clock: clock)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: known)
        #expect(dispatched(await watcher.tick()) == [inbox.folder("published")], "result.json is missing; due at once (uploaded long ago)")
    }

    /// With the publish's manifest, every output is checked at start-up (issue 24): a derived
    /// photo gone, a page of another size, or one of the same size with other bytes (its mtime
    /// moved, so it is hashed) runs the folder; one only touched does not. The periodic pass
    /// keeps to two files.
    @Test func atStartUpEveryOutputOfTheManifestIsChecked() async throws {
        let clock = TestClock(TestInbox.start)
        let inbox = try TestInbox()
        let names = ["photo-gone", "page-cut", "page-same-size", "page-touched", "intact"]
        for name in names {
            try inbox.write(name + "/description.txt", at: clock.now() - 100)
            for output in ["result.json", "listing.md", "_listing/photos/01-a.jpg"] { try inbox.write(name + "/" + output, at: clock.now() - 100) }
        }
        var known = try inbox.knownDone(names)
        for name in names {
            known[inbox.folder(name)]?.hasPublished = true
            known[inbox.folder(name)]?.outputs = try Dictionary(uniqueKeysWithValues: ["result.json", "listing.md", "_listing/photos/01-a.jpg"].map {
                ($0, try #require(OutputStamp.of(fileAt: inbox.folder(name + "/" + $0))))
            })
        }
        try FileManager.default.removeItem(atPath: inbox.folder("photo-gone/_listing/photos/01-a.jpg"))
        try inbox.write("page-cut/listing.md", "cut", at: clock.now() - 100)
        try inbox.write("page-same-size/listing.md", "y", at: clock.now() - 50)
        try inbox.write("page-touched/listing.md", "x", at: clock.now() - 50)
        var periodic = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: 15), watching: RecordingWatches(), clock: clock)
        try periodic.start()
        _ = try await periodic.reconcile(reason: "periodic", known: known)
        #expect(dispatched(await periodic.tick()).isEmpty)

        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: 15), watching: RecordingWatches(), clock: clock)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: known)
        #expect(Set(dispatched(await watcher.tick())) == [inbox.folder("photo-gone"), inbox.folder("page-cut"), inbox.folder("page-same-size")])
    }
}
