import BlockingIO
import ContentHash
import Foundation
public import ListingAI
public import ModelGateway
public import PipelineStore

/// The single job `transcribe`: one voice memo in, its transcript out. Needs a provider. With a
/// store, a memo already transcribed (same bytes, same models) is not paid for again.
public struct TranscribeJob: Sendable {
    let provider: JobProvider?

    public init(gateway: Gateway?, store: PipelineStore? = nil) {
        provider = JobProvider(gateway: gateway, store: store)
    }

    public struct NeedsProvider: Error, CustomStringConvertible {
        public var description: String {
            "transcription needs an API key: set OPENAI_API_KEY (or OPENROUTER_API_KEY), or point OPENAI_BASE_URL at a whisper.cpp or speaches server"
        }
    }

    struct Answer: Codable, Sendable {
        var transcript: MemoTranscript
        var call: StageCall
    }

    public func run(path: String) async throws -> (transcript: MemoTranscript, call: StageCall) {
        guard let provider else { throw NeedsProvider() }
        let models = provider.models
        guard let cache = provider.cache else { return try await models.transcribe(audioPath: path) }
        // Keyed by the audio's bytes: a renamed or copied memo is still the same memo. Hashing up
        // to 25 MB blocks, so it runs on the blocking executor.
        let digest = try? await BlockingExecutor.shared.run {
            ContentHash.sha256(of: try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        guard let digest else { return try await models.transcribe(audioPath: path) }  // unreadable: let transcribe say why
        // An empty transcript is not kept: silence or a server hiccup, worth asking again.
        let (answer, fromCache) = try await cache.answer(
            job: "transcribe-job", inputs: [models.signature, digest], gateway: provider.gateway, calls: { [$0.call] },
            worthKeeping: { !$0.transcript.text.isEmpty }
        ) {
            let (transcript, call) = try await models.transcribe(audioPath: path)
            return Answer(transcript: transcript, call: call)
        }
        return (answer.transcript, fromCache ? answer.call.reused : answer.call)
    }
}
