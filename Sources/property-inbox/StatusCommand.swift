import ArgumentParser
import Foundation
import Pipeline
import PipelineStore
import PropertyCore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the state database knows about each folder."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Only folders in this inbox.", completion: .directory)
    var inbox: String?

    func run() async throws {
        let runtime = try global.makeRuntime()
        var folders = try await runtime.store.allFolders()
        if let inbox {
            let prefix = URL(fileURLWithPath: inbox).standardizedFileURL.path + "/"
            folders = folders.filter { $0.path.hasPrefix(prefix) }
        }
        if folders.isEmpty {
            print("No folders processed yet (state: \(runtime.stateDirectory.path)).")
            return
        }
        let width = max(12, folders.map(\.propertyId.count).max() ?? 0)
        for folder in folders {
            var line = folder.propertyId.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  " + folder.state.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)
                + "  updated \(folder.updatedAt)  published \(folder.publishCount)×"
            if let error = folder.lastError { line += "  — \(error)" }
            print(line)
        }
    }
}
