public import Foundation

/// Call priority when the rate limiter makes callers wait: lower raw value first, so an agent's
/// text (what the listing needs first) is not stuck behind a folder's forty photos.
public enum RequestPriority: Int, Sendable, Comparable, CaseIterable {
    case critical = 0, high, normal, low
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Several hosts (issue #25): one provider limit per key across every worker, kept where all of
/// them see it (PostgreSQL: PostgresQueue). Returns nil when a call may start now (and counts
/// it), else the seconds until a slot frees up.
public protocol SharedRequestSlots: Sendable {
    func take(key: String, perMinute: Int, perHour: Int) async throws -> Double?
}

/// A sliding-window limiter shared by every concurrent call (60/min, 10,000/h by default: under
/// the provider's per-key limits, so the gateway waits here instead of collecting 429s).
/// Callers wait exactly until a slot frees up — no fixed sleeps — and are let through by
/// priority, then in arrival order.
public actor RateLimiter {
    private struct Waiter {
        var priority: RequestPriority
        var ticket: UInt64
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let perMinute: Int
    private let perHour: Int
    private let clock: any GatewayClock
    private var starts: [Date] = []
    private var waiters: [Waiter] = []
    private var nextTicket: UInt64 = 0
    private var timerArmed = false
    /// Several hosts: the same limits counted across all of them, after this process's own.
    private let shared: (any SharedRequestSlots)?
    private let sharedKey: String

    public init(perMinute: Int = 60, perHour: Int = 10_000, clock: any GatewayClock = SystemClock(),
                shared: (any SharedRequestSlots)? = nil, sharedKey: String = "provider") {
        self.perMinute = max(1, perMinute)
        self.perHour = max(1, perHour)
        self.clock = clock
        self.shared = shared
        self.sharedKey = sharedKey
    }

    /// Waits for a slot; throws `CancellationError` if the task is cancelled while waiting.
    public func acquire(priority: RequestPriority = .normal) async throws {
        try await acquireHere(priority: priority)
        guard let shared else { return }
        // Until the shared count has room. A database that does not answer: no call starts until
        // it does (starting one could break the provider's limit for every host).
        while true {
            let wait: Double?
            do {
                wait = try await shared.take(key: sharedKey, perMinute: perMinute, perHour: perHour)
            } catch {
                try Task.checkCancellation()
                wait = 1
            }
            guard let wait else { return }
            try await clock.sleep(until: clock.now().addingTimeInterval(max(0.05, wait)))
        }
    }

    /// This process's own window.
    private func acquireHere(priority: RequestPriority) async throws {
        prune()
        if waiters.isEmpty && freeAt() == nil {
            starts.append(clock.now())
            return
        }
        nextTicket += 1
        let ticket = nextTicket
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiters.append(Waiter(priority: priority, ticket: ticket, continuation: continuation))
                pump()
            }
        } onCancel: {
            Task { await self.cancel(ticket) }
        }
    }

    /// Slots used in the last minute and hour (for `stats` and `doctor`).
    public func usage() -> (lastMinute: Int, lastHour: Int) {
        prune()
        let now = clock.now()
        return (starts.filter { now.timeIntervalSince($0) < 60 }.count, starts.count)
    }

    private func cancel(_ ticket: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    private func pump() {
        prune()
        while !waiters.isEmpty, freeAt() == nil {
            let index = waiters.indices.min { (waiters[$0].priority, waiters[$0].ticket) < (waiters[$1].priority, waiters[$1].ticket) }!
            let waiter = waiters.remove(at: index)
            starts.append(clock.now())
            waiter.continuation.resume()
        }
        guard !waiters.isEmpty, !timerArmed, let wakeAt = freeAt() else { return }
        timerArmed = true
        let clock = self.clock
        Task {
            try? await clock.sleep(until: wakeAt)
            await self.timerFired()
        }
    }

    private func timerFired() {
        timerArmed = false
        pump()
    }

    private func prune() {
        let now = clock.now()
        // Starts "in the future" (the wall clock was set back) count as just now: the window then
        // frees a minute or an hour from now, not a minute or an hour after the step.
        if let last = starts.last, last > now { starts = starts.map { min($0, now) } }
        if let index = starts.firstIndex(where: { now.timeIntervalSince($0) < 3600 }) {
            if index > 0 { starts.removeFirst(index) }
        } else {
            starts.removeAll()
        }
    }

    /// nil when a call may start now, else when the next slot frees up.
    private func freeAt() -> Date? {
        let now = clock.now()
        var wake: Date?
        if starts.count >= perHour { wake = starts[starts.count - perHour].addingTimeInterval(3600) }
        let lastMinute = starts.filter { now.timeIntervalSince($0) < 60 }
        if lastMinute.count >= perMinute {
            let minuteWake = lastMinute[lastMinute.count - perMinute].addingTimeInterval(60)
            wake = max(wake ?? minuteWake, minuteWake)
        }
        guard let wake, wake > now else { return nil }
        return wake
    }
}
