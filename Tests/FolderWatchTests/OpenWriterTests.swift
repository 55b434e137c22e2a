import FolderWatch
import Foundation
import Synchronization
import Testing
import TestSupport

/// Stands in for the /proc walk: the test says which files are open for writing.
final class FakeOpenFiles: OpenFileListing {
    private let view = Mutex(OpenForWriting())
    private let walks = Atomic<Int>(0)
    func filesOpenForWriting(in inbox: String) -> OpenForWriting {
        walks.add(1, ordering: .relaxed)
        return view.withLock { $0 }
    }
    func show(_ files: [String: [String: Int]], hiddenProcesses: Int = 0) {
        view.withLock { $0 = OpenForWriting(files: files, hiddenProcesses: hiddenProcesses) }
    }
    var walkCount: Int { walks.load(ordering: .relaxed) }
}

func stalledReports(_ effects: [WatchEffect]) -> [String: [StalledUpload]] {
    var reports: [String: [StalledUpload]] = [:]
    for effect in effects { if case .uploadStalled(let path, let files) = effect { reports[path] = files } }
    return reports
}

/// A file modified and not yet closed is an upload in progress: its folder is not ready, however
/// long it is quiet. All on the test clock, with the events the kernel sends.
struct OpenWriterTests {
    let settle = 3.0
    let clock = TestClock(TestInbox.start)
    let watches = RecordingWatches()
    let openFiles = FakeOpenFiles()

