import BlockingIO
import Foundation
import Logging
import PipelineStore
import PropertyCore

/// Records what each agent is owed when a folder's outcome changes: one outbox row per channel,
/// rendered in the agent's language at once. Called by `FolderLifecycle`'s transitions; never
/// sends anything itself (`NoticeSender` does) and never fails a transition: a database error is
/// logged and the folder goes on.
struct AgentNotices: Sendable {
    let settings: NotifySettings
    let statusLanguage: StatusLanguagePolicy
    let store: PipelineStore
    let logger: Logger
    init(settings: NotifySettings, statusLanguage: StatusLanguagePolicy, store: PipelineStore, logger: Logger) {
        self.settings = settings
        self.statusLanguage = statusLanguage
        self.store = store
        self.logger = logger
    }

    /// A publish: `listing:<fingerprint>` keys it, so re-runs of the same listing add nothing.
    func published(_ folder: URL, result: ListingResult, state: FolderState, fingerprint: String) async {
        await record(folder, key: "listing:\(fingerprint)", written: result.agentLanguage) { previous in
            let questions = !AgentStatusText.questions(for: result).isEmpty
            let kind: NoticeKind = switch state {
            case .paused: .pendingReview
            case _ where previous == NoticeKind.pendingReview.rawValue: .reviewed
            case _ where questions: .needsAgent
            default: .published
            }
            return AgentNotice(kind: kind, propertyId: FolderLifecycle.name(of: folder), result: result,
                               url: settings.listingURL(FolderLifecycle.name(of: folder)))
        }
    }

    func failed(_ folder: URL, cause: FailureCause) async {
        await record(folder, key: "failed:\(cause.rawValue)", written: nil) { _ in
            AgentNotice(kind: .failed, propertyId: FolderLifecycle.name(of: folder), failure: cause)
        }
    }

    /// The folder is gone: its agent is the one its earlier notices went to.
    func removed(_ folder: URL) async {
        await record(folder, key: "removed", written: nil) { _ in
            AgentNotice(kind: .removed, propertyId: FolderLifecycle.name(of: folder))
        }
    }

    func cannotWrite(_ folder: URL) async {
        await record(folder, key: "cannot_write", written: nil) { _ in
            AgentNotice(kind: .cannotWrite, propertyId: FolderLifecycle.name(of: folder))
        }
    }

    /// Who the folder's agent is and in which language they read, then one row per channel.
    private func record(_ folder: URL, key: String, written: String?, notice: @escaping @Sendable (_ previous: String?) -> AgentNotice) async {
        guard settings.isActive else { return }
        let path = folder.standardizedFileURL.path
        let (settings, policy) = (settings, statusLanguage)
        // A folder that is gone has no owner and no _LANG.txt to ask: the agent's or the inbox's language.
        let found: (owner: String?, language: ListingLanguage?) = await BlockingExecutor.shared.run {
            let owner = Self.account(of: path, spaces: settings.spaces)
            guard FileManager.default.fileExists(atPath: path) else { return (owner, nil) }
            return (owner, policy.language(for: folder, written: written ?? Publisher.lastAgentLanguage(in: folder)))
        }
        var agent = settings.agent(forAccount: found.owner)
        if !settings.spaces || agent == nil, let earlier = try? await store.noticeAgent(folderPath: path), !FileManager.default.fileExists(atPath: path) {
            agent = settings.agents[earlier] ?? agent
        }
        guard let agent else {
            logger.debug("no agent to notify", metadata: ["property": "\(FolderLifecycle.name(of: folder))"])
            return
        }
        let channels = agent.channels(settings)
        guard !channels.isEmpty else { return }
        let language = agent.language ?? found.language ?? statusLanguage.inboxLanguage
        let owner = found.owner
        do {
            let added = try await store.enqueueNotice(folderPath: path, noticeKey: key) { previous in
                let notice = notice(previous)
                let text = AgentNoticeText.render(notice, language: language)
                let payload = NoticeRequests.payload(notice, text: text, agent: agent, owner: owner, language: language)
                return channels.map {
                    NoticeRow(folderPath: path, propertyId: notice.propertyId, agent: agent.id, channel: $0, outcome: notice.kind.rawValue,
                              noticeKey: key, subject: text.subject, body: text.body, payload: payload)
                }
            }
            if added > 0 {
                logger.info("agent notice recorded", metadata: ["property": "\(FolderLifecycle.name(of: folder))", "agent": "\(agent.id)",
                                                                "notice": "\(key.split(separator: ":").first ?? "")", "channels": "\(added)"])
            }
        } catch {
            logger.error("cannot record the agent's notice", metadata: ["property": "\(FolderLifecycle.name(of: folder))", "error": "\(error)"])
        }
    }

    /// The account a folder belongs to: its space's name with agent spaces (the folder's parent,
    /// the daemon's inbox), else its owner's user name (the agent's SFTP/Samba account). Nil when
    /// it cannot be told (the folder is gone).
    static func account(of path: String, spaces: Bool) -> String? {
        if spaces { return URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent }
        var info = stat()
        guard FileName.withSystemPath(path, { stat($0, &info) }) == 0, let entry = getpwuid(info.st_uid),
              let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
