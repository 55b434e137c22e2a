import Foundation
@testable import Pipeline
import PropertyCore
import Testing

/// `[agents.<id>]` and `[notify]`: read, folded into the status languages, wrong keys named with
/// their line, secrets only from the environment.
struct AgentConfigurationTests {
    func load(_ text: String, environment: [String: String] = [:]) throws -> Configuration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("agents-\(UUID().uuidString).toml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            return try Configuration.load(path: file.path, environment: environment)
        } catch {
            throw LoadError(message: "\(error)".replacingOccurrences(of: file.path, with: "config.toml"))
        }
    }

    struct LoadError: Error { var message: String }

    @Test func agentsChannelsAndTheOldStatusAgentsFormWorkTogether() throws {
        let configuration = try load("""
            [status.agents]
            somchai = "th"
            [site]
            base_url = "https://homes.example/listings"
            [notify]
            smtp_url = "smtp://mail.example:587"
            default_agent = "office"
            [agents.olga]
            name = "Olga"
            language = "ru"
            time_zone = "Asia/Bangkok"
            accounts = ["olga", "olga-phone"]
            email = "olga@example.com"
            telegram_chat_id = "42"
            [agents.office]
            email = "office@example.com"
            [agents.somchai]
            language = "en"
            line_user_id = "U1"
            """, environment: ["PROPERTY_INBOX_TELEGRAM_TOKEN": "t0k", "PROPERTY_INBOX_LINE_TOKEN": "l1n"])
        let notify = configuration.notify
        #expect(configuration.agentLanguages == ["somchai": .th, "olga": .ru, "olga-phone": .ru])
        #expect(notify.agent(forAccount: "olga-phone")?.id == "olga")
        #expect(notify.agent(forAccount: "stranger")?.id == "office")
        #expect(notify.agents["olga"]?.channels(notify) == ["email", "telegram"])
        #expect(notify.agents["somchai"]?.channels(notify) == ["line"])
        #expect(notify.listingURL("villa") == "https://homes.example/listings/villa/")
        #expect(notify.telegramToken?.value == "t0k" && "\(notify.telegramToken!)" == "<redacted>")
        #expect(notify.isActive)
    }

    @Test(arguments: [
        ("[agents.olga]\nlanguage = \"ru\"\nemial = \"x@y\"\n", "config.toml:3: emial in [agents.olga]: unknown key"),
        ("[agents.olga]\nlanguage = \"de\"\n", "config.toml:2: language in [agents.olga]: \"de\" is not"),
        ("[notify]\ndefault_agent = \"nobody\"\n", "config.toml:2: default_agent in [notify]: no [agents.nobody]"),
        ("[notify]\nsmtp_password = \"secret\"\n", "config.toml:2: unknown key smtp_password in [notify]"),
    ])
    func mistakesNameTheirLine(text: String, expected: String) {
        #expect {
            _ = try load(text)
        } throws: { error in
            (error as? LoadError)?.message.contains(expected) == true
        }
    }
}

/// `doctor` names a channel that cannot work (a token or server missing) without showing secrets.
struct NotifyCheckTests {
    @Test func missingTokensAndServersAreNamed() throws {
        var settings = NotifySettings()
        settings.agents["olga"] = AgentProfile(id: "olga", accounts: ["olga"], email: "o@example.com", telegramChatId: "42")
        let checks = NotifyCheck.run(settings)
        #expect(checks.first?.detail == "olga: no channel")
        #expect(checks.contains { $0.status == .failure && $0.detail.contains("smtp_url is not set") })
        #expect(checks.contains { $0.status == .failure && $0.detail.contains("PROPERTY_INBOX_TELEGRAM_TOKEN is not set") })
        settings.smtpURL = "smtp://mail.example:587"
        settings.telegramToken = NoticeSecret("t")
        settings.defaultAgent = "olga"
        #expect(NotifyCheck.run(settings).map(\.status) == [.ok])
        #expect(NotifyCheck.run(settings).first?.detail == "olga: email, telegram")
    }
}
