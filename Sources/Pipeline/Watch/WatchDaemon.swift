import BlockingIO
public import Foundation
public import FolderWatch
import Logging
import PipelineStore
import PropertyCore
public import ServiceLifecycle

/// `property-inbox watch`: notices new and changed property folders, waits until each upload
/// is complete, and processes every folder exactly once per change.
///
/// A thin service around an `InboxWatcher`, which decides; this type carries the decisions out
/// (`WatchActions`). One task owns the watcher and handles inputs in order: inotify batches from
/// a reader thread, timer ticks, and shutdown. Processing runs in a bounded `WorkQueue`.
public struct WatchDaemon: Service, CustomStringConvertible {
    public struct Options: Sendable {
        public var inbox: URL
        /// Poll instead of inotify (network mounts, where inotify sees nothing).
        public var poll = false
        public var pollInterval: Double = 5
        /// Full reconciliation against the database, as a safety net.
        public var reconcileInterval: Double = 300
        /// How long a graceful stop waits for folders being processed.
        public var shutdownGrace: Double = 8
        /// True when this stop is a SIGHUP reload: systemd was told RELOADING=1 and must not hear
        /// STOPPING=1 (a Type=notify service that says so is stopped by systemd 252, not reloaded).
        public var isReloading: @Sendable () -> Bool = { false }
        /// Several hosts (`--database`): ready folders go to this queue, and this process is one
        /// of its workers; nil on one host.
        public var sharedQueue: (any SharedJobQueue)?
        public var sharedWorker: SharedWorker.Options?

        public init(inbox: URL) {
            self.inbox = inbox.standardizedFileURL
        }
    }

    let options: Options
    let runtime: PipelineRuntime

    public init(options: Options, runtime: PipelineRuntime) {
        self.options = options
        self.runtime = runtime
    }

    public var description: String { "WatchDaemon(\(options.inbox.path))" }

    enum Input: Sendable {
        case events([Inotify.Event])
        case tick
        case failed(String)
    }

