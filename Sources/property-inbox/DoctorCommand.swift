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

    func run() async throws {
        // The same runtime every command opens: config file read (or its error reported), state
        // database migrated, models and budgets as the daemon would use them.
        let runtime = try global.makeRuntime()
        let doctor = Doctor(config: runtime.settings.gateway, stateDirectory: runtime.stateDirectory, store: runtime.gatewayStore,
                            offline: runtime.configuration.offline)
        let checks = await doctor.run()
        print(Doctor.render(checks), terminator: "")
        if !Doctor.passed(checks) { throw ExitCode.failure }
    }
}
