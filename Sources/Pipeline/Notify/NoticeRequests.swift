import ContentHash
import Foundation
import ModelGateway
import PropertyCore

/// What goes over the wire for each channel: pure functions, no I/O (tests compare them with
/// each service's documented shape).
enum NoticeRequests {
    /// The webhook's JSON as recorded in the outbox: who (owner, agent), what (state), the listing.
    struct Payload: Codable, Equatable {
        var event = "agent.notice"
        var state: String
        var propertyId: String
        var owner: String?
        var agent: String
        var agentName: String?
        var language: String
        var title: String?
        var price: String?
        var url: String?
        var subject: String
        var text: String

        enum CodingKeys: String, CodingKey {
            case event, state, owner, agent, language, title, price, url, subject, text
            case propertyId = "property_id", agentName = "agent_name"
        }
    }

    static func payload(_ notice: AgentNotice, text: AgentNoticeText.Rendered, agent: AgentProfile, owner: String?,
                        language: ListingLanguage) -> String {
        let payload = Payload(state: notice.kind.rawValue, propertyId: notice.propertyId, owner: owner, agent: agent.id, agentName: agent.name,
                              language: language.rawValue, title: text.title, price: text.price, url: notice.url,
                              subject: text.subject, text: text.body)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(payload)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The text of a chat message: the subject as its first line.
    static func chatText(subject: String, body: String) -> String {
        String((subject + "\n\n" + body).prefix(4000))  // Telegram allows 4096 characters, LINE 5000
    }

    /// Telegram Bot API `sendMessage`: POST {api}/bot<token>/sendMessage, JSON body.
    static func telegram(api: String, token: String, chatId: String, subject: String, body: String) -> HTTPRequest {
        let json = (try? JSONSerialization.data(withJSONObject: ["chat_id": chatId, "text": chatText(subject: subject, body: body),
                                                                 "disable_web_page_preview": true], options: [.sortedKeys])) ?? Data()
        return HTTPRequest(method: .post, url: trimmed(api) + "/bot\(token)/sendMessage",
                           headers: [("Content-Type", "application/json")], body: .bytes(json),
                           connectTimeout: .seconds(10), totalTimeout: .seconds(30))
    }

    /// LINE Messaging API push: POST {api}/v2/bot/message/push, a bearer token, and a retry key
    /// fixed per outbox row so LINE itself drops a repeat of a request that did arrive.
    static func line(api: String, token: String, userId: String, subject: String, body: String, retryKey: String) -> HTTPRequest {
        let json = (try? JSONSerialization.data(withJSONObject: [
            "to": userId, "messages": [["type": "text", "text": chatText(subject: subject, body: body)]],
        ], options: [.sortedKeys])) ?? Data()
        return HTTPRequest(method: .post, url: trimmed(api) + "/v2/bot/message/push",
                           headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(token)"), ("X-Line-Retry-Key", retryKey)],
                           body: .bytes(json), connectTimeout: .seconds(10), totalTimeout: .seconds(30))
    }

    /// The webhook: the recorded JSON, signed like the rebuild hook (`X-PropertyInbox-Signature`).
    static func webhook(url: String, payload: String, secret: NoticeSecret?) -> HTTPRequest {
        let body = Data(payload.utf8)
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        if let secret {
            headers.append((RebuildHookEvent.signatureHeader, "sha256=" + ContentHash.hmacSHA256(key: Data(secret.value.utf8), data: body)))
        }
        return HTTPRequest(method: .post, url: url, headers: headers, body: .bytes(body), connectTimeout: .seconds(10), totalTimeout: .seconds(30))
    }

    /// A UUID made from a stable key (LINE wants its retry key in UUID form).
    static func uuid(from key: String) -> String {
        let s = String(ContentHash.sha256(of: key).prefix(32))
        func part(_ from: Int, _ length: Int) -> Substring { s.dropFirst(from).prefix(length) }
        return "\(part(0, 8))-\(part(8, 4))-4\(part(13, 3))-8\(part(17, 3))-\(part(20, 12))"
    }

    /// An RFC 5322 message: UTF-8 subject (RFC 2047) and a base64 body, so Thai and Russian arrive intact.
    static func mail(from: String, to: String, subject: String, body: String, messageId: String, date: Date) -> Data {
        let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedBody = Data(body.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let lines = [
            "From: PropertyInbox <\(from)>", "To: <\(to)>", "Subject: \(encodedSubject)", "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageId)>", "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64", "", encodedBody, "",
        ]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    private static func trimmed(_ api: String) -> String {
        api.hasSuffix("/") ? String(api.dropLast()) : api
    }
}
