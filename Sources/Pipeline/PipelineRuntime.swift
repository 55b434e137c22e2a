public import Foundation
public import Logging
public import PipelineStore

/// Everything a command needs, opened once from the global options.
public struct PipelineRuntime: Sendable {
    public let configuration: Configuration
    public let stateDirectory: URL
    public let store: PipelineStore
    public let processor: FolderProcessor
    public let logger: Logger

    public init(stateDirectory flag: String?, configPath: String?, offline: Bool, logger: Logger) throws {
        var configuration = try Configuration.load(path: configPath)
        if offline { configuration.offline = true }
        self.configuration = configuration
        self.stateDirectory = StateDirectory.resolve(flag: flag)
        self.logger = logger
        let database = try AppDatabase.open(stateDirectory: stateDirectory)
        self.store = PipelineStore(database: database)
        self.processor = try FolderProcessor(store: store, configuration: configuration, logger: logger)
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
        return try PipelineRuntime(configuration: configuration, stateDirectory: stateDirectory, store: store, logger: logger)
    }

    init(configuration: Configuration, stateDirectory: URL, store: PipelineStore, logger: Logger) throws {
        self.configuration = configuration
        self.stateDirectory = stateDirectory
        self.store = store
        self.logger = logger
        self.processor = try FolderProcessor(store: store, configuration: configuration, logger: logger)
    }
}
