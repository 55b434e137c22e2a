/// What an agent is told on their channels (e-mail, Telegram, LINE, webhook) when a folder's
/// outcome changes. One case per change worth a message; re-runs with the same outcome are
/// not changes (the outbox keys them).
public enum NoticeKind: String, Sendable, Codable, CaseIterable {
    /// The listing is out and nothing needs the agent.
    case published
    /// The listing is out, but the agent has something to add or check.
    case needsAgent = "needs_agent"
    /// Published from the offline rules while the AI provider is down; its review follows.
    case pendingReview = "pending_review"
    /// The AI review done after such a pause.
    case reviewed
    /// Nothing could be published: only the agent can change that.
    case failed
    /// The folder left the inbox.
    case removed
    /// The server cannot write the folder's outputs (the upload gave it a mode we cannot write).
    case cannotWrite = "cannot_write"
    /// `property-inbox notify-test`.
    case test
}

/// One message as values; `AgentNoticeText` turns it into the agent's language.
public struct AgentNotice: Sendable, Equatable {
    public var kind: NoticeKind
    public var propertyId: String
    /// The listing, when there is one (published, needs agent, reviewed).
    public var result: ListingResult?
    public var failure: FailureCause?
    /// The listing's page on the website (`[site] base_url`), when known.
    public var url: String?
    /// The agent's display name, for the greeting of a test message.
    public var agentName: String?

    public init(kind: NoticeKind, propertyId: String, result: ListingResult? = nil, failure: FailureCause? = nil,
                url: String? = nil, agentName: String? = nil) {
        self.kind = kind
        self.propertyId = propertyId
        self.result = result
        self.failure = failure
        self.url = url
        self.agentName = agentName
    }
}

/// Lays a notice out; every sentence comes from the language's `MessageCatalog`.
public enum AgentNoticeText {
    public struct Rendered: Sendable, Equatable {
        public var subject: String
        public var body: String
        /// The listing's title and price as written in the body (the webhook carries them apart).
        public var title: String?
        public var price: String?
    }

    public static func render(_ notice: AgentNotice, language: ListingLanguage) -> Rendered {
        let say = language.messages
        var lines = [say.noticeLead(notice.kind, property: notice.propertyId)]
        var title: String?
        var price: String?
        if let result = notice.result {
            let facts = ListingFacts(result)
            title = ListingWording(language).title(facts)
            lines.append("")
            lines.append(title!)
            if let amount = result.price {
                let text = ListingVocabulary.price(amount, currency: result.priceCurrency, period: result.pricePeriod, in: language)
                price = text
                lines.append("\(say.label(StatusLabel.price)): \(text)")
            } else {
                lines.append("\(say.label(StatusLabel.price)): \(say.notFound(StatusLabel.price))")
            }
            let questions = AgentStatusText.questions(for: result)
            if !questions.isEmpty, notice.kind != .published {
                lines.append("")
                lines.append(say.pleaseCheck)
                for question in questions {
                    lines.append("- \(say.problem(question)) \(say.fix(question, sale: result.listingType == .sale))")
                }
            }
        }
        if let cause = notice.failure {
            lines.append("")
            lines.append(say.failure(cause))
        }
        if let url = notice.url, notice.kind != .removed, notice.kind != .failed {
            lines.append("")
            lines.append("\(say.noticeLink): \(url)")
        }
        if let closing = say.noticeClosing(notice.kind) {
            lines.append("")
            lines.append(closing)
        }
        return Rendered(subject: say.noticeSubject(notice.kind, property: notice.propertyId),
                        body: lines.joined(separator: "\n") + "\n", title: title, price: price)
    }
}
