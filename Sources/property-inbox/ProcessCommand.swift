import ArgumentParser
import FolderWatch
import Foundation
import Pipeline
import PipelineStore
import PropertyCore

struct ProcessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "process",
        abstract: "Process one property folder now (no settle wait), then exit."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The property folder.", completion: .directory)
    var folder: String

    func run() async throws {
        let runtime = try global.makeRuntime()
        let folderURL = URL(fileURLWithPath: folder).standardizedFileURL
        try StateDirectory.check(runtime.stateDirectory, isOutside: folderURL.deletingLastPathComponent())
        let lock = try DaemonLock.inboxIfPossible(folderURL.deletingLastPathComponent().path)
        defer { withExtendedLifetime(lock) {} }
        let outcome = try await runtime.processor.process(folder: folderURL)
        try? await InboxStatusWriter.write(inbox: folderURL.deletingLastPathComponent(), store: runtime.store,
                                           language: runtime.configuration.statusLanguage)
        print(OutcomeText.line(outcome))
        await OwedRebuildHook.send(runtime)
        if outcome.state == .failed { throw ExitCode.failure }
    }
}

/// One line per folder for the terminal.
enum OutcomeText {
    static func line(_ outcome: FolderOutcome) -> String {
        var line = "\(outcome.propertyId): \(outcome.state.headline.lowercased()) — \(outcome.message)"
        if !outcome.stagesRun.isEmpty { line += " [ran: \(outcome.stagesRun.joined(separator: ", "))]" }
        if let listing = outcome.listingPath { line += "\n  listing: \(listing)" }
        if let result = outcome.resultPath { line += "\n  result:  \(result)" }
        return line
    }
}
