import BlockingIO
import Foundation
import PipelineStore
import PropertyCore

/// Tells the agent an upload was noticed but is not complete yet: the folder's state becomes
/// "waiting" and its `_STATUS.txt` says so. `scan` and `watch` both use this, so they say it alike.
enum WaitingStatus {
    static func announce(folder: URL, store: PipelineStore) async throws {
        try await store.setState(.waiting, folderPath: folder.path, propertyId: folder.lastPathComponent)
        let text = AgentStatusText.render(propertyId: folder.lastPathComponent, state: .waiting, updated: Timestamp.now())
        // The status file is a courtesy to the agent; failing to write it must not stop the work.
        try? await BlockingExecutor.shared.run { try AtomicFile.write(text, to: folder.appendingPathComponent("_STATUS.txt")) }
    }
}
