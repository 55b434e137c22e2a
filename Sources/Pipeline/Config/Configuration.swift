public import Foundation
public import ModelGateway
public import PropertyCore
import TOMLKit

/// Settings from the TOML file (`--config`, example in etc/property-inbox.toml), then the
/// environment, then flags. Secrets are never read from here: API keys come from the environment.
public struct Configuration: Sendable, Equatable {
    /// Seconds without change before a folder without READY counts as uploaded.
    public var settleSeconds: Double = 15
    /// The inbox `watch` uses when none is given on its command line (`[watch] inbox`); the
    /// packaged unit starts `watch` without one, so the path is the operator's setting.
    public var inboxPath: String?
    /// Minutes a file may stay open for writing with no bytes arriving before the agent's
    /// `_STATUS.txt` and the log say the upload stalled (the folder still waits for it).
    public var stalledUploadMinutes: Double = 30
    /// After a failure of ours (disk full, permission, database busy), the folder is tried again
    /// after this many seconds, doubling each time up to `retryMaxSeconds`.
    public var retryFirstSeconds: Double = 30
    public var retryMaxSeconds: Double = 900
    /// Mustache template for listing.md; nil uses the built-in one (etc/templates/listing.md.mustache).
    public var listingTemplatePath: String?
    /// Per-language templates (`listing.th.md`, …) that replace the built-in or `listingTemplatePath` one.
    public var listingTemplatePaths: [ListingLanguage: String] = [:]
    /// Languages of the listing pages, the site's default language first (it gets `listing.md`;
    /// each other gets `listing.<code>.md`).
    public var descriptionLanguages: [String] = ["en"]
    /// The language of `_INBOX_STATUS.txt`, and of `_STATUS.txt` when neither the agent nor
    /// their text says otherwise.
    public var statusLanguage: ListingLanguage = .en
    /// Status language per agent, by the user name that owns the folder (the agent's SFTP or
    /// Samba account).
    public var agentLanguages: [String: ListingLanguage] = [:]
    /// The time zone of the times in `_STATUS.txt` and `_INBOX_STATUS.txt` (`[status] time_zone`).
    public var statusTimeZone: TimeZone = StatusTime.timeZone(named: nil) ?? .gmt
    /// Force the offline provider even when an API key is set.
    public var offline = false
    /// Folders processed at the same time by `scan` and `watch`.
    public var maxConcurrentFolders = 2
    /// Provider settings from the file; nil keeps the gateway's defaults.
    public var textModels: [String]?
    public var visionModels: [String]?
    public var transcriptionModel: String?
    public var dailyBudgetUSD: Double?
    public var monthlyBudgetUSD: Double?
    public var requestsPerMinute: Int?
    public var requestsPerHour: Int?
    /// While the key is refused (401) or out of credits (402), how often the daemon asks the
    /// provider (`GET /key`) whether it works again; when it does, paused folders run again.
    public var keyRecheckSeconds: Double = 300
    /// `host:port` for /metrics and /healthz; nil (the default) serves nothing.
    public var metricsListen: String?
    /// `[database] url`: a PostgreSQL URL shares the work among several hosts (docs/SCALE-OUT.md);
    /// nil keeps everything on this host, in SQLite.
    public var databaseURL: String?
    /// `[database] lease_seconds`: how long a worker's claim on a folder lasts without renewal.
    public var leaseSeconds: Double = 30
    /// `[site]` and `[hook]`: front matter for the website build and the rebuild hook.
    public var site = SiteSettings()
    /// `[agents.*]` and `[notify]`: who the agents are and where they are told about their listings.
    public var notify = NotifySettings()

    public init() {}

