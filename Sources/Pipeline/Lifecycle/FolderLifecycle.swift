import BlockingIO
public import FolderWatch
public import Foundation
public import Logging
public import PipelineStore
public import PropertyCore
import Synchronization

/// The one place a folder's state moves: waiting → processing → done / needs attention /
/// paused / failed / removed. Each transition writes the database row, the folder's
/// `_STATUS.txt` and its line of `_INBOX_STATUS.txt`, so the same transition writes the same
/// files whichever command (`scan`, `process`, `watch`) ran it. It also owns the retries of
/// paused folders, on an injected clock (tests move time by hand).
public final class FolderLifecycle: Sendable {
    let store: PipelineStore
    let statusLanguage: StatusLanguagePolicy
    let listingLanguages: [ListingLanguage]
    let inboxLanguage: ListingLanguage
    let timeZone: TimeZone
    let clock: any WallClock
    let logger: Logger
    /// How long a folder that lost entries mid-run must stay quiet before anything is written in it.
    let settleSeconds: Double
    let retries: Mutex<RetrySchedule>
    /// The latest transition of every folder this process moved: `_INBOX_STATUS.txt` shows it
    /// even when the database could not record it (a full state disk).
    private let lines = Mutex<[String: InboxStatusText.Line]>([:])
    private let inboxStale = Atomic<Bool>(false)
    /// Messages to the folder's agent when its outcome changes (recorded only; `NoticeSender` sends).
    let notices: AgentNotices
    /// Folders this process found it cannot write (for /healthz and the metric).
    let unwritable = UnwritableFolders()

    public init(store: PipelineStore, configuration: Configuration, logger: Logger, clock: any WallClock = SystemWallClock()) {
        self.store = store
        self.statusLanguage = StatusLanguagePolicy(configuration)
        self.listingLanguages = configuration.listingLanguages
        self.inboxLanguage = configuration.statusLanguage
        self.timeZone = configuration.statusTimeZone
        self.clock = clock
        self.logger = logger
        self.settleSeconds = configuration.settleSeconds
        retries = Mutex(RetrySchedule(firstDelay: configuration.retryFirstSeconds, maxDelay: configuration.retryMaxSeconds))
        notices = AgentNotices(settings: configuration.notify, statusLanguage: StatusLanguagePolicy(configuration), store: store, logger: logger)
    }

    private var now: Date { Date(timeIntervalSince1970: clock.now()) }

    // MARK: transitions

    /// An upload was noticed and is not complete yet. The status file is a courtesy: failing to
    /// write it does not stop the work.
    public func waiting(_ folder: URL, stalled: [StalledUpload] = []) async throws {
        let name = Self.name(of: folder)
        note(folder, .waiting)
        try await store.setState(.waiting, folderPath: folder.path, propertyId: name)
        let zone = stalled.isEmpty ? timeZone : await agentTimeZone(folder)
        let notes: [StatusNote] = stalled.isEmpty ? [] : [.stalledUploads(stalled.map {
            .init(name: FileName.display($0.file), since: StatusTime(Date(timeIntervalSince1970: $0.lastProgress), in: zone))
        })]
        try? await writeStatus(FolderStatus(propertyId: name, state: .waiting, notes: notes, updated: now, pages: pages), folder: folder)
    }

    /// First sight of a folder by a run: its row exists from now on.
    func queued(_ folder: URL) async throws {
        note(folder, .queued)
        try await store.setState(.queued, folderPath: folder.path, propertyId: Self.name(of: folder))
    }

    func processing(_ folder: URL, stage: StageName, identity: FileSystem.Identity?) async throws {
        try Self.stopIfLosingEntries(folder)
        let name = Self.name(of: folder)
        note(folder, .processing, stage: stage)
        try await store.setState(.processing, .init(stage: stage), folderPath: folder.path, propertyId: name)
        try await writeStatus(FolderStatus(propertyId: name, state: .processing, stage: stage, updated: now, pages: pages),
                              folder: folder, identity: identity)
    }

