public import Foundation
public import Logging
public import ModelGateway

/// Everything a command runs with, assembled once and in one order: built-in defaults, then the
/// TOML file, then the environment, then command-line flags. Every command takes its settings
/// from here, so `doctor`, `stats` and the daemon never disagree about models, budgets or paths.
///
/// Secrets (API keys) come from the environment only, never from the file.
public struct Settings: Sendable {
    /// The pipeline's settings (settle window, template, languages, concurrency, offline).
    public var configuration: Configuration
    /// The provider: keys and base URLs from the environment, models, rates and budgets from the file.
    public var gateway: GatewayConfig
    public var stateDirectory: URL
    /// `-v` → debug; else `PROPERTY_INBOX_LOG_LEVEL`; else notice.
    public var logLevel: Logger.Level
    /// Plain text, syslog priorities for journald, or JSON lines (see `LogFormat.choose`).
    public var logFormat: LogFormat
    /// systemd's notification socket and watchdog (`NOTIFY_SOCKET`, `WATCHDOG_USEC`), when run by it.
    public var systemd: SystemdNotifier

    /// What the command line says.
    public struct Flags: Sendable {
        public var stateDirectory: String?
        public var configPath: String?
        public var offline = false
        public var verbose = false

        public init(stateDirectory: String? = nil, configPath: String? = nil, offline: Bool = false, verbose: Bool = false) {
            self.stateDirectory = stateDirectory
            self.configPath = configPath
            self.offline = offline
            self.verbose = verbose
        }
    }

    public static func assemble(_ flags: Flags,
                                environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var configuration = try Configuration.load(path: flags.configPath, environment: environment)
        if flags.offline { configuration.offline = true }
        let level = flags.verbose ? .debug : environment["PROPERTY_INBOX_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .notice
        return Settings(configuration: configuration,
                        gateway: configuration.applied(to: GatewayConfig.fromEnvironment(environment)),
                        stateDirectory: StateDirectory.resolve(flag: flags.stateDirectory, environment: environment),
                        logLevel: level,
                        logFormat: LogFormat.choose(environment: environment,
                                                    standardErrorIdentity: LogFormat.standardErrorIdentity()),
                        systemd: SystemdNotifier(socketPath: environment["NOTIFY_SOCKET"],
                                                 watchdogMicroseconds: watchdogMicroseconds(environment)))
    }

    /// WATCHDOG_USEC applies to us only when WATCHDOG_PID is unset or is our pid (a child we
    /// started must not take over the parent's watchdog).
    static func watchdogMicroseconds(_ environment: [String: String]) -> UInt64? {
        guard let value = environment["WATCHDOG_USEC"].flatMap(UInt64.init), value > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"].flatMap(Int32.init), pid != getpid() { return nil }
        return value
    }

    /// True when no paid call may be made: `--offline`, `provider.offline`, or no API key.
    public var isOffline: Bool { configuration.offline || gateway.apiKey == nil }
}
