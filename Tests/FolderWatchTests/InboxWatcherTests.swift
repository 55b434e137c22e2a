import FolderWatch
import Foundation
import Synchronization
import Testing
import TestSupport

/// A clock the test moves by hand: no test here sleeps to let a settle window pass.
final class TestClock: WallClock {
    private let time: Mutex<Double>
    init(_ start: Double) { time = Mutex(start) }
    func now() -> Double { time.withLock { $0 } }
    func advance(by seconds: Double) { time.withLock { $0 += seconds } }
}

/// Stands in for inotify's add_watch: hands out descriptors and remembers which directory each
/// one watches (the same descriptor again for the same directory, as the kernel does).
final class RecordingWatches: DirectoryWatching {
    private let byPath = Mutex<[String: Int32]>([:])
    private let masks = Mutex<[String: UInt32]>([:])
    func addWatch(path: String, mask: UInt32) throws(SystemCallError) -> Int32 {
        masks.withLock { $0[path] = mask }
        return byPath.withLock { paths in
            if let existing = paths[path] { return existing }
            paths[path] = Int32(paths.count + 1)
            return Int32(paths.count)
        }
    }
    func descriptor(of path: String) -> Int32? { byPath.withLock { $0[path] } }
    /// The mask of the last `addWatch` for `path`.
    func mask(of path: String) -> UInt32? { masks.withLock { $0[path] } }
    var paths: Set<String> { byPath.withLock { Set($0.keys) } }
}

/// Flags as the kernel sets them on an event.
func mask(_ flags: Int32...) -> UInt32 { flags.reduce(0) { $0 | UInt32($1) } }

/// A temporary inbox whose files carry modification times on the test clock's timeline, so the
/// watcher's re-stat compares like with like.
struct TestInbox {
    static let start = 1_700_000_000.0
    /// Removed when the last copy of the inbox is released.
    private let directory: TemporaryDirectory
    var root: URL { directory.url.standardizedFileURL }
    var path: String { root.path }

    init() throws {
        directory = try TemporaryDirectory("inbox")
    }

    func folder(_ name: String) -> String { path + "/" + name }

    /// Writes `relative` (creating folders on the way) with its mtime set to `time`.
    func write(_ relative: String, _ text: String = "x", at time: Double) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: time)], ofItemAtPath: url.path)
    }

    /// What the database would remember about `names` once they were processed as they are now.
    func knownDone(_ names: [String]) throws -> [String: KnownFolder] {
        var known: [String: KnownFolder] = [:]
        for name in names {
            let snapshot = try #require(FolderSnapshot.take(of: folder(name)))
            known[folder(name)] = KnownFolder(isSettled: true, isRemoved: false, inputs: snapshot.fileStamps)
        }
        return known
    }
}

func dispatched(_ effects: [WatchEffect]) -> [String] {
    effects.compactMap { if case .dispatch(let path) = $0 { path } else { nil } }
}

func announced(_ effects: [WatchEffect]) -> [String] {
    effects.compactMap { if case .announceWaiting(let path) = $0 { path } else { nil } }
}

func withoutLogs(_ effects: [WatchEffect]) -> [WatchEffect] {
    effects.filter { if case .log = $0 { false } else { true } }
}

struct InboxWatcherTests {
    let settle = 15.0
    let clock = TestClock(TestInbox.start)
    let watches = RecordingWatches()

