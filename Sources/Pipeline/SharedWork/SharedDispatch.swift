import BlockingIO
public import FolderWatch
import Foundation
import Logging
import PropertyCore

/// The watcher's side of the shared queue (`watch --database`): a folder ready to process becomes
/// a job, named relative to the inbox, with its inputs' fingerprint. Jobs the database refused
/// (stopped, unreachable) are kept here and offered again every second.
actor SharedDispatch {
    let queue: any SharedJobQueue
    let inbox: URL
    let logger: Logger
    private var unsent: Set<String> = []
    private var lastTry = ContinuousClock.now
    private var retrying = false

    init(queue: any SharedJobQueue, inbox: URL, logger: Logger) {
        self.queue = queue
        self.inbox = inbox
        self.logger = logger
    }

    func dispatch(_ path: String) async {
        let prefix = inbox.path + "/"
        guard path.hasPrefix(prefix) else { return }
        // A walk of the folder: on the executor, not the cooperative pool.
        guard let fingerprint = await BlockingExecutor.watcher.run({ FolderSnapshot.take(of: path).map(InputFingerprint.of) }) else {
            unsent.remove(path)
            return  // gone meanwhile: the watcher reports the removal
        }
        do {
            try await queue.enqueue(folder: String(path.dropFirst(prefix.count)), fingerprint: fingerprint, force: false)
            if unsent.remove(path) != nil, unsent.isEmpty { logger.notice("the database answers again; jobs queued") }
        } catch {
            if unsent.isEmpty { logger.warning("cannot queue jobs: the database does not answer; trying again", metadata: ["error": "\(error)"]) }
            unsent.insert(path)
        }
    }

    /// Called on every tick; tries the refused jobs again once a second.
    func retryUnsent() async {
        guard !unsent.isEmpty, !retrying, ContinuousClock.now - lastTry >= .seconds(1) else { return }
        lastTry = ContinuousClock.now
        retrying = true
        defer { retrying = false }
        for path in unsent { await dispatch(path) }
    }
}
