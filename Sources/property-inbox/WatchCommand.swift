import ArgumentParser
import Foundation
import Logging
import Pipeline
import ServiceLifecycle
import UnixSignals

struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Run the daemon: process each folder once its upload is complete, and again when it changes.",
        discussion: """
            A folder is processed when it contains READY, or when nothing in it changed for the settle
            window. SIGTERM or SIGINT stop the daemon within 10 seconds. One daemon per state directory.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The inbox folder (one subfolder per property).", completion: .directory)
    var inbox: String

    @Flag(name: .long, help: "Poll the inbox instead of using inotify (for network mounts).")
    var poll = false

    @Option(name: .long, help: "Seconds between polls with --poll (each poll stats every file in the inbox).")
    var pollInterval: Double = 5

    @Option(name: .long, help: "Seconds without change before a folder counts as uploaded (default from config: 15).")
    var settle: Double?

    func run() async throws {
        var runtime = try global.makeRuntime()
        let inboxURL = URL(fileURLWithPath: inbox).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inboxURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("the inbox \(inboxURL.path) does not exist or is not a folder")
        }
        try StateDirectory.check(runtime.stateDirectory, isOutside: inboxURL)
        if let settle { runtime = try runtime.withSettleSeconds(settle) }
        var options = WatchDaemon.Options(inbox: inboxURL)
        options.poll = poll
        options.pollInterval = pollInterval
        let daemon = WatchDaemon(options: options, runtime: runtime)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: daemon, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: runtime.logger))
        do {
            try await group.run()
        } catch {
            runtime.logger.critical("watch stopped", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