    /// A listing is out. `pending` (the provider's trouble, for the operator) makes it paused
    /// for the AI review. Returns false when the database already had this publish.
    @discardableResult
    func published(_ folder: URL, identity: FileSystem.Identity?, result: ListingResult, state: FolderState, fingerprint: String,
                   pending: String?, handEditsReplaced: Bool = false, writeStatus: Bool = true) async throws -> Bool {
        try Self.stopIfLosingEntries(folder)
        let pause: PauseReason? = pending == nil ? nil : .aiReview
        note(folder, state, pause: pause)
        let isNew = try await store.recordPublish(folderPath: folder.path, fingerprint: fingerprint, state: state, pause: pause,
                                                  note: pending.map { "AI pending: \($0)" })
        await notices.published(folder, result: result, state: state, fingerprint: fingerprint)
        guard writeStatus else { return isNew }
        var notes: [StatusNote] = pause.map { [.paused($0, retryAt: nil)] } ?? []
        if handEditsReplaced { notes.append(.handEditsReplaced) }
        try await self.writeStatus(FolderStatus(propertyId: Self.name(of: folder), state: state, result: result, notes: notes,
                                                updated: now, pages: pages),
                                   folder: folder, identity: identity, written: result.agentLanguage)
        return isNew
    }

    /// Nothing could be published: only a person can change that.
    func failed(_ folder: URL, identity: FileSystem.Identity?, cause: FailureCause, detail: String,
                issues: [ProcessingIssue] = [], ignored: [IgnoredFile] = []) async throws {
        try Self.stopIfLosingEntries(folder)
        let name = Self.name(of: folder)
        note(folder, .failed)
        try await store.setState(.failed, .init(failure: cause, error: detail), folderPath: folder.path, propertyId: name)
        await notices.failed(folder, cause: cause)
        try await writeStatus(FolderStatus(propertyId: name, state: .failed, notes: [.failed(cause)],
                                           issues: ResultAssembler.shown(issues), ignored: ResultAssembler.shown(ignored),
                                           updated: now, pages: pages),
                              folder: folder, identity: identity)
    }

    /// A run stopped on trouble of the server's: paused, tried again on the backoff. Either
    /// write may fail on a full or read-only disk; the next try writes them again. Returns the
    /// seconds until the retry.
    @discardableResult
    public func paused(_ folder: URL, reason: PauseReason, detail: String) async -> Double {
        let delay = scheduleRetry(folder.path)
        let name = Self.name(of: folder)
        note(folder, .paused, pause: reason)
        _ = try? await store.setState(.paused, .init(pause: reason, error: "will try again: \(detail)"),
                                      folderPath: folder.path, propertyId: name)
        let retryAt = StatusTime(now.addingTimeInterval(delay), in: await agentTimeZone(folder))
        try? await writeStatus(FolderStatus(propertyId: name, state: .paused, notes: [.paused(reason, retryAt: retryAt)],
                                            updated: now, pages: pages),
                               folder: folder)
        return delay
    }

    /// The folder left the inbox. Only folders the database knows get a row.
    @discardableResult
    public func removed(_ folder: URL) async -> FolderRecord? {
        forgetRetry(folder.path)
        _ = lines.withLock { $0.removeValue(forKey: folder.path) }
        markInboxStale()
        guard let record = try? await store.folder(at: folder.path) else { return nil }
        if record.state != .removed, record.publishCount > 0 { await notices.removed(folder) }
        _ = try? await store.setState(.removed, folderPath: folder.path, propertyId: Self.name(of: folder))
        return record
    }

    // MARK: one run, the same for scan, process and watch

    /// How a run ended, for the command that asked.
    public enum RunOutcome: Sendable {
        case finished(FolderOutcome)
        case paused(PauseReason, detail: String, retryInSeconds: Double)
        case failed(FailureCause, detail: String)
        /// Renamed or deleted while it ran: nothing of it is left at the path.
        case gone
        /// Shutdown: the folder stays as it was, so the next start takes it up again.
        case interrupted
        /// A photo cut short is still being uploaded: the folder waits for it.
        case uploading
        /// Entries left the folder while it ran (a client deleting it, or a hand tidying it): the
        /// run stopped before its next write; the folder is looked at again once it is quiet.
        case losingEntries
        /// Several hosts (`work`): this worker's claim on the folder was taken over before it
        /// published (its lease ran out); nothing was published, the new claim's worker does it.
        case leaseLost
    }

