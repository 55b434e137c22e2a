import FolderWatch
import Foundation
import Testing
import TestSupport

/// The inbox directory itself deleted and created again (or mounted over): a new directory that
/// the old watch never hears about.
struct InboxReplacedTests {
    @Test func aReCreatedInboxIsWatchedAgainAndReconciledAtTheNextTick() async throws {
        let inbox = try TestInbox()
        let watches = RecordingWatches()
        let clock = TestClock(TestInbox.start)
        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: 15), watching: watches, clock: clock)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: [:])
        #expect(await watcher.tick().isEmpty)

        try FileManager.default.removeItem(atPath: inbox.path)
        let gone = await watcher.tick()
        #expect(gone.contains { if case .log(let line) = $0 { line.level == .critical } else { false } })
        #expect(!gone.contains(.reconcile(reason: "inbox replaced")), "nothing to watch yet")

        try FileManager.default.createDirectory(atPath: inbox.path, withIntermediateDirectories: false)
        #expect(await watcher.tick().contains(.reconcile(reason: "inbox replaced")))
        #expect(await watcher.tick().isEmpty, "once per replacement")
    }
}
