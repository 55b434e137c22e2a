import FolderWatch
import Foundation
import ModelGateway
import PipelineStore
import PropertyCore

/// What the daemon reports about itself, driven by its event loop's ticks: systemd's READY,
/// watchdog pings (at half the interval systemd asked for) and STATUS line; the metrics gauges
/// (folders by state, queue, provider pause, budget, breakers) every few seconds; and the time
/// of the last tick, which `/healthz` uses to tell a stalled loop.
actor DaemonHeartbeat {
    let notifier: SystemdNotifier
    let inbox: String
    let runtime: PipelineRuntime
    let queue: WorkQueue
    /// Monotonic seconds from the lifecycle's clock (tests move it by hand).
    private let clock: any WallClock
    private var lastTick: Double
    private var lastPing: Double
    private var lastRefresh: Double
    private var lastKeyCheck: Double
    private var lastStatus = ""
    /// What makes `/healthz` report the daemon degraded though its loop runs: a rebuild hook that
    /// has failed `hookFailuresBeforeUnhealthy` times in a row (the site no longer follows).
    private(set) var degradedBy: String?
    static let hookFailuresBeforeUnhealthy = 5
    private let refreshEvery = 5.0
    /// One prober for the daemon's life: each has its own libcurl threads, so a new one per
    /// check would add threads for as long as the key stays refused.
    private let keyProbe: ProviderProbe?

    init(notifier: SystemdNotifier, inbox: String, runtime: PipelineRuntime, queue: WorkQueue) {
        self.notifier = notifier
        self.inbox = inbox
        self.runtime = runtime
        self.queue = queue
        clock = runtime.processor.lifecycle.clock
        let now = clock.monotonic()
        (lastTick, lastPing, lastRefresh, lastKeyCheck) = (now, now, now, now)
        keyProbe = runtime.gateway.map { ProviderProbe(config: $0.config) }
    }

    /// Start-up is done (the inbox reconciled): READY=1 with the first status, first gauges.
    func ready() async {
        lastStatus = await refresh()
        notifier.ready(status: lastStatus)
    }

    /// Returns true when provider calls were paused and work again: the caller then re-runs the
    /// folders that were published without AI meanwhile.
    func tick() async -> Bool {
        let now = clock.monotonic()
        lastTick = now
        let resumed = await recheckKeyIfDue(now)
        if let interval = notifier.watchdogInterval, now - lastPing >= interval.seconds / 2 {
            lastPing = now
            notifier.watchdog()
        }
        guard resumed || now - lastRefresh >= refreshEvery else { return resumed }
        lastRefresh = now
        let status = await refresh()
        if status != lastStatus {
            lastStatus = status
            notifier.status(status)
        }
        return resumed
    }

    /// A refused key or an empty account does not fix itself inside the daemon: ask the provider
    /// (`GET /key`) every `keyRecheckSeconds` whether it works again, so a fixed key or new
    /// credits resume the queue without a restart.
    private func recheckKeyIfDue(_ now: Double) async -> Bool {
        guard let gateway = runtime.gateway, let paused = await gateway.pausedBy(),
              paused.code == .invalidKey || paused.code == .paymentRequired,
              now - lastKeyCheck >= runtime.configuration.keyRecheckSeconds else { return false }
        lastKeyCheck = now
        guard let (status, _) = try? await keyProbe?.get("/key"), status == 200 else { return false }
        await gateway.resume()
        return true
    }

    /// Seconds since the event loop last ticked (it ticks five times a second).
    func secondsSinceTick() -> Double {
        clock.monotonic() - lastTick
    }

    /// Updates the gauges and returns the status line ("watching 812 folders, 3 processing, AI paused: …").
    private func refresh() async -> String {
        let counts = (try? await runtime.store.folderCounts(inboxPath: inbox)) ?? [:]
        let processing = await queue.runningFolders.count
        let paused = await runtime.gateway?.pausedBy()
        DaemonMetrics.setFolders(counts)
        DaemonMetrics.setQueue(processing: processing, waiting: await queue.waitingCount)
        DaemonMetrics.setPaused(paused)
        if let gateway = runtime.gateway {
            if let budget = try? await gateway.budget.status() { DaemonMetrics.setBudget(budget) }
            var open: [String: Bool] = [:]
            for model in Set(gateway.config.textModels + gateway.config.visionModels) {
                open[model] = await gateway.breakers.state(of: model) != .closed
            }
            DaemonMetrics.setOpenBreakers(open)
        }
        let folders = counts.filter { $0.key != .removed }.values.reduce(0, +)
        var line = "watching \(folders) folder\(folders == 1 ? "" : "s"), \(processing) processing"
        let pausedBy = (try? await runtime.store.pausedCounts(inboxPath: inbox)) ?? [:]
        DaemonMetrics.setPaused(pausedBy)
        if let waiting = counts[.paused], waiting > 0 {
            let reasons = pausedBy.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            line += ", \(waiting) paused (retrying by itself\(reasons.isEmpty ? "" : ": " + reasons.joined(separator: ", ")))"
        }
        if let paused { line += ", AI paused: \(paused.reason)" }
        let hook = await hookBacklog()
        if hook.failing > 0 {
            line += ", rebuild hook failing (\(hook.owed) listing change\(hook.owed == 1 ? "" : "s") owed)"
        }
        degradedBy = hook.attempts >= Self.hookFailuresBeforeUnhealthy
            ? "the rebuild hook has failed \(hook.attempts) times in a row; \(hook.owed) listing changes are owed to the site"
            : nil
        return line
    }

    /// Deliveries owed to the configured hook targets: how many, how many have failed, and the
    /// most failed attempts of one (the metrics' `property_inbox_hook_pending` comes from here too).
    private func hookBacklog() async -> (owed: Int, failing: Int, attempts: Int) {
        let targets = runtime.configuration.site.hook.targets
        guard !targets.isEmpty, let pending = try? await runtime.store.pendingHookDeliveries() else { return (0, 0, 0) }
        let owed = pending.filter { targets.contains($0.target) }
        DaemonMetrics.setHookPending(Dictionary(grouping: owed, by: \.target).mapValues(\.count), targets: targets)
        let failing = owed.filter { $0.attempts > 0 }
        return (owed.count, failing.count, failing.map(\.attempts).max() ?? 0)
    }
}
