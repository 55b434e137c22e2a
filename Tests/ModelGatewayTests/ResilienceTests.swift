import Foundation
import Synchronization
import ModelGateway
import Testing

struct ResilienceTests {
    @Test func breakerOpensAfterFiveFailuresAndProbesAfterTheCooldown() async {
        let clock = ManualClock()
        let breakers = CircuitBreakers(threshold: 5, window: 60, cooldown: 60, clock: clock)
        for _ in 0..<4 { await breakers.recordFailure("m") }
        #expect(await breakers.allow("m"))
        await breakers.recordFailure("m")
        #expect(await breakers.state(of: "m") == .open)
        #expect(await !breakers.allow("m"))
        clock.advance(by: 61)
        #expect(await breakers.allow("m"))       // the probe
        #expect(await !breakers.allow("m"))      // only one probe at a time
        await breakers.recordSuccess("m")
        #expect(await breakers.state(of: "m") == .closed)
    }

    @Test func failuresOutsideTheWindowDoNotOpenTheBreaker() async {
        let clock = ManualClock()
        let breakers = CircuitBreakers(clock: clock)
        for _ in 0..<4 { await breakers.recordFailure("m") }
        clock.advance(by: 61)
        await breakers.recordFailure("m")
        #expect(await breakers.state(of: "m") == .closed)
    }

    @Test func failedProbeReopens() async {
        let clock = ManualClock()
        let breakers = CircuitBreakers(threshold: 1, clock: clock)
        await breakers.recordFailure("m")
        clock.advance(by: 60)
        #expect(await breakers.allow("m"))
        await breakers.recordFailure("m")
        #expect(await breakers.state(of: "m") == .open)
        #expect(await !breakers.allow("m"))
    }

    @Test func aClockSetBackDoesNotHoldTheBreakerOpenForTheSizeOfTheStep() async {
        let clock = ManualClock()
        let breakers = CircuitBreakers(threshold: 1, cooldown: 60, clock: clock)
        await breakers.recordFailure("m")
        clock.advance(by: -3600)
        #expect(await breakers.allow("m"), "a probe, not an hour of refusals")
    }

