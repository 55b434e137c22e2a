public import Foundation
public import Logging
public import ModelGateway
public import PipelineStore

/// Everything a command needs, opened once from the global options.
public struct PipelineRuntime: Sendable {
    public let configuration: Configuration
    public let stateDirectory: URL
    public let store: PipelineStore
    public let processor: FolderProcessor
    public let logger: Logger
    /// The gateway's tables (usage log, response cache) in the same database.
    public let gatewayStore: GatewayStore
    /// nil when offline: --offline, `provider.offline`, or no API key in the environment.
    public let gateway: Gateway?

    public init(stateDirectory flag: String?, configPath: String?, offline: Bool, logger: Logger,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        var configuration = try Configuration.load(path: configPath, environment: environment)
        if offline { configuration.offline = true }
        self.configuration = configuration
        self.stateDirectory = StateDirectory.resolve(flag: flag, environment: environment)
        self.logger = logger
        let database = try AppDatabase.open(stateDirectory: stateDirectory,
                                            additionalMigrations: GatewaySchema.registerMigrations(in:))
        self.store = PipelineStore(database: database)
        self.gatewayStore = GatewayStore(writer: database.writer)
        let gatewayConfig = configuration.applied(to: GatewayConfig.fromEnvironment(environment))
        self.gateway = configuration.offline || gatewayConfig.apiKey == nil
            ? nil : Gateway(config: gatewayConfig, store: gatewayStore, logger: logger)
        self.processor = try FolderProcessor(store: store, configuration: configuration, logger: logger,
                                             models: ListingModelsFactory.make(gateway))
    }

    public func scanner() -> InboxScanner {
        InboxScanner(processor: processor, store: store, configuration: configuration, logger: logger)
    }
}

extension PipelineRuntime {
    /// The same runtime with another settle window (the `--settle` flag).
    public func withSettleSeconds(_ seconds: Double) throws -> PipelineRuntime {
        var configuration = configuration
        configuration.settleSeconds = seconds
        return try PipelineRuntime(configuration: configuration, stateDirectory: stateDirectory, store: store,
                                   gatewayStore: gatewayStore, gateway: gateway, logger: logger)
    }

    init(configuration: Configuration, stateDirectory: URL, store: PipelineStore, gatewayStore: GatewayStore,
         gateway: Gateway?, logger: Logger) throws {
        self.configuration = configuration
        self.stateDirectory = stateDirectory
        self.store = store
        self.gatewayStore = gatewayStore
        self.gateway = gateway
        self.logger = logger
        self.processor = try FolderProcessor(store: store, configuration: configuration, logger: logger,
                                             models: ListingModelsFactory.make(gateway))
    }
}
