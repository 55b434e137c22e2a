import BlockingIO
public import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

/// What the watcher needs from inotify: adding a watch. A seam, so tests see which folders get
/// watched and can build events for them.
public protocol DirectoryWatching: Sendable {
    /// Returns the watch descriptor that the kernel's events for `path` will carry.
    func addWatch(path: String, mask: UInt32) throws(SystemCallError) -> Int32
}

extension Inotify: DirectoryWatching {}

/// The daemon's bookkeeping for one inbox: which directories are watched, which folders changed,
/// and when each folder's upload is complete.
///
/// It decides and its caller carries out (`WatchEffect`): status files, the database and the work
/// queue stay in the pipeline, so every rule here runs in tests on a hand-moved clock. Its only
/// I/O is what watching takes: adding watches, `lstat` snapshots of folders, and looks at which
/// files are open for writing (`OpenFileListing`, a seam).
public struct InboxWatcher: Sendable {
    public struct Settings: Sendable {
        /// The inbox path, standardized (no trailing slash).
        public var inbox: String
        public var settleSeconds: Double
        /// Seconds between polls, when there is no inotify (network mounts, where it sees nothing).
        public var pollInterval: Double = 5
        /// Seconds between full comparisons with the database, a safety net for lost events.
        public var reconcileInterval: Double = 300
        /// Seconds a file may stay open for writing with no bytes arriving before the agent and the
        /// log are told (the folder still waits for the close).
        public var stalledUploadSeconds: Double = 30 * 60

        public init(inbox: String, settleSeconds: Double) {
            self.inbox = inbox
            self.settleSeconds = settleSeconds
        }
    }

    public let settings: Settings
    /// nil in poll mode: the watcher then compares snapshots every `pollInterval`.
    let watching: (any DirectoryWatching)?
    let clock: any WallClock
    let openFiles: any OpenFileListing

    var tracker: SettleTracker
    /// Files modified and not yet closed: their folders are not ready, however quiet.
    var writes = WritesInProgress()
    var warnedHiddenProcesses = false
    /// Folders (or subfolders) that arrived since the last look at /proc: a file opened before
    /// the watch existed sent no IN_OPEN, so they wait for the next tick's look.
    var awaitingProcCheck: Set<String> = []
    /// Directories (relative to the inbox) whose watch also reports opens and reader closes.
    var watchingOpens: Set<String> = []
    /// Watch descriptor → directory relative to the inbox ("" for the inbox itself).
    var watches: [Int32: String] = [:]
    /// Folders already announced as waiting, so a burst of writes announces once.
    var announcedWaiting: Set<String> = []
    /// What each folder looked like at the last poll or reconciliation.
    var lastSeen: [String: FolderSnapshot] = [:]
    var lastPoll: Double
    var lastReconcile: Double
    var warnedWatchLimit = false
    /// Folders reported as impossible to open, until they can be opened again.
    var unreadable: Set<String> = []
    /// The directory being watched as the inbox, to notice it being replaced.
    var inboxIdentity: InboxIdentity?
    /// A file system is mounted on the inbox path (its device is not its parent's).
    var inboxIsMountPoint = false
    /// That file system was unmounted and the path shows the directory beneath: its folders are
    /// not gone, so nothing is reconciled (or marked removed) until something is mounted again.
    public internal(set) var isInboxUnmounted = false
    /// The kernel dropped the inbox's watch (IN_IGNORED: deleted, or unmounted); looked at next tick.
    var inboxWatchLost = false
    /// Decisions made during the current call, handed back at its end.
    var effects: [WatchEffect] = []

    public init(settings: Settings, watching: (any DirectoryWatching)?, clock: any WallClock = SystemWallClock(),
                openFiles: any OpenFileListing = ProcOpenFiles()) {
        self.settings = settings
        self.watching = watching
        self.clock = clock
        self.openFiles = openFiles
        tracker = SettleTracker(settleSeconds: settings.settleSeconds)
        lastPoll = clock.monotonic()
        lastReconcile = clock.monotonic()
    }

