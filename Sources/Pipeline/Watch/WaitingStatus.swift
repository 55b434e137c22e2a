import BlockingIO
import FolderWatch
import Foundation
import PipelineStore
import PropertyCore

/// Tells the agent an upload was noticed but is not complete yet: the folder's state becomes
/// "waiting" and its `_STATUS.txt` says so, naming any file whose upload stalled. `scan` and
/// `watch` both use this, so they say it alike.
enum WaitingStatus {
    static func announce(folder: URL, store: PipelineStore, stalled: [StalledUpload] = [],
                         languages: StatusLanguagePolicy = StatusLanguagePolicy()) async throws {
        try await store.setState(.waiting, folderPath: folder.path, propertyId: FileName.display(folder.lastPathComponent))
        let reason: StatusReason? = stalled.isEmpty ? nil
            : .stalledUploads(stalled.map { .init(name: FileName.display($0.file), since: clockTime($0.lastProgress)) })
        // The status file is a courtesy to the agent; failing to write it must not stop the work.
        // Files still uploading are not read: the language is the agent's setting or the last run's.
        // Runs in a task of its own (never on the watch loop), so the shared pool is fine.
        try? await BlockingExecutor.shared.run {
            let language = languages.language(for: folder, written: Publisher.lastAgentLanguage(in: folder))
            let text = AgentStatusText.render(propertyId: FileName.display(folder.lastPathComponent), state: .waiting, reason: reason,
                                              updated: Timestamp.now(), language: language)
            try AtomicFile.write(text, to: folder.appendingPathComponent(FileRules.statusFile))
        }
    }

    /// "14:02", in the server's time zone: when bytes last arrived, as the agent would say it.
    static func clockTime(_ seconds: Double) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
