public import Foundation
import Synchronization

/// Wall time and waiting, injected so tests never really wait.
public protocol GatewayClock: Sendable {
    func now() -> Date
    func sleep(for duration: Duration) async throws
}

extension GatewayClock {
    public func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSince(now())
        if seconds > 0 { try await sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up)))) }
    }
}

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemClock: GatewayClock {
    public init() {}
    public func now() -> Date { Date() }
    public func sleep(for duration: Duration) async throws { try await Task.sleep(for: duration) }
}

/// A test clock that remembers every sleep. By default a sleep returns at once and moves time
/// forward; with `autoAdvance: false` it waits until the test calls `advance(by:)`.
public final class ManualClock: GatewayClock, Sendable {
    private let state: Mutex<(now: Date, sleeps: [Duration])>
    private let autoAdvance: Bool

    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600), autoAdvance: Bool = true) {
        state = Mutex((start, []))
        self.autoAdvance = autoAdvance
    }

    public func now() -> Date { state.withLock { $0.now } }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let target = state.withLock {
            $0.sleeps.append(duration)
            if autoAdvance { $0.now = $0.now.addingTimeInterval(duration.seconds) }
            return $0.now.addingTimeInterval(autoAdvance ? 0 : duration.seconds)
        }
        await Task.yield()
        while now() < target {
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    public func advance(by seconds: TimeInterval) { state.withLock { $0.now = $0.now.addingTimeInterval(seconds) } }

    /// Every sleep taken so far, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }
}

extension Duration {
    /// The duration in seconds as a Double.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