    /// Processes the folder and moves it to what the run's end means. `fence`, for a worker of a
    /// shared queue, is asked right before the publish whether the folder is still this worker's.
    public func run(_ folder: URL, with processor: FolderProcessor, fence: (any PublishFence)? = nil) async -> RunOutcome {
        let path = folder.standardizedFileURL.path
        let name = Self.name(of: folder)
        if let wait = quietWaitRemaining(path) {
            logger.debug("entries were removed from the folder a moment ago; waiting for it to be quiet",
                         metadata: ["property": "\(name)", "seconds": "\(wait)"])
            return .losingEntries
        }
        let removals = RemovalWatch.begin(folder: path)
        defer { removals.end() }
        logger.info("processing started", metadata: ["property": "\(name)"])
        if FileName.isNotUTF8(folder.lastPathComponent) {
            logger.notice("the folder's name is not UTF-8; it is shown with \\x escapes", metadata: ["property": "\(name)"])
        }
        defer { markInboxStale() }
        if let refused = await checkWriteAccess(folder) { return refused }
        do {
            let outcome = try await processor.process(folder: folder, fence: fence)
            if outcome.state == .paused {
                // Published from the offline rules while the provider is down: its calls are
                // tried again on the same backoff (cached stages are not redone).
                let delay = scheduleRetry(path)
                logger.info("AI analysis pending; will try again", metadata: ["property": "\(name)", "retry_in_seconds": "\(Self.seconds(delay))"])
            } else {
                forgetRetry(path)
            }
            logger.info("processing finished", metadata: ["property": "\(outcome.propertyId)", "state": "\(outcome.state.rawValue)",
                                                          "ran": "\(outcome.stagesRun.joined(separator: ","))"])
            // An entry removed after the run's last write (a derived photo, a page): looked at
            // again once quiet, so what is missing is written back.
            if let entry = removals.removedEntry {
                removals.takeBackOwnCreations()
                waitForQuiet(path, removed: entry)
            }
            return .finished(outcome)
        } catch where PipelineError.folderIsGone(path, after: error) {
            forgetRetry(path)
            logger.notice("folder renamed or deleted while it was processed; stopped, nothing written at the old path",
                          metadata: ["property": "\(name)"])
            if !FileSystem.exists(path) { await removed(URL(fileURLWithPath: path)) }
            return .gone
        } catch let error where removals.removedEntry != nil || (error as? PipelineError)?.code == .folderLosingEntries {
            // Whatever stopped the run (a photo or the description gone, a refused write), entries
            // leaving the folder are the cause: no pause, no "failed", no status written, and
            // what this run created is taken back so a client emptying the folder can remove it.
            removals.takeBackOwnCreations()
            waitForQuiet(path, removed: removals.removedEntry ?? "?")
            return .losingEntries
        } catch is LeaseLost {
            // Not the folder's trouble: no status, no retry here; the worker that holds it now publishes.
            forgetRetry(path)
            logger.notice("the claim on this folder was taken over by another worker; nothing published",
                          metadata: ["property": "\(name)"])
            return .leaseLost
        } catch let upload as UploadInProgress {
            await waitForUpload(path, upload)
            return .uploading
        } catch where Task.isCancelled {
            logger.notice("processing interrupted by shutdown", metadata: ["property": "\(name)"])
            return .interrupted
        } catch {
            switch RunFailure.of(error) {
            case .transient(let reason, let detail):
                let delay = await paused(URL(fileURLWithPath: path), reason: reason, detail: detail)
                logger.warning("processing failed; will try again", metadata: [
                    "property": "\(name)", "error": "\(error)", "pause_reason": "\(reason.rawValue)", "retry_in_seconds": "\(Self.seconds(delay))",
                ])
                return .paused(reason, detail: detail, retryInSeconds: delay)
            case .permanent(let cause, let detail):
                forgetRetry(path)
                logger.error("processing failed", metadata: ["property": "\(name)", "error": "\(error)"])
                try? await failed(URL(fileURLWithPath: path), identity: nil, cause: cause, detail: detail)
                return .failed(cause, detail: detail)
            }
        }
    }

