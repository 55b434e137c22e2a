import BlockingIO
import ContentHash
public import FolderWatch
public import Foundation
public import Logging
import PropertyCore
import Synchronization

/// Asked right before a publish's renames (several hosts): false means the folder is no longer
/// this worker's to publish.
public protocol PublishFence: Sendable {
    func mayPublish() async -> Bool
}

/// Thrown at publish when the fence says no: the run stops and writes nothing more.
public struct LeaseLost: Error, CustomStringConvertible {
    public let folder: String
    public var description: String { "the claim on \(FileName.display(folder)) was taken over by another worker" }
}

/// What the watcher puts in a job so the queue can tell "same inputs, already done" from "changed":
/// the paths, sizes and modification times of the files the pipeline reads (no inodes: every host
/// mounting the inbox sees the same sizes and times, not always the same inode numbers).
public enum InputFingerprint {
    public static func of(_ snapshot: FolderSnapshot) -> String {
        let lines = snapshot.fileStamps.sorted { $0.relativePath < $1.relativePath }
            .map { "\($0.relativePath)\u{0}\($0.bytes)\u{0}\($0.mtimeNs)" }
        return ContentHash.sha256(of: lines.joined(separator: "\n"))
    }
}

/// `property-inbox work` (and `watch --database`): takes folder jobs from the shared queue, runs
/// each through the same `FolderLifecycle.run` as one host does, keeps the job's lease renewed
/// while it runs, and marks it finished. A database that does not answer pauses the claiming
/// (logged once); it goes on when the database is back. Runs until cancelled.
public struct SharedWorker: Sendable {
    public struct Options: Sendable {
        /// Where this host mounts the inbox; jobs name folders relative to it.
        public var inbox: URL
        /// Who holds a claim, in the queue and the log: host and pid unless given.
        public var name: String
        /// How long a claim lasts without renewal: a worker killed mid-job delays its folder this long.
        public var leaseSeconds: Double = 30
        /// Folders this worker runs at once.
        public var concurrency: Int = 1
        /// How often an idle worker asks for a job.
        public var pollSeconds: Double = 0.5
        /// Tests only: a pause between claiming a job and running it (to kill or stop a worker mid-job).
        public var testDelaySeconds: Double = 0

        public init(inbox: URL, name: String) {
            self.inbox = inbox.standardizedFileURL
            self.name = name
        }

        public static func defaultName() -> String {
            "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        }

        /// The lease must have this much left at publish: renewals come every third of it, so
        /// a worker that is still renewing always passes.
        var publishMarginSeconds: Double { leaseSeconds / 4 }
    }

    let queue: any SharedJobQueue
    let options: Options
    let processor: FolderProcessor
    let logger: Logger
    /// Said once by whichever call first finds the database away, and once when one gets through again.
    let outage: DatabaseOutage

    public init(queue: any SharedJobQueue, options: Options, processor: FolderProcessor, logger: Logger) {
        self.queue = queue
        self.options = options
        self.processor = processor
        var logger = logger
        logger[metadataKey: "worker"] = "\(options.name)"
        self.logger = logger
        outage = DatabaseOutage(logger: logger)
    }