    /// A started inotify-mode watcher whose existing folders are known as done, so it has nothing
    /// to do until a test sends events.
    func watcher(_ inbox: TestInbox, doneFolders: [String] = []) async throws -> InboxWatcher {
        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: settle), watching: watches, clock: clock)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: inbox.knownDone(doneFolders))
        return watcher
    }

    func watch(_ inbox: TestInbox, _ relative: String) throws -> Int32 {
        try #require(watches.descriptor(of: relative.isEmpty ? inbox.path : inbox.folder(relative)))
    }

    @Test func readyStartsProcessingAtOnce() async throws {
        let inbox = try TestInbox()
        try inbox.write("condo/description.txt", at: clock.now())
        var watcher = try await watcher(inbox, doneFolders: ["condo"])
        let condo = inbox.folder("condo")

        let writing = watcher.handle([.init(watch: try watch(inbox, "condo"), mask: mask(IN_CLOSE_WRITE), name: "description.txt")])
        #expect(withoutLogs(writing) == [.announceWaiting(condo)])

        try inbox.write("condo/READY", "", at: clock.now())
        let ready = watcher.handle([.init(watch: try watch(inbox, "condo"), mask: mask(IN_CREATE), name: "READY")])
        #expect(dispatched(ready) == [condo])  // same instant: no settle window
    }

    @Test func aQuietFolderIsDueExactlyWhenTheSettleWindowPasses() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now() - 100)
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        let villa = inbox.folder("villa")

        try inbox.write("villa/a.jpg", at: clock.now())
        #expect(announced(watcher.handle([.init(watch: try watch(inbox, "villa"), mask: mask(IN_CLOSE_WRITE), name: "a.jpg")])) == [villa])
        clock.advance(by: settle - 0.001)
        #expect(await watcher.tick().isEmpty)
        clock.advance(by: 0.001)
        #expect(await watcher.tick() == [.dispatch(villa)])
        clock.advance(by: settle * 2)
        #expect(await watcher.tick().isEmpty, "dispatched once, not again")
    }

    @Test func activityRestartsTheSettleWindow() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now())
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        let villa = inbox.folder("villa")
        let folderWatch = try watch(inbox, "villa")

        _ = watcher.handle([.init(watch: folderWatch, mask: mask(IN_CLOSE_WRITE), name: "description.txt")])
        clock.advance(by: 10)
        try inbox.write("villa/pool.jpg", at: clock.now())
        #expect(withoutLogs(watcher.handle([.init(watch: folderWatch, mask: mask(IN_CLOSE_WRITE), name: "pool.jpg")])).isEmpty,
                "announced once per burst")
        clock.advance(by: settle - 1)  // 24 s after the first write, 14 s after the second
        #expect(await watcher.tick().isEmpty)
        clock.advance(by: 1)
        #expect(await watcher.tick() == [.dispatch(villa)])
    }

    /// An inotify event lost or never sent (a write through a network mount): the re-stat before
    /// dispatch sees the newer mtime and waits for it to settle too.
    @Test func theReStatBeforeDispatchCatchesAChangeNoEventReported() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now())
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        let villa = inbox.folder("villa")

        _ = watcher.handle([.init(watch: try watch(inbox, "villa"), mask: mask(IN_CLOSE_WRITE), name: "description.txt")])
        try inbox.write("villa/garden.jpg", at: clock.now() + 5)  // no event for this one
        clock.advance(by: settle)
        #expect(await watcher.tick().isEmpty)
        clock.advance(by: 5)
        #expect(await watcher.tick() == [.dispatch(villa)])
    }

    @Test func anUploadTempFileBlocksReadinessAndItsRenameRestartsTheWindow() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now())
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        let villa = inbox.folder("villa")
        let folderWatch = try watch(inbox, "villa")

        try inbox.write("villa/x.jpg.filepart", at: clock.now())
        #expect(announced(watcher.handle([.init(watch: folderWatch, mask: mask(IN_CREATE), name: "x.jpg.filepart")])) == [villa])
        clock.advance(by: settle * 3)  // a slow upload: the temp file's mtime is old, still not ready
        #expect(await watcher.tick().isEmpty)

        try FileManager.default.moveItem(atPath: inbox.folder("villa/x.jpg.filepart"), toPath: inbox.folder("villa/x.jpg"))
        _ = watcher.handle([.init(watch: folderWatch, mask: mask(IN_MOVED_FROM), name: "x.jpg.filepart"),
                            .init(watch: folderWatch, mask: mask(IN_MOVED_TO), name: "x.jpg")])
        clock.advance(by: settle - 0.001)
        #expect(await watcher.tick().isEmpty)
        clock.advance(by: 0.001)
        #expect(await watcher.tick() == [.dispatch(villa)])
    }

    /// Outputs deleted by hand on a finished folder are written back: the folder runs again
    /// once the settle window has passed. Our temp names still trigger nothing; a status file
    /// removed by hand is written back too.
    @Test func publishedOutputsRemovedByHandAreWrittenBack() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now() - 100)
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        let folderWatch = try watch(inbox, "villa")
        #expect(dispatched(watcher.handle([
            .init(watch: folderWatch, mask: mask(IN_MOVED_FROM), name: ".pi-tmp-41a7"),
        ])).isEmpty)
        clock.advance(by: settle + 1)
        #expect(await watcher.tick().isEmpty)

        _ = watcher.handle([.init(watch: folderWatch, mask: mask(IN_DELETE), name: "_STATUS.txt")])
        clock.advance(by: settle + 1)
        #expect(dispatched(await watcher.tick()) == [inbox.folder("villa")])

        #expect(dispatched(watcher.handle([.init(watch: folderWatch, mask: mask(IN_DELETE), name: "result.json"),
                                           .init(watch: folderWatch, mask: mask(IN_DELETE, IN_ISDIR), name: "_listing")])).isEmpty)
        clock.advance(by: settle - 0.5)
        #expect(dispatched(await watcher.tick()).isEmpty, "not before the settle window")
        clock.advance(by: 1)
        #expect(dispatched(await watcher.tick()) == [inbox.folder("villa")])
    }

    @Test func ourOwnOutputsNeverTriggerWork() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now() - 100)
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        let folderWatch = try watch(inbox, "villa")

        for name in ["result.json", "listing.md", "_STATUS.txt", ".pi-tmp-41a7"] { try inbox.write("villa/" + name, at: clock.now()) }
        try FileManager.default.createDirectory(atPath: inbox.folder("villa/_listing/photos"), withIntermediateDirectories: true)
        let events: [Inotify.Event] = [
            .init(watch: folderWatch, mask: mask(IN_CREATE), name: ".pi-tmp-41a7"),
            .init(watch: folderWatch, mask: mask(IN_CLOSE_WRITE), name: ".pi-tmp-41a7"),
            .init(watch: folderWatch, mask: mask(IN_MOVED_FROM), name: ".pi-tmp-41a7"),
            .init(watch: folderWatch, mask: mask(IN_MOVED_TO), name: "result.json"),
            .init(watch: folderWatch, mask: mask(IN_MODIFY), name: "listing.md"),
            .init(watch: folderWatch, mask: mask(IN_CLOSE_WRITE), name: "_STATUS.txt"),
            .init(watch: folderWatch, mask: mask(IN_CREATE, IN_ISDIR), name: "_listing"),
            .init(watch: try watch(inbox, ""), mask: mask(IN_MOVED_TO), name: "_INBOX_STATUS.txt"),
        ]
        #expect(watcher.handle(events).isEmpty)
        // `_listing/` is watched for removals (issue 24); our own photo writes there are renames.
        #expect(watches.paths.isSuperset(of: [inbox.folder("villa/_listing"), inbox.folder("villa/_listing/photos")]))
        let photos = try watch(inbox, "villa/_listing/photos")
        #expect(watcher.handle([.init(watch: photos, mask: mask(IN_CREATE), name: ".pi-tmp-9"),
                                .init(watch: photos, mask: mask(IN_CLOSE_WRITE), name: ".pi-tmp-9"),
                                .init(watch: photos, mask: mask(IN_MOVED_FROM), name: ".pi-tmp-9")]).isEmpty)
        clock.advance(by: settle + 1)
        #expect(await watcher.tick().isEmpty)
    }

    /// A derived photo deleted by hand is written back: the folder runs after the settle window.
    @Test func aDerivedPhotoRemovedByHandRunsTheFolderAfterTheSettleWindow() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now() - 100)
        try FileManager.default.createDirectory(atPath: inbox.folder("villa/_listing/photos"), withIntermediateDirectories: true)
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        let photos = try watch(inbox, "villa/_listing/photos")
        #expect(withoutLogs(watcher.handle([.init(watch: photos, mask: mask(IN_DELETE), name: "01-IMG_1.jpg")])).isEmpty)
        clock.advance(by: settle + 1)
        #expect(await watcher.tick() == [.dispatch(inbox.folder("villa"))])
    }

    @Test func aFolderMovedInWholeIsWatchedWithItsSubfoldersAndBecomesDue() async throws {
        let inbox = try TestInbox()
        var watcher = try await watcher(inbox)
        let staging = try TestInbox()
        try staging.write("villa/description.txt", at: clock.now())
        try staging.write("villa/photos/pool.jpg", at: clock.now())
        try FileManager.default.moveItem(atPath: staging.folder("villa"), toPath: inbox.folder("villa"))
        let villa = inbox.folder("villa")

        // One rename: the only event is the folder's arrival; nothing reports its contents.
        let arrival = watcher.handle([.init(watch: try watch(inbox, ""), mask: mask(IN_MOVED_TO, IN_ISDIR), name: "villa")])
        #expect(withoutLogs(arrival) == [.announceWaiting(villa)])
        #expect(watches.paths.isSuperset(of: [villa, villa + "/photos"]))

        clock.advance(by: 10)
        try inbox.write("villa/photos/garden.jpg", at: clock.now())
        _ = watcher.handle([.init(watch: try watch(inbox, "villa/photos"), mask: mask(IN_CLOSE_WRITE), name: "garden.jpg")])
        clock.advance(by: settle - 1)
        #expect(await watcher.tick().isEmpty, "a write in the subfolder restarted the window")
        clock.advance(by: 1)
        #expect(await watcher.tick() == [.dispatch(villa)])
    }

    @Test func aSubfolderCreatedLaterIsWatchedToo() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now())
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        try FileManager.default.createDirectory(atPath: inbox.folder("villa/photos/day2"), withIntermediateDirectories: true)
        _ = watcher.handle([.init(watch: try watch(inbox, "villa"), mask: mask(IN_CREATE, IN_ISDIR), name: "photos")])
        #expect(watches.paths.isSuperset(of: [inbox.folder("villa/photos"), inbox.folder("villa/photos/day2")]))
    }

    @Test func aRemovedFolderIsReportedAndNeverDispatched() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now())
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        let villa = inbox.folder("villa")
        _ = watcher.handle([.init(watch: try watch(inbox, "villa"), mask: mask(IN_CLOSE_WRITE), name: "description.txt")])

        try FileManager.default.removeItem(atPath: villa)
        let removal = watcher.handle([.init(watch: try watch(inbox, ""), mask: mask(IN_DELETE, IN_ISDIR), name: "villa")])
        #expect(removal == [.removed(villa)])
        clock.advance(by: settle)
        #expect(await watcher.tick().isEmpty)
    }

    @Test func eventsOnAWatchTheKernelDroppedAreIgnored() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now())
        var watcher = try await watcher(inbox, doneFolders: ["villa"])
        let folderWatch = try watch(inbox, "villa")
        #expect(watcher.handle([.init(watch: folderWatch, mask: mask(IN_IGNORED), name: "")]).isEmpty)
        #expect(watcher.handle([.init(watch: folderWatch, mask: mask(IN_CLOSE_WRITE), name: "description.txt")]).isEmpty)
    }

    @Test func anOverflowAsksForOneReconciliation() async throws {
        let inbox = try TestInbox()
        var watcher = try await watcher(inbox)
        let overflow = Inotify.Event(watch: -1, mask: mask(IN_Q_OVERFLOW), name: "")
        let effects = watcher.handle([overflow, overflow])
        #expect(withoutLogs(effects) == [.reconcile(reason: "overflow")])
        #expect(effects.contains { if case .log(let line) = $0 { line.level == .warning && line.message.contains("overflow") } else { false } })
    }

    @Test func reconciliationLeavesFinishedFoldersAloneAndProcessesTheRest() async throws {
        let inbox = try TestInbox()
        let old = clock.now() - 3600
        for name in ["done", "changed", "interrupted", "new"] { try inbox.write(name + "/description.txt", at: old) }
        try inbox.write("still-uploading/description.txt", at: clock.now() - 5)
        var known = try inbox.knownDone(["done", "changed", "interrupted"])
        known[inbox.folder("interrupted")]?.isSettled = false  // killed mid-run
        try inbox.write("changed/pool.jpg", at: old)            // added while the daemon was down
        known[inbox.folder("gone")] = KnownFolder(isSettled: true, isRemoved: false, inputs: [])

        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: settle), watching: watches, clock: clock)
        try watcher.start()
        let effects = try await watcher.reconcile(reason: "start-up", known: known)
        #expect(withoutLogs(effects) == [.removed(inbox.folder("gone")), .inboxStatusStale])
        #expect(watches.paths.isSuperset(of: ["done", "changed", "interrupted", "new", "still-uploading"].map(inbox.folder)))

        #expect(await watcher.tick() == ["changed", "interrupted", "new"].map { .dispatch(inbox.folder($0)) })
        clock.advance(by: 10)
        #expect(await watcher.tick() == [.dispatch(inbox.folder("still-uploading"))])
    }

    @Test func theInboxIsReconciledPeriodically() async throws {
        let inbox = try TestInbox()
        var settings = InboxWatcher.Settings(inbox: inbox.path, settleSeconds: settle)
        settings.reconcileInterval = 300
        var watcher = InboxWatcher(settings: settings, watching: watches, clock: clock)
        try watcher.start()
        clock.advance(by: 299)
        #expect(await watcher.tick().isEmpty)
        clock.advance(by: 1)
        #expect(await watcher.tick() == [.reconcile(reason: "periodic")])
    }

    @Test func pollModeNoticesNewFilesChangedSizesAndRemovedFolders() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", "3 bedrooms", at: clock.now() - 100)
        var settings = InboxWatcher.Settings(inbox: inbox.path, settleSeconds: settle)
        settings.pollInterval = 5
        var watcher = InboxWatcher(settings: settings, watching: nil, clock: clock)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: inbox.knownDone(["villa"]))
        let villa = inbox.folder("villa"), condo = inbox.folder("condo")

        clock.advance(by: 5)
        #expect(await watcher.tick().isEmpty, "nothing changed")

        try inbox.write("condo/description.txt", at: clock.now())  // a new folder
        clock.advance(by: 4.9)
        #expect(await watcher.tick().isEmpty, "not polled before the interval")
        clock.advance(by: 0.1)
        #expect(await watcher.tick() == [.announceWaiting(condo)])

        try inbox.write("villa/description.txt", "3 bedrooms, pool", at: clock.now() - 100)  // new size, old mtime
        clock.advance(by: 5)
        #expect(await watcher.tick() == [.announceWaiting(villa)])

        clock.advance(by: settle - 5)
        #expect(await watcher.tick() == [.dispatch(condo)], "the same settle rule as with inotify")
        clock.advance(by: 5)
        #expect(await watcher.tick() == [.dispatch(villa)])

        try FileManager.default.removeItem(atPath: condo)
        clock.advance(by: 5)
        #expect(await watcher.tick() == [.removed(condo)])
    }

    @Test func pollModeStartsAFolderWithReadyAtOnce() async throws {
        let inbox = try TestInbox()
        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: settle), watching: nil, clock: clock)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: [:])
        try inbox.write("condo/description.txt", at: clock.now())
        try inbox.write("condo/READY", "", at: clock.now())
        clock.advance(by: 5)
        #expect(await watcher.tick() == [.announceWaiting(inbox.folder("condo")), .dispatch(inbox.folder("condo"))])
    }
}

