import Foundation
import FolderWatch
import Logging
import PipelineStore
import PropertyCore

/// The daemon's bookkeeping, touched only by the daemon's own task (hence `@unchecked`).
final class DaemonState: @unchecked Sendable {
    let options: WatchDaemon.Options
    let runtime: PipelineRuntime
    let inotify: Inotify?
    let logger: Logger
    let queue: WorkQueue
    /// `_INBOX_STATUS.txt` lists every folder; rewriting it after each of 10,000 folders would be
    /// quadratic, so changes only mark it stale and the timer rewrites it at most once a second.
    let inboxStatus = StaleFlag()
    private var lastInboxStatusWrite = 0.0

    private var tracker: SettleTracker
    /// Watch descriptor → folder path relative to the inbox ("" for the inbox itself).
    private var watches: [Int32: String] = [:]
    /// Folders whose `_STATUS.txt` already says "waiting", so a burst of writes updates it once.
    private var announcedWaiting: Set<String> = []
    /// Poll mode: what each folder looked like at the last look.
    private var lastSeen: [String: FolderSnapshot] = [:]
    private var lastPoll = 0.0
    private var lastReconcile = 0.0
    private var warnedWatchLimit = false

    init(options: WatchDaemon.Options, runtime: PipelineRuntime, inotify: Inotify?, logger: Logger) {
        self.options = options
        self.runtime = runtime
        self.inotify = inotify
        self.logger = logger
        self.tracker = SettleTracker(settleSeconds: runtime.configuration.settleSeconds)
        let processor = runtime.processor
        let store = runtime.store
        let log = logger
        let inboxStatus = inboxStatus
        self.queue = WorkQueue(maxConcurrent: runtime.configuration.maxConcurrentFolders) { path in
            let folder = URL(fileURLWithPath: path)
            log.info("processing started", metadata: ["property": "\(folder.lastPathComponent)"])
            do {
                let outcome = try await processor.process(folder: folder)
                log.info("processing finished", metadata: ["property": "\(outcome.propertyId)", "state": "\(outcome.state.rawValue)",
                                                           "ran": "\(outcome.stagesRun.joined(separator: ","))"])
            } catch {
                log.error("processing failed", metadata: ["property": "\(folder.lastPathComponent)", "error": "\(error)"])
                _ = try? store.setState(.failed, error: "\(error)", folderPath: path, propertyId: folder.lastPathComponent)
            }
            inboxStatus.mark()
        }
    }

    static func now() -> Double { Date().timeIntervalSince1970 }

    func start() throws {
        if let inotify {
            let rootMask = Inotify.folderMask & ~UInt32(0x2 | 0x8)  // IN_MODIFY, IN_CLOSE_WRITE: root files are not inputs
            watches[try inotify.addWatch(path: options.inbox.path, mask: rootMask)] = ""
        }
        try reconcile(reason: "start-up")
        lastPoll = Self.now()
    }

    // MARK: Reconciliation (start-up, overflow, periodic)

    func reconcile(reason: String) throws {
        let started = Date()
        var onDisk: [String: FolderSnapshot] = [:]
        for folder in try InboxScanner.propertyFolders(in: options.inbox) {
            guard let snapshot = FolderSnapshot.take(of: folder.path) else { continue }
            onDisk[folder.path] = snapshot
            if inotify != nil { addWatches(folder: folder.lastPathComponent, snapshot: snapshot) }
        }
        let prefix = options.inbox.path + "/"
        let inputs = try runtime.store.inputsByFolder()
        var known: [String: KnownFolder] = [:]
        for record in try runtime.store.allFolders() where record.path.hasPrefix(prefix) {
            let settled: Set<FolderState> = [.done, .needsAttention, .failed]
            known[record.path] = KnownFolder(
                isSettled: settled.contains(record.state), isRemoved: record.state == .removed,
                inputs: Set((inputs[record.path] ?? []).map {
                    FileStamp(relativePath: $0.relativePath, bytes: $0.bytes, mtimeNs: $0.mtimeNs, inode: $0.inode)
                }))
        }
        let decision = ReconcilePlan.decide(onDisk: onDisk, known: known)
        for (path, newest) in decision.process {
            if onDisk[path]?.hasReadyMarker == true { tracker.noteReady(path) }
            tracker.noteActivity(path, at: Double(newest) / 1e9)
        }
        for path in decision.removed { markRemoved(path) }
        lastSeen = onDisk
        lastReconcile = Self.now()
        logger.notice("reconciled", metadata: [
            "reason": "\(reason)", "folders": "\(onDisk.count)", "to_process": "\(decision.process.count)",
            "removed": "\(decision.removed.count)", "unchanged": "\(decision.unchanged)",
            "seconds": "\(String(format: "%.3f", Date().timeIntervalSince(started)))",
        ])
        if !decision.removed.isEmpty || !decision.process.isEmpty { inboxStatus.mark() }
    }

