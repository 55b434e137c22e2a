import ArgumentParser
import Foundation
import ModelGateway

/// `doctor`: configuration, key, models, budget, inotify limits, permissions.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check configuration, API key, model availability, budgets, inotify limits and permissions."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let (store, directory) = try global.openGatewayStore()
        let doctor = Doctor(config: GatewayConfig.fromEnvironment(), stateDirectory: directory, store: store, offline: global.offline)
        let checks = await doctor.run()
        print(Doctor.render(checks), terminator: "")
        if !Doctor.passed(checks) { throw ExitCode.failure }
    }
}