    /// The file's shape; every key optional so a config only says what it changes.
    private struct File: Decodable {
        struct Watch: Decodable {
            var inbox: String?
            var settle_seconds: TOMLNumber?
            var stalled_upload_minutes: TOMLNumber?
            var max_concurrent_folders: Int?
            var retry_first_seconds: TOMLNumber?
            var retry_max_seconds: TOMLNumber?
        }
        struct Output: Decodable {
            var listing_template: String?
            var listing_templates: [String: String]?
            var description_languages: [String]?
        }
        struct Status: Decodable {
            var language: String?
            var time_zone: String?
            var agents: [String: String]?
        }
        struct Provider: Decodable {
            var offline: Bool?
            var text_models: [String]?
            var vision_models: [String]?
            var transcription_model: String?
            var requests_per_minute: Int?
            var requests_per_hour: Int?
            var key_recheck_seconds: TOMLNumber?
        }
        struct Budget: Decodable {
            var daily_usd: TOMLNumber?
            var monthly_usd: TOMLNumber?
        }
        struct Metrics: Decodable {
            var listen: String?
        }
        struct Database: Decodable {
            var url: String?
            var lease_seconds: TOMLNumber?
        }
        var watch: Watch?
        var output: Output?
        var provider: Provider?
        var budget: Budget?
        var metrics: Metrics?
        var database: Database?
        var site: SiteSettings.FileSection?
        var hook: SiteSettings.HookFileSection?
        var status: Status?

        /// Every section and key the file may hold, read off the types above (one list to keep).
        static let schema: ConfigFileCheck.Schema = [
            "watch": keys(of: Watch()), "output": keys(of: Output()), "provider": keys(of: Provider()),
            "budget": keys(of: Budget()), "metrics": keys(of: Metrics()), "status": keys(of: Status()),
            "database": keys(of: Database()),
            "site": keys(of: SiteSettings.FileSection()), "hook": keys(of: SiteSettings.HookFileSection()),
        ]

        private static func keys(of section: Any) -> Set<String> {
            Set(Mirror(reflecting: section).children.compactMap(\.label))
        }
    }

    /// A wrong type or value, named by its key and line: "settle_seconds in [watch] (line 3): expected a number".
    private static func describe(_ error: DecodingError, path: String, text: String) -> String {
        let (context, expected): (DecodingError.Context, String?) = switch error {
        case .typeMismatch(let type, let context): (context, "\(type)")
        case .valueNotFound(let type, let context): (context, "\(type)")
        case .keyNotFound(_, let context), .dataCorrupted(let context): (context, nil)
        @unknown default: (DecodingError.Context(codingPath: [], debugDescription: "\(error)"), nil)
        }
        let names = context.codingPath.map(\.stringValue).filter { Int($0) == nil }
        let section = names.count > 1 ? names[0] : nil
        let key = names.last
        let line = ConfigFileCheck.locate(section: section, key: key, in: text)
        let place = line > 0 ? "\(path):\(line)" : path
        let what = [key, section.map { "in [\($0)]" }].compactMap { $0 }.joined(separator: " ")
        let wanted = expected.map { " — expected \(readable($0))" } ?? ""
        return "\(place): \(what.isEmpty ? "invalid value" : what) has the wrong type\(wanted)"
    }