    // MARK: retries

    func scheduleRetry(_ path: String) -> Double {
        let now = clock.monotonic()
        return retries.withLock { $0.failed(path, now: now) }
    }

    func forgetRetry(_ path: String) {
        retries.withLock { $0.clear(path) }
    }

    /// Folders whose retry is due, taken off the schedule.
    public func takeDueRetries() -> [String] {
        let now = clock.monotonic()
        return retries.withLock { $0.takeDue(now: now) }
    }

    // MARK: _STATUS.txt

    /// Each listing language's page name, the default's `listing.md` first.
    var pages: [ListingLanguage: String] {
        Dictionary(uniqueKeysWithValues: Publisher.pageNames(listingLanguages))
    }

    /// Renders and writes a folder's `_STATUS.txt` in the agent's language, on the blocking
    /// executor. With `identity`, nothing is written when the path leads to another folder.
    /// Before this run knows the agent's language (`written`), the last published one says it.
    func writeStatus(_ status: FolderStatus, folder: URL, identity: FileSystem.Identity? = nil, written: String? = nil) async throws {
        let (policy, timeZone) = (statusLanguage, timeZone)
        try await BlockingExecutor.shared.run {
            if let identity, FileSystem.identity(of: folder.path) != identity { throw PipelineError.folderMoved(folder.path) }
            let language = policy.language(for: folder, written: written ?? Publisher.lastAgentLanguage(in: folder))
            let text = AgentStatusText.render(status, language: language, timeZone: policy.timeZone(for: folder) ?? timeZone)
            try AtomicFile.write(text, to: folder.appendingPathComponent(FileRules.statusFile))
        }
    }

    // MARK: _INBOX_STATUS.txt

    private func note(_ folder: URL, _ state: FolderState, stage: StageName? = nil, pause: PauseReason? = nil) {
        let line = InboxStatusText.Line(propertyId: Self.name(of: folder), state: state, stage: stage, pause: pause)
        lines.withLock { $0[folder.standardizedFileURL.path] = line }
        markInboxStale()
    }

    func markInboxStale() {
        inboxStale.store(true, ordering: .releasing)
    }

    /// True once after any transition (for the daemon's once-a-second refresh).
    func takeInboxStale() -> Bool {
        inboxStale.exchange(false, ordering: .acquiringAndReleasing)
    }

    /// `_INBOX_STATUS.txt`: one line per folder directly in the inbox, in the inbox's language.
    /// What this process moved last wins over the database, which may not have it (a full disk).
    public func writeInboxStatus(_ inbox: URL) async throws {
        let prefix = inbox.standardizedFileURL.path + "/"
        var byPath: [String: InboxStatusText.Line] = [:]
        for record in (try? await store.allFolders()) ?? [] {
            byPath[record.path] = InboxStatusText.Line(propertyId: record.propertyId, state: record.state, stage: record.stage,
                                                       pause: record.pauseReason)
        }
        for (path, line) in lines.withLock({ $0 }) { byPath[path] = line }
        let folders = byPath.filter { $0.key.hasPrefix(prefix) && !$0.key.dropFirst(prefix.count).contains("/") }
            .sorted { $0.key < $1.key }.map(\.value)
        let text = InboxStatusText.render(folders, updated: now, language: inboxLanguage, timeZone: timeZone)
        try await BlockingExecutor.shared.run { try AtomicFile.write(text, to: inbox.appendingPathComponent("_INBOX_STATUS.txt")) }
    }

    static func name(of folder: URL) -> String { FileName.display(folder.lastPathComponent) }
    private static func seconds(_ delay: Double) -> Int { Int(delay.rounded(.up)) }
}
