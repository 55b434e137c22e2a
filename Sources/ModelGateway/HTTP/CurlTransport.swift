public import Foundation

/// HTTP over libcurl: each transfer blocks a thread of a small dedicated pool and resumes the
/// calling task through a continuation. Cancelling the task aborts the transfer.
public final class CurlTransport: HTTPTransport {
    private let pool: BlockingThreadPool

    /// - Parameter maxConcurrentTransfers: threads in the pool; more calls than that queue.
    public init(maxConcurrentTransfers: Int = 16) {
        pool = BlockingThreadPool(maxThreads: maxConcurrentTransfers, name: "curl")
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await transfer(request, onChunk: nil)
    }

    /// The transfer still blocks a pool thread; `onChunk` runs on that thread as bytes arrive.
    public func stream(_ request: HTTPRequest, onChunk: @escaping @Sendable (Data) -> Void) async throws -> HTTPResponse {
        try await transfer(request, onChunk: onChunk)
    }

    private func transfer(_ request: HTTPRequest, onChunk: (@Sendable (Data) -> Void)?) async throws -> HTTPResponse {
        let cancelled = CancelFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                pool.submit {
                    if cancelled.isSet {
                        continuation.resume(throwing: TransportError(.cancelled, "cancelled before start"))
                        return
                    }
                    continuation.resume(with: Result { try CurlEasy.perform(request, cancelled: cancelled, onChunk: onChunk) })
                }
            }
        } onCancel: {
            cancelled.set()
        }
    }
}