/// The watcher on a real inotify instance: the events the kernel really sends for a folder moved
/// in whole, and the watch the watcher adds for its subfolder.
struct InboxWatcherInotifyTests {
    func handleEvents(_ inotify: Inotify, _ watcher: inout InboxWatcher, until done: ([WatchEffect]) -> Bool) throws -> [WatchEffect] {
        var effects: [WatchEffect] = []
        let deadline = Date().addingTimeInterval(5)
        while !done(effects) && Date() < deadline {
            effects += watcher.handle(try inotify.read(timeoutMilliseconds: 100))
        }
        return effects
    }

    @Test func aFolderMovedInWithReadyIsDispatchedAndItsSubfolderWatched() throws {
        let inbox = try TestInbox()
        let staging = try TestInbox()
        let inotify = try Inotify()
        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: 15), watching: inotify,
                                   clock: TestClock(TestInbox.start))
        try watcher.start()
        let villa = inbox.folder("villa")

        try staging.write("villa/description.txt", at: TestInbox.start)
        try staging.write("villa/photos/pool.jpg", at: TestInbox.start)
        try staging.write("villa/READY", "", at: TestInbox.start)
        try FileManager.default.moveItem(atPath: staging.folder("villa"), toPath: villa)
        let arrival = try handleEvents(inotify, &watcher) { dispatched($0) == [villa] }
        #expect(dispatched(arrival) == [villa])

        try inbox.write("villa/photos/garden.jpg", at: TestInbox.start)
        let change = try handleEvents(inotify, &watcher) { announced($0) == [villa] }
        #expect(announced(change) == [villa], "the subfolder inside the moved folder is watched")
    }
}

