import Foundation
import PipelineStore
public import PropertyCore

extension PipelineRuntime {
    /// `scan` and `process`: the agents' messages owed now go out once before they exit (what
    /// fails stays owed for the next scan or the daemon). Nil when no agent has a channel.
    public func deliverOwedNotices() async -> (sent: Int, failed: Int)? {
        guard configuration.notify.isActive else { return nil }
        return await NoticeSender(settings: configuration.notify, store: store, logger: logger).deliverDue()
    }

    /// `notify-test <agent>`: a test message on each of the agent's channels, sent now (not
    /// through the outbox). Nil when no such agent; else each channel with its error, if any.
    public func sendTestNotice(agent id: String) async -> [(channel: String, error: String?)]? {
        let settings = configuration.notify
        guard let agent = settings.agents[id] else { return nil }
        let language = agent.language ?? configuration.statusLanguage
        let notice = AgentNotice(kind: .test, propertyId: "test", agentName: agent.name)
        let text = AgentNoticeText.render(notice, language: language)
        let payload = NoticeRequests.payload(notice, text: text, agent: agent, owner: nil, language: language)
        let sender = NoticeSender(settings: settings, store: store, logger: logger)
        var results: [(channel: String, error: String?)] = []
        for channel in agent.channels(settings) {
            do {
                try await sender.send(channel: channel, agent: agent, subject: text.subject, body: text.body, payload: payload,
                                      key: "test|\(id)|\(channel)|\(Date().timeIntervalSince1970)")
                results.append((channel, nil))
            } catch {
                results.append((channel, "\(error)"))
            }
        }
        return results
    }

    /// The ids of the configured agents (for the command's error message).
    public var agentIds: [String] { configuration.notify.agents.keys.sorted() }
}
