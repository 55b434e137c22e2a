import BlockingIO
import FolderWatch
import Foundation
import ModelGateway
import Logging
import PipelineStore
import PropertyCore

/// Carries out what the `InboxWatcher` decided: the work queue, the database, status files and
/// the log. Runs on the daemon's task, except the folder jobs, which run in the `WorkQueue`.
struct WatchActions {
    let inbox: URL
    let store: PipelineStore
    let logger: Logger
    let queue: WorkQueue
    let inboxStatus: InboxStatusRefresher
    /// Set when `[hook]` names a command or URL.
    let rebuildHook: RebuildHook?
    let hookTargets: [String]
    let lifecycle: FolderLifecycle
    /// Several hosts: ready folders go to the shared queue instead of `queue`.
    let shared: SharedDispatch?

    init(inbox: URL, runtime: PipelineRuntime, logger: Logger, rebuildHook: RebuildHook? = nil,
         sharedQueue: (any SharedJobQueue)? = nil) {
        self.inbox = inbox
        shared = sharedQueue.map { SharedDispatch(queue: $0, inbox: inbox, logger: logger) }
        self.rebuildHook = rebuildHook
        self.hookTargets = runtime.configuration.site.hook.targets
        self.store = runtime.store
        self.logger = logger
        lifecycle = runtime.processor.lifecycle
        inboxStatus = InboxStatusRefresher(inbox: inbox, lifecycle: lifecycle)
        let job = FolderJob(processor: runtime.processor, rebuildHook: rebuildHook)
        queue = WorkQueue(maxConcurrent: runtime.configuration.maxConcurrentFolders) { path in await job.run(path) }
    }

    /// Folders whose retry is due go back to the queue. (With a shared queue, the shared worker
    /// of this process takes its retries; here only jobs the database refused are sent again.)
    func retryDue() async {
        if let shared {
            Task { await shared.retryUnsent() }
            return
        }
        for path in lifecycle.takeDueRetries() {
            logger.info("trying again", metadata: ["property": "\(FileName.display(URL(fileURLWithPath: path).lastPathComponent))"])
            await queue.enqueue(path)
        }
    }

    /// Carries out `effects` in order. A reconciliation the watcher asks for runs here, and the
    /// effects it yields are carried out after the ones already pending.
    func carryOut(_ effects: [WatchEffect], on watcher: inout InboxWatcher) async {
        var pending = effects[...]
        while let effect = pending.popFirst() {
            switch effect {
            case .announceWaiting(let path): announceWaiting(path)
            case .uploadStalled(let path, let files): announceWaiting(path, stalled: files)
            case .dispatch(let path):
                // A database that is down may make the call wait: never the event loop.
                if let shared { Task { await shared.dispatch(path) } } else { await queue.enqueue(path) }
            case .removed(let path): await markRemoved(path)
            case .losingEntries(let path, let entry):
                lifecycle.waitForQuiet(path, removed: entry, whileProcessed: false)
                lifecycle.takeBackAnnouncement(path)
            case .unreadable(let path): retryUnreadable(path)
            case .inboxStatusStale: inboxStatus.markStale()
            case .log(let line): log(line)
            case .reconcile(let reason):
                if reason == "overflow" { DaemonMetrics.inotifyOverflow() }
                do {
                    let started = ContinuousClock.now
                    pending += try await reconcile(reason, watcher: &watcher)
                    DaemonMetrics.reconciled(reason: reason, seconds: (ContinuousClock.now - started).seconds)
                } catch {
                    logger.error("reconciliation failed", metadata: ["reason": "\(reason)", "error": "\(error)"])
                }
            }
        }
    }

    /// Compares the inbox with the database through the watcher; returns the watcher's decisions.
    func reconcile(_ reason: String, watcher: inout InboxWatcher) async throws -> [WatchEffect] {
        try await watcher.reconcile(reason: reason, known: await knownFolders())
    }

    /// What the database remembers about this inbox's folders, in the watcher's terms.
    private func knownFolders() async throws -> [String: KnownFolder] {
        let prefix = inbox.path + "/"
        let inputs = try await store.inputsByFolder()
        let outputs = try await store.publishedOutputsByFolder()
        var known: [String: KnownFolder] = [:]
        for record in try await store.allFolders() where record.path.hasPrefix(prefix) {
            known[record.path] = KnownFolder(
                isSettled: record.state.isSettled, isRemoved: record.state == .removed,
                inputs: Set((inputs[record.path] ?? []).map {
                    FileStamp(relativePath: $0.relativePath, bytes: $0.bytes, mtimeNs: $0.mtimeNs, inode: $0.inode)
                }),
                hasPublished: record.publishedFingerprint != nil && record.state != .failed,
                outputs: OutputManifest.stamps(outputs[record.path] ?? []))
        }
        return known
    }

    /// Tells the agent the upload was noticed, unless the folder is already queued or being
    /// processed (its status then says more than "waiting"). In a task of its own, so a burst of
    /// new folders does not hold up the event loop with database and status-file writes.
    private func announceWaiting(_ path: String, stalled: [StalledUpload] = []) {
        Task { [queue, lifecycle] in
            // An empty folder gets no status: a client deleting it entry by entry would find it there.
            // (A walk of the folder: on the executor, not the cooperative pool.)
            guard await !queue.isBusy(path), !lifecycle.isLosingEntries(path),
                  await BlockingExecutor.watcher.run({ FolderSnapshot.take(of: path)?.hasNothingUploaded == false }) else { return }
            try? await lifecycle.waiting(URL(fileURLWithPath: path), stalled: stalled)
            // Entries went while it was written: as if it had been written before (taken back).
            if lifecycle.isLosingEntries(path) { lifecycle.takeBackAnnouncement(path) }
        }
    }

    /// Only folders the database knows get a "removed" record; one that came and went unprocessed has none.
    private func markRemoved(_ path: String) async {
        guard let record = await lifecycle.removed(URL(fileURLWithPath: path)) else { return }
        let name = FileName.display(URL(fileURLWithPath: path).lastPathComponent)
        if record.state != .removed && record.publishedFingerprint != nil {
            try? await store.enqueueHookRemoval(listingId: name, removedAt: Timestamp.now(), targets: hookTargets)
            rebuildHook?.noteActivity()
        }
        logger.info("folder removed from the inbox", metadata: ["property": "\(name)"])
    }

    /// A folder the daemon cannot open shows in `_INBOX_STATUS.txt` (its own `_STATUS.txt` cannot
    /// be written) and is tried again with the usual backoff until its permissions are fixed.
    /// In a task of its own, like `announceWaiting`: the loop never waits on a status write.
    private func retryUnreadable(_ path: String) {
        Task { [lifecycle] in
            await lifecycle.paused(URL(fileURLWithPath: path), reason: .cannotOpen, detail: RunFailure.phrase(errno: EACCES))
        }
    }

    private func log(_ line: WatchLog) {
        let level: Logger.Level = switch line.level {
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
        logger.log(level: level, "\(line.message)", metadata: line.metadata.mapValues { .string($0) })
    }
}
