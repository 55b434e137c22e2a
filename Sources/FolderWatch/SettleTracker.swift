/// Decides when a folder's upload has finished: at once when READY appears, else when nothing
/// changed for the settle window (an upload without READY has no other end signal). Pure: the
/// caller passes the time, so tests and the daemon share it without sleeping.
public struct SettleTracker: Sendable {
    public var settleSeconds: Double
    private var lastActivity: [String: Double] = [:]
    private var readyNow: Set<String> = []

    public init(settleSeconds: Double) {
        self.settleSeconds = settleSeconds
    }

    /// Something in `folder` changed at `time` (seconds since any fixed origin).
    public mutating func noteActivity(_ folder: String, at time: Double) {
        lastActivity[folder] = max(lastActivity[folder] ?? -.infinity, time)
    }

    /// READY appeared: the agent says the upload is complete.
    public mutating func noteReady(_ folder: String) {
        readyNow.insert(folder)
        lastActivity[folder] = lastActivity[folder] ?? 0
    }

    public mutating func forget(_ folder: String) {
        lastActivity[folder] = nil
        readyNow.remove(folder)
    }

    public func isTracking(_ folder: String) -> Bool { lastActivity[folder] != nil }

    /// Folders whose upload is complete by now; they stop being tracked. Folders in `holding`
    /// (a file still open for writing) are never due and keep their READY for when they are free.
    public mutating func takeDue(now: Double, holding: Set<String> = []) -> [String] {
        let due = lastActivity.filter {
            !holding.contains($0.key) && (readyNow.contains($0.key) || now - $0.value >= settleSeconds)
        }.map(\.key).sorted()
        for folder in due { forget(folder) }
        return due
    }
}