    /// Watches the inbox itself for folders arriving and leaving. The caller reconciles next
    /// (reason "start-up") to find what changed while no one was watching.
    public mutating func start() throws(SystemCallError) {
        if let watching {
            watches[try watching.addWatch(path: settings.inbox, mask: Inotify.inboxMask)] = ""
        }
        inboxIdentity = Self.identity(of: settings.inbox)
        inboxIsMountPoint = Self.isMountPoint(settings.inbox)
        lastPoll = clock.monotonic()
    }

    // MARK: Timer

    /// Called a few times a second: polls when due, asks for the periodic reconciliation, reports
    /// stalled uploads, and dispatches every folder whose settle window has passed.
    public mutating func tick() async -> [WatchEffect] {
        if watching == nil && !isInboxUnmounted && clock.monotonic() - lastPoll >= settings.pollInterval {
            lastPoll = clock.monotonic()
            let inbox = settings.inbox, openFiles = self.openFiles
            // Every file in the inbox is stat'ed and /proc walked: off the cooperative pool.
            if let (seen, open) = try? await BlockingExecutor.watcher.run({
                (try InboxListing.snapshots(in: inbox), openFiles.filesOpenForWriting(in: inbox))
            }) {
                compareWithLastPoll(seen)
                // No events in poll mode: /proc is all there is to end a write.
                takeIn(open, authoritative: true, snapshots: seen)
                for folder in writes.foldersBeingWritten {
                    for file in writes.filesBeingWritten(in: folder) {
                        if let time = seen[folder]?.modificationTime(of: file) { writes.noteProgress(file, in: folder, at: time) }
                    }
                }
            }
        }
        checkInboxIdentity()
        let now = clock.now()
        if clock.monotonic() - lastReconcile >= settings.reconcileInterval {
            lastReconcile = clock.monotonic()
            effects.append(.reconcile(reason: "periodic"))
        }
        await lookAtProcForNewFolders()
        await reportStalledUploads(now: now)
        // Unmounted, its folders are not there to run (a run would find them gone): they wait.
        if !isInboxUnmounted { dispatchDue(now: now) }
        return takeEffects()
    }

    /// The look at /proc that folders which just arrived wait for, done now instead of at the
    /// next tick: the daemon calls this right after an event batch, so a folder created in place
    /// with READY starts within milliseconds, not up to a tick later.
    public mutating func checkNewFolders() async -> [WatchEffect] {
        guard !awaitingProcCheck.isEmpty else { return [] }
        await lookAtProcForNewFolders()
        dispatchDue(now: clock.now())
        return takeEffects()
    }

    private mutating func lookAtProcForNewFolders() async {
        guard !awaitingProcCheck.isEmpty else { return }
        let inbox = settings.inbox, openFiles = self.openFiles
        let open = await BlockingExecutor.watcher.run { openFiles.filesOpenForWriting(in: inbox) }
        log(.debug, "looked at /proc for new folders", ["folders": "\(awaitingProcCheck.count)",
                                                          "files_open_for_writing": "\(open.files.values.map(\.count).reduce(0, +))"])
        awaitingProcCheck.removeAll()
        takeIn(open, authoritative: false, snapshots: [:])
    }

    /// Tells once about each write with no progress for the stall timeout. Before that, /proc
    /// gets the last word when it sees every process: a write it does not show was a close
    /// inotify never reported, and the folder goes on to its settle window instead.
    mutating func reportStalledUploads(now: Double) async {
        guard !writes.stalled(now: now, stallSeconds: settings.stalledUploadSeconds).isEmpty else { return }
        let inbox = settings.inbox, openFiles = self.openFiles
        let open = await BlockingExecutor.watcher.run { openFiles.filesOpenForWriting(in: inbox) }
        if open.sawEveryProcess { takeIn(open, authoritative: true, snapshots: [:]) }
        for (folder, files) in writes.stalled(now: now, stallSeconds: settings.stalledUploadSeconds).sorted(by: { $0.key < $1.key }) {
            for file in files {
                writes.markStallReported(file.file, in: folder)
                log(.warning, "upload stalled: a file is still open for writing with no progress", [
                    "path": String(folder.dropFirst(settings.inbox.count + 1)) + "/" + file.file,
                    "no_progress_seconds": "\(Int(now - file.lastProgress))",
                ])
            }
            effects.append(.uploadStalled(folder, files))
            // Progress after the report announces "waiting" again.
            announcedWaiting.remove(folder)
        }
    }

