import ArgumentParser
import Foundation
import Logging
import Pipeline

/// Options every command accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "State directory (default: $PROPERTY_INBOX_STATE_DIR, else $XDG_STATE_HOME/property-inbox).")
    var stateDir: String?

    @Option(name: .long, help: "TOML config file (see etc/property-inbox.toml).")
    var config: String?

    @Flag(name: .long, help: "Use the offline rule-based provider even when an API key is set.")
    var offline = false

    @Flag(name: .shortAndLong, help: "Log more detail to standard error.")
    var verbose = false

    func makeLogger() -> Logger {
        var logger = Logger(label: "property-inbox") { StreamLogHandler.standardError(label: $0) }
        let level = ProcessInfo.processInfo.environment["PROPERTY_INBOX_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
        logger.logLevel = verbose ? .debug : (level ?? .notice)
        return logger
    }

    /// Opens configuration and state. A problem here is the operator's to fix: its own message
    /// is printed (not the usage text, which would bury it) and the command exits non-zero.
    func makeRuntime() throws -> PipelineRuntime {
        try PipelineRuntime(stateDirectory: stateDir, configPath: config, offline: offline, logger: makeLogger())
    }
}
