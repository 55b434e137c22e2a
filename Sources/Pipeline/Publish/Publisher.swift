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
    /// The folder as the run found it; a write finds another folder (or none) at the path → nothing
    /// is written. nil: no check (a status for a folder not being processed).
    var identity: FileSystem.Identity? = nil

    var resultURL: URL { folder.appendingPathComponent("result.json") }
    var listingURL: URL { folder.appendingPathComponent("listing.md") }
    var statusURL: URL { folder.appendingPathComponent("_STATUS.txt") }

    /// The result.json on disk, when it parses and listing.md is there too.
    func publishedResult() async -> ListingResult? {
        let (listingURL, resultURL) = (listingURL, resultURL)
        return await BlockingExecutor.shared.run {
            guard FileSystem.exists(listingURL.path), let data = FileSystem.contents(of: resultURL.path) else { return nil }
            return try? JSONDecoder().decode(ListingResult.self, from: data)
        }
    }

    /// listing.md first, result.json last: the website build keys on result.json, so once it is
    /// there the listing it points to is too.
    func publish(_ result: ListingResult) async throws {
        let listing = renderer.render(result)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(result) + Data("\n".utf8)
        let (listingURL, resultURL) = (listingURL, resultURL)
        try await BlockingExecutor.shared.run { [self] in
            try ensureFolderUnmoved()
            try AtomicFile.write(listing, to: listingURL)
            try AtomicFile.write(json, to: resultURL)
        }
    }

    func writeStatus(state: FolderState, stage: String? = nil, result: ListingResult? = nil, reason: String? = nil,
                     issues: [ProcessingIssue] = [], ignored: [IgnoredFile] = []) async throws {
        var text = AgentStatusText.render(propertyId: propertyId, state: state, stage: stage, result: result,
                                          reason: reason, updated: Timestamp.now())
        if result == nil && (!issues.isEmpty || !ignored.isEmpty) {
            text += "\nProblems:\n" + ResultAssembler.shown(issues).map { "  - \($0.input.map { "\($0): " } ?? "")\($0.message)\n" }.joined()
            if !ignored.isEmpty {
                text += "\nFiles not used:\n" + ResultAssembler.shown(ignored).map { "  \($0.path): \($0.reason)\n" }.joined()
            }
        }
        let statusURL = statusURL
        try await BlockingExecutor.shared.run { [self, text] in
            try ensureFolderUnmoved()
            try AtomicFile.write(text, to: statusURL)
        }
    }

    /// Throws `folderMoved` when the path no longer leads to the folder the run started on.
    func ensureFolderUnmoved() throws(PipelineError) {
        guard let identity else { return }
        guard FileSystem.identity(of: folder.path) == identity else { throw .folderMoved(folder.path) }
    }
}