struct InboxListingTests {
    @Test func listsRealSubfoldersOnlySorted() throws {
        let inbox = try TestInbox()
        for name in ["b-villa", "a-condo", ".hidden", "_listing", "@eaDir"] {
            try FileManager.default.createDirectory(atPath: inbox.folder(name), withIntermediateDirectories: true)
        }
        try inbox.write("_INBOX_STATUS.txt", at: TestInbox.start)
        try FileManager.default.createSymbolicLink(atPath: inbox.folder("link"), withDestinationPath: "/tmp")
        #expect(try InboxListing.propertyFolders(in: inbox.path) == [inbox.folder("a-condo"), inbox.folder("b-villa")])
    }

    @Test func readinessIsReadyWaitingOrUploading() {
        var snapshot = FolderSnapshot()
        snapshot.newestChangeNs = 100_000_000_000  // 100 s
        #expect(Readiness.of(snapshot, settleSeconds: 15, now: 110) == .settling(secondsLeft: 5))
        #expect(Readiness.of(snapshot, settleSeconds: 15, now: 115) == .ready)
        snapshot.uploading = true
        #expect(Readiness.of(snapshot, settleSeconds: 15, now: 1000) == .uploading)
        snapshot.hasReadyMarker = true
        #expect(Readiness.of(snapshot, settleSeconds: 15, now: 100) == .ready)
    }
}