    private static func readable(_ type: String) -> String {
        switch type {
        case "Int": "a whole number"
        case "Double", "TOMLNumber": "a number"
        case "Bool": "true or false"
        case "String": "a quoted string"
        case let array where array.contains("Array"): "a list in [brackets]"
        default: type
        }
    }

    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Configuration {
        var configuration = Configuration()
        if let path {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw PipelineError(.configuration, "cannot read config file \(path): \(error.localizedDescription)")
            }
            let file: File
            do {
                file = try TOMLDecoder().decode(File.self, from: text)
            } catch let error as DecodingError {
                throw PipelineError(.configuration, "config file \(describe(error, path: path, text: text))")
            } catch {
                throw PipelineError(.configuration, "config file \(path) is not valid: \(error)")
            }
            let schema = File.schema.merging(NotifySettings.schema(of: text)) { known, _ in known }
            let unknown = (try? ConfigFileCheck.unknownKeys(in: text, schema: schema)) ?? []
            if !unknown.isEmpty {
                throw PipelineError(.configuration, unknown.map { "config file \(path):\($0.line): \($0.message)" }
                    .joined(separator: "\n"))
            }
            if let value = file.watch?.inbox, !value.isEmpty { configuration.inboxPath = value }
            if let value = file.watch?.settle_seconds { configuration.settleSeconds = value.value }
            if let value = file.watch?.stalled_upload_minutes { configuration.stalledUploadMinutes = value.value }
            if let value = file.watch?.max_concurrent_folders { configuration.maxConcurrentFolders = max(1, value) }
            if let value = file.watch?.retry_first_seconds { configuration.retryFirstSeconds = max(0.1, value.value) }
            if let value = file.watch?.retry_max_seconds { configuration.retryMaxSeconds = max(configuration.retryFirstSeconds, value.value) }
            if let value = file.output?.listing_template {
                // A relative template path is relative to the config file, as a reader expects.
                configuration.listingTemplatePath = value.hasPrefix("/") ? value
                    : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(value).path
            }
            let languages = LanguageSettings(path: path, text: text)
            if let value = file.output?.description_languages {
                configuration.descriptionLanguages = try languages.descriptionLanguages(value).map(\.rawValue)
            }
            for (code, template) in file.output?.listing_templates ?? [:] {
                let language = try languages.language(code, key: code, section: "output.listing_templates")
                configuration.listingTemplatePaths[language] = template.hasPrefix("/") ? template
                    : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(template).path
            }
            if let value = file.status?.language {
                configuration.statusLanguage = try languages.language(value, key: "language", section: "status")
            }
            if let name = file.status?.time_zone {
                guard let zone = StatusTime.timeZone(named: name) else {
                    throw PipelineError(.configuration, "\(path): time_zone in [status]: '\(name)' is not a time zone this system knows (e.g. Asia/Bangkok)")
                }
                configuration.statusTimeZone = zone
            }
            for (agent, code) in file.status?.agents ?? [:] {
                configuration.agentLanguages[agent] = try languages.language(code, key: agent, section: "status.agents")
            }
            if let value = file.provider?.offline { configuration.offline = value }
            configuration.textModels = file.provider?.text_models
            configuration.visionModels = file.provider?.vision_models
            configuration.transcriptionModel = file.provider?.transcription_model
            configuration.requestsPerMinute = file.provider?.requests_per_minute
            configuration.requestsPerHour = file.provider?.requests_per_hour
            configuration.dailyBudgetUSD = file.budget?.daily_usd?.value
            configuration.monthlyBudgetUSD = file.budget?.monthly_usd?.value
            configuration.metricsListen = file.metrics?.listen
            if let value = file.database?.url, !value.isEmpty { configuration.databaseURL = value }
            if let value = file.database?.lease_seconds { configuration.leaseSeconds = max(1, value.value) }
            if let value = file.provider?.key_recheck_seconds { configuration.keyRecheckSeconds = max(1, value.value) }
            configuration.site.apply(file.site, file.hook)
            try configuration.notify.read(path: path, text: text)
            // `[agents.<id>] language` folds into `[status.agents]`, which still wins where both say.
            configuration.agentLanguages.merge(configuration.notify.accountLanguages) { old, _ in old }
        }
        configuration.notify.apply(environment: environment)
        configuration.site.apply(environment: environment)
        if let value = environment["PROPERTY_INBOX_SETTLE_SECONDS"].flatMap(Double.init) { configuration.settleSeconds = value }
        if let value = environment["PROPERTY_INBOX_STALLED_UPLOAD_MINUTES"].flatMap(Double.init) {
            configuration.stalledUploadMinutes = value
        }
        if let value = environment["PROPERTY_INBOX_TEMPLATE"], !value.isEmpty { configuration.listingTemplatePath = value }
        if environment["PROPERTY_INBOX_OFFLINE"] == "1" { configuration.offline = true }
        // The URL may hold a password: the environment (a systemd credential, an EnvironmentFile) keeps it out of the config.
        if let value = environment["PROPERTY_INBOX_DATABASE_URL"], !value.isEmpty { configuration.databaseURL = value }
        if let value = environment["PROPERTY_INBOX_DAILY_BUDGET_USD"].flatMap(Double.init) { configuration.dailyBudgetUSD = value }
        if let value = environment["PROPERTY_INBOX_MONTHLY_BUDGET_USD"].flatMap(Double.init) { configuration.monthlyBudgetUSD = value }
        return configuration
    }
}

