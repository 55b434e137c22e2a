import Foundation
import PipelineStore
import PropertyCore

/// Writes a folder's outputs — result.json, listing.md, _STATUS.txt — each atomically.
struct Publisher: Sendable {
    let folder: URL
    let propertyId: String
    let renderer: ListingRenderer

    var resultURL: URL { folder.appendingPathComponent("result.json") }
    var listingURL: URL { folder.appendingPathComponent("listing.md") }
    var statusURL: URL { folder.appendingPathComponent("_STATUS.txt") }

    /// The result.json on disk, when it parses and listing.md is there too.
    func publishedResult() -> ListingResult? {
        guard FileManager.default.fileExists(atPath: listingURL.path),
              let data = try? Data(contentsOf: resultURL) else { return nil }
        return try? JSONDecoder().decode(ListingResult.self, from: data)
    }

    /// listing.md first, result.json last: the website build keys on result.json, so once it is
    /// there the listing it points to is too.
    func publish(_ result: ListingResult) throws {
        try AtomicFile.write(renderer.render(result), to: listingURL)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(try encoder.encode(result) + Data("\n".utf8), to: resultURL)
    }

    func writeStatus(state: FolderState, stage: String? = nil, result: ListingResult? = nil, reason: String? = nil,
                     issues: [ProcessingIssue] = [], ignored: [IgnoredFile] = []) throws {
        var text = AgentStatusText.render(propertyId: propertyId, state: state, stage: stage, result: result,
                                          reason: reason, updated: Timestamp.now())
        if result == nil && (!issues.isEmpty || !ignored.isEmpty) {
            text += "\nProblems:\n" + issues.map { "  - \($0.input.map { "\($0): " } ?? "")\($0.message)\n" }.joined()
            if !ignored.isEmpty {
                text += "\nFiles not used:\n" + ignored.map { "  \($0.path): \($0.reason)\n" }.joined()
            }
        }
        try AtomicFile.write(text, to: statusURL)
    }
}
