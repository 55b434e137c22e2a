import Foundation

/// Read-only questions to the chat provider (`GET /key`, `GET /models`) for `doctor`: outside
/// the retry, budget and usage-log machinery, since they cost nothing and a failure is the answer.
public struct ProviderProbe: Sendable {
    public let config: GatewayConfig
    let transport: any HTTPTransport

    public init(config: GatewayConfig, transport: any HTTPTransport = CurlTransport(maxConcurrentTransfers: 2)) {
        self.config = config
        self.transport = transport
    }

    /// `GET {base}{path}` with the chat key; the status and the body when it is JSON.
    public func get(_ path: String) async throws -> (status: Int, body: JSONValue?) {
        var headers: [(name: String, value: String)] = []
        if let key = config.apiKey { headers.append(("Authorization", "Bearer \(key.value)")) }
        let response = try await transport.send(HTTPRequest(method: .get, url: config.baseURL + path, headers: headers,
                                                            connectTimeout: config.connectTimeout, totalTimeout: .seconds(20)))
        return (response.status, JSONValue.parse(response.body))
    }
}
