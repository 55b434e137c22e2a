import Foundation
import ListingAI
import ModelGateway
import PropertyCore

/// The agent's decoded text: descriptions and context notes, plus what could not be read.
struct AgentText: Sendable {
    var description = ""
    var context = ""
    var issues: [ProcessingIssue] = []
    /// Files that were hashed a moment ago but could not be read now (permissions changed, gone):
    /// a problem of the moment, so the run is retried rather than an answer kept without them.
    var unreadable: [String] = []

    var isEmpty: Bool { description.isEmpty && context.isEmpty }
    /// Description first so its values win when the rules read both.
    var combined: String { [description, context].filter { !$0.isEmpty }.joined(separator: "\n\n") }

    /// Throws `folderMoved` when the folder itself is gone (renamed or deleted meanwhile: an
    /// extraction without the description must not be kept). A file gone from a folder still
    /// there, or one that cannot be read, is listed in `unreadable`: tried again, never cached.
    static func read(_ texts: [HashedFile], folder: URL) throws(PipelineError) -> AgentText {
        var text = AgentText()
        var descriptions: [String] = []
        var contexts: [String] = []
        for file in texts {
            let path = folder.appendingPathComponent(file.relativePath).path
            guard let data = FileSystem.contents(of: path) else {
                if !FileSystem.exists(folder.path) { throw .folderMoved(folder.path) }
                text.unreadable.append(file.relativePath)
                continue
            }
            switch TextDecoder.decode(data) {
            case .success(let decoded):
                let content = decoded.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if content.isEmpty {
                    text.issues.append(ProcessingIssue(stage: .extract, input: file.relativePath, problem: .noText))
                } else if file.kind == .context {
                    contexts.append(content)
                } else {
                    descriptions.append(content)
                }
            case .failure(let failure):
                let problem: FileProblem = switch failure {
                case .empty: .emptyTextFile
                case .binary: .notText
                case .undecodable: .textUnreadable
                }
                text.issues.append(ProcessingIssue(stage: .extract, input: file.relativePath, problem: problem, message: failure.description))
            }
        }
        text.description = descriptions.joined(separator: "\n\n")
        text.context = contexts.joined(separator: "\n\n")
        return text
    }
}

/// Output of the extract stage: the facts, and the agent's words they were read from (the merge
/// checks each of a model's values against what the words state for that field).
struct ExtractStageOutput: Codable, Sendable, Equatable {
    var details: PropertyDetails?
    /// Description and context as one text, as the offline reader read them.
    var words: String
    var issues: [ProcessingIssue]
    var model: String
    var calls: [StageCall] = []
    /// Set when the model could not be used and the offline rules answered instead.
    var pendingReason: String?
    /// The language most of the agent's text is in (en, th, ru).
    var writtenLanguage: String?
}

/// Stage 4: description + context → PropertyDetails, by the model when one is
/// configured, else (or when it fails) by the offline rules.
enum ExtractStage {
    /// Bump when the offline rules change, so stored results (and merges, which re-read every
    /// source with the rules) are recomputed.
    static let version = 4

    static func key(for texts: [HashedFile], signature: String) -> String {
        StageCache.key("extract", version: version, parts: [signature] + texts.map { "\($0.relativePath)=\($0.sha256)" })
    }

    static func offline(_ text: AgentText) -> ExtractStageOutput {
        guard !text.isEmpty else {
            return ExtractStageOutput(details: nil, words: "", issues: text.issues, model: "offline-rules")
        }
        let found = OfflineExtractor.extract(text.combined)
        let summary = TextSummary.firstSentences(of: text.description.isEmpty ? text.context : text.description)
        return ExtractStageOutput(details: PropertyDetails(offline: found, summary: summary),
                                  words: text.combined, issues: text.issues, model: "offline-rules",
                                  writtenLanguage: StatusLanguage.dominant(in: text.combined)?.rawValue)
    }

    static func withModel(_ text: AgentText, models: any ListingModels) async -> ExtractStageOutput {
        var output = offline(text)
        guard !text.isEmpty else { return output }
        do {
            let (details, calls) = try await models.extract(description: text.description.isEmpty ? text.context : text.description,
                                                            context: text.description.isEmpty ? nil : (text.context.isEmpty ? nil : text.context),
                                                            transcripts: [])
            output.details = details
            output.calls = calls
            output.model = calls.last?.model ?? "model"
        } catch {
            output.pendingReason = GatewayError.reason(for: error)
        }
        return output
    }
}
