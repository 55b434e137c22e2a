import ArgumentParser
import FolderWatch
import Foundation
import Logging
import Pipeline
import PipelineStore
import UnixSignals

struct WorkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Process folders from the job queue shared by several hosts (PostgreSQL), until stopped.",
        discussion: """
            `watch --database …` on the file server queues the folders that are ready; `work` on any
            host that mounts the same inbox takes them one claim at a time, renews its lease while it
            runs, and publishes with the same atomic renames. A worker killed mid-job loses its claim
            when the lease runs out, and another worker takes the folder. SIGTERM or SIGINT stop it.
            Each worker has its own --state-dir. See docs/SCALE-OUT.md.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var shared: SharedQueueOptions

    @Option(name: .long, help: "The inbox as this host mounts it (default: [watch] inbox in the config).", completion: .directory)
    var inbox: String?

    func run() async throws {
        let settings = try global.settings()
        guard let url = shared.url(settings) else {
            throw ValidationError("no database: give --database postgres://… or `url` in [database] of the config")
        }
        let stop = Task { for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { return } }
        let opening = Task { try await shared.openQueue(url: url, logger: GlobalOptions.makeLogger(settings)) }
        let waitForStop = Task { await stop.value; opening.cancel() }
        let (queue, client) = try await opening.value
        waitForStop.cancel()
        defer { client.cancel() }
        // The queue's database also counts the provider's rate limit and the budgets, and keeps the folder history.
        let runtime = try global.makeRuntime(shared: queue, sharedFolders: shared.folderHistory(queue, inbox: inbox, settings: settings))
        let inboxURL = try WatchCommand.inboxFolder(inbox, runtime: runtime, howToGive: "give --inbox")
        let lock = try DaemonLock(directory: runtime.stateDirectory.path)
        defer { withExtendedLifetime(lock) {} }

        // /metrics and /healthz of this worker when `[metrics] listen` is set (one port per worker);
        // its series carry the worker's name. Unhealthy: the state database cannot be written.
        var endpoint: OperatorEndpoint?
        if let listen = runtime.configuration.metricsListen {
            let store = runtime.store
            endpoint = try await OperatorEndpoint.start(listen: listen) {
                do {
                    try await store.probeWrite()
                    return nil
                } catch {
                    return "the state database cannot be written: \(error)"
                }
            }
            runtime.logger.notice("serving /metrics and /healthz", metadata: ["listen": "\(listen)"])
        }
        let options = shared.workerOptions(inbox: inboxURL, runtime: runtime)
        let worker = Task {
            await SharedWorker(queue: queue, options: options, processor: runtime.processor, logger: runtime.logger).run()
        }
        let finished = DoneFlag()
        Task { await worker.value; finished.set() }
        await stop.value
        runtime.logger.notice("stopping")
        worker.cancel()
        // Bounded by the clock: a run that does not notice its cancellation must not hold the stop.
        let deadline = ContinuousClock.now + .seconds(8)
        while !finished.isSet, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        await endpoint?.stop()
    }
}
