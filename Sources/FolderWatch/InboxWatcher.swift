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
/// I/O is what watching takes: adding watches and `lstat` snapshots of folders.
public struct InboxWatcher: Sendable {
    public struct Settings: Sendable {
        /// The inbox path, standardized (no trailing slash).
        public var inbox: String
        public var settleSeconds: Double
        /// Seconds between polls, when there is no inotify (network mounts, where it sees nothing).
        public var pollInterval: Double = 5
        /// Seconds between full comparisons with the database, a safety net for lost events.
        public var reconcileInterval: Double = 300

        public init(inbox: String, settleSeconds: Double) {
            self.inbox = inbox
            self.settleSeconds = settleSeconds
        }
    }

    public let settings: Settings
    /// nil in poll mode: the watcher then compares snapshots every `pollInterval`.
    let watching: (any DirectoryWatching)?
    let clock: any WallClock

    var tracker: SettleTracker
    /// Watch descriptor → directory relative to the inbox ("" for the inbox itself).
    var watches: [Int32: String] = [:]
    /// Folders already announced as waiting, so a burst of writes announces once.
    var announcedWaiting: Set<String> = []
    /// What each folder looked like at the last poll or reconciliation.
    var lastSeen: [String: FolderSnapshot] = [:]
    var lastPoll: Double
    var lastReconcile: Double
    var warnedWatchLimit = false
    /// Decisions made during the current call, handed back at its end.
    var effects: [WatchEffect] = []

    public init(settings: Settings, watching: (any DirectoryWatching)?, clock: any WallClock = SystemWallClock()) {
        self.settings = settings
        self.watching = watching
        self.clock = clock
        tracker = SettleTracker(settleSeconds: settings.settleSeconds)
        lastPoll = clock.now()
        lastReconcile = clock.now()
    }

    /// Watches the inbox itself for folders arriving and leaving. The caller reconciles next
    /// (reason "start-up") to find what changed while no one was watching.
    public mutating func start() throws(SystemCallError) {
        if let watching {
            watches[try watching.addWatch(path: settings.inbox, mask: Inotify.inboxMask)] = ""
        }
        lastPoll = clock.now()
    }

    // MARK: Timer

    /// Called a few times a second: polls when due, asks for the periodic reconciliation, and
    /// dispatches every folder whose settle window has passed.
    public mutating func tick() async -> [WatchEffect] {
        if watching == nil && clock.now() - lastPoll >= settings.pollInterval {
            lastPoll = clock.now()
            let inbox = settings.inbox
            // Every file in the inbox is stat'ed: off the cooperative pool.
            if let seen = try? await BlockingExecutor.shared.run({ try InboxListing.snapshots(in: inbox) }) {
                compareWithLastPoll(seen)
            }
        }
        let now = clock.now()
        if now - lastReconcile >= settings.reconcileInterval {
            lastReconcile = now
            effects.append(.reconcile(reason: "periodic"))
        }
        dispatchDue(now: now)
        return takeEffects()
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
        for path in tracker.takeDue(now: now) {
            // Re-stat before anyone reads: a change inotify did not report (or a poll missed)
            // shows up as a newer mtime or an upload temp file, and restarts the settle window.
            guard let snapshot = FolderSnapshot.take(of: path) else { continue }
            switch Readiness.of(snapshot, settleSeconds: settings.settleSeconds, now: now) {
            case .ready:
                announcedWaiting.remove(path)
                effects.append(.dispatch(path))
            case .uploading:
                tracker.noteActivity(path, at: now)
            case .settling:
                tracker.noteActivity(path, at: snapshot.newestChangeSeconds)
            }
        }
    }

    // MARK: Reconciliation (start-up, overflow, periodic)

    /// Compares the inbox on disk with what the database knows (`known`, by folder path, only
    /// folders of this inbox): new, changed and interrupted folders are tracked for processing,
    /// vanished ones reported removed, finished unchanged ones left alone.
    public mutating func reconcile(reason: String, known: [String: KnownFolder]) async throws -> [WatchEffect] {
        let started = clock.now()
        let inbox = settings.inbox
        // lstat of every file in the inbox (about a second for 10,000 folders): off the cooperative pool.
        let onDisk = try await BlockingExecutor.shared.run { try InboxListing.snapshots(in: inbox) }
        if watching != nil {
            for (path, snapshot) in onDisk { addWatches(String(path.dropFirst(inbox.count + 1)), snapshot: snapshot) }
        }
        let decision = ReconcilePlan.decide(onDisk: onDisk, known: known)
        for (path, newestNs) in decision.process {
            if onDisk[path]?.hasReadyMarker == true { tracker.noteReady(path) }
            // The newest change, not now: a folder uploaded long ago is due at once.
            tracker.noteActivity(path, at: Double(newestNs) / 1e9)
        }
        for path in decision.removed { markRemoved(path) }
        lastSeen = onDisk
        lastReconcile = clock.now()
        log(.notice, "reconciled", [
            "reason": reason, "folders": "\(onDisk.count)", "to_process": "\(decision.process.count)",
            "removed": "\(decision.removed.count)", "unchanged": "\(decision.unchanged)",
            "seconds": millisecondsText(clock.now() - started),
        ])
        if !decision.removed.isEmpty || !decision.process.isEmpty { effects.append(.inboxStatusStale) }
        return takeEffects()
    }

    // MARK: Shared steps

    /// Watches `relative` (a directory under the inbox) and every subfolder in its snapshot.
    mutating func addWatches(_ relative: String, snapshot: FolderSnapshot) {
        guard let watching else { return }
        for directory in [relative] + snapshot.directories.map({ relative + "/" + $0 }) {
            do {
                watches[try watching.addWatch(path: settings.inbox + "/" + directory, mask: Inotify.folderMask)] = directory
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

    mutating func noteActivity(_ path: String, at time: Double) {
        tracker.noteActivity(path, at: time)
        announceWaiting(path)
    }

    /// Once per burst of changes, not on every write.
    mutating func announceWaiting(_ path: String) {
        if announcedWaiting.insert(path).inserted { effects.append(.announceWaiting(path)) }
    }

    mutating func markRemoved(_ path: String) {
        tracker.forget(path)
        lastSeen[path] = nil
        announcedWaiting.remove(path)
        effects.append(.removed(path))
    }

    mutating func log(_ level: WatchLog.Level, _ message: String, _ metadata: [String: String] = [:]) {
        effects.append(.log(WatchLog(level, message, metadata)))
    }

    mutating func takeEffects() -> [WatchEffect] {
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

/// "1.234": seconds with millisecond precision, for the log.
func millisecondsText(_ seconds: Double) -> String {
    let milliseconds = Int((max(0, seconds) * 1000).rounded())
    let fraction = String(milliseconds % 1000)
    return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
}
