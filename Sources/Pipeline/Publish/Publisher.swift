import BlockingIO
import Foundation
import PipelineStore
import PropertyCore

/// Writes a folder's outputs — result.json, listing.md, _STATUS.txt — each atomically, on the
/// blocking executor (each write ends with an fsync).
struct Publisher: Sendable {
    let folder: URL
    let propertyId: String
    let renderer: ListingRenderer

    var resultURL: URL { folder.appendingPathComponent("result.json") }
    var listingURL: URL { folder.appendingPathComponent("listing.md") }
    var statusURL: URL { folder.appendingPathComponent("_STATUS.txt") }

    /// The result.json on disk, when it parses and listing.md is there too.
    func publishedResult() async -> ListingResult? {
        let (listingURL, resultURL) = (listingURL, resultURL)
        return await BlockingExecutor.shared.run {
            guard FileManager.default.fileExists(atPath: listingURL.path),
                  let data = try? Data(contentsOf: resultURL) else { return nil }
            return try? JSONDecoder().decode(ListingResult.self, from: data)
        }
    }

    /// listing.md first, result.json last: the website build keys on result.json, so once it is
    /// there the listing it points to is too.
    func publish(_ result: ListingResult, publication: ListingPublication) async throws {
        let listing = renderer.render(result, publication: publication)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(result) + Data("\n".utf8)
        let (listingURL, resultURL) = (listingURL, resultURL)
        try await BlockingExecutor.shared.run {
            try AtomicFile.write(listing, to: listingURL)
            try AtomicFile.write(json, to: resultURL)
        }
    }

    func writeStatus(state: FolderState, stage: String? = nil, result: ListingResult? = nil, reason: String? = nil,
                     issues: [ProcessingIssue] = [], ignored: [IgnoredFile] = []) async throws {
        var text = AgentStatusText.render(propertyId: propertyId, state: state, stage: stage, result: result,
                                          reason: reason, updated: Timestamp.now())
        if result == nil && (!issues.isEmpty || !ignored.isEmpty) {
            text += "\nProblems:\n" + issues.map { "  - \($0.input.map { "\($0): " } ?? "")\($0.message)\n" }.joined()
            if !ignored.isEmpty {
                text += "\nFiles not used:\n" + ignored.map { "  \($0.path): \($0.reason)\n" }.joined()
            }
        }
        let statusURL = statusURL
        try await BlockingExecutor.shared.run { [text] in try AtomicFile.write(text, to: statusURL) }
    }
}
