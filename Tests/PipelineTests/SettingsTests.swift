import Foundation
import ModelGateway
import Pipeline
import Testing
import TestSupport

/// One assembly for every command: defaults, then the file, then the environment, then flags.
struct SettingsTests {
    let directory: TemporaryDirectory
    let configPath: String

    init() throws {
        directory = try TemporaryDirectory("settings")
        configPath = directory.appending("config.toml").path
        try """
        [watch]
        settle_seconds = 20
        [provider]
        text_models = ["a/text-model"]
        [budget]
        daily_usd = 3
        """.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    @Test func theEnvironmentOverridesTheFileAndFlagsOverrideBoth() throws {
        let environment = ["PROPERTY_INBOX_SETTLE_SECONDS": "9", "PROPERTY_INBOX_DAILY_BUDGET_USD": "5",
                           "OPENROUTER_API_KEY": "sk-or-test", "PROPERTY_INBOX_LOG_LEVEL": "warning"]
        let settings = try Settings.assemble(Settings.Flags(stateDirectory: directory.appending("state").path, configPath: configPath),
                                             environment: environment)
        #expect(settings.configuration.settleSeconds == 9)
        #expect(settings.gateway.budget.dailyUSD == 5)
        #expect(settings.gateway.textModels == ["a/text-model"])
        #expect(settings.logLevel == .warning)
        #expect(!settings.isOffline)
        #expect(settings.stateDirectory.path == directory.appending("state").path)

        let flagged = try Settings.assemble(Settings.Flags(configPath: configPath, offline: true, verbose: true), environment: environment)
        #expect(flagged.isOffline && flagged.logLevel == .debug)
    }

    @Test func withoutAKeyEverythingRunsOffline() throws {
        let settings = try Settings.assemble(Settings.Flags(configPath: configPath), environment: ["HOME": directory.path])
        #expect(settings.isOffline)
        #expect(settings.configuration.settleSeconds == 20)
        #expect(settings.logLevel == .notice)
        #expect(settings.stateDirectory.path.hasPrefix(directory.path))
    }

    /// A key never appears in anything printed about the settings.
    @Test func theKeyNeverPrints() throws {
        let settings = try Settings.assemble(Settings.Flags(), environment: ["OPENROUTER_API_KEY": "sk-or-v1-very-secret"])
        #expect(!"\(settings)".contains("very-secret"))
        #expect(!String(reflecting: settings).contains("very-secret"))
    }
}

/// A typo in the config file is an error with its line, never a silently ignored setting.
struct ConfigFileCheckTests {
    func load(_ text: String) throws -> Configuration {
        let directory = try TemporaryDirectory("config-check")
        let path = directory.appending("property-inbox.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try Configuration.load(path: path, environment: [:])
    }

    func message(_ text: String) -> String {
        do {
            _ = try load(text)
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func unknownKeysAndSectionsNameTheirLine() {
        let text = "[watch]\nsettle_seconds = 5\nsettle_secnds = 3\n\n[outptu]\ndescription_languages = [\"en\"]\n"
        let error = message(text)
        #expect(error.contains("property-inbox.toml:3: unknown key settle_secnds in [watch]"), "\(error)")
        #expect(error.contains("property-inbox.toml:5: unknown section [outptu]"), "\(error)")
    }

    @Test func wrongTypesNameTheKeyTheLineAndWhatWasExpected() {
        let error = message("[provider]\noffline = false\ntext_models = \"a/model\"\n")
        #expect(error.contains("property-inbox.toml:3: text_models in [provider] has the wrong type — expected a list"), "\(error)")
        let number = message("[watch]\nsettle_seconds = \"fast\"\n")
        #expect(number.contains(":2: settle_seconds in [watch] has the wrong type — expected a number"), "\(number)")
    }

    @Test func theShippedExampleHasOnlyKnownKeys() throws {
        let configuration = try Configuration.load(path: Repository.file("etc/property-inbox.toml").path, environment: [:])
        #expect(configuration.settleSeconds == 15)
    }
}
