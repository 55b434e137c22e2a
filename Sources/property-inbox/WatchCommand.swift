import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import Pipeline
import PostgresQueue
import ServiceLifecycle
import Synchronization
import UnixSignals

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Run the daemon: process each folder once its upload is complete, and again when it changes.",
        discussion: """
            A folder is processed when it contains READY, or when nothing in it changed for the settle
            window. SIGTERM or SIGINT stop the daemon within 10 seconds; SIGHUP reloads the
            configuration (the daemon stops gracefully and starts again in place, same pid). One
            daemon per state directory.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var shared: SharedQueueOptions

    @Argument(help: "The inbox folder (one subfolder per property); default: [watch] inbox in the config.",
              completion: .directory)
    var inbox: String?

    @Flag(name: .long, help: "Poll the inbox instead of using inotify (for network mounts).")
    var poll = false

    @Option(name: .long, help: "Seconds between polls with --poll (each poll stats every file in the inbox).")
    var pollInterval: Double = 5

    @Option(name: .long, help: "Seconds without change before a folder counts as uploaded (default from config: 15).")
    var settle: Double?

    func run() async throws {
        // Several hosts: ready folders become jobs in PostgreSQL, this daemon is also a worker, and
        // the provider's rate limit, the budgets and the folder history are shared there.
        let settings = try global.settings()
        var databaseClient: Task<Void, Never>?
        defer { databaseClient?.cancel() }
        var sharedQueue: PostgresJobQueue?
        if let url = shared.url(settings) {
            let (queue, client) = try await shared.openQueue(url: url, logger: GlobalOptions.makeLogger(settings))
            (sharedQueue, databaseClient) = (queue, client)
        }
        var runtime = try global.makeRuntime(shared: sharedQueue,
                                             sharedFolders: sharedQueue.map { shared.folderHistory($0, inbox: inbox, settings: settings) })
        let inboxURL = try Self.inboxFolder(inbox, runtime: runtime, howToGive: "give it on the command line")
        if let settle { runtime = try runtime.withSettleSeconds(settle) }
        var options = WatchDaemon.Options(inbox: inboxURL)
        options.poll = poll
        options.pollInterval = pollInterval
        let reloadRequested = Atomic<Bool>(false)
        options.isReloading = { reloadRequested.load(ordering: .relaxed) }
        if let sharedQueue {
            options.sharedQueue = sharedQueue
            options.sharedWorker = shared.workerOptions(inbox: inboxURL, runtime: runtime)
        }
        let daemon = WatchDaemon(options: options, runtime: runtime)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: runtime.logger))
        // SIGHUP means "reload the configuration" to an operator; by default it would kill the
        // daemon with a status systemd's Restart=on-failure treats as clean, leaving it down.
        let hangups = Task { [logger = runtime.logger, systemd = runtime.settings.systemd, global] in
            for await _ in await UnixSignalsSequence(trapping: .sighup) {
                // A configuration with a mistake would stop the daemon for good: check it first.
                do {
                    _ = try global.settings()
                } catch {
                    logger.error("SIGHUP: the configuration has errors; still running with the previous one", metadata: ["error": "\(error)"])
                    continue
                }
                logger.notice("SIGHUP: reloading the configuration (stopping gracefully, then starting again in place)")
                // RELOADING=1 first, so the graceful stop below does not say STOPPING=1; the new
                // run's READY=1 ends the reload (same pid).
                reloadRequested.store(true, ordering: .relaxed)
                systemd.reloading()
                await group.triggerGracefulShutdown()
                return
            }
        }
        do {
            try await group.run()
        } catch {
            runtime.logger.critical("watch stopped", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode.failure
        }
        hangups.cancel()
        if reloadRequested.load(ordering: .relaxed) {
            Self.restartInPlace()  // the new run says READY=1
        }
    }

    /// The inbox from the command line or the config, checked: an existing folder, not holding
    /// the state directory. (`work` too.)
    static func inboxFolder(_ given: String?, runtime: PipelineRuntime, howToGive: String) throws -> URL {
        guard let inbox = given ?? runtime.configuration.inboxPath else {
            throw ValidationError("no inbox: \(howToGive) or as `inbox = \"/srv/…\"` in [watch] of the config")
        }
        let inboxURL = URL(fileURLWithPath: inbox).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inboxURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("the inbox \(inboxURL.path) does not exist or is not a folder")
        }
        try StateDirectory.check(runtime.stateDirectory, isOutside: inboxURL)
        return inboxURL
    }

    /// Replaces this process with a fresh run of the same command line (same pid, so systemd
    /// keeps tracking it), which reads the configuration anew. Every descriptor we hold (the
    /// state lock, inotify, SQLite) is close-on-exec, so the new run starts clean.
    static func restartInPlace() -> Never {
        // Signal dispositions set to "ignore" survive exec; the new run installs its own handling.
        for signal in [SIGHUP, SIGTERM, SIGINT] { _ = Glibc.signal(signal, SIG_DFL) }
        // The photo workers were told to exit; reap them (for at most a second), or each reload
        // would leave zombies the new run does not know it has.
        let until = ContinuousClock.now + .seconds(1)
        while ContinuousClock.now < until {
            let reaped = waitpid(-1, nil, WNOHANG)
            if reaped < 0 { break }  // ECHILD: none left
            if reaped == 0 { usleep(20_000) }
        }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigprocmask(SIG_SETMASK, &unblocked, nil)
        var arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &arguments)
        FileHandle.standardError.write(Data("Error: cannot restart after SIGHUP: \(String(cString: strerror(errno)))\n".utf8))
        Glibc.exit(EXIT_FAILURE)
    }
}
