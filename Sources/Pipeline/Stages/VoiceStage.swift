import Foundation
import ListingAI
import ModelGateway
import PropertyCore

/// One voice memo: its transcript and the facts the agent said in it.
struct VoiceStageOutput: Codable, Sendable, Equatable {
    var source: String
    var transcript: MemoTranscript?
    var facts: PropertyDetails?
    var calls: [StageCall] = []
    /// Set when the provider could not be used; such outputs are never cached.
    var pendingReason: String?
}

/// Stage 3: voice memo → transcript (written to `_listing/transcript-<name>.txt`) → the facts in
/// it, extracted with "Source: voice message in <language>" so the model weighs spoken words as such.
enum VoiceStage {
    static let version = 1

    static func key(for file: HashedFile, signature: String) -> String {
        StageCache.key("transcribe", version: version, parts: [signature, file.sha256])
    }

    static func transcriptPath(for source: String) -> String {
        let base = ((source as NSString).lastPathComponent as NSString).deletingPathExtension
        return "_listing/" + FileName.fitting("transcript-\(base).txt")
    }

    static func run(file: HashedFile, folder: URL, models: any ListingModels) async -> VoiceStageOutput {
        var output = VoiceStageOutput(source: file.relativePath)
        do {
            let (transcript, call) = try await models.transcribe(audioPath: folder.appendingPathComponent(file.relativePath).path)
            output.transcript = transcript
            output.calls.append(call)
            let language = transcript.language.map(languageName) ?? "an unknown language"
            let (facts, calls) = try await models.extract(description: transcript.text,
                                                          context: "Source: voice message in \(language)", transcripts: [])
            output.facts = facts
            output.calls += calls
        } catch {
            output.pendingReason = GatewayError.reason(for: error)
        }
        return output
    }

    /// Writes the transcript beside the listing for the agent and the website.
    static func writeTranscript(_ output: VoiceStageOutput, folder: URL) {
        guard let transcript = output.transcript else { return }
        let url = folder.appendingPathComponent(transcriptPath(for: output.source))
        FileSystem.makeOutputFolder(url.deletingLastPathComponent())
        try? AtomicFile.write(transcript.text + "\n", to: url)
    }

    static func languageName(_ code: String) -> String { ListingLanguage.englishName(ofCode: code) }
}
