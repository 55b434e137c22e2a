import ArgumentParser
import Foundation
import Logging
import Pipeline
import PostgresQueue

/// `--database` and its companions, for `watch` and `work` (several hosts; docs/SCALE-OUT.md).
struct SharedQueueOptions: ParsableArguments {
    @Option(name: .long, help: "PostgreSQL URL (postgres://user:password@host:port/database) of the job queue and folder history shared by several hosts (default: [database] url in the config, or $PROPERTY_INBOX_DATABASE_URL; none: this host works alone).")
    var database: String?

    @Option(name: .long, help: "Seconds a worker's claim on a folder lasts without renewal (default from config: 30).")
    var leaseSeconds: Double?

    @Option(name: .long, help: "This worker's name in the queue and the log (default: host:pid).")
    var workerName: String?

    @Option(name: .long, help: "Folders this worker processes at once (default: [watch] max_concurrent_folders).")
    var concurrency: Int?

    func url(_ settings: Settings) -> String? {
        database ?? settings.configuration.databaseURL
    }

    /// The queue, its connection pool running in `clientTask`, its tables created. Waits for a
    /// database that is not up yet (a worker may start before it), saying so once.
    func openQueue(url: String, logger: Logger) async throws -> (PostgresJobQueue, Task<Void, Never>) {
        guard DatabaseURL.isPostgres(url) else {
            throw ValidationError("--database: only PostgreSQL is supported (postgres://…), not \(DatabaseURL.redacted(url))")
        }
        let queue = try PostgresJobQueue(url: url, logger: logger)
        let clientTask = Task { await queue.run() }
        var said = false
        while true {
            do {
                try await queue.prepareSchema()
                break
            } catch {
                if Task.isCancelled { clientTask.cancel(); throw CancellationError() }
                if !said { logger.warning("the database does not answer yet; waiting", metadata: ["database": "\(DatabaseURL.redacted(url))",
                                                                                                   "error": "\(error)"]) }
                said = true
                try? await Task.sleep(for: .seconds(2))
            }
        }
        logger.notice("job queue ready", metadata: ["database": "\(DatabaseURL.redacted(url))"])
        return (queue, clientTask)
    }

    /// The folder history in the queue's database, keyed by paths relative to this host's inbox
    /// (`inbox`, else [watch] inbox), standardized as `WatchCommand.inboxFolder` does.
    func folderHistory(_ queue: PostgresJobQueue, inbox: String?, settings: Settings) -> PostgresFolderHistory {
        let path = (inbox ?? settings.configuration.inboxPath).map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        return PostgresFolderHistory(queue: queue, inbox: path)
    }

    func workerOptions(inbox: URL, runtime: PipelineRuntime) -> SharedWorker.Options {
        var options = SharedWorker.Options(inbox: inbox, name: workerName ?? SharedWorker.Options.defaultName())
        options.leaseSeconds = max(1, leaseSeconds ?? runtime.configuration.leaseSeconds)
        options.concurrency = max(1, concurrency ?? runtime.configuration.maxConcurrentFolders)
        // Tests only: a pause after each claim, so a test can kill or stop a worker mid-job.
        if let delay = ProcessInfo.processInfo.environment["PROPERTY_INBOX_TEST_JOB_DELAY_SECONDS"].flatMap(Double.init) {
            options.testDelaySeconds = delay
        }
        return options
    }
}