    func watcher(_ inbox: TestInbox, doneFolders: [String] = ["villa"], stallSeconds: Double = 1800) async throws -> InboxWatcher {
        var settings = InboxWatcher.Settings(inbox: inbox.path, settleSeconds: settle)
        settings.stalledUploadSeconds = stallSeconds
        var watcher = InboxWatcher(settings: settings, watching: watches, clock: clock, openFiles: openFiles)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: inbox.knownDone(doneFolders))
        return watcher
    }

    func event(_ inbox: TestInbox, _ relative: String, _ flags: Int32...) throws -> Inotify.Event {
        let directory = (relative as NSString).deletingLastPathComponent
        let watch = try #require(watches.descriptor(of: directory.isEmpty ? inbox.path : inbox.folder(directory)))
        return Inotify.Event(watch: watch, mask: flags.reduce(0) { $0 | UInt32($1) }, name: (relative as NSString).lastPathComponent)
    }

    /// Waits `seconds` on the test clock in ticks, collecting what the watcher decides.
    func wait(_ watcher: inout InboxWatcher, _ seconds: Double) async -> [WatchEffect] {
        var effects: [WatchEffect] = []
        let steps = Int((seconds / 0.5).rounded(.up))
        for _ in 0..<steps {
            clock.advance(by: seconds / Double(steps))
            effects += await watcher.tick()
        }
        return effects
    }

    func inboxWithVilla() throws -> TestInbox {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now() - 100)
        return inbox
    }

    @Test func aFileOpenAndStalledMidWriteHoldsTheFolderUntilItsCloseThenTheSettleWindow() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        let villa = inbox.folder("villa")

        try inbox.write("villa/IMG_1.jpg", "half", at: clock.now())
        let started = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CREATE), try event(inbox, "villa/IMG_1.jpg", IN_OPEN),
                                      try event(inbox, "villa/IMG_1.jpg", IN_MODIFY)])
        #expect(announced(started) == [villa])
        #expect(dispatched(await wait(&watcher, settle * 4)).isEmpty, "quiet for 4× the settle window, but still open")

        try inbox.write("villa/IMG_1.jpg", "half and the rest", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_MODIFY), try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        clock.advance(by: settle - 0.01)
        #expect(await watcher.tick().isEmpty, "the settle window still applies after the close")
        clock.advance(by: 0.01)
        #expect(await watcher.tick() == [.dispatch(villa)])
    }

    @Test func aCreatedFileOpenedButNotYetWrittenIsAlreadyAnUpload() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        try inbox.write("villa/IMG_1.jpg", "", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CREATE), try event(inbox, "villa/IMG_1.jpg", IN_OPEN)])
        #expect(dispatched(await wait(&watcher, settle * 4)).isEmpty, "an empty photo is not a finished one")
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(dispatched(await wait(&watcher, settle)) == [inbox.folder("villa")])
    }

    @Test func aReopenedFileIsBeingWrittenAgainAndDispatchedOnceAfterTheLastClose() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        let villa = inbox.folder("villa")
        try inbox.write("villa/IMG_1.jpg", "part 1", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_OPEN), try event(inbox, "villa/IMG_1.jpg", IN_MODIFY),
                            try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(await wait(&watcher, settle - 1).isEmpty)
        // The client reopens to append (a resumed transfer), then stalls.
        try inbox.write("villa/IMG_1.jpg", "part 1, part 2", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_OPEN), try event(inbox, "villa/IMG_1.jpg", IN_MODIFY)])
        #expect(dispatched(await wait(&watcher, settle * 4)).isEmpty)
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        let after = await wait(&watcher, settle * 3)
        #expect(dispatched(after) == [villa], "once, after the last close")
    }

    @Test func withTwoWritersTheFirstCloseDoesNotEndTheUpload() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        try inbox.write("villa/IMG_1.jpg", "x", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_OPEN), try event(inbox, "villa/IMG_1.jpg", IN_OPEN),
                            try event(inbox, "villa/IMG_1.jpg", IN_MODIFY), try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(dispatched(await wait(&watcher, settle * 4)).isEmpty, "inotify does not say which descriptor closed")
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(dispatched(await wait(&watcher, settle)) == [inbox.folder("villa")])
    }

    @Test func aReadersCloseNeverEndsAWriteEvenWhenTheWritersOpenWasNotSeen() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        try inbox.write("villa/IMG_1.jpg", "x", at: clock.now())
        // The writer opened before the watch existed: only its writes are seen. A reader comes and goes.
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_MODIFY), try event(inbox, "villa/IMG_1.jpg", IN_OPEN),
                            try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_NOWRITE)])
        #expect(dispatched(await wait(&watcher, settle * 4)).isEmpty)
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(dispatched(await wait(&watcher, settle)) == [inbox.folder("villa")])
    }

    @Test func aReaderStillOpenAfterTheWritersCloseHoldsTheFolderUntilItCloses() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        try inbox.write("villa/IMG_1.jpg", "x", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_OPEN), try event(inbox, "villa/IMG_1.jpg", IN_MODIFY),
                            try event(inbox, "villa/IMG_1.jpg", IN_OPEN), try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(dispatched(await wait(&watcher, settle * 2)).isEmpty, "the open descriptor could be a second writer")
        #expect(watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_NOWRITE)]) == [.dispatch(inbox.folder("villa"))],
                "free now, and quiet for longer than the settle window since the writer's close")
    }

    @Test func readsAndFolderOpensAreNotChanges() async throws {
        let inbox = try inboxWithVilla()
        try FileManager.default.createDirectory(atPath: inbox.folder("villa/photos"), withIntermediateDirectories: true)
        var watcher = try await watcher(inbox)
        // What our own processing does: open, read and close every input, list every folder.
        let reads = watcher.handle([try event(inbox, "villa/description.txt", IN_OPEN), try event(inbox, "villa/description.txt", IN_CLOSE_NOWRITE),
                                    try event(inbox, "villa/photos", IN_OPEN, IN_ISDIR), try event(inbox, "villa/photos", IN_CLOSE_NOWRITE, IN_ISDIR),
                                    try event(inbox, "villa/READY", IN_OPEN), try event(inbox, "villa/READY", IN_CLOSE_NOWRITE)])
        #expect(reads.isEmpty)
        #expect(await wait(&watcher, settle * 2).isEmpty)
    }

    @Test func readyWaitsForTheOpenWriterThenStartsAtOnce() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        try inbox.write("villa/IMG_1.jpg", "x", at: clock.now())
        try inbox.write("villa/READY", "", at: clock.now())
        // READY over one connection while a photo still trickles in over another.
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_OPEN), try event(inbox, "villa/IMG_1.jpg", IN_MODIFY),
                            try event(inbox, "villa/READY", IN_CREATE)])
        #expect(dispatched(await wait(&watcher, settle * 4)).isEmpty)
        #expect(dispatched(watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])) == [inbox.folder("villa")])
    }

    @Test func aDeletedPartialFileNoLongerHoldsTheFolder() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CREATE), try event(inbox, "villa/IMG_1.jpg", IN_OPEN),
                            try event(inbox, "villa/IMG_1.jpg", IN_MODIFY)])
        #expect(dispatched(await wait(&watcher, settle * 2)).isEmpty)
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_DELETE)])  // the client gave up and cleaned up
        #expect(dispatched(await wait(&watcher, settle)) == [inbox.folder("villa")])
    }

    @Test func aStalledWriterIsReportedOnceAndStillNotProcessed() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox, stallSeconds: 60)
        let villa = inbox.folder("villa")
        // /proc cannot see the writer (another user's process): only the counting knows it.
        openFiles.show([:], hiddenProcesses: 3)
        try inbox.write("villa/IMG_1.jpg", "x", at: clock.now())
        let lastByte = clock.now()
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_OPEN), try event(inbox, "villa/IMG_1.jpg", IN_MODIFY)])

        #expect(stalledReports(await wait(&watcher, 59)).isEmpty)
        let stalled = await wait(&watcher, 1)
        #expect(stalledReports(stalled) == [villa: [StalledUpload(file: "IMG_1.jpg", lastProgress: lastByte)]])
        #expect(stalled.contains { if case .log(let line) = $0 { line.level == .warning && line.message.contains("stalled") } else { false } })
        let later = await wait(&watcher, 300)
        #expect(stalledReports(later).isEmpty, "reported once per stall")
        #expect(dispatched(later).isEmpty, "still not processed")

        // Bytes arrive again: the agent is told it is waiting again; then the close.
        #expect(announced(watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_MODIFY)])) == [villa])
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(dispatched(await wait(&watcher, settle)) == [villa])
    }

    /// A close inotify never reported (events lost): when /proc sees every process and shows no
    /// writer, the stall check ends the write instead of holding the folder forever.
    @Test func aStallProcCannotConfirmEndsTheWriteWhenProcSeesEveryProcess() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox, stallSeconds: 60)
        try inbox.write("villa/IMG_1.jpg", "x", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_OPEN), try event(inbox, "villa/IMG_1.jpg", IN_MODIFY)])
        let effects = await wait(&watcher, 60 + settle + 1)
        #expect(stalledReports(effects).isEmpty)
        #expect(dispatched(effects) == [inbox.folder("villa")])
    }

    @Test func aStallProcConfirmsIsReported() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox, stallSeconds: 60)
        let villa = inbox.folder("villa")
        try inbox.write("villa/IMG_1.jpg", "x", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_OPEN), try event(inbox, "villa/IMG_1.jpg", IN_MODIFY)])
        openFiles.show([villa: ["IMG_1.jpg": 1]])
        let effects = await wait(&watcher, 120)
        #expect(stalledReports(effects)[villa]?.map(\.file) == ["IMG_1.jpg"])
        #expect(dispatched(effects).isEmpty)
    }

    /// The daemon starts while an upload is stalled: it saw no IN_OPEN, the file's last write is
    /// long past the settle window, and only /proc knows the file is open.
    @Test func aRestartDuringAStalledUploadWaitsForTheClose() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now() - 100)
        try inbox.write("villa/IMG_1.jpg", "half", at: clock.now() - 60)
        let villa = inbox.folder("villa")
        openFiles.show([villa: ["IMG_1.jpg": 1]])
        var settings = InboxWatcher.Settings(inbox: inbox.path, settleSeconds: settle)
        settings.stalledUploadSeconds = 600
        var watcher = InboxWatcher(settings: settings, watching: watches, clock: clock, openFiles: openFiles)
        try watcher.start()
        let startUp = try await watcher.reconcile(reason: "start-up", known: [:])
        #expect(announced(startUp) == [villa])
        #expect(dispatched(await wait(&watcher, settle * 4)).isEmpty)

        // 10 minutes after the last byte (its mtime, not the restart) the stall is reported.
        let stalled = await wait(&watcher, 600 - 60 - settle * 4)
        #expect(stalledReports(stalled) == [villa: [StalledUpload(file: "IMG_1.jpg", lastProgress: TestInbox.start - 60)]])

        openFiles.show([:])
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_MODIFY), try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(dispatched(await wait(&watcher, settle)) == [villa])
    }

    @Test func withoutProcTheRestartFallsBackToTheSettleWindowAndSaysWhy() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/IMG_1.jpg", "half", at: clock.now() - 60)
        openFiles.show([:], hiddenProcesses: 2)
        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: settle), watching: watches, clock: clock,
                                   openFiles: openFiles)
        try watcher.start()
        let startUp = try await watcher.reconcile(reason: "start-up", known: [:])
        #expect(startUp.contains { if case .log(let line) = $0 { line.message.contains("CAP_SYS_PTRACE") } else { false } })
        #expect(await watcher.tick() == [.dispatch(inbox.folder("villa"))])
    }

    @Test func pollModeHoldsAFolderWhileProcShowsAWriterAndSettlesAfterItGoes() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: clock.now() - 100)
        let villa = inbox.folder("villa")
        var settings = InboxWatcher.Settings(inbox: inbox.path, settleSeconds: settle)
        settings.pollInterval = 1
        var watcher = InboxWatcher(settings: settings, watching: nil, clock: clock, openFiles: openFiles)
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: inbox.knownDone(["villa"]))

        try inbox.write("villa/IMG_1.jpg", "half", at: clock.now())
        openFiles.show([villa: ["IMG_1.jpg": 1]])
        let writing = await wait(&watcher, settle * 4)
        #expect(announced(writing) == [villa])
        #expect(dispatched(writing).isEmpty)
        openFiles.show([:])
        let closed = await wait(&watcher, 1)
        #expect(dispatched(closed).isEmpty, "the settle window starts when the writer is gone")
        #expect(dispatched(await wait(&watcher, settle)) == [villa])
    }

    @Test func procIsWalkedOnlyWhenSomethingIsDue() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        let walks = openFiles.walkCount
        _ = await wait(&watcher, 60)
        #expect(openFiles.walkCount == walks, "no walk of /proc on an idle tick in inotify mode")
    }
}

