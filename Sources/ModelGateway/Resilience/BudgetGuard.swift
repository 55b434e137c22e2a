public import Foundation

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
    private var nextID: UInt64 = 0
    /// Counts releases: a release means a cost moved from a reservation into the usage log.
    private var releases: UInt64 = 0

    public init(limits: Limits, timeZone: TimeZone = .current, clock: any GatewayClock = SystemClock(), spent: @escaping SpendingSource) {
        self.limits = limits
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
        var status: Status
        repeat {
            let seen = releases
            status = try await self.status()
            if seen == releases { break }
        } while true
        status.reserved = reservations.values.reduce(0, +)
        let committed = status.reserved + max(0, estimate)
        if status.spentToday + committed > limits.dailyUSD {
            throw GatewayError(.budgetExceeded, String(format: "daily budget %.2f USD: %.4f spent, %.4f needed", limits.dailyUSD, status.spentToday, committed), resumeAt: status.nextDay)
        }
        if status.spentThisMonth + committed > limits.monthlyUSD {
            throw GatewayError(.budgetExceeded, String(format: "monthly budget %.2f USD: %.4f spent, %.4f needed", limits.monthlyUSD, status.spentThisMonth, committed), resumeAt: status.nextMonth)
        }
        nextID += 1
        reservations[nextID] = max(0, estimate)
        return nextID
    }

    /// Drops a reservation once the call's real cost is in the usage log.
    public func release(_ id: UInt64) {
        reservations[id] = nil
        releases += 1
    }

    public func status() async throws -> Status {
        let now = clock.now()
        let day = calendar.startOfDay(for: now)
        let month = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? day
        return Status(
            spentToday: try await spent(day), spentThisMonth: try await spent(month),
            reserved: reservations.values.reduce(0, +), limits: limits,
            nextDay: calendar.date(byAdding: .day, value: 1, to: day) ?? day,
            nextMonth: calendar.date(byAdding: .month, value: 1, to: month) ?? month)
    }
}
