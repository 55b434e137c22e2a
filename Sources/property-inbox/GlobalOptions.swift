import ArgumentParser
import Foundation
import Logging
import ModelGateway
import Pipeline
import PipelineStore

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "State directory (default: $PROPERTY_INBOX_STATE_DIR, else /var/lib/property-inbox for the packaged binary, else $XDG_STATE_HOME/property-inbox).")
    var stateDir: String?

    @Option(name: .long, help: "TOML config file (default for the packaged binary: /etc/property-inbox/property-inbox.toml; see etc/property-inbox.toml).")
    var config: String?

    @Flag(name: .long, help: "Use the offline rule-based provider even when an API key is set.")
    var offline = false

    @Flag(name: .shortAndLong, help: "Log more detail to standard error.")
    var verbose = false

    /// File, environment and these flags, assembled once (see `Settings`).
    func settings() throws -> Settings {
        var flags = Settings.Flags(stateDirectory: stateDir, configPath: config, offline: offline, verbose: verbose)
        var environment = ProcessInfo.processInfo.environment
        if let installed = InstalledLayout.current() {
            if flags.configPath == nil, FileManager.default.fileExists(atPath: installed.config) {
                flags.configPath = installed.config
            }
            if flags.stateDirectory == nil, environment["PROPERTY_INBOX_STATE_DIR"] == nil {
                flags.stateDirectory = installed.stateDirectory
            }
            environment = installed.environment(adding: environment)
        }
        return try Settings.assemble(flags, environment: environment)
    }

    /// Logs go to standard error: plain text, with syslog priorities under systemd's journal, or
    /// JSON lines (`PROPERTY_INBOX_LOG_FORMAT=json`).
    static func makeLogger(_ settings: Settings) -> Logger {
        var logger = Logger(label: "property-inbox") { OperatorLogHandler(label: $0, format: settings.logFormat) }
        logger.logLevel = settings.logLevel
        return logger
    }

    /// Opens configuration and state. A problem here is the operator's to fix: its own message
    /// is printed (not the usage text, which would bury it) and the command exits non-zero.
    /// - Parameters:
    ///   - shared: several hosts: the provider's rate limit and the budgets counted there.
    ///   - sharedFolders: several hosts: the folder history they share.
    func makeRuntime(shared: (any SharedRequestSlots & SharedBudget)? = nil, sharedFolders: (any FolderHistory)? = nil) throws -> PipelineRuntime {
        let settings = try settings()
        return try PipelineRuntime(settings: settings, logger: Self.makeLogger(settings), sharedSlots: shared, sharedBudget: shared,
                                   sharedFolders: sharedFolders)
    }
}
