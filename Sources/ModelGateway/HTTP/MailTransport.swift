import CCurl
public import Foundation

/// One e-mail for SMTP: the envelope and the whole RFC 5322 message (headers and body).
public struct MailMessage: Sendable {
    /// `smtp://host:587` (STARTTLS) or `smtps://host:465`.
    public var serverURL: String
    public var from: String
    public var to: [String]
    public var message: Data
    /// `.required`: STARTTLS must succeed (the default for smtp://); `.none` only for a local relay.
    public var tls: TLSPolicy
    public var username: String?
    /// From the credentials file or the environment only; never logged.
    public var password: String?
    /// A CA bundle for a private mail server's certificate (nil: the system's).
    public var caFile: String?
    public var timeout: Duration

    public enum TLSPolicy: Sendable { case required, none }

    public init(serverURL: String, from: String, to: [String], message: Data, tls: TLSPolicy = .required,
                username: String? = nil, password: String? = nil, caFile: String? = nil, timeout: Duration = .seconds(60)) {
        self.serverURL = serverURL
        self.from = from
        self.to = to
        self.message = message
        self.tls = tls
        self.username = username
        self.password = password
        self.caFile = caFile
        self.timeout = timeout
    }
}

/// SMTP over libcurl, on the same kind of dedicated thread pool as `CurlTransport`: a slow mail
/// server never holds a thread of Swift's cooperative pool.
public final class MailTransport: Sendable {
    private let pool: BlockingThreadPool

    public init(maxConcurrentTransfers: Int = 2) {
        pool = BlockingThreadPool(maxThreads: maxConcurrentTransfers, name: "smtp")
    }

    public func send(_ mail: MailMessage) async throws {
        let cancelled = CancelFlag()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                pool.submit {
                    continuation.resume(with: Result { try CurlEasy.sendMail(mail, cancelled: cancelled) })
                }
            }
        } onCancel: {
            cancelled.set()
        }
    }
}

extension CurlEasy {
    /// Feeds the message to libcurl's upload, a chunk per call.
    final class MailSource {
        let bytes: Data
        var offset = 0
        let cancelled: CancelFlag
        init(_ bytes: Data, cancelled: CancelFlag) {
            self.bytes = bytes
            self.cancelled = cancelled
        }
    }

    /// A blocking SMTP transfer (MAIL FROM, RCPT TO, DATA). Call only from a pool thread.
    static func sendMail(_ mail: MailMessage, cancelled: CancelFlag) throws {
        guard let handle = curl_easy_init() else { throw TransportError(.network, "libcurl could not start") }
        defer { curl_easy_cleanup(handle) }
        let source = MailSource(mail.message, cancelled: cancelled)
        let sourcePointer = Unmanaged.passUnretained(source).toOpaque()
        var recipients: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipients) }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
            _ = pi_curl_setopt_string(handle, CURLOPT_URL, mail.serverURL)
            _ = pi_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorPointer.baseAddress)
            _ = pi_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            _ = pi_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
            _ = pi_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
            _ = pi_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
            // STARTTLS required: a server that does not offer it fails the send, never a plain-text fallback.
            _ = pi_curl_setopt_long(handle, CURLOPT_USE_SSL, mail.tls == .required ? Int(CURLUSESSL_ALL.rawValue) : Int(CURLUSESSL_NONE.rawValue))
            if let caFile = mail.caFile { _ = pi_curl_setopt_string(handle, CURLOPT_CAINFO, caFile) }
            if let username = mail.username { _ = pi_curl_setopt_string(handle, CURLOPT_USERNAME, username) }
            if let password = mail.password { _ = pi_curl_setopt_string(handle, CURLOPT_PASSWORD, password) }
            _ = pi_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(mail.from)>")
            for recipient in mail.to { recipients = curl_slist_append(recipients, "<\(recipient)>") }
            _ = pi_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients)
            _ = pi_curl_setopt_long(handle, CURLOPT_UPLOAD, 1)
            _ = pi_curl_setopt_off(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(mail.message.count))
            _ = pi_curl_setopt_write_function(handle, CURLOPT_READFUNCTION, readMail)
            _ = pi_curl_setopt_pointer(handle, CURLOPT_READDATA, sourcePointer)
            _ = pi_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 10_000)
            _ = pi_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, max(1, Int(mail.timeout.components.seconds) * 1000))
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let detail = errorBuffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            let kind: TransportError.Kind = switch code {
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST: .connect
            case CURLE_OPERATION_TIMEDOUT: .timeout
            case CURLE_USE_SSL_FAILED, CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE: .tls
            case CURLE_ABORTED_BY_CALLBACK: .cancelled
            default: .network
            }
            throw TransportError(kind, message)
        }
    }
}

private let readMail: pi_curl_write_callback = { buffer, size, count, userdata in
    let source = Unmanaged<CurlEasy.MailSource>.fromOpaque(userdata!).takeUnretainedValue()
    if source.cancelled.isSet { return Int(CURL_READFUNC_ABORT) }
    let room = size * count
    let length = min(room, source.bytes.count - source.offset)
    guard let buffer, length > 0 else { return 0 }
    source.bytes.withUnsafeBytes { raw in
        let start = raw.baseAddress!.advanced(by: source.offset)
        UnsafeMutableRawPointer(buffer).copyMemory(from: start, byteCount: length)
    }
    source.offset += length
    return length
}
