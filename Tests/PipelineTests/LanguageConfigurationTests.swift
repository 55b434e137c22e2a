import Foundation
import Pipeline
import PropertyCore
import Testing

/// Language settings in the config file: known codes only, each error with its file and line.
struct LanguageConfigurationTests {
    func load(_ text: String) throws -> Configuration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lang-\(UUID().uuidString).toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            return try Configuration.load(path: file.path, environment: [:])
        } catch {
            throw LoadError(message: "\(error)".replacingOccurrences(of: file.path, with: "config.toml"))
        }
    }

    struct LoadError: Error { var message: String }

    @Test func languagesAgentsAndTemplatesAreRead() throws {
        let configuration = try load("""
            [output]
            description_languages = ["TH", "en-US", "ru", "th"]
            listing_templates = { ru = "/etc/property-inbox/ru.mustache" }
            [status]
            language = "ru"
            [status.agents]
            somchai = "th"
            """)
        #expect(configuration.listingLanguages == [.th, .en, .ru])
        #expect(configuration.listingTemplatePaths == [.ru: "/etc/property-inbox/ru.mustache"])
        #expect(configuration.statusLanguage == .ru)
        #expect(configuration.agentLanguages == ["somchai": .th])
    }

    @Test(arguments: [
        ("[output]\ndescription_languages = [\"en\", \"de\"]\n", "config.toml:2: description_languages in [output]: \"de\" is not"),
        ("[output]\ndescription_languages = []\n", "config.toml:2: description_languages in [output]: needs at least one language"),
        ("[watch]\nsettle_seconds = 5\n[status]\nlanguage = \"fr\"\n", "config.toml:4: language in [status]: \"fr\" is not"),
        ("[status.agents]\nolga = \"russian\"\n", "config.toml:2: olga in [status.agents]: \"russian\" is not"),
    ])
    func unknownLanguagesStopStartUpWithTheirLine(_ text: String, _ message: String) {
        #expect { try load(text) } throws: { ($0 as? LoadError)?.message.contains(message) == true }
    }
}