    @Test func aClockSetBackFreesTheLimiterAfterItsWindowNotAfterTheStep() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perMinute: 1, perHour: 100, clock: clock)
        try await limiter.acquire()
        clock.advance(by: -3600)
        try await limiter.acquire()
        #expect(clock.sleeps == [.seconds(60)], "one minute's wait, as if the first call had just been made")
    }

    @Test func limiterWaitsExactlyUntilASlotFreesAndServesHigherPriorityFirst() async throws {
        let clock = ManualClock(autoAdvance: false)
        let limiter = RateLimiter(perMinute: 1, perHour: 100, clock: clock)
        try await limiter.acquire()
        let order = Locked<[String]>([])
        let low = Task { try await limiter.acquire(priority: .low); order.append("low") }
        try await Task.sleep(for: .milliseconds(50))
        let critical = Task { try await limiter.acquire(priority: .critical); order.append("critical") }
        try await Task.sleep(for: .milliseconds(50))
        #expect(order.value.isEmpty)
        // The limiter sleeps exactly until the first slot frees: 60 s after the first call.
        #expect(clock.sleeps == [.seconds(60)])
        clock.advance(by: 60)
        try await critical.value
        #expect(order.value == ["critical"])
        clock.advance(by: 60)
        try await low.value
        #expect(order.value == ["critical", "low"])
    }

    /// Several hosts: after its own window, the limiter asks the shared count, and waits as long
    /// as that says, under the key it was given, with its own limits.
    @Test func theSharedCountIsAskedAfterTheLocalWindowAndWaitedFor() async throws {
        final class Slots: SharedRequestSlots {
            let asked = Locked<[String]>([])
            func take(key: String, perMinute: Int, perHour: Int) async throws -> Double? {
                asked.append("\(key) \(perMinute)/\(perHour)")
                return asked.value.count < 3 ? 12.5 : nil
            }
        }
        let clock = ManualClock()
        let slots = Slots()
        let limiter = RateLimiter(perMinute: 5, perHour: 50, clock: clock, shared: slots, sharedKey: "provider:abc")
        try await limiter.acquire()
        #expect(slots.asked.value == Array(repeating: "provider:abc 5/50", count: 3))
        let waits = clock.sleeps.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 }
        #expect(waits.count == 2 && waits.allSatisfy { abs($0 - 12.5) < 0.01 }, "\(waits)")
    }

    @Test func hourlyLimitApplies() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(perMinute: 100, perHour: 3, clock: clock)
        for _ in 0..<4 { try await limiter.acquire() }
        #expect(clock.sleeps.reduce(Duration.zero, +) >= .seconds(3599))
    }

    @Test func budgetCountsReservationsOfCallsInFlight() async throws {
        let budget = BudgetGuard(limits: .init(dailyUSD: 1, monthlyUSD: 10), clock: ManualClock()) { _ in 0.5 }
        let first = try await budget.reserve(0.3)
        await #expect(throws: GatewayError.self) { try await budget.reserve(0.3) }
        await budget.release(first)
        _ = try await budget.reserve(0.3)
    }

    @Test func monthlyBudgetResumesNextMonth() async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let clock = ManualClock(start: calendar.date(from: DateComponents(year: 2026, month: 3, day: 14, hour: 9))!)
        let budget = BudgetGuard(limits: .init(dailyUSD: 100, monthlyUSD: 50), timeZone: TimeZone(identifier: "UTC")!, clock: clock) { _ in 49.99 }
        let error = await #expect(throws: GatewayError.self) { try await budget.reserve(0.02) }
        #expect(error?.code == .budgetExceeded)
        #expect(error?.resumeAt == calendar.date(from: DateComponents(year: 2026, month: 4, day: 1)))
    }

    /// Several hosts: two guards over one shared ledger (what PostgreSQL keeps in pi_spend) never
    /// reserve past the daily budget together; a settled call counts its real cost; a reservation
    /// nobody settles stops counting once it expires; a ledger that does not answer is waited for.
    @Test func aSharedBudgetHoldsAcrossHostsAndForgetsTheReservationsOfTheDead() async throws {
        let clock = ManualClock()
        let ledger = Ledger(clock: clock)
        let limits = BudgetGuard.Limits(dailyUSD: 1, monthlyUSD: 10)
        let hosts = (0..<2).map { _ in
            BudgetGuard(limits: limits, timeZone: TimeZone(identifier: "UTC")!, clock: clock, shared: ledger,
                        reservationSeconds: 60) { _ in Issue.record("a shared budget reads no local log"); return 0 }
        }
        var taken: [(host: Int, id: UInt64)] = []
        await withTaskGroup(of: (Int, UInt64?).self) { group in
            for index in 0..<8 {
                group.addTask { (index % 2, try? await hosts[index % 2].reserve(0.3)) }
            }
            for await (host, id) in group { if let id { taken.append((host, id)) } }
        }
        #expect(taken.count == 3)
        // Two calls end with their real cost, one host dies with the third reservation.
        await hosts[taken[0].host].release(taken[0].id, cost: 0.1)
        await hosts[taken[1].host].release(taken[1].id, cost: 0.1)
        #expect(abs(try await hosts[0].status().spentToday - 0.5) < 1e-9)
        _ = try await hosts[0].reserve(0.3)
        await #expect(throws: GatewayError.self) { try await hosts[1].reserve(0.3) }
        clock.advance(by: 61)
        #expect(abs(try await hosts[1].status().spentToday - 0.2) < 1e-9)
        // The ledger away for three tries: the reservation waits for it, then is taken.
        ledger.failures.withLock { $0 = 3 }
        let before = clock.sleeps.count
        _ = try await hosts[1].reserve(0.3)
        #expect(clock.sleeps.count - before == 3)
    }

    @Test func theBudgetRuleIsOneForBothPeriods() throws {
        let (day, month) = (Date(timeIntervalSince1970: 86_400), Date(timeIntervalSince1970: 86_400 * 30))
        let limits = BudgetGuard.Limits(dailyUSD: 1, monthlyUSD: 5)
        try BudgetGuard.check(limits: limits, spentToday: 0.5, spentThisMonth: 4, needed: 0.5, nextDay: day, nextMonth: month)
        #expect(throws: GatewayError.self) {
            try BudgetGuard.check(limits: limits, spentToday: 0.5, spentThisMonth: 4, needed: 0.51, nextDay: day, nextMonth: month)
        }
        do {
            try BudgetGuard.check(limits: limits, spentToday: 0, spentThisMonth: 4.9, needed: 0.2, nextDay: day, nextMonth: month)
            Issue.record("the monthly budget let it through")
        } catch let error as GatewayError {
            #expect(error.code == .budgetExceeded && error.resumeAt == month)
        }
    }

    @Test func pricesAndImageTokensFollowProvidersMd() {
        let table = PriceTable.default
        #expect(table.cost(model: "anthropic/claude-sonnet-4.5", promptTokens: 100_000, completionTokens: 0) == 0.3)
        #expect(table.cost(model: "anthropic/claude-sonnet-4.5", promptTokens: 300_000, completionTokens: 0) == 1.8)
        #expect(table.cost(model: "openai/gpt-4o-mini", promptTokens: 0, completionTokens: 1_000_000) == 0.6)
        #expect(table.cost(model: "meta/llama:free", promptTokens: 1000, completionTokens: 1000) == 0)
        #expect(ImageTokens.estimate(model: "openai/gpt-4o", width: 1024, height: 768, detail: .high) == 765)
        #expect(ImageTokens.estimate(model: "openai/gpt-4o", width: 4000, height: 3000, detail: .low) == 85)
        #expect(ImageTokens.estimate(model: "openai/gpt-4o-mini", width: 1024, height: 768, detail: .high) == 2833 + 4 * 5667)
        #expect(ImageTokens.estimate(model: "anthropic/claude-sonnet-4.5", width: 1000, height: 750, detail: .auto) == 1000)
    }

    @Test func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        #expect(GatewayDiagnostics.retryAfter(headers: ["retry-after": "5"], now: now) == 5)
        #expect(GatewayDiagnostics.retryAfter(headers: ["retry-after": "Thu, 01 Jan 2026 00:01:00 GMT"], now: now) == 60)
        #expect(GatewayDiagnostics.retryAfter(headers: [:], now: now) == nil)
    }

    @Test func keysNeverPrint() {
        let key = APIKey("sk-or-v1-very-secret")!
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "<redacted>")
        let config = GatewayConfig.fromEnvironment(["OPENROUTER_API_KEY": "sk-or-v1-very-secret"])
        #expect(!"\(config)".contains("very-secret"))
        #expect(config.baseURL == GatewayConfig.openRouterBaseURL && config.openRouterFeatures)
    }
}

