import Foundation
import Logging
import PipelineStore
import PropertyCore

/// What the work queue runs for one folder: process it, then decide from the outcome what
/// happens next — nothing more, a retry on the backoff (a fault of the server's, or AI still
/// pending), or "failed" (only what a person must fix). Shutdown leaves the folder as it was.
struct FolderJob: Sendable {
    let processor: FolderProcessor
    let store: PipelineStore
    let retries: FolderRetries
    let inboxStatus: InboxStatusRefresher
    /// Set when `[hook]` names a command or URL: told after every run.
    let rebuildHook: RebuildHook?
    let statusLanguage: StatusLanguagePolicy
    let logger: Logger
    /// The same folder (inode) under two names, renamed mid-run: one run at a time, so the new
    /// name's run reuses what the old one rendered.
    let inProcess = FoldersInProcess()

    func run(_ path: String) async {
        let identity = FileSystem.identity(of: path)
        if let identity { await inProcess.begin(identity) }
        await process(path)
        if let identity { await inProcess.end(identity) }
        rebuildHook?.noteActivity()
        inboxStatus.markStale()
    }

    private func process(_ path: String) async {
        let folder = URL(fileURLWithPath: path)
        let name = FileName.display(folder.lastPathComponent)
        logger.info("processing started", metadata: ["property": "\(name)"])
        if FileName.isNotUTF8(folder.lastPathComponent) {
            logger.notice("the folder's name is not UTF-8; it is shown with \\x escapes", metadata: ["property": "\(name)"])
        }
        do {
            let outcome = try await processor.process(folder: folder)
            if outcome.state == .paused {
                // Published from the offline rules while the provider is down: its calls are
                // tried again on the same backoff (cached stages are not redone).
                let delay = retries.failed(path)
                logger.info("AI analysis pending; will try again", metadata: ["property": "\(name)", "retry_in_seconds": "\(seconds(delay))"])
            } else {
                retries.forget(path)
            }
            logger.info("processing finished", metadata: ["property": "\(outcome.propertyId)", "state": "\(outcome.state.rawValue)",
                                                          "ran": "\(outcome.stagesRun.joined(separator: ","))"])
        } catch where PipelineError.folderIsGone(path, after: error) {
            // Renamed or deleted mid-run: nothing of it is left at this path, and the new name
            // (if any) is a folder of its own to the watcher.
            retries.forget(path)
            logger.notice("folder renamed or deleted while it was processed; stopped, nothing written at the old path",
                          metadata: ["property": "\(name)"])
            if !FileSystem.exists(path) { _ = try? await store.setState(.removed, folderPath: path, propertyId: name) }
        } catch where Task.isCancelled {
            // Shutdown: the folder stays "processing", so the next start takes it up again.
            logger.notice("processing interrupted by shutdown", metadata: ["property": "\(name)"])
        } catch {
            switch FailureCause.of(error) {
            case .transient(let reason):
                let delay = retries.failed(path)
                logger.warning("processing failed; will try again", metadata: [
                    "property": "\(name)", "error": "\(error)", "retry_in_seconds": "\(seconds(delay))",
                ])
                await RetryStatus.announce(folder: folder, reason: reason, retryInSeconds: delay, store: store, languages: statusLanguage)
            case .permanent:
                retries.forget(path)
                logger.error("processing failed", metadata: ["property": "\(name)", "error": "\(error)"])
                _ = try? await store.setState(.failed, error: "\(error)", folderPath: path, propertyId: name)
            }
        }
    }

    private func seconds(_ delay: Double) -> Int { Int(delay.rounded(.up)) }
}
