public import Foundation
import Metrics
public import ModelGateway
import PropertyCore

/// The daemon's numbers, through the swift-metrics API (a no-op until `OperatorEndpoint` installs
/// the Prometheus backend, so instrumented code costs nothing when metrics are off).
public enum DaemonMetrics {
    /// `# HELP` for every metric (Prometheus' linter, `promtool check metrics`, wants one; the
    /// swift-metrics API has no place for it, so `OperatorEndpoint` adds these to each scrape).
    /// A new metric needs its line here: a unit test checks every name used in this file.
    public static let help: [String: String] = [
        "property_inbox_folders": "Folders of the inbox by state (from the state database).",
        "property_inbox_folders_processing": "Folders being processed now.",
        "property_inbox_folders_queued": "Folders waiting for a processing slot.",
        "property_inbox_folder_runs_total": "Folder runs, by how they ended.",
        "property_inbox_folder_run_seconds": "Wall time of one folder run.",
        "property_inbox_stage_seconds": "Wall time of one pipeline stage of one folder run (cache hits not counted).",
        "property_inbox_photos_rendered_total": "Photos rendered, by result.",
        "property_inbox_inotify_overflows_total": "inotify queue overflows (each is followed by a full reconciliation).",
        "property_inbox_reconcile_seconds": "Wall time of a reconciliation of the inbox with the database, by reason.",
        "property_inbox_provider_calls_total": "Calls to the model provider, by stage, model and outcome.",
        "property_inbox_provider_retries_total": "Retried provider calls, by model.",
        "property_inbox_provider_tokens_total": "Tokens sent to and received from the provider.",
        "property_inbox_provider_cost_usd_total": "Provider spend in US dollars.",
        "property_inbox_provider_paused": "1 when provider calls are paused for this reason, else 0.",
        "property_inbox_budget_remaining_usd": "Budget left for the day and the month, in US dollars.",
        "property_inbox_provider_breaker_open": "1 while the circuit breaker for this model is open.",
        "property_inbox_hook_deliveries_total": "Rebuild hook deliveries, by target (command, webhook) and result.",
        "property_inbox_hook_pending": "Listing changes the rebuild hook still owes the site, by target.",
        "property_inbox_folders_paused": "Paused folders by reason (cannot_open: the service cannot open or write the folder; disk_full …).",
        "property_inbox_folders_unwritable": "Property folders the service cannot write its outputs into (after trying to add group write).",
        "property_inbox_notifications_backlog": "Messages to agents waiting in the outbox.",
        "property_inbox_notifications_uncertain": "Messages to agents interrupted mid-send (never sent again).",
        "property_inbox_notifications_sent_total": "Messages delivered to agents, by channel.",
        "property_inbox_notifications_failed_total": "Failed attempts to deliver a message to an agent, by channel (retried).",
        "property_inbox_worker_info": "1, labelled with this process's worker name in the shared queue (several hosts).",
        "property_inbox_shared_jobs_total": "Jobs of the shared queue by what happened to them in this worker (claimed, finished, lost_lease, given_back).",
    ]

    /// Every series with a fixed set of labels, at zero, so a dashboard or an alert sees them
    /// from the first scrape rather than after the first event.
    static func recordInitialValues(hookTargets: [String]) {
        Counter(label: "property_inbox_inotify_overflows_total").increment(by: 0)
        // A run ends in a folder state, or "error" (FolderProcessor).
        for outcome in FolderState.allCases.map(\.rawValue) + ["error"] {
            Counter(label: "property_inbox_folder_runs_total", dimensions: [("outcome", outcome)]).increment(by: 0)
        }
        for result in ["ok", "failed"] {
            Counter(label: "property_inbox_photos_rendered_total", dimensions: [("result", result)]).increment(by: 0)
        }
        Gauge(label: "property_inbox_folders_unwritable").record(0)
        Gauge(label: "property_inbox_notifications_backlog").record(0)
        Gauge(label: "property_inbox_notifications_uncertain").record(0)
        setQueue(processing: 0, waiting: 0)
        setFolders([:])
        setPaused([:])
        setPaused(nil)
        for target in hookTargets {
            for result in ["delivered", "failed"] {
                Counter(label: "property_inbox_hook_deliveries_total", dimensions: [("target", target), ("result", result)])
                    .increment(by: 0)
            }
            Gauge(label: "property_inbox_hook_pending", dimensions: [("target", target)]).record(0)
        }
    }

    // MARK: The rebuild hook

    static func hookDelivery(target: String, delivered: Bool) {
        Counter(label: "property_inbox_hook_deliveries_total",
                dimensions: [("target", target), ("result", delivered ? "delivered" : "failed")]).increment()
    }

    static func setHookPending(_ counts: [String: Int], targets: [String]) {
        for target in targets {
            Gauge(label: "property_inbox_hook_pending", dimensions: [("target", target)]).record(counts[target] ?? 0)
        }
    }

    // MARK: Folders and the queue

