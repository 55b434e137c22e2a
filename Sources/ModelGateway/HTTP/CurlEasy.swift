import CCurl
import Foundation
import Synchronization

/// The one owner of libcurl: a blocking transfer on an easy handle. Call only from
/// `BlockingThreadPool` threads, never from a Swift task directly.
enum CurlEasy {
    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// Collects the answer while libcurl calls back; also answers "should we stop?".
    final class Sink {
        var body = Data()
        var headers: [String: String] = [:]
        let cancelled: CancelFlag
        /// Streaming: each body chunk as libcurl delivers it, on this (pool) thread.
        let onChunk: (@Sendable (Data) -> Void)?
        init(cancelled: CancelFlag, onChunk: (@Sendable (Data) -> Void)? = nil) {
            self.cancelled = cancelled
            self.onChunk = onChunk
        }
    }

    /// - Parameter onChunk: called with every body chunk as it arrives (the body is still
    ///   collected whole too, so a non-2xx error body can be classified afterwards).
    static func perform(_ request: HTTPRequest, cancelled: CancelFlag,
                        onChunk: (@Sendable (Data) -> Void)? = nil) throws -> HTTPResponse {
        guard globalInit, let handle = curl_easy_init() else { throw TransportError(.network, "libcurl could not start") }
        defer { curl_easy_cleanup(handle) }

        let sink = Sink(cancelled: cancelled, onChunk: onChunk)
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        var headerList: UnsafeMutablePointer<curl_slist>?
        var mime: OpaquePointer?
        defer {
            curl_slist_free_all(headerList)
            if let mime { curl_mime_free(mime) }
        }

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
            request.url.withCString { _ = pi_curl_setopt_string(handle, CURLOPT_URL, $0) }
            _ = pi_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorPointer.baseAddress)
            _ = pi_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            // TLS verification is always on; proxies come from the environment (libcurl's default).
            _ = pi_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
            _ = pi_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
            _ = pi_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
            _ = pi_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
            _ = pi_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(request.connectTimeout))
            _ = pi_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(request.totalTimeout))
            _ = pi_curl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)

            for header in request.headers {
                headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
            }
            headerList = curl_slist_append(headerList, "Expect:")
            _ = pi_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

            switch request.body {
            case .none:
                _ = pi_curl_setopt_long(handle, request.method == .get ? CURLOPT_HTTPGET : CURLOPT_POST, 1)
                if request.method == .post { _ = pi_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, 0) }
            case .bytes(let data):
                _ = pi_curl_setopt_long(handle, CURLOPT_POST, 1)
                _ = pi_curl_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(data.count))
                // COPYPOSTFIELDS copies, so the bytes need live only for this call.
                data.withUnsafeBytes { raw in
                    _ = pi_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
                }
            case .multipart(let parts):
                mime = curl_mime_init(handle)
                for part in parts {
                    let field = curl_mime_addpart(mime)
                    _ = curl_mime_name(field, part.name)
                    part.data.withUnsafeBytes { raw in
                        _ = curl_mime_data(field, raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count)
                    }
                    if let filename = part.filename { _ = curl_mime_filename(field, filename) }
                    if let type = part.contentType { _ = curl_mime_type(field, type) }
                }
                _ = pi_curl_setopt_mime(handle, mime)
            }

            _ = pi_curl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, writeBody)
            _ = pi_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
            _ = pi_curl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, writeHeader)
            _ = pi_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer)
            _ = pi_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = pi_curl_setopt_xferinfo_function(handle, progress)
            _ = pi_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, sinkPointer)

            return curl_easy_perform(handle)
        }

        guard code == CURLE_OK else {
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            throw TransportError(kind(of: code), message)
        }
        var status = 0
        _ = pi_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: sink.headers, body: sink.body)
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        max(1, Int((duration.seconds * 1000).rounded()))
    }

    private static func kind(of code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .connect
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_ABORTED_BY_CALLBACK: .cancelled
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE: .tls
        default: .network
        }
    }
}

private let writeBody: pi_curl_write_callback = { pointer, size, count, userdata in
    let sink = Unmanaged<CurlEasy.Sink>.fromOpaque(userdata!).takeUnretainedValue()
    let length = size * count
    guard let pointer, length > 0 else { return length }
    let bytes = UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self)
    sink.body.append(bytes, count: length)
    if let onChunk = sink.onChunk { onChunk(Data(bytes: bytes, count: length)) }
    return length
}

private let writeHeader: pi_curl_write_callback = { pointer, size, count, userdata in
    let sink = Unmanaged<CurlEasy.Sink>.fromOpaque(userdata!).takeUnretainedValue()
    let length = size * count
    guard let pointer else { return length }
    let line = String(decoding: UnsafeRawBufferPointer(start: pointer, count: length), as: UTF8.self)
    if line.hasPrefix("HTTP/") {
        sink.headers = [:] // a new response (after a redirect or 100-continue) starts afresh
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        sink.headers[name] = value
    }
    return length
}

private let progress: pi_curl_xferinfo_callback = { userdata, _, _, _, _ in
    let sink = Unmanaged<CurlEasy.Sink>.fromOpaque(userdata!).takeUnretainedValue()
    return sink.cancelled.isSet ? 1 : 0
}

/// Set by the task's cancellation handler, read by libcurl's progress callback on a pool thread.
final class CancelFlag: Sendable {
    private let flag = Atomic(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() { flag.store(true, ordering: .releasing) }
}