final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func append<T>(_ element: T) where Value == [T] { lock.lock(); stored.append(element); lock.unlock() }
}

/// pi_spend in memory: one lock around the sums and the insert, like the advisory lock.
final class Ledger: SharedBudget {
    struct Row { var at: Date; var usd: Double; var settled: Bool; var expires: Date }
    let rows = Mutex<[Int64: Row]>([:])
    let failures = Mutex(0)
    let clock: ManualClock
    init(clock: ManualClock) { self.clock = clock }

    func reserve(estimate: Double, day: Date, month: Date, expiresAfter: Double,
                 check: @escaping @Sendable (Double, Double) throws -> Void) async throws -> Int64 {
        if failures.withLock({ $0 -= 1; return $0 >= 0 }) { throw CancellationError() }
        let now = clock.now()
        return try rows.withLock { rows in
            let live = rows.values.filter { $0.settled || $0.expires > now }
            try check(live.filter { $0.at >= day }.map(\.usd).reduce(0, +), live.filter { $0.at >= month }.map(\.usd).reduce(0, +))
            let id = Int64(rows.count + 1)
            rows[id] = Row(at: now, usd: estimate, settled: false, expires: now.addingTimeInterval(expiresAfter))
            return id
        }
    }

    func settle(_ id: Int64, cost: Double?) async throws {
        rows.withLock { rows in
            rows[id]?.settled = true
            if let cost { rows[id]?.usd = cost }
        }
    }

    func spent(since: Date) async throws -> Double {
        let now = clock.now()
        return rows.withLock { $0.values.filter { ($0.settled || $0.expires > now) && $0.at >= since }.map(\.usd).reduce(0, +) }
    }
}