    /// Takes in a look at /proc (see `WritesInProgress.apply`). A write that ended there starts
    /// the folder's settle window now; a folder with a writer is tracked, so its close is waited for.
    mutating func takeIn(_ open: OpenForWriting, authoritative: Bool, snapshots: [String: FolderSnapshot]) {
        if !open.sawEveryProcess && !warnedHiddenProcesses {
            warnedHiddenProcesses = true
            log(.warning, "cannot see which files other users' processes hold open (that needs root or CAP_SYS_PTRACE); "
                + "uploads by them are judged by inotify's close events and the settle window only",
                ["hidden_processes": "\(open.hiddenProcesses)"])
        }
        // Only folders watched when /proc was read: a close that comes after the look is then
        // seen by inotify. A folder whose arrival is still queued gets its watch (and a look of its
        // own) later; counted now, a writer that closes meanwhile would never be seen closing and
        // would hold the folder until the stall timeout.
        var open = open
        if watching != nil {
            let watched = Set(watches.values.filter { !$0.isEmpty && !$0.contains("/") }.map { settings.inbox + "/" + $0 })
            open.files = open.files.filter { watched.contains($0.key) }
        }
        let now = clock.now()
        let before = writes.foldersBeingWritten
        let ended = writes.apply(open, authoritative: authoritative) { folder, file in
            snapshots[folder]?.modificationTime(of: file) ?? now
        }
        for folder in ended.sorted() { noteSettleActivity(folder, at: now) }
        for folder in writes.foldersBeingWritten.subtracting(before).sorted() {
            if !tracker.isTracking(folder) { noteSettleActivity(folder, at: now) }
            announceWaiting(folder)
        }
    }

    /// Poll mode: compares each folder with how it looked last time.
    mutating func compareWithLastPoll(_ seen: [String: FolderSnapshot]) {
        let now = clock.now()
        for (path, snapshot) in seen.sorted(by: { $0.key < $1.key }) {
            let before = lastSeen[path]
            if before.map({ !$0.looksUnchanged(comparedWith: snapshot) }) ?? true {
                noteActivity(path, at: now)
            }
            if snapshot.hasReadyMarker && before?.hasReadyMarker != true {
                tracker.noteReady(path)
                noteActivity(path, at: now)
            }
        }
        for path in lastSeen.keys.sorted() where seen[path] == nil { markRemoved(path) }
        lastSeen = seen
    }

    /// Hands over every folder whose upload is complete.
    mutating func dispatchDue(now: Double) {
        for path in tracker.takeDue(now: clock.monotonic(), holding: writes.foldersBeingWritten.union(awaitingProcCheck)) {
            // Re-stat before anyone reads: a change inotify did not report (or a poll missed)
            // shows up as a newer mtime or an upload temp file, and restarts the settle window.
            guard let snapshot = FolderSnapshot.take(of: path) else {
                lookAtPermissions(of: path)
                continue
            }
            switch Readiness.of(snapshot, beingWritten: writes.filesBeingWritten(in: path),
                                settleSeconds: settings.settleSeconds, now: now) {
            case .ready:
                announcedWaiting.remove(path)
                effects.append(.dispatch(path))
            case .uploading, .beingWritten:
                log(.debug, "due but still being uploaded", ["path": String(path.dropFirst(settings.inbox.count + 1))])
                noteSettleActivity(path, at: now)
            case .settling where snapshot.newestChangeSeconds > now:
                // A file time ahead of the clock: the wall clock was set back. Its age says
                // nothing; the quiet time just measured on the monotonic clock decides.
                announcedWaiting.remove(path)
                effects.append(.dispatch(path))
            case .settling:
                noteSettleActivity(path, at: snapshot.newestChangeSeconds)
            }
        }
    }

    // MARK: Reconciliation (start-up, overflow, periodic)

