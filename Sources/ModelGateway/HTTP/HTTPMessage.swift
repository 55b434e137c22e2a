public import Foundation

/// One HTTP request as the gateway sends it. Header values may hold secrets: never log a request.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    public var method: Method
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: HTTPBody
    public var connectTimeout: Duration
    public var totalTimeout: Duration

    public init(method: Method, url: String, headers: [(name: String, value: String)] = [], body: HTTPBody = .none,
                connectTimeout: Duration = .seconds(10), totalTimeout: Duration = .seconds(120)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }
}

public enum HTTPBody: Sendable {
    case none
    case bytes(Data)
    /// multipart/form-data, built by libcurl's mime API.
    case multipart([MultipartPart])
}

public struct MultipartPart: Sendable, Equatable {
    public var name: String
    public var data: Data
    public var filename: String?
    public var contentType: String?

    public init(name: String, value: String) {
        self.init(name: name, data: Data(value.utf8))
    }

    public init(name: String, data: Data, filename: String? = nil, contentType: String? = nil) {
        self.name = name
        self.data = data
        self.filename = filename
        self.contentType = contentType
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Lower-cased names; the last value wins when a header repeats.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The request never reached an HTTP answer: refused, unresolved, timed out, TLS, reset.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case connect, timeout, tls, cancelled, network
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// Sends HTTP requests. The gateway's only way out to the network, so tests can replace it.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
    /// Like `send`, but hands each body chunk to `onChunk` as it arrives (server-sent events).
    /// The returned response still carries the whole body.
    func stream(_ request: HTTPRequest, onChunk: @escaping @Sendable (Data) -> Void) async throws -> HTTPResponse
}

extension HTTPTransport {
    /// Transports that cannot stream deliver the whole body as one chunk.
    public func stream(_ request: HTTPRequest, onChunk: @escaping @Sendable (Data) -> Void) async throws -> HTTPResponse {
        let response = try await send(request)
        onChunk(response.body)
        return response
    }
}
