import ArgumentParser
import Foundation
import Pipeline

struct NotifyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify-test",
        abstract: "Send a test message to an agent on each of their channels ([agents.<id>] in the config)."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The agent's id, as in [agents.<id>].")
    var agent: String

    func run() async throws {
        let runtime = try global.makeRuntime()
        guard let results = await runtime.sendTestNotice(agent: agent) else {
            let known = runtime.agentIds
            throw ValidationError("no [agents.\(agent)] in the config" + (known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))"))
        }
        if results.isEmpty {
            print("\(agent) has no channel: set email (with [notify] smtp_url), telegram_chat_id, line_user_id, or [notify] webhook_url.")
            throw ExitCode(1)
        }
        for result in results {
            print("\(result.channel): \(result.error.map { "FAILED — \($0)" } ?? "sent")")
        }
        if results.contains(where: { $0.error != nil }) { throw ExitCode(1) }
    }
}
