import ArgumentParser
import FolderWatch
import Foundation
import ModelGateway
import Pipeline
import PipelineStore
import PropertyCore

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Process every ready folder in an inbox once, then exit.",
        discussion: "A folder is ready when it contains READY or nothing in it changed for the settle window."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The inbox folder (one subfolder per property).", completion: .directory)
    var inbox: String

    @Option(name: .long, help: "Seconds without change before a folder counts as uploaded (default from config: 15).")
    var settle: Double?

    func run() async throws {
        var runtime = try global.makeRuntime()
        let inboxURL = URL(fileURLWithPath: inbox).standardizedFileURL
        try StateDirectory.check(runtime.stateDirectory, isOutside: inboxURL)
        try DaemonLock.checkNoDaemon(stateDirectory: runtime.stateDirectory.path)
        let lock = try InboxLock.ifPossible(inbox: inboxURL.path)
        defer { withExtendedLifetime(lock) {} }
        if let settle { runtime = try runtime.withSettleSeconds(settle) }
        // Each folder is printed as it finishes, so a scan of a thousand folders shows progress.
        let counted = isatty(STDOUT_FILENO) != 0
        let summary = try await runtime.scanner().scan(inbox: inboxURL) { progress in
            let prefix = counted ? "[\(progress.done)/\(progress.total)] " : ""
            switch progress.result {
            case .success(let outcome): print(prefix + OutcomeText.line(outcome))
            case .failure(let failure): print(prefix + "\(failure.propertyId): error — \(failure.message)")
            }
            fflush(nil)  // a pipe (cron, a log) gets each line as it happens too
        }
        for name in summary.waiting { print("\(name): waiting for the upload to finish (a file still open, no READY file, or changed recently)") }
        print("\(summary.outcomes.count) processed, \(summary.waiting.count) waiting, \(summary.errors.count) errors. Inbox summary: \(inboxURL.appendingPathComponent("_INBOX_STATUS.txt").path)")
        await OwedRebuildHook.send(runtime)  // the scan is the burst: the site hears of it now
        // A refused key, no credits or a spent budget: the listings went out from the offline
        // rules, but a cron job or a person must learn that the provider needs attention.
        if let paused = await runtime.gateway?.pausedBy() {
            FileHandle.standardError.write(Data("Error: \(paused.summary)\n".utf8))
            throw ExitCode(Self.providerPausedExitCode)
        }
        if !summary.errors.isEmpty { throw ExitCode.failure }
    }

    /// Distinct from 1 (a folder failed) so scripts can tell "fix the provider" from "look at a folder".
    static let providerPausedExitCode: Int32 = 3
}