    /// Compares the inbox on disk with what the database knows (`known`, by folder path, only
    /// folders of this inbox): new, changed and interrupted folders are tracked for processing,
    /// vanished ones reported removed, finished unchanged ones left alone.
    public mutating func reconcile(reason: String, known: [String: KnownFolder]) async throws -> [WatchEffect] {
        guard !isInboxUnmounted else {
            log(.info, "reconciliation put off: the inbox's file system is unmounted", ["reason": reason])
            return takeEffects()
        }
        let started = clock.monotonic()
        let inbox = settings.inbox, openFiles = self.openFiles
        // lstat of every file in the inbox (about a second for 10,000 folders): off the cooperative pool.
        let (onDisk, cannotOpen, missingOutputs) = try await BlockingExecutor.watcher.run {
            let snapshots = try InboxListing.snapshots(in: inbox)
            // Listed but without a snapshot: gone meanwhile, or there but impossible to open.
            let cannotOpen = try InboxListing.propertyFolders(in: inbox).filter {
                snapshots[$0] == nil && Self.listingError(ofDirectory: $0) != nil
            }
            let published = snapshots.keys.filter { known[$0]?.hasPublished == true }
            // Every output of every publish at start-up and after lost events; two files per folder
            // on the periodic pass (a stat of each derived photo of 10,000 folders is too many).
            let missing = reason == "periodic" ? Self.foldersMissingOutputs(published)
                : Self.foldersMissingOutputs(manifests: Dictionary(uniqueKeysWithValues: published.map { ($0, known[$0]?.outputs ?? [:]) }))
            return (snapshots, cannotOpen, missing)
        }
        for path in cannotOpen { lookAtPermissions(of: path) }
        for path in unreadable where !cannotOpen.contains(path) { lookAtPermissions(of: path) }
        if watching != nil {
            for (path, snapshot) in onDisk { addWatches(String(path.dropFirst(inbox.count + 1)), snapshot: snapshot) }
        }
        // Files open for writing (a daemon started mid-upload saw no IN_OPEN), looked at once the
        // watches exist, so a writer that opens later is seen by inotify instead.
        let open = await BlockingExecutor.watcher.run { openFiles.filesOpenForWriting(in: inbox) }
        awaitingProcCheck.removeAll()
        var decision = ReconcilePlan.decide(onDisk: onDisk, known: known, missingOutputs: missingOutputs)
        // A folder that cannot be opened is still there: not removed, just not readable yet.
        decision.removed.removeAll { cannotOpen.contains($0) }
        for (path, newestNs) in decision.process {
            if onDisk[path]?.hasReadyMarker == true { tracker.noteReady(path) }
            // The newest change, not now: a folder uploaded long ago is due at once.
            noteSettleActivity(path, at: Double(newestNs) / 1e9)
        }
        for path in decision.removed { markRemoved(path) }
        lastSeen = onDisk
        // With events, a view that misses other users' processes only adds writers; without
        // events (poll mode), or when it sees every process, it is the truth.
        takeIn(open, authoritative: open.sawEveryProcess || watching == nil, snapshots: onDisk)
        lastReconcile = clock.monotonic()
        log(.notice, "reconciled", [
            "reason": reason, "folders": "\(onDisk.count)", "to_process": "\(decision.process.count)",
            "removed": "\(decision.removed.count)", "unchanged": "\(decision.unchanged)",
            "files_open_for_writing": "\(open.files.values.map(\.count).reduce(0, +))",
            "seconds": millisecondsText(clock.monotonic() - started),
        ])
        if !decision.removed.isEmpty || !decision.process.isEmpty { effects.append(.inboxStatusStale) }
        return takeEffects()
    }

    // MARK: Shared steps

