import ArgumentParser
import Foundation
import ModelGateway
import Pipeline

/// `doctor`: configuration, key, models, budget, inotify limits, permissions.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check configuration, API key, model availability, budgets, inotify limits and permissions."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The inbox to check as well (permissions, setgid, free space, inotify watches needed).",
              completion: .directory)
    var inbox: String?

    func run() async throws {
        // The same settings every command assembles; a config file with mistakes is the first
        // thing doctor reports (with file:line), not a reason to stop before checking the rest.
        let runtime: PipelineRuntime
        do {
            runtime = try global.makeRuntime()
        } catch {
            print(Doctor.render([Doctor.Check(name: "config", status: .failure, detail: "\(error)")]), terminator: "")
            throw ExitCode.failure
        }
        let doctor = Doctor(config: runtime.settings.gateway, stateDirectory: runtime.stateDirectory, store: runtime.gatewayStore,
                            offline: runtime.configuration.offline)
        var checks = await doctor.run()
        if let inbox = inbox ?? runtime.configuration.inboxPath {
            checks += InboxCheck.run(inbox: URL(fileURLWithPath: inbox), stateDirectory: runtime.stateDirectory)
        }
        checks += NotifyCheck.run(runtime.configuration.notify)  // the agents' channels
        print(Doctor.render(checks), terminator: "")
        if !Doctor.passed(checks) { throw ExitCode.failure }
    }
}
