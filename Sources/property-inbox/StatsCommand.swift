import ArgumentParser
import Foundation
import ModelGateway
import Pipeline
import PipelineStore

/// `stats`: calls, tokens, cost and cache hits per day, stage and model.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show API calls, tokens, cost and cache hits by day, stage and model."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "How many days back.")
    var days = 30

    @Flag(name: .long, help: "Print JSON (days and budget) for scripts and monitoring.")
    var json = false

    func validate() throws {
        guard days > 0 else { throw ValidationError("--days must be positive") }
    }

    func run() async throws {
        let settings = try global.settings()
        guard AppDatabase.exists(inStateDirectory: settings.stateDirectory) else {
            // Looking must not create state (see `status`).
            let report = UsageReport(rows: [])
            if json { try printJSON(report) } else { print(report.render(), terminator: "") }
            return
        }
        let runtime = try global.makeRuntime()
        let store = runtime.gatewayStore
        let budget = try await BudgetGuard(limits: runtime.settings.gateway.budget) { try await store.spent(since: $0) }.status()
        let report = try await UsageReport.load(from: store, days: days, budget: budget)
        if json { try printJSON(report) } else { print(report.render(), terminator: "") }
    }
}