    public func run() async {
        DaemonMetrics.setWorker(options.name)
        logger.notice("working from the shared queue", metadata: ["lease_seconds": "\(options.leaseSeconds)",
                                                                  "concurrency": "\(options.concurrency)"])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, options.concurrency) {
                group.addTask { await claimLoop() }
            }
            group.addTask { await retryLoop() }
        }
    }

    private func claimLoop() async {
        while !Task.isCancelled {
            let job: ClaimedJob?
            do {
                job = try await queue.claim(worker: options.name, leaseSeconds: options.leaseSeconds)
                outage.ended()
            } catch {
                outage.began("\(error)")
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            guard let job else {
                try? await Task.sleep(for: .seconds(options.pollSeconds))
                continue
            }
            await work(job)
        }
    }

    /// Paused folders whose retry is due (the lifecycle's backoff, in this process) go back to the
    /// shared queue, so any worker may take them; and every 5 s, "this worker is alive".
    private func retryLoop() async {
        var due: [String] = []
        var ticks = 0
        while !Task.isCancelled {
            if ticks % 5 == 0 { try? await queue.checkIn(worker: options.name) }
            ticks += 1
            try? await Task.sleep(for: .seconds(1))
            due += processor.lifecycle.takeDueRetries()
            var left: [String] = []
            for path in due {
                guard let relative = relativePath(path) else { continue }
                let fingerprint = await BlockingExecutor.watcher.run { FolderSnapshot.take(of: path).map(InputFingerprint.of) }
                guard let fingerprint else { continue }  // gone: nothing to retry
                do {
                    try await queue.enqueue(folder: relative, fingerprint: fingerprint, force: true)
                } catch {
                    outage.began("\(error)")
                    left.append(path)
                }
            }
            due = left
        }
    }

    func relativePath(_ path: String) -> String? {
        let prefix = options.inbox.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : nil
    }

    private func work(_ job: ClaimedJob) async {
        let folder = options.inbox.appendingPathComponent(job.folder)
        var log = logger
        log[metadataKey: "property"] = "\(FileName.display(job.folder))"
        log[metadataKey: "fence"] = "\(job.fence)"
        log.info("job claimed")
        DaemonMetrics.sharedJob(worker: options.name, "claimed")
        let keeper = Task { [queue, options, log] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(options.leaseSeconds / 3))
                if Task.isCancelled { return }
                // A database that does not answer: keep trying; the fence at publish decides.
                if (try? await queue.renew(job, leaseSeconds: options.leaseSeconds)) == false {
                    log.warning("the job's lease was taken over by another worker")
                    return
                }
            }
        }
        defer { keeper.cancel() }
        if options.testDelaySeconds > 0 { try? await Task.sleep(for: .seconds(options.testDelaySeconds)) }

        // Asked before the run too: a worker that was stopped (SIGSTOP, a frozen VM) while it held
        // the claim must not even write a "processing" status over the new worker's.
        let fence = JobFence(queue: queue, job: job, options: options, logger: log, outage: outage)
        let outcome: FolderLifecycle.RunOutcome? = await !fence.mayPublish() ? .leaseLost
            : FileSystem.isDirectory(folder.path) ? await processor.lifecycle.run(folder, with: processor, fence: fence) : nil
        keeper.cancel()
        let ended: String
        var published = false
        switch outcome {
        case nil: ended = "gone"
        case .finished(let run)?:
            ended = run.state.rawValue
            published = run.stagesRun.contains("publish")
        case .paused?: ended = "paused"
        case .failed?: ended = "failed"
        case .gone?: ended = "gone"
        case .uploading?: ended = "uploading"
        case .losingEntries?: ended = "losing_entries"
        case .interrupted?, .leaseLost?:
            // Given back so another worker need not wait for the lease (refused if already taken over).
            try? await queue.release(job)
            if case .leaseLost? = outcome {
                DaemonMetrics.sharedJob(worker: options.name, "lost_lease")
            } else {
                DaemonMetrics.sharedJob(worker: options.name, "given_back")
            }
            log.info("job given back", metadata: ["outcome": "\(outcome.map { "\($0)" } ?? "")"])
            return
        }
        await finish(job, outcome: ended, published: published, log: log)
    }

    /// Recorded even across a short database outage; given up after two minutes (the job is then
    /// claimed again once its lease runs out, and that run finds the listing already published).
    private func finish(_ job: ClaimedJob, outcome: String, published: Bool, log: Logger) async {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            do {
                let recorded = try await queue.finish(job, outcome: outcome, published: published)
                outage.ended()
                DaemonMetrics.sharedJob(worker: options.name, recorded ? "finished" : "lost_lease")
                if recorded {
                    log.notice("job finished", metadata: ["outcome": "\(outcome)", "published": "\(published)"])
                } else {
                    log.warning("job finished, but another worker had taken it over", metadata: ["outcome": "\(outcome)",
                                                                                                 "published": "\(published)"])
                }
                return
            } catch {
                outage.began("\(error)")
                try? await Task.sleep(for: .seconds(1))
            }
        }
        log.error("could not record the job's end; it will run again", metadata: ["outcome": "\(outcome)"])
    }
}

/// The fence of one claim: the queue still names this claim, with time left on its lease. A
/// database that does not answer says no (publishing without knowing could publish twice).
struct JobFence: PublishFence {
    let queue: any SharedJobQueue
    let job: ClaimedJob
    let options: SharedWorker.Options
    let logger: Logger
    let outage: DatabaseOutage

    func mayPublish() async -> Bool {
        do {
            return try await queue.holds(job, marginSeconds: options.publishMarginSeconds)
        } catch {
            outage.began("\(error)")
            logger.warning("cannot confirm the claim with the database; stopping this run", metadata: ["error": "\(error)"])
            return false
        }
    }
}

/// Set once a task has returned (a stop waits for it, bounded by the clock).
public final class DoneFlag: Sendable {
    private let value = Atomic<Bool>(false)
    public init() {}
    public var isSet: Bool { value.load(ordering: .acquiring) }
    public func set() { value.store(true, ordering: .releasing) }
}

/// Says once that the database stopped answering, and once that it answers again.
final class DatabaseOutage: Sendable {
    private let down = Mutex<Bool>(false)
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    func began(_ error: String) {
        if down.withLock({ old in defer { old = true }; return !old }) {
            logger.warning("the database does not answer; waiting for it", metadata: ["error": "\(error)"])
        }
    }

    func ended() {
        if down.withLock({ old in defer { old = false }; return old }) {
            logger.notice("the database answers again; taking jobs")
        }
    }
}