    private func addWatches(folder name: String, snapshot: FolderSnapshot) {
        guard let inotify else { return }
        for relative in [name] + snapshot.directories.map({ name + "/" + $0 }) {
            do {
                watches[try inotify.addWatch(path: options.inbox.path + "/" + relative)] = relative
            } catch where error.errno == ENOSPC {
                if !warnedWatchLimit {
                    logger.error("inotify watch limit reached; raise fs.inotify.max_user_watches or run with --poll. Folders beyond the limit are still found by the periodic reconciliation.")
                    warnedWatchLimit = true
                }
            } catch {
                logger.debug("cannot watch", metadata: ["path": "\(relative)", "error": "\(error)"])
            }
        }
    }

    // MARK: inotify events

    func handle(_ events: [Inotify.Event]) {
        let now = Self.now()
        for event in events {
            if event.isOverflow {
                logger.warning("inotify queue overflowed; events were lost, rescanning the inbox")
                try? reconcile(reason: "overflow")
                continue
            }
            if event.isWatchGone { watches[event.watch] = nil; continue }
            guard let directory = watches[event.watch] else { continue }
            if directory.isEmpty {
                handleInboxEvent(event, now: now)
            } else {
                handleFolderEvent(event, directory: directory, now: now)
            }
        }
        // A READY that just arrived starts processing now, not at the next tick.
        dispatchDue(now: Self.now())
    }

    private func handleInboxEvent(_ event: Inotify.Event, now: Double) {
        if event.isSelfGone {
            logger.critical("the inbox itself was deleted or moved")
            return
        }
        guard event.isDirectory, !event.name.isEmpty, !FileRules.isSilentlyIgnored(event.name) else { return }
        let path = options.inbox.path + "/" + event.name
        if event.isArrival {
            // A folder created, or moved in whole in one rename: watch it and everything in it.
            if let snapshot = FolderSnapshot.take(of: path) {
                addWatches(folder: event.name, snapshot: snapshot)
                if snapshot.hasReadyMarker { tracker.noteReady(path) }
            }
            noteActivity(path, now: now)
        } else if event.isRemoval {
            tracker.forget(path)
            markRemoved(path)
        }
    }

    private func handleFolderEvent(_ event: Inotify.Event, directory: String, now: Double) {
        if event.isSelfGone || event.name.isEmpty { return }
        let folderName = directory.split(separator: "/").first.map(String.init) ?? directory
        let path = options.inbox.path + "/" + folderName
        if directory == folderName && event.name == FileRules.readyMarker && !event.isRemoval {
            tracker.noteReady(path)
            noteActivity(path, now: now)
            return
        }
        // Our own outputs, hidden files and litter never trigger work; upload temp names do
        // (the folder is still arriving).
        if FileRules.isSilentlyIgnored(event.name) && !FileRules.isUploadTemp(event.name) { return }
        if event.isDirectory && event.isArrival, let snapshot = FolderSnapshot.take(of: options.inbox.path + "/" + directory + "/" + event.name) {
            let relative = directory + "/" + event.name
            if let inotify, let watch = try? inotify.addWatch(path: options.inbox.path + "/" + relative) { watches[watch] = relative }
            for sub in snapshot.directories {
                if let inotify, let watch = try? inotify.addWatch(path: options.inbox.path + "/" + relative + "/" + sub) {
                    watches[watch] = relative + "/" + sub
                }
            }
        }
        logger.debug("change", metadata: ["path": "\(directory)/\(event.name)", "mask": "\(String(event.mask, radix: 16))"])
        tracker.noteActivity(path, at: now)
        if !event.isRemoval { announceWaiting(path) }
    }

