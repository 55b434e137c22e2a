import Foundation
import PropertyCore

/// Output of the extract stage: the facts, and every number the agent actually wrote
/// (kept so a model's numbers can be checked later).
struct ExtractStageOutput: Codable, Sendable, Equatable {
    var details: PropertyDetails?
    var writtenNumbers: [Double]
    var sourceText: String
    var issues: [ProcessingIssue]
    var model: String
}

/// Stage 4: description + context → the seed's PropertyDetails. Offline: the rule-based extractor.
enum ExtractStage {
    /// Bump when the extractor's rules change, so stored results are recomputed.
    static let version = 1

    static func key(for texts: [HashedFile]) -> String {
        StageCache.key("extract", version: version, parts: ["offline"] + texts.map { "\($0.relativePath)=\($0.sha256)" })
    }

    static func run(texts: [HashedFile], folder: URL) -> ExtractStageOutput {
        var issues: [ProcessingIssue] = []
        var descriptions: [String] = []
        var contexts: [String] = []
        for file in texts {
            let url = folder.appendingPathComponent(file.relativePath)
            guard let data = try? Data(contentsOf: url) else {
                issues.append(ProcessingIssue(stage: "extract", input: file.relativePath, message: "could not be read"))
                continue
            }
            switch TextDecoder.decode(data) {
            case .success(let decoded):
                let text = decoded.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty {
                    issues.append(ProcessingIssue(stage: "extract", input: file.relativePath, message: "contains no text"))
                } else if file.kind == .context {
                    contexts.append(text)
                } else {
                    descriptions.append(text)
                }
            case .failure(let failure):
                issues.append(ProcessingIssue(stage: "extract", input: file.relativePath, message: failure.description))
            }
        }
        let description = descriptions.joined(separator: "\n\n")
        let context = contexts.joined(separator: "\n\n")
        guard !description.isEmpty || !context.isEmpty else {
            return ExtractStageOutput(details: nil, writtenNumbers: [], sourceText: "", issues: issues, model: "offline-rules")
        }
        // Context fills gaps: run the rules on the description first so its values win.
        let combined = [description, context].filter { !$0.isEmpty }.joined(separator: "\n\n")
        let found = OfflineExtractor.extract(combined)
        let summary = TextSummary.firstSentences(of: description.isEmpty ? context : description)
        return ExtractStageOutput(details: PropertyDetails(offline: found, summary: summary),
                                  writtenNumbers: found.numbersMentioned, sourceText: combined,
                                  issues: issues, model: "offline-rules")
    }
}
