import BlockingIO
import Foundation
public import ListingAI
import ModelGateway
public import PropertyCore

/// The AI provider as the pipeline sees it: `ListingAI` over the gateway in production; absent
/// offline. Every method may throw a `GatewayError`; the pipeline then degrades to the offline
/// result for that stage and marks the folder for a re-run.
public protocol ListingModels: Sendable {
    /// Models and prompt versions behind the answers: part of every AI stage's cache key, so a
    /// new model or prompt never reuses an old answer.
    var signature: String { get }
    func extract(description: String, context: String?, transcripts: [MemoTranscript]) async throws -> (details: PropertyDetails, calls: [StageCall])
    /// Which photos to send, at what size and detail; pure, decided before any pixel is decoded.
    func visionPlan(_ photos: [VisionCandidate]) -> [VisionPlanEntry]
    /// Photos rendered as `visionPlan` said.
    func analyzePhotos(_ photos: [VisionPhoto]) async throws -> (insights: [ImageInsights], calls: [StageCall])
    func transcribe(audioPath: String) async throws -> (transcript: MemoTranscript, call: StageCall)
    func describe(details: PropertyDetails, insights: AggregatedPropertyInsights?, language: String) async throws -> (text: String, call: StageCall)
}

enum ListingModelsFactory {
    /// The AI stages for a gateway (nil offline).
    static func make(_ gateway: Gateway?) -> (any ListingModels)? {
        gateway.map { ListingAI(gateway: $0) }
    }
}

extension ListingAI: ListingModels {
    /// Reads the memo on the blocking executor, then sends it.
    public func transcribe(audioPath: String) async throws -> (transcript: MemoTranscript, call: StageCall) {
        let url = URL(fileURLWithPath: audioPath)
        let audio = try await BlockingExecutor.shared.run { () throws(GatewayError) -> Data in
            guard let data = FileSystem.contents(of: audioPath) else {
                throw GatewayError(.transcriptionFailed, "cannot read the voice memo (missing, or no permission)")
            }
            return data
        }
        return try await transcribe(audio: audio, fileName: FileName.display(url.lastPathComponent))
    }
}
