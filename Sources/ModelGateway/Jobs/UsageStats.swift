public import Foundation
public import GRDB

/// `stats`: calls, tokens, cost and cache hits per day, stage and model, from the usage log.
public struct UsageStats: Sendable {
    public struct Row: Sendable, Equatable {
        public var day: String
        public var stage: String
        public var model: String
        public var calls: Int
        public var cacheHits: Int
        public var failures: Int
        public var promptTokens: Int
        public var completionTokens: Int
        public var costUSD: Double
    }

    public var rows: [Row]
    public var budget: BudgetGuard.Status?

    /// Rows for the last `days` days, newest first.
    public static func load(from store: GatewayStore, days: Int = 30, now: Date = Date(), budget: BudgetGuard.Status? = nil) throws -> UsageStats {
        let since = now.addingTimeInterval(-Double(days) * 86_400)
        let rows = try store.writer.read { db in
            try SQLRequest<Row>(sql: """
                SELECT substr(created_at, 1, 10) AS day, stage, model,
                       SUM(outcome != 'cache_hit') AS calls,
                       SUM(outcome = 'cache_hit') AS cache_hits,
                       SUM(outcome IN ('retry', 'fallback', 'failed', 'invalid_output')) AS failures,
                       SUM(prompt_tokens) AS prompt_tokens, SUM(completion_tokens) AS completion_tokens,
                       SUM(cost_usd) AS cost_usd
                FROM gateway_usage WHERE created_at >= ?
                GROUP BY day, stage, model ORDER BY day DESC, stage, model
                """, arguments: [since]).fetchAll(db)
        }
        return UsageStats(rows: rows, budget: budget)
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

    private func renderBudget() -> String {
        guard let budget else { return "" }
        return String(format: "budget: today %.4f of %.2f USD, this month %.4f of %.2f USD\n",
                      budget.spentToday, budget.limits.dailyUSD, budget.spentThisMonth, budget.limits.monthlyUSD)
    }
}

extension UsageStats.Row: FetchableRecord {
    public init(row: GRDB.Row) throws {
        day = row["day"]
        stage = row["stage"]
        model = row["model"]
        calls = row["calls"] ?? 0
        cacheHits = row["cache_hits"] ?? 0
        failures = row["failures"] ?? 0
        promptTokens = row["prompt_tokens"] ?? 0
        completionTokens = row["completion_tokens"] ?? 0
        costUSD = row["cost_usd"] ?? 0
    }
}
