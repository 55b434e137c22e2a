public import Foundation

/// Daily and monthly USD budgets (seed §10.3: 100 / 2,000) over costs recorded in the usage
/// log. A call whose worst-case cost could cross either budget is not started; calls in flight
/// hold a reservation so concurrent calls cannot overspend together.
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

    /// Where recorded spending comes from (the usage log).
    /// Synchronous on purpose: the check and the reservation happen without a suspension point,
    /// so two concurrent calls can never both pass on the same remaining budget.
    public typealias SpendingSource = @Sendable (_ since: Date) throws -> Double

    private let limits: Limits
    private let spent: SpendingSource
    private let clock: any GatewayClock
    private let calendar: Calendar
    private var reservations: [UInt64: Double] = [:]
    private var nextID: UInt64 = 0

    public init(limits: Limits, timeZone: TimeZone = .current, clock: any GatewayClock = SystemClock(), spent: @escaping SpendingSource) {
        self.limits = limits
        self.spent = spent
        self.clock = clock
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// Reserves `estimate` USD or throws `budgetExceeded` with the time the budget resets.
    public func reserve(_ estimate: Double) throws -> UInt64 {
        let status = try status()
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
    }

    public func status() throws -> Status {
        let now = clock.now()
        let day = calendar.startOfDay(for: now)
        let month = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? day
        return Status(
            spentToday: try spent(day), spentThisMonth: try spent(month),
            reserved: reservations.values.reduce(0, +), limits: limits,
            nextDay: calendar.date(byAdding: .day, value: 1, to: day) ?? day,
            nextMonth: calendar.date(byAdding: .month, value: 1, to: month) ?? month)
    }
}
