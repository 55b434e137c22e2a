import FolderWatch
import Logging
import Synchronization
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PropertyCore

/// Deletion is an outcome, not a fault: a folder that loses entries while it is processed gets no
/// new entry (no status, no photo, no page) until it has been quiet for the settle window. Then
/// it runs again: gone by then → `removed`; no inputs left → nothing written; else what is
/// missing is written back.
extension FolderLifecycle {
    /// Throws when the folder lost an entry since its run began (see `RemovalWatch`).
    static func stopIfLosingEntries(_ folder: URL) throws(PipelineError) {
        try RemovalWatch.checkBeforeWriting(to: folder.standardizedFileURL.path + "/" + FileRules.statusFile)
    }

    /// Stops the retries and looks again once the folder has been quiet for the settle window.
    /// - Parameter whileProcessed: the run saw it (else the watcher did, before any run).
    public func waitForQuiet(_ path: String, removed entry: String, whileProcessed: Bool = true) {
        let metadata: Logger.Metadata = ["property": "\(Self.name(of: URL(fileURLWithPath: path)))", "removed": "\(FileName.display(entry))"]
        if whileProcessed {
            logger.info("entries were removed from the folder while it was processed; stopped before writing more, will look again once it has been quiet",
                        metadata: metadata)
        } else {
            logger.debug("an entry was removed from the folder; nothing is written in it until it has been quiet", metadata: metadata)
        }
        let due = clock.monotonic() + settleSeconds
        retries.withLock {
            $0.clear(path)
            $0.waitForQuiet(path, until: due)
        }
    }

    /// Whether the folder lost an entry and has not been quiet since.
    public func isLosingEntries(_ path: String) -> Bool {
        retries.withLock { $0.isWaitingForQuiet(path) }
    }

    /// A folder never published that is losing entries: the "upload noticed" status we wrote may
    /// have come after a client listed the folder to delete it, and would keep its `rmdir` from
    /// succeeding. It said nothing the folder needs; the next run writes the status again.
    public func takeBackAnnouncement(_ path: String) {
        let folder = URL(fileURLWithPath: path)
        guard !FileSystem.exists(folder.appendingPathComponent("result.json").path) else { return }
        FileSystem.removeFile(folder.appendingPathComponent(FileRules.statusFile).path)
    }

    /// Seconds the folder must still stay quiet before a run may write in it; nil when it may run.
    /// Quiet means no entry of the folder or of `_listing/` changed for the settle window (a
    /// directory's time moves with every entry removed or added).
    func quietWaitRemaining(_ path: String) -> Double? {
        guard retries.withLock({ $0.isWaitingForQuiet(path) }) else { return nil }
        let directories = [path, path + "/_listing", path + "/_listing/photos", path + "/_listing/thumbs"]
        let newest = directories.compactMap(Self.changeTime(of:)).max() ?? 0
        let remaining = settleSeconds - (clock.now() - newest)
        guard remaining > 0, FileSystem.exists(path) else {
            retries.withLock { $0.quietReached(path) }
            return nil
        }
        let due = clock.monotonic() + remaining
        retries.withLock { $0.waitForQuiet(path, until: due) }
        return remaining
    }

    private static func changeTime(of path: String) -> Double? {
        var info = stat()
        guard FileName.withSystemPath(path, { stat($0, &info) }) == 0 else { return nil }
        return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
    }

    /// A photo cut short whose upload may still be going on: the folder says it waits for the
    /// upload, and is looked at again when the stall window has passed since the file last changed
    /// (any write before then is an event that runs it sooner).
    func waitForUpload(_ path: String, _ upload: UploadInProgress) async {
        let folder = URL(fileURLWithPath: path)
        let remaining = max(1, upload.lastChange + upload.stallSeconds - clock.now())
        logger.info("a photo is cut short and its file changed a moment ago: waiting for its upload to finish",
                    metadata: ["property": "\(Self.name(of: folder))", "files": "\(upload.files.map(FileName.display).joined(separator: ", "))",
                               "look_again_in_seconds": "\(Int(remaining.rounded(.up)))"])
        let due = clock.monotonic() + remaining
        retries.withLock {
            $0.clear(path)
            $0.lookAgain(path, at: due)
        }
        try? await waiting(folder)
    }
}
