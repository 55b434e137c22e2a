/// When to try a folder again after a failure that was ours, not the agent's (disk full, a
/// permission, the database busy): after `firstDelay`, doubling with each failure up to
/// `maxDelay`. Pure: the caller passes monotonic seconds, so a wall clock stepped back never
/// postpones a retry.
public struct RetrySchedule: Sendable {
    public let firstDelay: Double
    public let maxDelay: Double
    private var failures: [String: Int] = [:]
    /// When each folder is due; absent while its retry is running (or it never failed).
    private var due: [String: Double] = [:]
    /// Folders that lost entries while processed: looked at again once quiet, never counted as failures.
    private var waitingForQuiet: Set<String> = []

    public init(firstDelay: Double, maxDelay: Double) {
        self.firstDelay = firstDelay
        self.maxDelay = max(firstDelay, maxDelay)
    }

    /// Records a failure at `now`; returns the seconds until the next try.
    @discardableResult
    public mutating func failed(_ folder: String, now: Double) -> Double {
        let count = (failures[folder] ?? 0) + 1
        failures[folder] = count
        let delay = Self.delay(afterFailures: count, first: firstDelay, max: maxDelay)
        due[folder] = now + delay
        return delay
    }

    /// The folder worked (or left the inbox): nothing more to retry.
    public mutating func clear(_ folder: String) {
        failures[folder] = nil
        due[folder] = nil
        waitingForQuiet.remove(folder)
    }

    /// Looks at `folder` again at `time` to see whether it has gone quiet (a deletion that stopped
    /// its run may still be under way).
    public mutating func waitForQuiet(_ folder: String, until time: Double) {
        waitingForQuiet.insert(folder)
        due[folder] = time
    }

    /// Looks at `folder` again at `time`, not counted as a failure (a photo that may still be uploading).
    public mutating func lookAgain(_ folder: String, at time: Double) {
        due[folder] = time
    }

    public func isWaitingForQuiet(_ folder: String) -> Bool { waitingForQuiet.contains(folder) }

    public mutating func quietReached(_ folder: String) {
        waitingForQuiet.remove(folder)
    }

    /// Folders whose next try is due; their failure count stays, so a new failure waits longer.
    public mutating func takeDue(now: Double) -> [String] {
        let ready = due.filter { $0.value <= now }.map(\.key).sorted()
        for folder in ready { due[folder] = nil }
        return ready
    }

    public var pending: Int { due.count }

    public func failureCount(of folder: String) -> Int { failures[folder] ?? 0 }

    /// first, 2×first, 4×first … capped at `max`.
    static func delay(afterFailures count: Int, first: Double, max: Double) -> Double {
        let doublings = Swift.min(count - 1, 30)
        return Swift.min(first * Double(1 << doublings), max)
    }
}
