import BlockingIO
import Foundation
import PipelineStore
import PropertyCore

/// Writes a folder's outputs — result.json and one listing page per language — each atomically,
/// on the blocking executor (each write ends with an fsync). `_STATUS.txt` is the lifecycle's.
///
/// Pages are named as Hugo's translation by file name expects: `listing.md` in the first
/// configured language (the site's default), `listing.th.md`, `listing.ru.md` for the others.
struct Publisher: Sendable {
    let folder: URL
    let propertyId: String
    let renderer: ListingRenderer
    /// The folder as the run found it; a write finds another folder (or none) at the path → nothing
    /// is written. nil: no check (a status for a folder not being processed).
    var identity: FileSystem.Identity? = nil
    /// The listing's languages, the default (`listing.md`) first.
    var languages: [ListingLanguage] = [.en]

    var resultURL: URL { folder.appendingPathComponent("result.json") }
    var listingURL: URL { folder.appendingPathComponent("listing.md") }
    var statusURL: URL { folder.appendingPathComponent(FileRules.statusFile) }

    /// Each language's page: `listing.md` for the default, `listing.<code>.md` for the rest.
    var pages: [(language: ListingLanguage, url: URL)] {
        Self.pageNames(languages).map { ($0.language, folder.appendingPathComponent($0.name)) }
    }

    static func pageNames(_ languages: [ListingLanguage]) -> [(language: ListingLanguage, name: String)] {
        languages.enumerated().map { index, language in (language, index == 0 ? "listing.md" : "listing.\(language.rawValue).md") }
    }

    /// The result.json on disk, when it parses and every language's page is there too.
    func publishedResult() async -> ListingResult? {
        let (pageURLs, resultURL) = (pages.map(\.url), resultURL)
        return await BlockingExecutor.shared.run {
            guard pageURLs.allSatisfy({ FileSystem.exists($0.path) }), let data = FileSystem.contents(of: resultURL.path) else { return nil }
            return try? JSONDecoder().decode(ListingResult.self, from: data)
        }
    }

    /// The pages first, result.json last: the website build keys on result.json, so once it is
    /// there the pages it points to are too. Pages of languages no longer configured go.
    func publish(_ result: ListingResult, publication: ListingPublication) async throws {
        let rendered = pages.map { (text: renderer.render(result, language: $0.language, publication: publication), url: $0.url) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(result) + Data("\n".utf8)
        let (folder, resultURL) = (folder, resultURL)
        try await BlockingExecutor.shared.run { [self] in
            try ensureFolderUnmoved()
            for page in rendered { try AtomicFile.write(page.text, to: page.url) }
            try AtomicFile.write(json, to: resultURL)
            Self.removeStalePages(in: folder, keeping: Set(rendered.map(\.url.lastPathComponent)))
        }
    }

    private static func removeStalePages(in folder: URL, keeping: Set<String>) {
        for name in FileSystem.names(in: folder.path) where FileRules.isTranslatedListing(name) && !keeping.contains(name) {
            FileSystem.removeOwnFile(folder.appendingPathComponent(name).path)
        }
    }

    /// `agent_language` of the result.json on disk, without decoding the rest.
    static func lastAgentLanguage(in folder: URL) -> String? {
        struct Language: Decodable { var agent_language: String? }
        guard let data = FileSystem.contents(of: folder.appendingPathComponent("result.json").path) else { return nil }
        return (try? JSONDecoder().decode(Language.self, from: data))?.agent_language
    }

    /// Throws `folderMoved` when the path no longer leads to the folder the run started on.
    func ensureFolderUnmoved() throws(PipelineError) {
        guard let identity else { return }
        guard FileSystem.identity(of: folder.path) == identity else { throw .folderMoved(folder.path) }
    }
}
