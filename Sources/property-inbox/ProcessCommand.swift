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
        try DaemonLock.checkNoDaemon(stateDirectory: runtime.stateDirectory.path)
        let lock = try InboxLock.ifPossible(inbox: folderURL.deletingLastPathComponent().path)
        defer { withExtendedLifetime(lock) {} }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folderURL.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PipelineError(.notAFolder, "\(FileName.display(folderURL.path)) is not a folder")
        }
        let lifecycle = runtime.processor.lifecycle
        let ended = await lifecycle.run(folderURL, with: runtime.processor)
        try? await lifecycle.writeInboxStatus(folderURL.deletingLastPathComponent())
        await OwedRebuildHook.send(runtime)
        let name = FileName.display(folderURL.lastPathComponent)
        switch ended {
        case .finished(let outcome):
            print(OutcomeText.line(outcome))
            // Failed, or nothing in the folder to process: nothing was published.
            if outcome.state == .failed || outcome.resultPath == nil { throw ExitCode.failure }
        case .paused(_, let detail, _):
            throw PipelineError(.unreadableFolder, "\(name): paused, it will be tried again — \(detail)")
        case .failed(_, let detail):
            throw PipelineError(.configuration, "\(name): \(detail)")
        case .gone:
            throw PipelineError(.folderMoved, "\(name) was renamed or deleted while it was processed")
        case .uploading:
            throw PipelineError(.unreadableFolder, "\(name): a photo is cut short and still changing (an upload in progress); not published yet")
        case .losingEntries:
            throw PipelineError(.folderLosingEntries, "\(name): entries were removed while it was processed; stopped, nothing more written")
        case .interrupted, .leaseLost:  // (no fence here: never lost)
            throw ExitCode.failure
        }
    }
}

/// One line per folder for the terminal.
enum OutcomeText {
    static func line(_ outcome: FolderOutcome) -> String {
        var line = "\(outcome.propertyId): \(EnglishCatalog().headline(outcome.state).lowercased()) — \(outcome.message)"
        if !outcome.stagesRun.isEmpty { line += " [ran: \(outcome.stagesRun.joined(separator: ", "))]" }
        if let listing = outcome.listingPath { line += "\n  listing: \(listing)" }
        if let result = outcome.resultPath { line += "\n  result:  \(result)" }
        return line
    }
}
