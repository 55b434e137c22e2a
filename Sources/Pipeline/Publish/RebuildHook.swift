import BlockingIO
import Foundation
import Logging
import ModelGateway
import PipelineStore
import Synchronization

/// Tells the website that listings changed: once publishes have settled, runs the configured
/// command and/or POSTs a signed JSON event, for every delivery the store says is owed.
///
/// Deliveries are recorded in SQLite by the publish itself (`enqueueHookDeliveries`), so one
/// that a crash interrupted goes out after the restart, and one already made is never repeated.
/// Runs in a task of its own: a slow command or a failing receiver never holds up processing;
/// a failure is retried with a doubling delay.
final class RebuildHook: Sendable {
    let settings: RebuildHookSettings
    let store: PipelineStore
    /// Only when a URL is set: libcurl's threads are not started for a command alone.
    let transport: (any HTTPTransport)?
    let logger: Logger
    /// The command's output, replaced on each run (named in the log when it fails).
    let commandLog: URL
    let timing: RebuildHookTiming

    /// Publishes and removals seen since the loop last looked: (first, last), wall-clock seconds.
    private let activity = Mutex<(first: Double, last: Double)?>(nil)

    init(settings: RebuildHookSettings, store: PipelineStore, stateDirectory: URL, logger: Logger,
         transport: (any HTTPTransport)? = nil) {
        self.settings = settings
        self.store = store
        self.transport = transport ?? (settings.url == nil ? nil : CurlTransport(maxConcurrentTransfers: 2))
        self.logger = logger
        self.commandLog = stateDirectory.appendingPathComponent("rebuild-hook.log")
        self.timing = RebuildHookTiming(debounce: settings.debounceSeconds, maxWait: settings.maxWaitSeconds,
                                        maxRetry: settings.maxRetrySeconds)
    }

    /// A folder was published or removed: the hook runs after the burst settles. Never waits.
    func noteActivity() {
        let now = Date().timeIntervalSince1970
        activity.withLock { $0 = ($0?.first ?? now, now) }
    }