    /// Watches `relative` (a directory under the inbox) and every subfolder in its snapshot.
    mutating func addWatches(_ relative: String, snapshot: FolderSnapshot) {
        guard let watching else { return }
        if !relative.contains("/") { watchOutputFolders(of: relative) }
        for directory in [relative] + snapshot.directories.map({ relative + "/" + $0 }) {
            // Re-adding an existing watch replaces its mask: keep opens watched where a write is on.
            let mask = watchingOpens.contains(directory) ? Inotify.folderMaskWhileWriting : Inotify.folderMask
            do {
                watches[try watching.addWatch(path: settings.inbox + "/" + directory, mask: mask)] = directory
            } catch where error.errno == ENOSPC {
                if !warnedWatchLimit {
                    log(.error, "inotify watch limit reached; raise fs.inotify.max_user_watches or run with --poll. Folders beyond the limit are still found by the periodic reconciliation.")
                    warnedWatchLimit = true
                }
            } catch {
                log(.debug, "cannot watch", ["path": directory, "error": "\(error)"])
            }
        }
    }

    /// `_listing/` and its photo folders, where they exist (a folder never published has none).
    mutating func watchOutputFolders(of folderName: String) {
        guard let watching else { return }
        for directory in Self.outputFolders.map({ folderName + "/" + $0 }) {
            guard let watch = try? watching.addWatch(path: settings.inbox + "/" + directory, mask: Inotify.outputFolderMask) else { continue }
            watches[watch] = directory
        }
    }

    static let outputFolders = ["_listing", "_listing/photos", "_listing/thumbs"]

    mutating func noteActivity(_ path: String, at time: Double) {
        noteSettleActivity(path, at: time)
        announceWaiting(path)
    }

    /// Settle windows run on the monotonic clock: `time` (wall clock, like a file's mtime) becomes
    /// that many seconds before the monotonic now. A time ahead of the wall clock (the clock was
    /// set back) counts as now, so no folder waits out the size of the step.
    mutating func noteSettleActivity(_ path: String, at time: Double) {
        tracker.noteActivity(path, at: clock.monotonic() - max(0, clock.now() - time))
    }

    /// Once per burst of changes, not on every write.
    mutating func announceWaiting(_ path: String) {
        if announcedWaiting.insert(path).inserted { effects.append(.announceWaiting(path)) }
    }

    mutating func markRemoved(_ path: String) {
        tracker.forget(path)
        awaitingProcCheck.remove(path)
        writes.forget(folder: path)
        lastSeen[path] = nil
        announcedWaiting.remove(path)
        effects.append(.removed(path))
    }

    mutating func log(_ level: WatchLog.Level, _ message: String, _ metadata: [String: String] = [:]) {
        effects.append(.log(WatchLog(level, message, metadata)))
    }

    /// Opens and closes are watched exactly where a write is in progress (see `Inotify.folderMaskWhileWriting`).
    mutating func watchOpensWhereWritesAre() {
        guard let watching else { return }
        let needed = writes.directoriesBeingWritten(inbox: settings.inbox)
        guard needed != watchingOpens else { return }
        for directory in needed.symmetricDifference(watchingOpens).sorted() {
            let mask = needed.contains(directory) ? Inotify.folderMaskWhileWriting : Inotify.folderMask
            // Same directory, same watch descriptor: only its mask changes.
            _ = try? watching.addWatch(path: settings.inbox + "/" + directory, mask: mask)
        }
        watchingOpens = needed
    }

    mutating func takeEffects() -> [WatchEffect] {
        watchOpensWhereWritesAre()
        defer { effects.removeAll() }
        return effects
    }
}

extension FolderSnapshot {
    /// Poll mode's notion of "nothing happened": same input files, same upload temp state, same
    /// number of entries (a new subfolder or an unused file counts as a change).
    func looksUnchanged(comparedWith other: FolderSnapshot) -> Bool {
        fileStamps == other.fileStamps && uploading == other.uploading && entries.count == other.entries.count
    }
}

extension FolderSnapshot {
    /// Wall-clock seconds of the last write to `relativePath`, if it is listed.
    func modificationTime(of relativePath: String) -> Double? {
        entries.first { $0.relativePath == relativePath }.map { Double($0.mtimeNs) / 1e9 }
    }
}

/// "1.234": seconds with millisecond precision, for the log.
func millisecondsText(_ seconds: Double) -> String {
    let milliseconds = Int((max(0, seconds) * 1000).rounded())
    let fraction = String(milliseconds % 1000)
    return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