/// The kernel's real events for a writer that stalls mid-file, through a real inotify instance.
struct OpenWriterInotifyTests {
    @Test func aRealWriterStalledMidFileHoldsTheFolderUntilItCloses() async throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: TestInbox.start - 100)
        let clock = TestClock(TestInbox.start)
        let inotify = try Inotify()
        var watcher = InboxWatcher(settings: .init(inbox: inbox.path, settleSeconds: 3), watching: inotify, clock: clock,
                                   openFiles: FakeOpenFiles())
        try watcher.start()
        _ = try await watcher.reconcile(reason: "start-up", known: inbox.knownDone(["villa"]))
        let villa = inbox.folder("villa")

        let descriptor = open(villa + "/IMG_1.jpg", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        try #require(descriptor >= 0)
        var closed = false
        defer { if !closed { close(descriptor) } }
        let half = [UInt8](repeating: 0xAB, count: 4096)
        _ = half.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        var effects = drain(inotify, &watcher)
        clock.advance(by: 12)
        effects += drain(inotify, &watcher)
        #expect(dispatched(effects).isEmpty, "4× the settle window with the file still open")

        close(descriptor)
        closed = true
        // On the test clock's timeline, for the re-stat before dispatch (a utime: no new event).
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: clock.now())],
                                              ofItemAtPath: villa + "/IMG_1.jpg")
        effects = drain(inotify, &watcher)
        #expect(dispatched(effects).isEmpty)
        clock.advance(by: 3)
        effects = drain(inotify, &watcher, until: { !dispatched($0).isEmpty })
        #expect(dispatched(effects) == [villa])
    }

    /// Reads events for a while (bounded) and hands them to the watcher; an empty batch runs
    /// the dispatch check too.
    func drain(_ inotify: Inotify, _ watcher: inout InboxWatcher, until done: ([WatchEffect]) -> Bool = { _ in false }) -> [WatchEffect] {
        var effects: [WatchEffect] = []
        let deadline = Date().addingTimeInterval(0.5)
        while !done(effects) && Date() < deadline {
            effects += watcher.handle((try? inotify.read(timeoutMilliseconds: 50)) ?? [])
        }
        return effects
    }
}

