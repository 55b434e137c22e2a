import Foundation
public import Logging

/// The model gateway: every paid call goes through here. It owns the fault policy (retries,
/// fallback, pause on 401/402), the circuit breakers, the shared rate limiter, the budget and
/// the usage log. Caching answers is the caller's business: it knows what an input is.
public final class Gateway: Sendable {
    public let config: GatewayConfig
    public let store: GatewayStore
    public let limiter: RateLimiter
    public let breakers: CircuitBreakers
    public let budget: BudgetGuard
    let transport: any HTTPTransport
    public let clock: any GatewayClock
    let backoff: Backoff
    let pause: QueuePause
    public let logger: Logger

    /// - Parameters:
    ///   - limiter: pass the same limiter to every gateway that shares an API key.
    ///   - sharedBudget: several hosts: the daily and monthly budgets counted across all of them.
    ///   - random: jitter source in [0, 1]; tests pin it.
    public init(config: GatewayConfig, store: GatewayStore, transport: any HTTPTransport = CurlTransport(),
                clock: any GatewayClock = SystemClock(), limiter: RateLimiter? = nil,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
                logger: Logger = Logger(label: "property-inbox.gateway"), sharedBudget: (any SharedBudget)? = nil) {
        self.config = config
        self.store = store
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.limiter = limiter ?? RateLimiter(perMinute: config.requestsPerMinute, perHour: config.requestsPerHour, clock: clock)
        breakers = CircuitBreakers(threshold: config.breakerThreshold, window: config.breakerWindow, cooldown: config.breakerWindow, clock: clock)
        // A shared reservation outlives the transfer's own time limit by two minutes (the usage
        // row and the settle) before it stops counting.
        budget = BudgetGuard(limits: config.budget, clock: clock, shared: sharedBudget,
                             reservationSeconds: Double(config.requestTimeout.components.seconds) + 120) { [store] since in
            try await store.spent(since: since)
        }
        backoff = Backoff(base: config.backoffBase, cap: config.backoffCap, random: random)
        pause = QueuePause(clock: clock, logger: logger)
    }

    /// The error that paused the queue (401/402), if any. Calls fail fast with it until
    /// `resume()` or until a probe call succeeds (one is let through every 5 minutes).
    public func pausedBy() async -> GatewayError? { await pause.current }

    public func resume() async { await pause.clear() }

    func headers(key: APIKey?, json: Bool) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let key { headers.append(("Authorization", "Bearer \(key.value)")) }
        if json { headers.append(("Content-Type", "application/json")) }
        if config.openRouterFeatures {
            if let referer = config.referer { headers.append(("HTTP-Referer", referer)) }
            if let title = config.title { headers.append(("X-OpenRouter-Title", title)) }
        }
        return headers
    }

    func requireKey(for baseURL: String, key: APIKey?) throws {
        if key == nil && baseURL.contains("openrouter.ai") || key == nil && baseURL.contains("api.openai.com") {
            throw GatewayError(.notConfigured, "no API key: set OPENROUTER_API_KEY (or run with --offline)")
        }
    }
}

/// Remembers a queue-pausing error so the next two hundred folders do not each rediscover it.
/// The operator hears about it as an `error` with what to do, again at most every `probeInterval`
/// while it lasts, and a `notice` when calls work again.
actor QueuePause {
    private(set) var current: GatewayError?
    private var lastProbe: Date?
    private var lastReported: Date?
    private let clock: any GatewayClock
    private let logger: Logger
    private let probeInterval: TimeInterval = 300

    init(clock: any GatewayClock, logger: Logger) {
        self.clock = clock
        self.logger = logger
    }

    /// Throws the pausing error unless it is time to let one probe through.
    func check() throws {
        guard let current else { return }
        let now = clock.now()
        if let lastProbe, now.timeIntervalSince(lastProbe) < probeInterval { throw current }
        lastProbe = now
    }

    func set(_ error: GatewayError) {
        let now = clock.now()
        let changed = current?.code != error.code
        current = error
        lastProbe = now
        if changed || lastReported.map({ now.timeIntervalSince($0) >= probeInterval }) ?? true {
            lastReported = now
            logger.error("provider calls paused", metadata: ["code": "\(error.code.rawValue)", "action": "\(error.reason)"])
        }
    }

    func clear() {
        if let current {
            logger.notice("provider calls resumed", metadata: ["was": "\(current.code.rawValue)"])
        }
        current = nil
        lastProbe = nil
        lastReported = nil
    }
}
