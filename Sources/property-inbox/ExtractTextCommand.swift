import ArgumentParser
import Foundation
import ListingAI
import ModelGateway
import Pipeline
import PipelineStore
import PropertyCore

/// `extract-text <file|->`: a single job; prints `PropertyDetails` JSON.
struct ExtractTextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract-text",
        abstract: "Extract property details from a description file (or - for standard input) and print them as JSON."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A description file, or - to read standard input.", completion: .file())
    var input: String

    @Option(name: .long, help: "A context file (agent notes: owner, area).", completion: .file())
    var context: String?

    func run() async throws {
        let text = try Self.readText(input)
        let contextText = try context.map(Self.readText)
        let runtime = try global.makeRuntime()
        do {
            let outcome = try await ExtractTextJob(gateway: runtime.gateway, cache: runtime.answerCache)
                .run(description: text, context: contextText)
            print(try ExtractTextJob.json(outcome.details))
            if outcome.source != "offline" {
                FileHandle.standardError.write(Data(String(format: "model %@, %.4f USD%@\n", outcome.source, outcome.costUSD,
                                                           outcome.fromCache ? " (cached)" : "").utf8))
            }
        } catch {
            let words = (error as? GatewayError)?.summary ?? "extract-text failed: \(error)"
            FileHandle.standardError.write(Data((words + "\n").utf8))
            throw ExitCode.failure
        }
    }

    static func readText(_ path: String) throws -> String {
        let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile()
            : try Data(contentsOf: URL(fileURLWithPath: path))
        switch TextDecoder.decode(data) {
        case .success(let decoded): return decoded.text
        case .failure(let failure): throw ValidationError("\(path): \(failure)")
        }
    }
}
