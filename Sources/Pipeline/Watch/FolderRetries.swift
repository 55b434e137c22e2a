import FolderWatch
import ModelGateway
import Synchronization

/// The daemon's `RetrySchedule`, shared by the folder jobs (which record failures and successes)
/// and the timer (which takes what is due), on the monotonic clock.
final class FolderRetries: Sendable {
    private let schedule: Mutex<RetrySchedule>
    private let origin = ContinuousClock.now

    init(firstDelay: Double, maxDelay: Double) {
        schedule = Mutex(RetrySchedule(firstDelay: firstDelay, maxDelay: maxDelay))
    }

    private var now: Double { (ContinuousClock.now - origin).seconds }

    /// Seconds until the folder is tried again.
    func failed(_ folder: String) -> Double {
        let now = now
        return schedule.withLock { $0.failed(folder, now: now) }
    }

    func forget(_ folder: String) {
        schedule.withLock { $0.clear(folder) }
    }

    func takeDue() -> [String] {
        let now = now
        return schedule.withLock { $0.takeDue(now: now) }
    }
}
