public import Foundation
public import ModelGateway

/// `stats`: calls, tokens, cost and cache hits per day, stage and model, from the usage log.
public struct UsageReport: Sendable, Encodable {
    public var rows: [DailyUsage]
    public var budget: BudgetGuard.Status?

    public init(rows: [DailyUsage], budget: BudgetGuard.Status? = nil) {
        self.rows = rows
        self.budget = budget
    }

    /// Rows for the last `days` days, newest first.
    public static func load(from store: GatewayStore, days: Int = 30, now: Date = Date(),
                            budget: BudgetGuard.Status? = nil) async throws -> UsageReport {
        let since = now.addingTimeInterval(-Double(days) * 86_400)
        return UsageReport(rows: try await store.dailyUsage(since: since), budget: budget)
    }

    /// A plain-text table for the terminal.
    public func render() -> String {
        guard !rows.isEmpty else { return "No API calls recorded yet.\n" + renderBudget() }
        let header = ["day", "stage", "model", "calls", "cached", "failed", "tokens in", "tokens out", "cost USD"]
        var table = [header]
        for row in rows {
            table.append([row.day, row.stage, row.model, "\(row.calls)", "\(row.cacheHits)", "\(row.failures)",
                          "\(row.promptTokens)", "\(row.completionTokens)", String(format: "%.4f", row.costUSD)])
        }
        let total = rows.reduce(into: (calls: 0, cached: 0, cost: 0.0)) {
            $0.calls += $1.calls
            $0.cached += $1.cacheHits
            $0.cost += $1.costUSD
        }
        table.append(["total", "", "", "\(total.calls)", "\(total.cached)", "", "", "", String(format: "%.4f", total.cost)])
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        let lines = table.map { cells in
            cells.enumerated().map { index, cell in
                index >= 3 ? String(repeating: " ", count: widths[index] - cell.count) + cell
                    : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return lines.joined(separator: "\n") + "\n" + renderBudget()
    }

    // `stats --json`: snake_case, like every other machine-readable output.
    enum CodingKeys: String, CodingKey { case days, budget }
    enum RowKeys: String, CodingKey {
        case day, stage, model, calls, failures
        case cacheHits = "cache_hits", promptTokens = "prompt_tokens", completionTokens = "completion_tokens", costUSD = "cost_usd"
    }
    enum BudgetKeys: String, CodingKey {
        case spentTodayUSD = "spent_today_usd", spentThisMonthUSD = "spent_this_month_usd"
        case dailyLimitUSD = "daily_limit_usd", monthlyLimitUSD = "monthly_limit_usd"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var days = container.nestedUnkeyedContainer(forKey: .days)
        for row in rows {
            var item = days.nestedContainer(keyedBy: RowKeys.self)
            try item.encode(row.day, forKey: .day)
            try item.encode(row.stage, forKey: .stage)
            try item.encode(row.model, forKey: .model)
            try item.encode(row.calls, forKey: .calls)
            try item.encode(row.cacheHits, forKey: .cacheHits)
            try item.encode(row.failures, forKey: .failures)
            try item.encode(row.promptTokens, forKey: .promptTokens)
            try item.encode(row.completionTokens, forKey: .completionTokens)
            try item.encode(row.costUSD, forKey: .costUSD)
        }
        if let budget {
            var item = container.nestedContainer(keyedBy: BudgetKeys.self, forKey: .budget)
            try item.encode(budget.spentToday, forKey: .spentTodayUSD)
            try item.encode(budget.spentThisMonth, forKey: .spentThisMonthUSD)
            try item.encode(budget.limits.dailyUSD, forKey: .dailyLimitUSD)
            try item.encode(budget.limits.monthlyUSD, forKey: .monthlyLimitUSD)
        }
    }

    private func renderBudget() -> String {
        guard let budget else { return "" }
        return String(format: "budget: today %.4f of %.2f USD, this month %.4f of %.2f USD\n",
                      budget.spentToday, budget.limits.dailyUSD, budget.spentThisMonth, budget.limits.monthlyUSD)
    }
}
