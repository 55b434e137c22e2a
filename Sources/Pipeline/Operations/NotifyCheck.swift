/// `doctor`: the agents' channels as configured — each agent's channels, and any channel an
/// agent asks for whose server, token or password is missing (named, never shown). The pending
/// and uncertain messages come from `status --json`; `notify-test <agent>` sends for real.
public enum NotifyCheck {
    public static func run(_ settings: NotifySettings) -> [Doctor.Check] {
        guard !settings.agents.isEmpty else { return [] }
        var problems: [String] = []
        var summary: [String] = []
        for agent in settings.agents.values.sorted(by: { $0.id < $1.id }) {
            let channels = agent.channels(settings)
            summary.append("\(agent.id): \(channels.isEmpty ? "no channel" : channels.joined(separator: ", "))")
            if agent.email != nil && settings.smtpURL == nil { problems.append("\(agent.id) has an e-mail address but [notify] smtp_url is not set") }
            if agent.telegramChatId != nil && settings.telegramToken == nil { problems.append("\(agent.id) has telegram_chat_id but PROPERTY_INBOX_TELEGRAM_TOKEN is not set") }
            if agent.lineUserId != nil && settings.lineToken == nil { problems.append("\(agent.id) has line_user_id but PROPERTY_INBOX_LINE_TOKEN is not set") }
        }
        if settings.smtpURL != nil && settings.smtpUser != nil && settings.smtpPassword == nil {
            problems.append("smtp_user is set but PROPERTY_INBOX_SMTP_PASSWORD is not")
        }
        if let url = settings.smtpURL, url.hasPrefix("smtp://"), !settings.smtpStartTLS,
           !(url.hasPrefix("smtp://127.0.0.1") || url.hasPrefix("smtp://localhost")) {
            problems.append("smtp_starttls = false sends mail (and the password) in the clear to \(url)")
        }
        var checks = [Doctor.Check(name: "agents", status: .ok, detail: summary.joined(separator: "; "))]
        if settings.defaultAgent == nil && !settings.spaces {
            checks.append(.init(name: "default agent", status: .warning,
                                detail: "no [notify] default_agent: folders no agent's account owns notify no one"))
        }
        checks += problems.map { Doctor.Check(name: "agent messages", status: .failure, detail: $0) }
        return checks
    }
}