/// The real /proc walk: a child process holds files open; only the one open for writing counts.
struct ProcOpenFilesTests {
    /// READY is left out too: inotify never counts its writer, so one counted here would never be
    /// seen closing and would hold the folder until the stall timeout (a flaky daemon test showed it).
    @Test func findsAFileAnotherProcessHoldsOpenForWritingAndNotOneOpenForReading() throws {
        let inbox = try TestInbox()
        try inbox.write("villa/description.txt", at: TestInbox.start)
        try inbox.write("villa/photos/IMG_1.jpg", "half", at: TestInbox.start)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.currentDirectoryURL = URL(fileURLWithPath: inbox.folder("villa"))
        // 3: appending to the photo; 4: reading the description; 5: our own status file; 6: the marker.
        holder.arguments = ["-c", "exec 3>>photos/IMG_1.jpg 4<description.txt 5>_STATUS.txt 6>READY; echo ready; exec sleep 20"]
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        _ = output.fileHandleForReading.availableData  // "ready": the descriptors are open

        let seen = ProcOpenFiles().filesOpenForWriting(in: inbox.path)
        #expect(seen.files == [inbox.folder("villa"): ["photos/IMG_1.jpg": 1]])
        if getuid() == 0 { #expect(seen.sawEveryProcess, "root sees every process") }
    }
}

extension OpenWriterTests {
    /// `mkdir villa` and at once `put IMG_1.jpg`: the file is opened before the folder's watch
    /// exists, so no IN_OPEN is ever seen; the look at /proc after the arrival finds the writer.
    @Test func aFolderCreatedWithAFileAlreadyOpenIsHeldByTheLookAtProc() async throws {
        let inbox = try TestInbox()
        var watcher = try await watcher(inbox, doneFolders: [])
        let villa = inbox.folder("villa")
        try inbox.write("villa/IMG_1.jpg", "half", at: clock.now())
        openFiles.show([villa: ["IMG_1.jpg": 1]], hiddenProcesses: 4)
        let walks = openFiles.walkCount
        #expect(dispatched(watcher.handle([try event(inbox, "villa", IN_CREATE, IN_ISDIR)])).isEmpty)
        #expect(dispatched(await wait(&watcher, settle * 4)).isEmpty)
        #expect(openFiles.walkCount == walks + 1, "one look, at the first tick")
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_MODIFY), try event(inbox, "villa/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(dispatched(await wait(&watcher, settle)) == [villa])
    }
}

extension OpenWriterTests {
    /// Opens and reader closes are watched only where a write is going on: everywhere else our
    /// own folder walks and reads would flood the queue.
    @Test func opensAreWatchedOnlyInADirectoryWithAWriteInProgress() async throws {
        let inbox = try inboxWithVilla()
        try FileManager.default.createDirectory(atPath: inbox.folder("villa/photos"), withIntermediateDirectories: true)
        var watcher = try await watcher(inbox)
        let photos = inbox.folder("villa/photos")
        #expect(watches.mask(of: photos) == Inotify.folderMask)
        try inbox.write("villa/photos/IMG_1.jpg", "x", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/photos/IMG_1.jpg", IN_CREATE), try event(inbox, "villa/photos/IMG_1.jpg", IN_MODIFY)])
        #expect(watches.mask(of: photos) == Inotify.folderMaskWhileWriting)
        #expect(watches.mask(of: inbox.folder("villa")) == Inotify.folderMask)
        _ = watcher.handle([try event(inbox, "villa/photos/IMG_1.jpg", IN_CLOSE_WRITE)])
        #expect(watches.mask(of: photos) == Inotify.folderMask)
        #expect(dispatched(await wait(&watcher, settle)) == [inbox.folder("villa")])
    }
}

extension OpenWriterTests {
    /// A folder created in place with its READY: the look at /proc it waits for is done right
    /// after the event batch, so it starts without waiting for a tick (the clock does not move).
    @Test func aNewFolderWithREADYStartsRightAfterItsLookAtProc() async throws {
        let inbox = try TestInbox()
        var watcher = try await watcher(inbox, doneFolders: [])
        let villa = inbox.folder("villa")
        try inbox.write("villa/description.txt", "Villa for rent", at: clock.now())
        try inbox.write("villa/READY", "", at: clock.now())
        openFiles.show([:], hiddenProcesses: 0)
        let walks = openFiles.walkCount
        #expect(dispatched(watcher.handle([try event(inbox, "villa", IN_CREATE, IN_ISDIR)])).isEmpty)
        #expect(dispatched(await watcher.checkNewFolders()) == [villa])
        #expect(openFiles.walkCount == walks + 1)
        #expect(await watcher.checkNewFolders().isEmpty, "nothing waits for a look any more")
    }
}

extension OpenWriterTests {
    /// Two folders created one after the other: the look at /proc for the first runs while the
    /// second, whose arrival is still queued, has a file open. That writer is not counted (no
    /// watch would see it close); the second folder gets its own look and starts on its READY.
    @Test func aWriterSeenInAFolderNotYetWatchedDoesNotHoldItOnceItArrivesComplete() async throws {
        let inbox = try TestInbox()
        var watcher = try await watcher(inbox, doneFolders: [])
        let villa = inbox.folder("villa"), condo = inbox.folder("condo")
        try inbox.write("villa/description.txt", at: clock.now())
        try inbox.write("villa/READY", "", at: clock.now())
        try inbox.write("condo/IMG_1.jpg", "half", at: clock.now())
        openFiles.show([condo: ["IMG_1.jpg": 1]])
        #expect(dispatched(watcher.handle([try event(inbox, "villa", IN_CREATE, IN_ISDIR)])).isEmpty)
        #expect(dispatched(await watcher.checkNewFolders()) == [villa])

        // The photo was closed before condo's arrival was handled: no event for it will come.
        try inbox.write("condo/IMG_1.jpg", "half and the rest", at: clock.now())
        try inbox.write("condo/READY", "", at: clock.now())
        openFiles.show([:])
        _ = watcher.handle([try event(inbox, "condo", IN_CREATE, IN_ISDIR)])
        #expect(dispatched(await watcher.checkNewFolders()) == [condo])
    }
}

extension OpenWriterTests {
    /// A reconciliation re-adds every folder's watch; where a write is in progress its opens and
    /// closes stay watched (re-adding a watch replaces its mask), so the writer's close still counts.
    @Test func aReconciliationKeepsOpensWatchedWhereAWriteIsInProgress() async throws {
        let inbox = try inboxWithVilla()
        var watcher = try await watcher(inbox)
        let villa = inbox.folder("villa")
        try inbox.write("villa/IMG_1.jpg", "half", at: clock.now())
        _ = watcher.handle([try event(inbox, "villa/IMG_1.jpg", IN_CREATE), try event(inbox, "villa/IMG_1.jpg", IN_MODIFY)])
        #expect(watches.mask(of: villa) == Inotify.folderMaskWhileWriting)
        openFiles.show([villa: ["IMG_1.jpg": 1]])
        _ = try await watcher.reconcile(reason: "periodic", known: inbox.knownDone(["villa"]))
        #expect(watches.mask(of: villa) == Inotify.folderMaskWhileWriting)
    }
}
