public import Foundation
import FlyingFox
import FlyingSocks
import Metrics
import Prometheus

/// The operator's HTTP endpoint (off unless `[metrics] listen` is set): `GET /metrics` in the
/// Prometheus text format and `GET /healthz`, which answers 503 with the reason when the
/// watcher's event loop has stalled or the state database cannot be written.
public final class OperatorEndpoint: Sendable {
    /// The result of one health check: nil when healthy, else what is wrong.
    public typealias HealthCheck = @Sendable () async -> String?

    let server: HTTPServer
    let running: Task<Void, any Error>

    /// The Prometheus backend for swift-metrics, installed once per process. Called before the
    /// start-up reconciliation, so what it records (its duration) is not lost to the no-op backend.
    public static func installMetrics() -> MetricsRegistry {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return MetricsRegistry(registry: registry)
    }

    /// What `installMetrics` made, handed to `start` (keeps swift-prometheus out of callers' imports).
    public struct MetricsRegistry: Sendable {
        let registry: PrometheusCollectorRegistry
    }

    /// Starts serving; installs the metrics backend first when the caller has not.
    public static func start(listen: String, metrics: MetricsRegistry? = nil, health: @escaping HealthCheck) async throws -> OperatorEndpoint {
        let registry = (metrics ?? installMetrics()).registry
        let (host, port) = try parse(listen)
        // FlyingFox's own logger prints every request; the daemon's log has what matters.
        let server = HTTPServer(address: try .inet(ip4: host, port: port), logger: .disabled)
        await server.appendRoute("GET /metrics") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                         body: Data(PrometheusText.addingHelp(String(decoding: registry.emitToBuffer(), as: UTF8.self),
                                                              help: DaemonMetrics.help).utf8))
        }
        await server.appendRoute("GET /healthz") { _ in
            if let problem = await health() {
                return HTTPResponse(statusCode: .serviceUnavailable, body: Data("unhealthy: \(problem)\n".utf8))
            }
            return HTTPResponse(statusCode: .ok, body: Data("ok\n".utf8))
        }
        let running = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        return OperatorEndpoint(server: server, running: running)
    }

    init(server: HTTPServer, running: Task<Void, any Error>) {
        self.server = server
        self.running = running
    }

    public func stop() async {
        await server.stop(timeout: 1)
        running.cancel()
    }

    /// "127.0.0.1:9464" → ("127.0.0.1", 9464). IPv4 only: the endpoint belongs on loopback.
    static func parse(_ listen: String) throws -> (String, UInt16) {
        let parts = listen.split(separator: ":")
        guard parts.count == 2, let port = UInt16(parts[1]) else {
            throw PipelineError(.configuration, "[metrics] listen must be host:port, e.g. 127.0.0.1:9464 (got \(listen))")
        }
        let host = parts[0] == "localhost" ? "127.0.0.1" : String(parts[0])
        return (host, port)
    }
}

/// The Prometheus text format with a `# HELP` line before each metric's `# TYPE` line.
enum PrometheusText {
    static func addingHelp(_ text: String, help: [String: String]) -> String {
        var out: [Substring] = []
        var described = Set<Substring>()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# HELP ") {
                described.insert(line.dropFirst(7).prefix { $0 != " " })
            } else if line.hasPrefix("# TYPE ") {
                let name = line.dropFirst(7).prefix { $0 != " " }
                if !described.contains(name) {
                    described.insert(name)
                    let words = help[String(name)] ?? "A PropertyInbox metric."
                    out.append(Substring("# HELP \(name) \(words.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n"))"))
                }
            }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
