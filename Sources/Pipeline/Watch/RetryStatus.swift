import BlockingIO
import Foundation
import PipelineStore
import PropertyCore

/// Tells the agent a run stopped on trouble of ours and will be tried again by itself: the
/// folder's state becomes "paused" (not settled, so a restart tries it too) with the reason, and
/// `_STATUS.txt` says when. Either write may fail on a full or read-only disk; the next try
/// writes them again.
enum RetryStatus {
    /// How the stored error of a folder waiting for its retry starts.
    static let errorPrefix = "will try again: "

    static func announce(folder: URL, reason: String, retryInSeconds: Double, store: PipelineStore,
                         languages: StatusLanguagePolicy) async {
        let name = FileName.display(folder.lastPathComponent)
        _ = try? await store.setState(.paused, error: errorPrefix + reason, folderPath: folder.path, propertyId: name)
        let retryAt = WaitingStatus.clockTime(Date().timeIntervalSince1970 + retryInSeconds)
        try? await BlockingExecutor.shared.run {
            let language = languages.language(for: folder, written: Publisher.lastAgentLanguage(in: folder))
            let text = AgentStatusText.render(propertyId: name, state: .paused, reason: .temporaryProblem(retryAt: retryAt),
                                              updated: Timestamp.now(), language: language)
            try AtomicFile.write(text, to: folder.appendingPathComponent(FileRules.statusFile))
        }
    }
}