    /// Until cancelled. Deliveries left from before a restart go out after one quiet period.
    /// Looks at its own counters five times a second; reads the database only when something was
    /// published or removed, or when the time it set for itself has come.
    func run() async {
        noteActivity()
        var burst: (first: Double, last: Double)?
        var lookAt: Double? = 0
        while !Task.isCancelled {
            let now = Date().timeIntervalSince1970
            if let seen = activity.withLock({ value in defer { value = nil }; return value }) {
                burst = (burst?.first ?? seen.first, seen.last)
                lookAt = now
            }
            if let due = lookAt, due <= now {
                lookAt = await step(now: now, burst: &burst)
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Delivers what is due; returns when to look again (nil: not before the next publish).
    private func step(now: Double, burst: inout (first: Double, last: Double)?) async -> Double? {
        guard let pending = await owedDeliveries() else { return now + 5 }
        DaemonMetrics.setHookPending(Dictionary(grouping: pending, by: \.target).mapValues(\.count), targets: settings.targets)
        guard !pending.isEmpty else { burst = nil; return nil }
        if let current = burst {
            let fire = timing.fireTime(burstStarted: current.first, lastActivity: current.last)
            if fire > now { return fire }
        }
        burst = nil
        var lookAgainAt: Double?
        for target in settings.targets {
            let batch = RebuildHookTiming.batch(pending.filter { $0.target == target }, now: now)
            if !batch.send.isEmpty {
                await deliver(batch.send, to: target)
                lookAgainAt = now  // what failed now waits for its retry time
            } else if let later = batch.lookAgainAt {
                lookAgainAt = min(lookAgainAt ?? later, later)
            }
        }
        return lookAgainAt
    }

    /// `scan`'s one pass: everything owed goes out now, once per target, with no debounce (the
    /// scan is the burst). What fails stays owed: the next scan or the daemon sends it.
    func deliverOwedNow() async -> (listings: Int, failedTargets: [String]) {
        guard let pending = await owedDeliveries() else { return (0, settings.targets) }
        var listings = 0
        var failed: [String] = []
        for target in settings.targets {
            let batch = pending.filter { $0.target == target }
            guard !batch.isEmpty else { continue }
            if await deliver(batch, to: target) {
                listings = max(listings, RebuildHookEvent.changes(batch).count)
            } else {
                failed.append(target)
            }
        }
        return (listings, failed)
    }

    /// Deliveries not yet made to a configured target; nil (logged) when the database cannot be read.
    private func owedDeliveries() async -> [HookDelivery]? {
        let targets = Set(settings.targets)
        do {
            return try await store.pendingHookDeliveries().filter { targets.contains($0.target) }
        } catch {
            logger.error("rebuild hook: cannot read the pending deliveries", metadata: ["error": "\(error)"])
            return nil
        }
    }

    @discardableResult
    private func deliver(_ batch: [HookDelivery], to target: String) async -> Bool {
        let changes = RebuildHookEvent.changes(batch)
        let ids = batch.compactMap(\.id)
        do {
            if target == "command", let command = settings.command {
                try await runCommand(command, changes: changes)
            } else if target == "webhook", let url = settings.url, let transport {
                try await post(to: url, changes: changes, through: transport)
            }
            try await store.markHookDelivered(ids: ids)
            logger.info("rebuild hook delivered", metadata: ["target": "\(target)", "listings": "\(changes.count)"])
            DaemonMetrics.hookDelivery(target: target, delivered: true)
            return true
        } catch {
            let now = Date().timeIntervalSince1970
            let timing = timing
            try? await store.markHookFailed(ids: ids, error: "\(error)") { now + timing.retryDelay(afterAttempts: $0) }
            logger.warning("rebuild hook failed; it will be retried",
                           metadata: ["target": "\(target)", "listings": "\(changes.count)", "error": "\(error)"])
            DaemonMetrics.hookDelivery(target: target, delivered: false)
            return false
        }
    }

    struct HookFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// `/bin/sh -c command`, the ids on standard input (from a file: a command that never reads
    /// it cannot block the daemon or end it with SIGPIPE) and in the environment.
    private func runCommand(_ command: String, changes: [RebuildHookEvent.Change]) async throws {
        let (commandLog, stdinData) = (commandLog, RebuildHookEvent.standardInput(changes))
        let (stdin, output) = try await BlockingExecutor.shared.run {
            let input = commandLog.deletingLastPathComponent().appendingPathComponent("rebuild-hook.stdin")
            try stdinData.write(to: input, options: .atomic)
            FileManager.default.createFile(atPath: commandLog.path, contents: nil)
            return (try FileHandle(forReadingFrom: input), try FileHandle(forWritingTo: commandLog))
        }
        defer { try? output.close(); try? stdin.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment.merging(RebuildHookEvent.environment(changes)) { _, new in new }
        environment["PROPERTY_INBOX_HOOK_SECRET"] = nil  // the webhook's key is not the command's business
        process.environment = environment
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        guard status == 0 else {
            throw HookFailure(description: "the command exited with status \(status) (its output: \(commandLog.path))")
        }
    }

    /// POST of the JSON event; any 2xx is a delivery. The URL is never logged (deploy-hook URLs
    /// carry their own secret), nor is the signing key.
    private func post(to url: String, changes: [RebuildHookEvent.Change], through transport: any HTTPTransport) async throws {
        let body = RebuildHookEvent.body(changes, sentAt: Timestamp.now())
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if let secret = settings.secret {
            headers.append((RebuildHookEvent.signatureHeader, RebuildHookEvent.signature(of: body, secret: secret)))
        }
        let response = try await transport.send(HTTPRequest(method: .post, url: url, headers: headers, body: .bytes(body),
                                                             connectTimeout: .seconds(10), totalTimeout: .seconds(30)))
        guard (200..<300).contains(response.status) else {
            throw HookFailure(description: "the webhook answered HTTP \(response.status)")
        }
    }
}
