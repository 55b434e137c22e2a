import Foundation
import ContentHash
import PipelineStore

/// Runs a stage only when no output is stored under its key (DESIGN §4): the key is made of the
/// content hashes of the stage's inputs, its version, and (for AI stages) model and prompt version.
struct StageCache: Sendable {
    let store: PipelineStore

    static func key(_ stage: String, version: Int, parts: [String]) -> String {
        ContentHash.sha256(of: ([stage, "v\(version)"] + parts).joined(separator: "\u{1F}"))
    }

    /// Returns the stored output for `key`, or computes, stores and returns it.
    /// `ran` tells the caller whether work was done, for the run report.
    func output<Output: Codable & Sendable>(
        stage: String, key: String, as type: Output.Type = Output.self,
        compute: () async throws -> Output
    ) async throws -> (output: Output, ran: Bool) {
        if let data = try await store.stageOutput(forKey: key),
           let stored = try? JSONDecoder().decode(Output.self, from: data) {
            return (stored, false)
        }
        let output = try await compute()
        try await store.storeStageOutput(try JSONEncoder().encode(output), stage: stage, key: key)
        return (output, true)
    }

    func stored<Output: Decodable>(key: String, as type: Output.Type) async throws -> Output? {
        guard let data = try await store.stageOutput(forKey: key) else { return nil }
        return try? JSONDecoder().decode(Output.self, from: data)
    }

    func store<Output: Encodable>(_ output: Output, stage: String, key: String) async throws {
        try await store.storeStageOutput(try JSONEncoder().encode(output), stage: stage, key: key)
    }
}