    public func run() async throws {
        let lock = try DaemonLock(directory: runtime.stateDirectory.path)
        var inboxLock: InboxLock? = try InboxLock(inbox: options.inbox.path)
        defer { withExtendedLifetime((lock, inboxLock)) {} }
        var logger = runtime.logger
        logger[metadataKey: "inbox"] = "\(options.inbox.path)"
        if inboxLock?.isHeldInInbox == true {
            logger.warning("cannot create the inbox's lock in \(InboxLock.hostLockDirectory); holding it in the inbox instead, so a file system mounted on the inbox cannot be unmounted while the daemon runs")
        }
        let (inputs, continuation) = AsyncStream.makeStream(of: Input.self)

        let inotify: Inotify? = options.poll ? nil : try Inotify()
        var settings = InboxWatcher.Settings(inbox: options.inbox.path, settleSeconds: runtime.configuration.settleSeconds)
        settings.pollInterval = options.pollInterval
        settings.reconcileInterval = options.reconcileInterval
        settings.stalledUploadSeconds = runtime.configuration.stalledUploadMinutes * 60
        var watcher = InboxWatcher(settings: settings, watching: inotify)
        let hookSettings = runtime.configuration.site.hook
        let rebuildHook = hookSettings.targets.isEmpty ? nil
            : RebuildHook(settings: hookSettings, store: runtime.store, stateDirectory: runtime.stateDirectory, logger: logger)
        let actions = WatchActions(inbox: options.inbox, runtime: runtime, logger: logger, rebuildHook: rebuildHook,
                                   sharedQueue: options.sharedQueue)
        let sharedWorkDone = DoneFlag()
        if options.sharedQueue == nil { sharedWorkDone.set() }
        let sharedWork = options.sharedQueue.flatMap { queue in
            options.sharedWorker.map { worker in
                Task { [runtime, logger] in
                    await SharedWorker(queue: queue, options: worker, processor: runtime.processor, logger: logger).run()
                    sharedWorkDone.set()
                }
            }
        }
        defer { sharedWork?.cancel() }
        let hookLoop = rebuildHook.map { hook in Task { await hook.run() } }
        defer { hookLoop?.cancel() }
        // Agents' messages go out from the outbox in a task of their own (never blocking processing).
        let noticeSender = runtime.configuration.notify.isActive
            ? NoticeSender(settings: runtime.configuration.notify, store: runtime.store, logger: logger) : nil
        let noticeLoop = noticeSender.map { sender in Task { await sender.run() } }
        defer { noticeLoop?.cancel() }

        let reader = inotify.map { InotifyReader(inotify: $0, continuation: continuation) }
        reader?.start()
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))  // settle deadlines; READY needs no tick
                continuation.yield(.tick)
            }
        }
        // Metrics first: the start-up reconciliation's duration is recorded too.
        let metrics = runtime.configuration.metricsListen.map { _ in OperatorEndpoint.installMetrics() }
        do {
            try watcher.start()
            let started = ContinuousClock.now
            let effects = try await actions.reconcile("start-up", watcher: &watcher)
            let took = (ContinuousClock.now - started).components
            DaemonMetrics.reconciled(reason: "start-up", seconds: Double(took.seconds) + Double(took.attoseconds) / 1e18)
            await actions.carryOut(effects, on: &watcher)
        } catch {
            ticker.cancel()
            reader?.stop()
            throw error
        }
        logger.notice("watching", metadata: ["mode": "\(options.poll ? "poll" : "inotify")",
                                             "settle_seconds": "\(runtime.configuration.settleSeconds)"])
        let heartbeat = DaemonHeartbeat(notifier: runtime.settings.systemd, inbox: options.inbox.path, runtime: runtime,
                                        queue: actions.queue)
        let endpoint = try await startOperatorEndpoint(heartbeat: heartbeat, metrics: metrics, logger: logger)
        await heartbeat.ready()

        var failure: String?
        await withGracefulShutdownHandler {
            for await input in inputs {
                switch input {
                case .events(let events):
                    await actions.carryOut(watcher.handle(events), on: &watcher)
                    await actions.carryOut(await watcher.checkNewFolders(), on: &watcher)
                case .tick:
                    let effects = await watcher.tick()
                    let replaced = effects.contains(.reconcile(reason: InboxWatcher.inboxReplacedReason))
                    let heldInOldInbox = replaced && inboxLock?.isHeldInInbox == true
                    if heldInOldInbox || inboxLock?.isInPlace != true {
                        // Held in the inbox, the lock went with the old one (let go first: it must
                        // not keep the old file system busy); or its file was deleted by hand:
                        // lock again, or a scan could start there.
                        if heldInOldInbox { inboxLock = nil }
                        do {
                            inboxLock = try InboxLock(inbox: options.inbox.path)
                            if !replaced { logger.notice("the inbox's lock file was deleted; created it again") }
                        } catch {
                            // Tried again every tick; said once, when the inbox changed.
                            if replaced { logger.critical("cannot lock the inbox", metadata: ["error": "\(error)"]) }
                        }
                    } else if !watcher.isInboxUnmounted, let inboxLock, !inboxLock.isMarkerInPlace {
                        // Deleted by hand, or a new inbox (re-created, remounted) without it.
                        inboxLock.writeMarker()
                        if !replaced { logger.notice("the inbox's lock marker \(FileRules.inboxLockName) was deleted; wrote it again") }
                    }
                    await actions.carryOut(effects, on: &watcher)
                    if !watcher.isInboxUnmounted { await actions.retryDue() }
                    await actions.inboxStatus.refreshIfDue()
                    if await heartbeat.tick() {
                        await actions.carryOut([.reconcile(reason: "provider resumed")], on: &watcher)
                    }
                case .failed(let message):
                    failure = message
                    continuation.finish()
                }
            }
        } onGracefulShutdown: {
            continuation.finish()
        }

        logger.notice("stopping")
        if !options.isReloading() { runtime.settings.systemd.stopping() }
        ticker.cancel()
        reader?.stop()
        await actions.queue.dropWaiting()
        await actions.queue.cancelRunning()
        sharedWork?.cancel()
        // Bounded by the clock, not by the jobs: a job that does not notice its cancellation (a
        // call in flight) must not hold the stop past systemd's timeout. (A task group waiting
        // for the idle queue would wait for it whatever the timer said.)
        let deadline = ContinuousClock.now + .seconds(options.shutdownGrace)
        while await !actions.queue.isIdle || !sharedWorkDone.isSet, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
        }
        await actions.inboxStatus.writeNow()
        await endpoint?.stop()
        if let failure { throw PipelineError(.watcherStopped, failure) }
    }

    /// /metrics and /healthz when `[metrics] listen` is set. Unhealthy: the event loop has not
    /// ticked for 10 s (it ticks five times a second), or the state database cannot be written.
    private func startOperatorEndpoint(heartbeat: DaemonHeartbeat, metrics: OperatorEndpoint.MetricsRegistry?,
                                       logger: Logger) async throws -> OperatorEndpoint? {
        guard let listen = runtime.configuration.metricsListen else { return nil }
        let store = runtime.store
        let lifecycle = runtime.processor.lifecycle
        let probeFile = runtime.stateDirectory.appendingPathComponent(".healthz-probe")
        let endpoint = try await OperatorEndpoint.start(listen: listen, metrics: metrics) {
            let stalled = await heartbeat.secondsSinceTick()
            if stalled > 10 { return "the watcher has not run for \(Int(stalled)) s" }
            if let degraded = await heartbeat.degradedBy { return "degraded: \(degraded)" }
            do {
                // A new file, written and synced: fails on a read-only or full file system even
                // where SQLite's already-open files could still be written in place.
                try await BlockingExecutor.shared.run {
                    try AtomicFile.write(Data("ok\n".utf8), to: probeFile)
                    try FileManager.default.removeItem(at: probeFile)
                }
                try await store.probeWrite()
            } catch {
                return "the state database cannot be written: \(error)"
            }
            if let unwritable = lifecycle.unwritable.problem { return "degraded: \(unwritable)" }  // folders the service cannot write
            return nil
        }
        DaemonMetrics.recordInitialValues(hookTargets: runtime.configuration.site.hook.targets)
        logger.notice("serving /metrics and /healthz", metadata: ["listen": "\(listen)"])
        return endpoint
    }
}
