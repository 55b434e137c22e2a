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
    let statusLanguage: StatusLanguagePolicy

    init(inbox: URL, runtime: PipelineRuntime, logger: Logger, rebuildHook: RebuildHook? = nil) {
        self.inbox = inbox
        self.rebuildHook = rebuildHook
        self.hookTargets = runtime.configuration.site.hook.targets
        self.store = runtime.store
        self.logger = logger
        statusLanguage = StatusLanguagePolicy(runtime.configuration)
        let inboxStatus = InboxStatusRefresher(inbox: inbox, store: runtime.store, language: runtime.configuration.statusLanguage)
        self.inboxStatus = inboxStatus
        let processor = runtime.processor
        let store = runtime.store
        let inProcess = FoldersInProcess()
        queue = WorkQueue(maxConcurrent: runtime.configuration.maxConcurrentFolders) { path in
            // The same folder (inode) under two names, renamed mid-run: one run at a time.
            let identity = FileSystem.identity(of: path)
            if let identity { await inProcess.begin(identity) }
            await Self.process(path, processor: processor, store: store, logger: logger)
            if let identity { await inProcess.end(identity) }
            rebuildHook?.noteActivity()
            inboxStatus.markStale()
        }
    }

    /// One folder job: processes it and records how it ended.
    private static func process(_ path: String, processor: FolderProcessor, store: PipelineStore, logger: Logger) async {
        let folder = URL(fileURLWithPath: path)
        let name = FileName.display(folder.lastPathComponent)
        logger.info("processing started", metadata: ["property": "\(name)"])
        if FileName.isNotUTF8(folder.lastPathComponent) {
            logger.notice("the folder's name is not UTF-8; it is shown with \\x escapes", metadata: ["property": "\(name)"])
        }
        do {
            let outcome = try await processor.process(folder: folder)
            logger.info("processing finished", metadata: ["property": "\(outcome.propertyId)", "state": "\(outcome.state.rawValue)",
                                                          "ran": "\(outcome.stagesRun.joined(separator: ","))"])
        } catch where PipelineError.folderIsGone(path, after: error) {
            // Renamed or deleted mid-run: nothing of it is left at this path, and the new name
            // (if any) is a folder of its own to the watcher.
            logger.notice("folder renamed or deleted while it was processed; stopped, nothing written at the old path",
                          metadata: ["property": "\(name)"])
            if !FileSystem.exists(path) { _ = try? await store.setState(.removed, folderPath: path, propertyId: name) }
        } catch {
            logger.error("processing failed", metadata: ["property": "\(name)", "error": "\(error)"])
            _ = try? await store.setState(.failed, error: "\(error)", folderPath: path, propertyId: name)
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
            case .dispatch(let path): await queue.enqueue(path)
            case .removed(let path): await markRemoved(path)
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
        let settled: Set<FolderState> = [.done, .needsAttention, .failed]
        var known: [String: KnownFolder] = [:]
        for record in try await store.allFolders() where record.path.hasPrefix(prefix) {
            known[record.path] = KnownFolder(
                isSettled: settled.contains(record.state), isRemoved: record.state == .removed,
                inputs: Set((inputs[record.path] ?? []).map {
                    FileStamp(relativePath: $0.relativePath, bytes: $0.bytes, mtimeNs: $0.mtimeNs, inode: $0.inode)
                }))
        }
        return known
    }

    /// Tells the agent the upload was noticed, unless the folder is already queued or being
    /// processed (its status then says more than "waiting"). In a task of its own, so a burst of
    /// new folders does not hold up the event loop with database and status-file writes.
    private func announceWaiting(_ path: String, stalled: [StalledUpload] = []) {
        Task { [queue, store, statusLanguage] in
            guard await !queue.isBusy(path), FileSystem.exists(path) else { return }
            try? await WaitingStatus.announce(folder: URL(fileURLWithPath: path), store: store, stalled: stalled,
                                              languages: statusLanguage)
        }
    }

    /// Only folders the database knows get a "removed" record; one that came and went unprocessed has none.
    private func markRemoved(_ path: String) async {
        guard let record = try? await store.folder(at: path) else { return }
        let name = FileName.display(URL(fileURLWithPath: path).lastPathComponent)
        if record.state != .removed && record.publishedFingerprint != nil {
            try? await store.enqueueHookRemoval(listingId: name, removedAt: Timestamp.now(), targets: hookTargets)
            rebuildHook?.noteActivity()
        }
        _ = try? await store.setState(.removed, folderPath: path, propertyId: name)
        logger.info("folder removed from the inbox", metadata: ["property": "\(name)"])
        inboxStatus.markStale()
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
