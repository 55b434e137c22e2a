import Foundation
import ContentHash
public import ListingAI
import PipelineStore

/// Runs a stage only when no output is stored under its key: the key is made of the content
/// hashes of the stage's inputs, its version, and (for AI stages) the models' and prompts'
/// signature. The one cache of model answers: the gateway keeps none, the single jobs use this one.
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

/// The single jobs (`extract-text`, `transcribe`) keep their answers here too, under the same
/// key recipe as the stages.
extension StageCache: AnswerCache {
    /// Version of the single jobs' stored answers.
    static let jobVersion = 1

    func answer<Answer: Codable & Sendable>(job: String, inputs: [String], as type: Answer.Type) async throws -> Answer? {
        try await stored(key: Self.key(job, version: Self.jobVersion, parts: inputs), as: type)
    }

    func keep<Answer: Codable & Sendable>(_ answer: Answer, job: String, inputs: [String]) async throws {
        try await store(answer, stage: job, key: Self.key(job, version: Self.jobVersion, parts: inputs))
    }
}

extension PipelineRuntime {
    /// The stage cache, for single jobs that keep their answers between runs.
    public var answerCache: any AnswerCache { StageCache(store: store) }
}
