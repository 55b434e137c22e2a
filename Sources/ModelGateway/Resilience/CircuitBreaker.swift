public import Foundation

/// One breaker per model, so a failing model stops costing a timeout per call while the others
/// keep serving: `threshold` failures within `window` open it; after
/// `cooldown` one probe call is let through (half-open); its success closes the breaker, its
/// failure opens it again.
public actor CircuitBreakers {
    public enum State: String, Sendable { case closed, open, halfOpen = "half_open" }

    private struct Breaker {
        var failures: [Date] = []
        var state: State = .closed
        var openedAt: Date?
        var probeInFlight = false
    }

    private var breakers: [String: Breaker] = [:]
    private let threshold: Int
    private let window: TimeInterval
    private let cooldown: TimeInterval
    private let clock: any GatewayClock

    public init(threshold: Int = 5, window: TimeInterval = 60, cooldown: TimeInterval = 60, clock: any GatewayClock = SystemClock()) {
        self.threshold = threshold
        self.window = window
        self.cooldown = cooldown
        self.clock = clock
    }

    /// Whether a call to `model` may start now. In half-open state only one probe may run.
    public func allow(_ model: String) -> Bool {
        var breaker = breakers[model, default: Breaker()]
        defer { breakers[model] = breaker }
        switch breaker.state {
        case .closed:
            return true
        case .open:
            // Opened "in the future": the wall clock was set back, and the cooldown's age is
            // unknown. A probe is cheap; waiting out the size of the step is not.
            guard let openedAt = breaker.openedAt else { return false }
            let openFor = clock.now().timeIntervalSince(openedAt)
            guard openFor >= cooldown || openFor < 0 else { return false }
            breaker.state = .halfOpen
            breaker.probeInFlight = true
            return true
        case .halfOpen:
            if breaker.probeInFlight { return false }
            breaker.probeInFlight = true
            return true
        }
    }

    public func recordSuccess(_ model: String) {
        breakers[model] = Breaker()
    }

    public func recordFailure(_ model: String) {
        var breaker = breakers[model, default: Breaker()]
        let now = clock.now()
        switch breaker.state {
        case .halfOpen, .open:
            breaker.state = .open
            breaker.openedAt = now
            breaker.probeInFlight = false
        case .closed:
            breaker.failures = breaker.failures.filter { now.timeIntervalSince($0) < window } + [now]
            if breaker.failures.count >= threshold {
                breaker.state = .open
                breaker.openedAt = now
                breaker.failures = []
            }
        }
        breakers[model] = breaker
    }

    public func state(of model: String) -> State { breakers[model]?.state ?? .closed }
}
