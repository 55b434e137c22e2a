public import Foundation
public import PropertyCore
import TOMLKit

/// One agent of the office: `[agents.<id>]` in the config file. Who they are (the SFTP/Samba
/// accounts that own their folders), how they read (language, time zone) and where they are told
/// about their listings (channels).
public struct AgentProfile: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var language: ListingLanguage?
    public var timeZone: TimeZone?
    /// The Unix accounts whose folders are this agent's; the id itself when none is given.
    public var accounts: [String]
    public var email: String?
    public var telegramChatId: String?
    public var lineUserId: String?
    /// Whether the `[notify] webhook_url` also gets this agent's notices (default: yes, when set).
    public var webhook = true

    /// The channels a notice goes out on, given what `[notify]` and the secrets configure.
    public func channels(_ settings: NotifySettings) -> [String] {
        var channels: [String] = []
        if email != nil, settings.smtpURL != nil { channels.append("email") }
        // A channel without its token would only fail again and again: `doctor` names what is missing.
        if telegramChatId != nil, settings.telegramToken != nil { channels.append("telegram") }
        if lineUserId != nil, settings.lineToken != nil { channels.append("line") }
        if webhook, settings.webhookURL != nil { channels.append("webhook") }
        return channels
    }
}

/// `[notify]` and `[agents.*]`: messages to agents when their listing is live or needs them.
/// Tokens and passwords never come from the file: from the environment (the unit's secrets.env)
/// or a systemd credential ($CREDENTIALS_DIRECTORY/<name>), and they are never logged.
public struct NotifySettings: Sendable, Equatable {
    public var agents: [String: AgentProfile] = [:]
    /// The agent of folders whose owner no agent claims; nil: those folders notify no one.
    public var defaultAgent: String?
    /// Agent spaces: the daemon's inbox is one agent's space (`inbox/<agent>`, one daemon per
    /// space, `property-inbox@<agent>.service`), so a folder's agent is its space's name, not its owner.
    public var spaces = false
    /// `smtp://mail.example:587` (STARTTLS, required unless `smtp_starttls = false`) or `smtps://…:465`.
    public var smtpURL: String?
    public var smtpFrom = "property-inbox@localhost"
    public var smtpUser: String?
    public var smtpStartTLS = true
    /// A CA bundle for a mail server with a private certificate.
    public var smtpCAFile: String?
    public var telegramAPI = "https://api.telegram.org"
    public var lineAPI = "https://api.line.me"
    /// Receives every notice as signed JSON (owner, agent, state, title, price, url).
    public var webhookURL: String?
    /// The longest wait between two tries of a message (doubling from 2 s).
    public var retryMaxSeconds: Double = 600
    /// The listing's page on the website, `{id}` = the folder name (`[site] base_url`).
    public var listingURLTemplate: String?

    public var smtpPassword: NoticeSecret?
    public var telegramToken: NoticeSecret?
    public var lineToken: NoticeSecret?
    public var webhookSecret: NoticeSecret?

    public init() {}

    /// True when any agent has a channel: only then are notices recorded and the sender started.
    public var isActive: Bool {
        agents.values.contains { !$0.channels(self).isEmpty }
    }

    /// The agent whose folder this is: the owner's account (or with spaces the space's name, an
    /// agent id or one of its accounts), else the default agent.
    public func agent(forAccount account: String?) -> AgentProfile? {
        if spaces, let account, let agent = agents[account] { return agent }
        if let account, let agent = agents.values.sorted(by: { $0.id < $1.id }).first(where: { $0.accounts.contains(account) }) {
            return agent
        }
        return defaultAgent.flatMap { agents[$0] }
    }

    public func listingURL(_ propertyId: String) -> String? {
        listingURLTemplate.map { $0.replacingOccurrences(of: "{id}", with: propertyId) }
    }
}

/// A token or password that prints as `<redacted>` wherever a value is described or dumped.
public struct NoticeSecret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

extension NotifySettings {
    private struct FileAgent: Decodable {
        var name: String?
        var language: String?
        var time_zone: String?
        var accounts: [String]?
        var email: String?
        var telegram_chat_id: String?
        var line_user_id: String?
        var webhook: Bool?
    }

    private struct FileNotify: Decodable {
        var default_agent: String?
        var spaces: Bool?
        var smtp_url: String?
        var smtp_from: String?
        var smtp_user: String?
        var smtp_starttls: Bool?
        var smtp_ca_file: String?
        var telegram_api: String?
        var line_api: String?
        var webhook_url: String?
        var retry_max_seconds: TOMLNumber?
    }

    private struct File: Decodable {
        var agents: [String: FileAgent]?
        var notify: FileNotify?
        var site: Site?
        struct Site: Decodable { var base_url: String? }
    }

    static let agentKeys: Set<String> = ["name", "language", "time_zone", "accounts", "email", "telegram_chat_id", "line_user_id", "webhook"]
    static let notifyKeys: Set<String> = ["default_agent", "spaces", "smtp_url", "smtp_from", "smtp_user", "smtp_starttls", "smtp_ca_file",
                                          "telegram_api", "line_api", "webhook_url", "retry_max_seconds"]

