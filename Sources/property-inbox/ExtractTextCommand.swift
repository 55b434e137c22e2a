import ArgumentParser
import Foundation
import ModelGateway
import Pipeline
import PipelineStore
import PropertyCore

/// `extract-text <file|->`: the seed's single job; prints `PropertyDetails` JSON.
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
        let gateway = try global.openGateway()
        do {
            let outcome = try await ExtractTextJob(gateway: gateway).run(description: text, context: contextText)
            print(try ExtractTextJob.json(outcome.details))
            if outcome.source != "offline" {
                FileHandle.standardError.write(Data(String(format: "model %@, %.4f USD%@\n", outcome.source, outcome.costUSD,
                                                           outcome.fromCache ? " (cached)" : "").utf8))
            }
        } catch {
            FileHandle.standardError.write(Data((ExtractTextJob.explain(error) + "\n").utf8))
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

extension GlobalOptions {
    /// The gateway's store in the state database (opened by the runtime with every migration).
    func openGatewayStore() throws -> (GatewayStore, URL) {
        let runtime = try makeRuntime()
        return (runtime.gatewayStore, runtime.stateDirectory)
    }

    /// nil when running offline (--offline, the config's provider.offline, or no API key).
    func openGateway() throws -> Gateway? {
        try makeRuntime().gateway
    }
}
