import FolderWatch
import Testing

struct SettleTrackerTests {
    @Test func aFolderIsDueOnlyAfterTheSettleWindowWithoutChange() {
        var tracker = SettleTracker(settleSeconds: 15)
        tracker.noteActivity("/in/a", at: 100)
        #expect(tracker.takeDue(now: 110).isEmpty)
        tracker.noteActivity("/in/a", at: 110)  // another photo arrives
        #expect(tracker.takeDue(now: 120).isEmpty)
        #expect(tracker.takeDue(now: 124.999).isEmpty)  // the window counts from the last change
        #expect(tracker.takeDue(now: 125) == ["/in/a"])
        #expect(!tracker.isTracking("/in/a"))
    }

    @Test func readyMakesAFolderDueAtOnce() {
        var tracker = SettleTracker(settleSeconds: 15)
        tracker.noteActivity("/in/b", at: 100)
        tracker.noteReady("/in/b")
        #expect(tracker.takeDue(now: 100.001) == ["/in/b"])
    }

    @Test func anOldChangeIsDueImmediately() {
        var tracker = SettleTracker(settleSeconds: 15)
        tracker.noteActivity("/in/old", at: 10)  // found at start-up, last touched long ago
        tracker.noteActivity("/in/new", at: 99)
        #expect(tracker.takeDue(now: 100) == ["/in/old"])
    }
}

struct ReconcilePlanTests {
    func snapshot(_ stamps: [(String, Int64)], newest: Int64 = 5) -> FolderSnapshot {
        var snapshot = FolderSnapshot()
        snapshot.entries = stamps.map { .init(relativePath: $0.0, kind: .file, bytes: $0.1, mtimeNs: 1, inode: 1) }
        snapshot.newestChangeNs = newest
        return snapshot
    }

    func known(_ stamps: [(String, Int64)], settled: Bool = true, removed: Bool = false) -> KnownFolder {
        KnownFolder(isSettled: settled, isRemoved: removed,
                    inputs: Set(stamps.map { FileStamp(relativePath: $0.0, bytes: $0.1, mtimeNs: 1, inode: 1) }))
    }

    @Test func findsNewChangedInterruptedAndRemovedFoldersAndLeavesFinishedOnesAlone() {
        let onDisk = [
            "/in/new": snapshot([("description.txt", 10)]),
            "/in/done": snapshot([("description.txt", 10), ("a.jpg", 99)]),
            "/in/changed": snapshot([("description.txt", 11)]),
            "/in/interrupted": snapshot([("description.txt", 10)]),
            "/in/back": snapshot([("description.txt", 10)]),
            "/in/with-pdf": snapshot([("description.txt", 10), ("plan.pdf", 7)]),
        ]
        let known = [
            "/in/done": known([("description.txt", 10), ("a.jpg", 99)]),
            "/in/changed": known([("description.txt", 10)]),
            "/in/interrupted": known([("description.txt", 10)], settled: false),
            "/in/back": known([("description.txt", 10)], removed: true),
            "/in/gone": known([("description.txt", 10)]),
            "/in/gone-before": known([], removed: true),
            "/in/with-pdf": known([("description.txt", 10)]),
        ]
        let decision = ReconcilePlan.decide(onDisk: onDisk, known: known)
        #expect(Set(decision.process.keys) == ["/in/new", "/in/changed", "/in/interrupted", "/in/back"])
        #expect(decision.removed == ["/in/gone"])
        #expect(decision.unchanged == 2)
    }

    /// An empty folder (new, or emptied by a deletion that has not reached its `rmdir` yet) is not
    /// run: a run would find nothing to read and must write nothing.
    @Test func anEmptyFolderIsLeftAloneWhateverTheDatabaseSays() {
        let onDisk = ["/in/empty": snapshot([]), "/in/emptied": snapshot([])]
        let known = ["/in/emptied": known([("description.txt", 10)], settled: false)]
        let decision = ReconcilePlan.decide(onDisk: onDisk, known: known)
        #expect(decision.process.isEmpty && decision.removed.isEmpty && decision.unchanged == 2)
    }
}
