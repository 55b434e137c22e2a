public import FolderWatch
public import Foundation
public import Logging
public import ModelGateway
public import PipelineStore
import ContentHash

/// Everything a command needs, opened once from the global options.
public struct PipelineRuntime: Sendable {
    public let configuration: Configuration
    public let stateDirectory: URL
    public let store: PipelineStore
    public let processor: FolderProcessor
    public let logger: Logger
    /// The gateway's usage log, in the same database.
    public let gatewayStore: GatewayStore
    /// nil when offline: --offline, `provider.offline`, or no API key in the environment.
    public let gateway: Gateway?

    /// The settings this runtime was opened with (file, environment and flags, assembled once).
    public let settings: Settings

    /// - Parameters:
    ///   - clock: the time every folder transition and retry reads (tests pass a manual one).
    ///   - sharedSlots: several hosts: the provider's rate limit counted across all of them.
    ///   - sharedBudget: several hosts: the daily and monthly budgets counted across all of them.
    ///   - sharedFolders: several hosts: the folder history they share (the host's SQLite keeps a copy).
    public init(settings: Settings, logger: Logger, clock: any WallClock = SystemWallClock(),
                sharedSlots: (any SharedRequestSlots)? = nil, sharedBudget: (any SharedBudget)? = nil,
                sharedFolders: (any FolderHistory)? = nil) throws {
        self.settings = settings
        self.configuration = settings.configuration
        self.stateDirectory = settings.stateDirectory
        self.logger = logger
        let database = try AppDatabase.open(stateDirectory: stateDirectory,
                                            additionalMigrations: GatewaySchema.registerMigrations(in:))
        if let recovery = database.recovery { logger.error("\(recovery)") }
        self.store = PipelineStore(database: database, sharedFolders: sharedFolders)
        self.gatewayStore = GatewayStore(writer: database.writer, observer: DaemonMetrics.providerCall)
        let limiter = sharedSlots.map { shared in
            RateLimiter(perMinute: settings.gateway.requestsPerMinute, perHour: settings.gateway.requestsPerHour,
                        shared: shared, sharedKey: Self.sharedLimitKey(settings.gateway))
        }
        self.gateway = settings.isOffline ? nil : Gateway(config: settings.gateway, store: gatewayStore, limiter: limiter, logger: logger,
                                                              sharedBudget: sharedBudget)
        self.processor = try FolderProcessor(store: store, configuration: configuration, logger: logger,
                                             models: ListingModelsFactory.make(gateway),
                                             lifecycle: FolderLifecycle(store: store, configuration: configuration, logger: logger, clock: clock))
    }

    /// One limit per provider key: hosts with the same key and endpoint share a count. A hash, so
    /// the key itself never reaches the database.
    static func sharedLimitKey(_ gateway: GatewayConfig) -> String {
        "provider:" + String(ContentHash.sha256(of: gateway.baseURL).prefix(8)) + ":" + (gateway.apiKey?.fingerprint ?? "no-key")
    }

    /// Opens a runtime from command-line style inputs (tests and tools).
    public init(stateDirectory flag: String?, configPath: String?, offline: Bool, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        try self.init(settings: Settings.assemble(Settings.Flags(stateDirectory: flag, configPath: configPath, offline: offline),
                                                  environment: environment),
                      logger: logger)
    }

    public func scanner() -> InboxScanner {
        InboxScanner(processor: processor, store: store, configuration: configuration, logger: logger)
    }

    /// For `scan`: sends the rebuild hook what is owed, once. nil when no hook is configured.
    public func deliverOwedRebuildHook() async -> (listings: Int, failedTargets: [String])? {
        let settings = configuration.site.hook
        guard !settings.targets.isEmpty else { return nil }
        return await RebuildHook(settings: settings, store: store, stateDirectory: stateDirectory, logger: logger).deliverOwedNow()
    }
}

extension PipelineRuntime {
    /// The same runtime with another settle window (the `--settle` flag).
    public func withSettleSeconds(_ seconds: Double) throws -> PipelineRuntime {
        var settings = settings
        settings.configuration.settleSeconds = seconds
        return try PipelineRuntime(settings: settings, store: store, gatewayStore: gatewayStore, gateway: gateway, logger: logger,
                                   clock: processor.lifecycle.clock)
    }

    init(settings: Settings, store: PipelineStore, gatewayStore: GatewayStore, gateway: Gateway?, logger: Logger,
         clock: any WallClock) throws {
        self.settings = settings
        self.configuration = settings.configuration
        self.stateDirectory = settings.stateDirectory
        self.store = store
        self.gatewayStore = gatewayStore
        self.gateway = gateway
        self.logger = logger
        self.processor = try FolderProcessor(store: store, configuration: configuration, logger: logger,
                                             models: ListingModelsFactory.make(gateway),
                                             lifecycle: FolderLifecycle(store: store, configuration: configuration, logger: logger,
                                                                        clock: clock))
    }
}
