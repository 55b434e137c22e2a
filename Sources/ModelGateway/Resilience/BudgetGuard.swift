public import Foundation

/// Several hosts (issue #25): the budgets counted over every worker's spending, kept where all of
/// them see it (PostgreSQL: PostgresQueue).
public protocol SharedBudget: Sendable {
    /// Under one lock for every host: the spending since `day` and since `month` (costs, and
    /// reservations not yet expired) is passed to `check`; if it does not throw, a reservation of
    /// `estimate` is recorded that counts until it is settled or `expiresAfter` seconds have passed
    /// (a worker that died must not hold the budget for ever). Returns the reservation's id.
    func reserve(estimate: Double, day: Date, month: Date, expiresAfter: Double,
                 check: @escaping @Sendable (_ spentToday: Double, _ spentThisMonth: Double) throws -> Void) async throws -> Int64
    /// The reservation becomes the call's real cost (nil: not known, the estimate stays).
    func settle(_ id: Int64, cost: Double?) async throws
    /// Costs and live reservations since `since`, over every host.
    func spent(since: Date) async throws -> Double
}

/// Daily and monthly USD budgets (100 / 2,000 USD by default: a busy agency's month, with room
/// for a re-run of everything) over costs recorded in the usage log. A call whose worst-case cost
/// could cross either budget is not started; calls in flight hold a reservation so concurrent
/// calls cannot overspend together.
public actor BudgetGuard {
    public struct Limits: Sendable, Equatable {
        public var dailyUSD: Double
        public var monthlyUSD: Double
        public init(dailyUSD: Double = 100, monthlyUSD: Double = 2000) {
            self.dailyUSD = dailyUSD
            self.monthlyUSD = monthlyUSD
        }
    }

    public struct Status: Sendable, Equatable {
        public var spentToday: Double
        public var spentThisMonth: Double
        public var reserved: Double
        public var limits: Limits
        public var nextDay: Date
        public var nextMonth: Date
    }

    /// Where recorded spending comes from (the usage log, read with GRDB's async API so SQLite
    /// never blocks the cooperative pool).
    public typealias SpendingSource = @Sendable (_ since: Date) async throws -> Double

    private let limits: Limits
    private let spent: SpendingSource
    private let clock: any GatewayClock
    private let calendar: Calendar
    private var reservations: [UInt64: Double] = [:]
    /// Several hosts: reservations and costs live in the shared store instead (this host's own
    /// usage log is a part of what it counts).
    private let shared: (any SharedBudget)?
    private let reservationSeconds: Double
    private var sharedIDs: [UInt64: Int64] = [:]
    /// With a shared budget the caller takes its rate-limit slot first, so a reservation lasts
    /// only as long as the transfer (and can expire soon after a worker dies).
    public nonisolated var isShared: Bool { shared != nil }
    private var nextID: UInt64 = 0
    /// Counts releases: a release means a cost moved from a reservation into the usage log.
    private var releases: UInt64 = 0

    /// - Parameters:
    ///   - shared: several hosts: the budgets counted across all of them.
    ///   - reservationSeconds: how long a shared reservation counts when it is never settled.
    public init(limits: Limits, timeZone: TimeZone = .current, clock: any GatewayClock = SystemClock(),
                shared: (any SharedBudget)? = nil, reservationSeconds: Double = 240, spent: @escaping SpendingSource) {
        self.limits = limits
        self.shared = shared
        self.reservationSeconds = reservationSeconds
        self.spent = spent
        self.clock = clock
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Reserves `estimate` USD or throws `budgetExceeded` with the time the budget resets.
    ///
    /// The sums are read before the check, across a suspension; the check and the reservation
    /// then happen with no suspension between them, so two concurrent calls can never both pass
    /// on the same remaining budget. A release during the read means a cost just moved into the
    /// usage log, possibly after the sum was taken: the sums are read again.
    public func reserve(_ estimate: Double) async throws -> UInt64 {
        if let shared { return try await reserveShared(estimate, in: shared) }
        var status: Status
        repeat {
            let seen = releases
            status = try await self.status()
            if seen == releases { break }
        } while true
        status.reserved = reservations.values.reduce(0, +)
        try Self.check(limits: limits, spentToday: status.spentToday, spentThisMonth: status.spentThisMonth,
                       needed: status.reserved + max(0, estimate), nextDay: status.nextDay, nextMonth: status.nextMonth)
        nextID += 1
        reservations[nextID] = max(0, estimate)
        return nextID
    }

    /// Throws `budgetExceeded` when `needed` more (reservations included) would cross either
    /// budget. The one rule, for this host's sums and for the shared ones.
    public static func check(limits: Limits, spentToday: Double, spentThisMonth: Double, needed: Double,
                             nextDay: Date, nextMonth: Date) throws {
        if spentToday + needed > limits.dailyUSD {
            throw GatewayError(.budgetExceeded, String(format: "daily budget %.2f USD: %.4f spent, %.4f needed", limits.dailyUSD, spentToday, needed), resumeAt: nextDay)
        }
        if spentThisMonth + needed > limits.monthlyUSD {
            throw GatewayError(.budgetExceeded, String(format: "monthly budget %.2f USD: %.4f spent, %.4f needed", limits.monthlyUSD, spentThisMonth, needed), resumeAt: nextMonth)
        }
    }

    /// Drops a reservation once the call's real cost is in the usage log. `cost`: what the call
    /// cost, for a shared budget (nil when not known: the estimate is kept as spent, since the
    /// provider may have billed it).
    public func release(_ id: UInt64, cost: Double? = nil) async {
        reservations[id] = nil
        releases += 1
        guard let shared, let sharedID = sharedIDs.removeValue(forKey: id) else { return }
        // A lost settle leaves the estimate counting until the reservation expires: a few tries.
        // Its own task: a cancelled call (shutdown) still settles what it reserved.
        let clock = clock
        await Task {
            for attempt in 1...5 {
                do {
                    try await shared.settle(sharedID, cost: cost)
                    return
                } catch {
                    if attempt < 5 { try? await clock.sleep(for: .seconds(1)) }
                }
            }
        }.value
    }

    /// The check and the reservation in the shared store, under its lock. A store that does not
    /// answer: no call starts until it does (starting one could cross the budget of every host).
    private func reserveShared(_ estimate: Double, in shared: any SharedBudget) async throws -> UInt64 {
        let (day, month, nextDay, nextMonth) = periods()
        let limits = limits
        let needed = max(0, estimate)
        while true {
            do {
                let sharedID = try await shared.reserve(estimate: needed, day: day, month: month, expiresAfter: reservationSeconds) { today, thisMonth in
                    try Self.check(limits: limits, spentToday: today, spentThisMonth: thisMonth, needed: needed,
                                   nextDay: nextDay, nextMonth: nextMonth)
                }
                nextID += 1
                sharedIDs[nextID] = sharedID
                return nextID
            } catch let error as GatewayError {
                throw error
            } catch {
                try Task.checkCancellation()
                try await clock.sleep(for: .seconds(1))
            }
        }
    }

    private func periods() -> (day: Date, month: Date, nextDay: Date, nextMonth: Date) {
        let now = clock.now()
        let day = calendar.startOfDay(for: now)
        let month = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? day
        return (day, month, calendar.date(byAdding: .day, value: 1, to: day) ?? day,
                calendar.date(byAdding: .month, value: 1, to: month) ?? month)
    }

    /// With a shared budget: every host's costs and live reservations, in `spentToday` and
    /// `spentThisMonth`.
    public func status() async throws -> Status {
        let (day, month, nextDay, nextMonth) = periods()
        let (today, thisMonth): (Double, Double)
        if let shared {
            (today, thisMonth) = (try await shared.spent(since: day), try await shared.spent(since: month))
        } else {
            (today, thisMonth) = (try await spent(day), try await spent(month))
        }
        return Status(
            spentToday: today, spentThisMonth: thisMonth,
            reserved: reservations.values.reduce(0, +), limits: limits, nextDay: nextDay, nextMonth: nextMonth)
    }
}
