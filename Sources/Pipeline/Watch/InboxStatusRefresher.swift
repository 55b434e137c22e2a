import FolderWatch
import Foundation
import Synchronization

/// Keeps `_INBOX_STATUS.txt` current without rewriting it after every folder: it lists every
/// folder, so with 10,000 folders a rewrite per change would be quadratic. Transitions only mark
/// it stale (`FolderLifecycle`); the daemon's timer rewrites it at most once a second.
final class InboxStatusRefresher: Sendable {
    private let inbox: URL
    private let lifecycle: FolderLifecycle
    private let lastWrite = Mutex<Double?>(nil)

    init(inbox: URL, lifecycle: FolderLifecycle) {
        self.inbox = inbox
        self.lifecycle = lifecycle
    }

    func markStale() {
        lifecycle.markInboxStale()
    }

    /// Rewrites the file if something changed and the last rewrite is at least a second old.
    func refreshIfDue() async {
        let now = lifecycle.clock.monotonic()
        let due = lastWrite.withLock { last in last.map { now - $0 >= 1 } ?? true }
        guard due, lifecycle.takeInboxStale() else { return }
        lastWrite.withLock { $0 = now }
        try? await lifecycle.writeInboxStatus(inbox)
    }

    /// Now, whatever changed (a graceful stop).
    func writeNow() async {
        try? await lifecycle.writeInboxStatus(inbox)
    }
}