    private func noteActivity(_ path: String, now: Double) {
        tracker.noteActivity(path, at: now)
        announceWaiting(path)
    }

    /// Tells the agent the upload was noticed (once per burst, not on every write).
    private func announceWaiting(_ path: String) {
        guard !announcedWaiting.contains(path) else { return }
        announcedWaiting.insert(path)
        let folder = URL(fileURLWithPath: path)
        Task { [queue, runtime] in
            guard await !queue.isBusy(path), FileManager.default.fileExists(atPath: path) else { return }
            _ = try? runtime.store.setState(.waiting, folderPath: path, propertyId: folder.lastPathComponent)
            let text = AgentStatusText.render(propertyId: folder.lastPathComponent, state: .waiting, updated: Timestamp.now())
            try? AtomicFile.write(text, to: folder.appendingPathComponent("_STATUS.txt"))
        }
    }

    private func markRemoved(_ path: String) {
        lastSeen[path] = nil
        announcedWaiting.remove(path)
        guard (try? runtime.store.folder(at: path)) != nil else { return }
        _ = try? runtime.store.setState(.removed, folderPath: path, propertyId: URL(fileURLWithPath: path).lastPathComponent)
        logger.info("folder removed from the inbox", metadata: ["property": "\(URL(fileURLWithPath: path).lastPathComponent)"])
        inboxStatus.mark()
    }

    // MARK: Timer

    func tick() {
        let now = Self.now()
        if options.poll && now - lastPoll >= options.pollInterval {
            lastPoll = now
            pollOnce(now: now)
        }
        if now - lastReconcile >= options.reconcileInterval {
            try? reconcile(reason: "periodic")
        }
        if now - lastInboxStatusWrite >= 1, inboxStatus.take() {
            lastInboxStatusWrite = now
            try? InboxStatusWriter.write(inbox: options.inbox, store: runtime.store)
        }
        dispatchDue(now: now)
    }

    /// Hands every folder whose upload is complete to the work queue.
    private func dispatchDue(now: Double) {
        for path in tracker.takeDue(now: now) {
            // Re-stat before reading: a change inotify did not report (or a poll missed) shows
            // up as a newer mtime or an upload temp file, and restarts the settle window.
            guard let snapshot = FolderSnapshot.take(of: path) else { continue }
            let newest = Double(snapshot.newestChangeNs) / 1e9
            if !snapshot.hasReadyMarker && (snapshot.uploading || now - newest < tracker.settleSeconds) {
                tracker.noteActivity(path, at: snapshot.uploading ? now : newest)
                continue
            }
            announcedWaiting.remove(path)
            let queue = queue
            Task { await queue.enqueue(path) }
        }
    }

    /// Poll mode: compare each folder with how it looked last time.
    private func pollOnce(now: Double) {
        guard let folders = try? InboxScanner.propertyFolders(in: options.inbox) else { return }
        var seen: [String: FolderSnapshot] = [:]
        for folder in folders {
            guard let snapshot = FolderSnapshot.take(of: folder.path) else { continue }
            seen[folder.path] = snapshot
            let before = lastSeen[folder.path]
            if before == nil || before!.fileStamps != snapshot.fileStamps || before!.uploading != snapshot.uploading
                || before!.entries.count != snapshot.entries.count {
                noteActivity(folder.path, now: now)
            }
            if snapshot.hasReadyMarker && before?.hasReadyMarker != true { tracker.noteReady(folder.path); noteActivity(folder.path, now: now) }
        }
        for path in lastSeen.keys where seen[path] == nil {
            tracker.forget(path)
            markRemoved(path)
        }
        lastSeen = seen
    }
}

/// A flag set from any task and taken by the daemon's timer.
final class StaleFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stale = false

    func mark() { lock.withLock { stale = true } }

    /// True once after any number of `mark()`s.
    func take() -> Bool { lock.withLock { defer { stale = false }; return stale } }
}
