import Foundation
import PipelineStore
import PropertyCore
import Synchronization

/// Keeps `_INBOX_STATUS.txt` current without rewriting it after every folder: it lists every
/// folder, so with 10,000 folders a rewrite per change would be quadratic. Changes only mark it
/// stale (from any task); the daemon's timer rewrites it at most once a second.
final class InboxStatusRefresher: Sendable {
    private let inbox: URL
    private let store: PipelineStore
    private let language: ListingLanguage
    private let stale = Atomic<Bool>(false)
    private let lastWrite = Mutex<ContinuousClock.Instant?>(nil)

    init(inbox: URL, store: PipelineStore, language: ListingLanguage = .en) {
        self.inbox = inbox
        self.store = store
        self.language = language
    }

    func markStale() {
        stale.store(true, ordering: .releasing)
    }

    /// Rewrites the file if something changed and the last rewrite is at least a second old.
    func refreshIfDue() async {
        let now = ContinuousClock.now
        let due = lastWrite.withLock { last in last.map { now - $0 >= .seconds(1) } ?? true }
        guard due, stale.exchange(false, ordering: .acquiringAndReleasing) else { return }
        lastWrite.withLock { $0 = now }
        try? await InboxStatusWriter.write(inbox: inbox, store: store, language: language)
    }
}
