import Foundation
import Logging
import Metrics
import ModelGateway
import PipelineStore
import Synchronization

/// Sends what the outbox owes agents, in a task of its own: a slow or failing channel never
/// holds up processing. At most once per row even across `kill -9`: a row is marked `sending`
/// (committed) before its first byte goes out, and a row found `sending` at start-up is marked
/// `uncertain` and never sent again (it may have arrived). A failure that surely sent nothing
/// (refused, unreachable, an error answer) is tried again after 2, 4, 8 … s, at most
/// `[notify] retry_max_seconds`.
final class NoticeSender: Sendable {
    let settings: NotifySettings
    let store: PipelineStore
    let logger: Logger
    let http: any HTTPTransport
    let mail: MailTransport
    private let nudged = Atomic<Bool>(true)

    init(settings: NotifySettings, store: PipelineStore, logger: Logger, http: (any HTTPTransport)? = nil) {
        self.settings = settings
        self.store = store
        self.logger = logger
        self.http = http ?? CurlTransport(maxConcurrentTransfers: 2)
        self.mail = MailTransport(maxConcurrentTransfers: 1)
    }

    /// A notice was recorded: look at the outbox now rather than at the next poll.
    func nudge() { nudged.store(true, ordering: .releasing) }

    /// Until cancelled.
    func run() async {
        if let interrupted = try? await store.markInterruptedNoticesUncertain(), interrupted > 0 {
            logger.warning("agent notices interrupted while being sent are not sent again (they may have arrived)",
                           metadata: ["notices": "\(interrupted)"])
        }
        var lastCount = 0.0
        var lastLook = 0.0
        while !Task.isCancelled {
            let now = Date().timeIntervalSince1970
            // Looks at least once a second (retries come due), at once when nudged.
            if nudged.exchange(false, ordering: .acquiringAndReleasing) || now - lastLook >= 1 {
                lastLook = now
                await deliverDue(now: now)
            }
            if now - lastCount >= 5 {
                lastCount = now
                if let counts = try? await store.noticeCounts() {
                    Gauge(label: "property_inbox_notifications_backlog").record(counts.pending)
                    Gauge(label: "property_inbox_notifications_uncertain").record(counts.uncertain)
                }
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Every row whose time has come, one after another. Returns how many went out and failed.
    @discardableResult
    func deliverDue(now: Double = Date().timeIntervalSince1970) async -> (sent: Int, failed: Int) {
        var (sent, failed) = (0, 0)
        let due: [NoticeRow]
        do { due = try await store.dueNotices(now: now) } catch {
            logger.error("agent notices: cannot read the outbox", metadata: ["error": "\(error)"])
            return (0, 0)
        }
        for row in due where !Task.isCancelled {
            guard let id = row.id else { continue }
            guard (try? await store.markNoticeSending(id: id)) == true else { continue }
            let metadata: Logger.Metadata = ["property": "\(row.propertyId)", "agent": "\(row.agent)", "channel": "\(row.channel)",
                                             "notice": "\(row.outcome)"]
            do {
                try await send(row)
                try? await store.markNoticeSent(id: id)
                Counter(label: "property_inbox_notifications_sent_total", dimensions: [("channel", row.channel)]).increment()
                logger.info("agent notice sent", metadata: metadata)
                sent += 1
            } catch {
                let delay = min(settings.retryMaxSeconds, 2 * pow(2, Double(max(0, row.attempts))))
                try? await store.markNoticeFailed(id: id, error: "\(error)", retryAt: Date().timeIntervalSince1970 + delay)
                Counter(label: "property_inbox_notifications_failed_total", dimensions: [("channel", row.channel)]).increment()
                logger.warning("agent notice not sent; it will be tried again",
                               metadata: metadata.merging(["error": "\(error)", "retry_in_seconds": "\(Int(delay))"]) { a, _ in a })
                failed += 1
            }
        }
        return (sent, failed)
    }

    struct ChannelFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// One row on its channel. Addresses are looked up now: an agent's changed address is used.
    func send(_ row: NoticeRow) async throws {
        guard let agent = settings.agents[row.agent] else { throw ChannelFailure(description: "no [agents.\(row.agent)] in the config any more") }
        try await send(channel: row.channel, agent: agent, subject: row.subject, body: row.body, payload: row.payload,
                       key: "\(row.folderPath)|\(row.noticeKey)|\(row.channel)")
    }

    /// Sends on one channel now (the outbox's rows, and `notify-test`). Tokens go in the request
    /// only; errors name the channel and the status, never the URL (Telegram's carries the token).
    func send(channel: String, agent: AgentProfile, subject: String, body: String, payload: String, key: String) async throws {
        switch channel {
        case "email":
            guard let server = settings.smtpURL, let address = agent.email else { throw ChannelFailure(description: "no smtp_url or e-mail address") }
            let message = NoticeRequests.mail(from: settings.smtpFrom, to: address, subject: subject, body: body,
                                              messageId: "\(NoticeRequests.uuid(from: key))@property-inbox", date: Date())
            try await mail.send(MailMessage(serverURL: server, from: settings.smtpFrom, to: [address], message: message,
                                            tls: settings.smtpStartTLS ? .required : .none, username: settings.smtpUser,
                                            password: settings.smtpPassword?.value, caFile: settings.smtpCAFile))
        case "telegram":
            guard let token = settings.telegramToken, let chat = agent.telegramChatId else {
                throw ChannelFailure(description: "no PROPERTY_INBOX_TELEGRAM_TOKEN or telegram_chat_id")
            }
            try await post(NoticeRequests.telegram(api: settings.telegramAPI, token: token.value, chatId: chat, subject: subject, body: body), channel)
        case "line":
            guard let token = settings.lineToken, let user = agent.lineUserId else {
                throw ChannelFailure(description: "no PROPERTY_INBOX_LINE_TOKEN or line_user_id")
            }
            try await post(NoticeRequests.line(api: settings.lineAPI, token: token.value, userId: user, subject: subject, body: body,
                                               retryKey: NoticeRequests.uuid(from: key)), channel)
        case "webhook":
            guard let url = settings.webhookURL else { throw ChannelFailure(description: "no webhook_url") }
            try await post(NoticeRequests.webhook(url: url, payload: payload, secret: settings.webhookSecret), channel)
        default:
            throw ChannelFailure(description: "unknown channel \(channel)")
        }
    }

    private func post(_ request: HTTPRequest, _ channel: String) async throws {
        let response = try await http.send(request)
        // LINE answers 409 to a retry key it has already accepted: the message did arrive.
        if channel == "line", response.status == 409 { return }
        guard (200..<300).contains(response.status) else {
            throw ChannelFailure(description: "\(channel) answered HTTP \(response.status)")
        }
    }
}