    /// Paused folders by reason, every reason present (0 when none).
    static func setPaused(_ counts: [PauseReason: Int]) {
        for reason in PauseReason.allCases {
            Gauge(label: "property_inbox_folders_paused", dimensions: [("reason", reason.rawValue)]).record(counts[reason] ?? 0)
        }
    }

    /// Folders of this inbox per state, refreshed every few seconds from the database.
    static func setFolders(_ counts: [FolderState: Int]) {
        for state in FolderState.allCases {
            Gauge(label: "property_inbox_folders", dimensions: [("state", state.rawValue)]).record(counts[state] ?? 0)
        }
    }

    static func setQueue(processing: Int, waiting: Int) {
        Gauge(label: "property_inbox_folders_processing").record(processing)
        Gauge(label: "property_inbox_folders_queued").record(waiting)
    }

    /// One folder run, by how it ended.
    static func folderRun(outcome: String, seconds: Double) {
        Counter(label: "property_inbox_folder_runs_total", dimensions: [("outcome", outcome)]).increment()
        Metrics.Timer(label: "property_inbox_folder_run_seconds").recordSeconds(seconds)
    }

    /// Wall time of one stage of one folder run (work done, not cache hits).
    static func stage(_ name: String, seconds: Double) {
        Metrics.Timer(label: "property_inbox_stage_seconds", dimensions: [("stage", name)]).recordSeconds(seconds)
    }

    static func photosRendered(ok: Int, failed: Int) {
        if ok > 0 { Counter(label: "property_inbox_photos_rendered_total", dimensions: [("result", "ok")]).increment(by: ok) }
        if failed > 0 { Counter(label: "property_inbox_photos_rendered_total", dimensions: [("result", "failed")]).increment(by: failed) }
    }

    // MARK: Several hosts

    /// The events of a shared-queue job, every one present from the start.
    static let sharedJobEvents = ["claimed", "finished", "lost_lease", "given_back"]

    /// Which worker this process is (its series carry the name too, so one scrape says it).
    static func setWorker(_ name: String) {
        Gauge(label: "property_inbox_worker_info", dimensions: [("worker", name)]).record(1)
        for event in sharedJobEvents {
            Counter(label: "property_inbox_shared_jobs_total", dimensions: [("worker", name), ("event", event)]).increment(by: 0)
        }
    }

    static func sharedJob(worker: String, _ event: String) {
        Counter(label: "property_inbox_shared_jobs_total", dimensions: [("worker", worker), ("event", event)]).increment()
    }

    // MARK: The watcher

    static func inotifyOverflow() { Counter(label: "property_inbox_inotify_overflows_total").increment() }

    static func reconciled(reason: String, seconds: Double) {
        Metrics.Timer(label: "property_inbox_reconcile_seconds", dimensions: [("reason", reason)]).recordSeconds(seconds)
    }

    // MARK: The provider

    /// Every usage row the gateway writes: calls, retries, tokens and money by stage and model.
    public static func providerCall(_ record: UsageRecord) {
        let labels = [("stage", record.stage), ("model", record.model)]
        Counter(label: "property_inbox_provider_calls_total", dimensions: labels + [("outcome", record.outcome)]).increment()
        if record.attempt > 1 {
            Counter(label: "property_inbox_provider_retries_total", dimensions: [("model", record.model)]).increment()
        }
        if record.promptTokens > 0 {
            Counter(label: "property_inbox_provider_tokens_total", dimensions: labels + [("direction", "in")]).increment(by: record.promptTokens)
        }
        if record.completionTokens > 0 {
            Counter(label: "property_inbox_provider_tokens_total", dimensions: labels + [("direction", "out")]).increment(by: record.completionTokens)
        }
        if record.costUSD > 0 {
            FloatingPointCounter(label: "property_inbox_provider_cost_usd_total", dimensions: labels).increment(by: record.costUSD)
        }
    }

    /// 1 for the reason provider calls are paused (key refused, no credits, budget spent), else 0.
    static func setPaused(_ error: GatewayError?) {
        for reason in ["invalid_key", "payment_required", "budget_exceeded"] {
            Gauge(label: "property_inbox_provider_paused", dimensions: [("reason", reason)]).record(0)
        }
        if let error {
            Gauge(label: "property_inbox_provider_paused", dimensions: [("reason", pausedReason(error))]).record(1)
        }
    }

    static func setBudget(_ status: BudgetGuard.Status) {
        Gauge(label: "property_inbox_budget_remaining_usd", dimensions: [("period", "day")])
            .record(max(0, status.limits.dailyUSD - status.spentToday))
        Gauge(label: "property_inbox_budget_remaining_usd", dimensions: [("period", "month")])
            .record(max(0, status.limits.monthlyUSD - status.spentThisMonth))
    }

    static func setOpenBreakers(_ models: [String: Bool]) {
        for (model, open) in models {
            Gauge(label: "property_inbox_provider_breaker_open", dimensions: [("model", model)]).record(open ? 1 : 0)
        }
    }

    static func pausedReason(_ error: GatewayError) -> String {
        switch error.code {
        case .invalidKey: "invalid_key"
        case .paymentRequired: "payment_required"
        case .budgetExceeded: "budget_exceeded"
        default: "other"
        }
    }
}
