public import Foundation
public import ModelGateway

/// `doctor`: configuration, key status (`GET /key`), model availability (`GET /models`),
/// budget, inotify limits and state-directory permissions. Never prints a key.
public struct Doctor: Sendable {
    public struct Check: Sendable, Equatable {
        public enum Status: String, Sendable { case ok = "ok", warning = "warn", failure = "FAIL" }
        public var name: String
        public var status: Status
        public var detail: String

        public init(name: String, status: Status, detail: String) {
            self.name = name
            self.status = status
            self.detail = detail
        }
    }

    let config: GatewayConfig
    let probe: ProviderProbe
    let stateDirectory: URL?
    let store: GatewayStore?
    let offline: Bool
    let procRoot: String

    public init(config: GatewayConfig, transport: any HTTPTransport = CurlTransport(maxConcurrentTransfers: 2),
                stateDirectory: URL?, store: GatewayStore?, offline: Bool = false, procRoot: String = "/proc") {
        self.config = config
        self.probe = ProviderProbe(config: config, transport: transport)
        self.stateDirectory = stateDirectory
        self.store = store
        self.offline = offline
        self.procRoot = procRoot
    }

    public func run() async -> [Check] {
        var checks = [configuration()]
        if !offline && config.apiKey != nil {
            checks.append(await key())
            checks += await models()
        }
        checks.append(await budget())
        checks += inotify()
        checks.append(permissions())
        return checks
    }

    public static func render(_ checks: [Check]) -> String {
        checks.map { "[\($0.status.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0))] \($0.name): \($0.detail)" }
            .joined(separator: "\n") + "\n"
    }

    /// True when nothing failed (warnings allowed).
    public static func passed(_ checks: [Check]) -> Bool { !checks.contains { $0.status == .failure } }

    func configuration() -> Check {
        if offline { return Check(name: "provider", status: .ok, detail: "offline (rule-based extractor, no network)") }
        guard config.apiKey != nil else {
            return Check(name: "provider", status: .warning, detail: "no OPENROUTER_API_KEY set: running offline")
        }
        return Check(name: "provider", status: .ok,
                     detail: "\(config.baseURL), key set; text \(config.textModels.joined(separator: " → ")); transcription \(config.transcriptionBaseURL) \(config.transcriptionModel)")
    }

    func key() async -> Check {
        do {
            let (status, body) = try await probe.get("/key")
            switch status {
            case 200:
                let data = body?["data"]
                let remaining = data?["limit_remaining"]?.numberValue.map { String(format: "%.2f USD left", $0) } ?? "no credit limit"
                let daily = data?["usage_daily"]?.numberValue.map { String(format: ", %.2f USD used today", $0) } ?? ""
                let free = data?["is_free_tier"] == .bool(true) ? ", free tier (20 requests/min, 50/day)" : ""
                let low = (data?["limit_remaining"]?.numberValue ?? .infinity) <= 0
                return Check(name: "key", status: low ? .failure : .ok, detail: "accepted; \(remaining)\(daily)\(free)")
            case 401: return Check(name: "key", status: .failure, detail: "refused (401): set a valid OPENROUTER_API_KEY")
            case 402: return Check(name: "key", status: .failure, detail: "out of credits (402): add credits")
            case 404: return Check(name: "key", status: .warning, detail: "this server has no /key endpoint (not OpenRouter?)")
            default: return Check(name: "key", status: .warning, detail: "GET /key answered HTTP \(status)")
            }
        } catch {
            return Check(name: "key", status: .failure, detail: "cannot reach \(config.baseURL): \(error)")
        }
    }

    func models() async -> [Check] {
        do {
            let (status, body) = try await probe.get("/models")
            guard status == 200, let list = body?["data"]?.arrayValue else {
                return [Check(name: "models", status: .warning, detail: "GET /models answered HTTP \(status)")]
            }
            let byID = Dictionary(list.compactMap { m in m["id"]?.stringValue.map { ($0, m) } }, uniquingKeysWith: { a, _ in a })
            return Array(Set(config.textModels + config.visionModels)).sorted().map { id in
                guard let model = byID[id] else { return Check(name: "model \(id)", status: .failure, detail: "not offered by \(config.baseURL)") }
                let parameters = model["supported_parameters"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let structured = parameters.contains("structured_outputs") || parameters.contains("response_format")
                let context = model["context_length"]?.numberValue.map { "context \(Int($0))" } ?? ""
                return Check(name: "model \(id)", status: structured ? .ok : .warning,
                             detail: structured ? "available, \(context)" : "available, \(context); no structured output: json_object fallback")
            }
        } catch {
            return [Check(name: "models", status: .failure, detail: "cannot list models: \(error)")]
        }
    }

    func budget() async -> Check {
        guard let store else { return Check(name: "budget", status: .warning, detail: "no state database") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let now = Date()
        let day = calendar.startOfDay(for: now)
        let month = calendar.date(from: calendar.dateComponents([.year, .month], from: now)) ?? day
        do {
            let today = try await store.spent(since: day), thisMonth = try await store.spent(since: month)
            let over = today >= config.budget.dailyUSD || thisMonth >= config.budget.monthlyUSD
            return Check(name: "budget", status: over ? .warning : .ok,
                         detail: String(format: "today %.4f of %.2f USD, this month %.4f of %.2f USD%@", today, config.budget.dailyUSD,
                                        thisMonth, config.budget.monthlyUSD, over ? " — reached: the queue pauses until the next period" : ""))
        } catch {
            return Check(name: "budget", status: .failure, detail: "cannot read the usage log: \(error)")
        }
    }

    func inotify() -> [Check] {
        func read(_ name: String) -> Int? {
            (try? String(contentsOfFile: "\(procRoot)/sys/fs/inotify/\(name)", encoding: .utf8))
                .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        guard let watches = read("max_user_watches"), let instances = read("max_user_instances") else {
            return [Check(name: "inotify", status: .warning, detail: "limits not readable: use polling mode for the inbox")]
        }
        let low = watches < 8192 || instances < 16
        return [Check(name: "inotify", status: low ? .warning : .ok,
                      detail: "max_user_watches \(watches), max_user_instances \(instances)"
                        + (low ? " — raise fs.inotify.max_user_watches (sysctl) for large inboxes" : ""))]
    }

    func permissions() -> Check {
        guard let stateDirectory else { return Check(name: "state directory", status: .warning, detail: "not set") }
        let path = stateDirectory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return Check(name: "state directory", status: .warning, detail: "\(path) does not exist yet (created on first run)")
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            return Check(name: "state directory", status: .failure, detail: "\(path) is not writable by this user")
        }
        return Check(name: "state directory", status: .ok, detail: "\(path) writable")
    }
}
