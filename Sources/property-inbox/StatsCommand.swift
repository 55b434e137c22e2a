import ArgumentParser
import Foundation
import ModelGateway
import Pipeline

/// `stats`: calls, tokens, cost and cache hits per day, stage and model.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show API calls, tokens, cost and cache hits by day, stage and model."
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "How many days back.")
    var days = 30

    func validate() throws {
        guard days > 0 else { throw ValidationError("--days must be positive") }
    }

    func run() async throws {
        let runtime = try global.makeRuntime()
        let store = runtime.gatewayStore
        let budget = try await BudgetGuard(limits: runtime.settings.gateway.budget) { try await store.spent(since: $0) }.status()
        print(try await UsageReport.load(from: store, days: days, budget: budget).render(), terminator: "")
    }
}