    /// The sections this adds to the config file's schema: `[notify]`, and `[agents]` whose keys
    /// are the agents' ids (each agent's own keys are checked by `read`).
    static func schema(of text: String) -> ConfigFileCheck.Schema {
        let ids = (try? TOMLTable(string: text))?["agents"]?.table.map { Set($0.keys) } ?? []
        return ["notify": notifyKeys, "agents": ids]
    }

    /// Reads `[agents.*]`, `[notify]` and `[site] base_url`; a wrong key or value stops start-up
    /// with the file and line.
    mutating func read(path: String, text: String) throws {
        func problem(_ section: String, _ key: String?, _ message: String) -> PipelineError {
            let line = ConfigFileCheck.locate(section: section, key: key, in: text)
            return PipelineError(.configuration, "config file \(line > 0 ? "\(path):\(line)" : path): \(key.map { "\($0) in " } ?? "")[\(section)]: \(message)")
        }
        if let agents = (try? TOMLTable(string: text))?["agents"]?.table {
            for id in agents.keys.sorted() {
                guard let entries = agents[id]?.table else { throw problem("agents", id, "each agent is a section of its own: [agents.\(id)]") }
                for key in entries.keys.sorted() where !Self.agentKeys.contains(key) {
                    throw problem("agents.\(id)", key, "unknown key (known: \(Self.agentKeys.sorted().joined(separator: ", ")))")
                }
            }
        }
        let file: File
        do {
            file = try TOMLDecoder().decode(File.self, from: text)
        } catch {
            throw PipelineError(.configuration, "config file \(path): [agents] or [notify]: \(error)")
        }
        for (id, entry) in file.agents ?? [:] {
            var agent = AgentProfile(id: id, name: entry.name, accounts: entry.accounts ?? [id])
            if let code = entry.language {
                guard let language = ListingLanguage(code: code) else {
                    throw problem("agents.\(id)", "language", "\"\(code)\" is not a language PropertyInbox writes (\(ListingLanguage.supportedCodes))")
                }
                agent.language = language
            }
            if let zone = entry.time_zone {
                guard let timeZone = StatusTime.timeZone(named: zone) else {
                    throw problem("agents.\(id)", "time_zone", "'\(zone)' is not a time zone this system knows (e.g. Asia/Bangkok)")
                }
                agent.timeZone = timeZone
            }
            agent.email = entry.email
            agent.telegramChatId = entry.telegram_chat_id
            agent.lineUserId = entry.line_user_id
            agent.webhook = entry.webhook ?? true
            agents[id] = agent
        }
        let notify = file.notify
        if let value = notify?.default_agent {
            guard agents[value] != nil else { throw problem("notify", "default_agent", "no [agents.\(value)] section") }
            defaultAgent = value
        }
        if let value = notify?.spaces { spaces = value }
        if let value = notify?.smtp_url, !value.isEmpty { smtpURL = value }
        if let value = notify?.smtp_from, !value.isEmpty { smtpFrom = value }
        if let value = notify?.smtp_user, !value.isEmpty { smtpUser = value }
        if let value = notify?.smtp_starttls { smtpStartTLS = value }
        if let value = notify?.smtp_ca_file, !value.isEmpty { smtpCAFile = value }
        if let value = notify?.telegram_api, !value.isEmpty { telegramAPI = value }
        if let value = notify?.line_api, !value.isEmpty { lineAPI = value }
        if let value = notify?.webhook_url, !value.isEmpty { webhookURL = value }
        if let value = notify?.retry_max_seconds { retryMaxSeconds = max(2, value.value) }
        if let value = file.site?.base_url, !value.isEmpty {
            listingURLTemplate = value.contains("{id}") ? value : (value.hasSuffix("/") ? value : value + "/") + "{id}/"
        }
    }

    /// Secrets: the environment first, then a systemd credential of the same name in lower case.
    mutating func apply(environment: [String: String]) {
        func secret(_ name: String) -> NoticeSecret? {
            if let value = environment[name], !value.isEmpty { return NoticeSecret(value) }
            guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty,
                  let text = try? String(contentsOfFile: directory + "/" + name.lowercased(), encoding: .utf8) else { return nil }
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : NoticeSecret(value)
        }
        smtpPassword = secret("PROPERTY_INBOX_SMTP_PASSWORD")
        telegramToken = secret("PROPERTY_INBOX_TELEGRAM_TOKEN")
        lineToken = secret("PROPERTY_INBOX_LINE_TOKEN")
        webhookSecret = secret("PROPERTY_INBOX_NOTIFY_SECRET") ?? secret("PROPERTY_INBOX_HOOK_SECRET")
    }

    /// Account → the agent's time zone, for the times in their `_STATUS.txt`.
    var accountTimeZones: [String: TimeZone] {
        var zones: [String: TimeZone] = [:]
        for agent in agents.values.sorted(by: { $0.id < $1.id }) {
            guard let zone = agent.timeZone else { continue }
            for account in agent.accounts where zones[account] == nil { zones[account] = zone }
        }
        return zones
    }

    /// `[status.agents]`'s map (account → language), which the agents' own languages extend.
    var accountLanguages: [String: ListingLanguage] {
        var languages: [String: ListingLanguage] = [:]
        for agent in agents.values.sorted(by: { $0.id < $1.id }) {
            guard let language = agent.language else { continue }
            for account in agent.accounts where languages[account] == nil { languages[account] = language }
        }
        return languages
    }
}