extension Configuration {
    /// `descriptionLanguages` as languages (checked when the file was read), the default first.
    public var listingLanguages: [ListingLanguage] {
        let languages = descriptionLanguages.compactMap(ListingLanguage.init(code:))
        return languages.isEmpty ? [.en] : languages
    }

    /// The gateway's settings with this file's provider, budget and rate-limit choices applied.
    public func applied(to gateway: GatewayConfig) -> GatewayConfig {
        var gateway = gateway
        if let textModels, !textModels.isEmpty { gateway.textModels = textModels }
        if let visionModels, !visionModels.isEmpty { gateway.visionModels = visionModels }
        if let transcriptionModel { gateway.transcriptionModel = transcriptionModel }
        if let dailyBudgetUSD { gateway.budget.dailyUSD = dailyBudgetUSD }
        if let monthlyBudgetUSD { gateway.budget.monthlyUSD = monthlyBudgetUSD }
        if let requestsPerMinute { gateway.requestsPerMinute = requestsPerMinute }
        if let requestsPerHour { gateway.requestsPerHour = requestsPerHour }
        return gateway
    }
}

/// Language codes in the config file: only the languages PropertyInbox writes, or start-up stops
/// with the file and line ("config.toml:12: description_languages: "de" is not …").
private struct LanguageSettings {
    let path: String
    let text: String

    func descriptionLanguages(_ codes: [String]) throws -> [ListingLanguage] {
        guard !codes.isEmpty else { throw problem("description_languages", in: "output", "needs at least one language") }
        var languages: [ListingLanguage] = []
        for code in codes {
            let language = try language(code, key: "description_languages", section: "output")
            if !languages.contains(language) { languages.append(language) }
        }
        return languages
    }

    func language(_ code: String, key: String, section: String) throws -> ListingLanguage {
        guard let language = ListingLanguage(code: code) else {
            throw problem(key, in: section, "\"\(code)\" is not a language PropertyInbox writes (\(ListingLanguage.supportedCodes))")
        }
        return language
    }

    private func problem(_ key: String, in section: String, _ message: String) -> PipelineError {
        let line = ConfigFileCheck.locate(section: section, key: key, in: text)
        return PipelineError(.configuration, "config file \(line > 0 ? "\(path):\(line)" : path): \(key) in [\(section)]: \(message)")
    }
}

/// A TOML number written either way: `settle_seconds = 15` and `settle_seconds = 15.5` both work.
struct TOMLNumber: Decodable {
    var value: Double

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let integer = try? container.decode(Int.self) {
            value = Double(integer)
        } else {
            value = try container.decode(Double.self)
        }
    }
}

/// Where state lives: --state-dir, then PROPERTY_INBOX_STATE_DIR, then
/// $XDG_STATE_HOME/property-inbox, then ~/.local/state/property-inbox.
public enum StateDirectory {
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let flag, !flag.isEmpty { return URL(fileURLWithPath: flag).standardizedFileURL }
        if let value = environment["PROPERTY_INBOX_STATE_DIR"], !value.isEmpty {
            return URL(fileURLWithPath: value).standardizedFileURL
        }
        if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("property-inbox")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/property-inbox")
    }

    /// The state database must never sit inside the inbox: its writes would look like uploads.
    public static func check(_ state: URL, isOutside inbox: URL) throws {
        let statePath = state.resolvingSymlinksInPath().path + "/"
        let inboxPath = inbox.resolvingSymlinksInPath().path + "/"
        if statePath.hasPrefix(inboxPath) {
            throw PipelineError(.stateDirectory, "the state directory \(state.path) is inside the inbox \(inbox.path); choose one outside it with --state-dir")
        }
    }
}
