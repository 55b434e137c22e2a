import Foundation
import PropertyCore

/// Chooses the language of one folder's `_STATUS.txt` (see `StatusLanguage.choose`): the
/// folder's `_LANG.txt`, the agent's entry in `[status.agents]` (the user owning the folder), the
/// language the agent's text is written in, the inbox's language. Reads two small things from
/// disk, so it runs on the blocking executor with the status write.
struct StatusLanguagePolicy: Sendable {
    var inboxLanguage: ListingLanguage = .en
    var agentLanguages: [String: ListingLanguage] = [:]
    /// `[agents.<id>] time_zone` by account: the times in that agent's `_STATUS.txt`.
    var agentTimeZones: [String: TimeZone] = [:]

    init(inboxLanguage: ListingLanguage = .en, agentLanguages: [String: ListingLanguage] = [:]) {
        self.inboxLanguage = inboxLanguage
        self.agentLanguages = agentLanguages
    }

    init(_ configuration: Configuration) {
        self.init(inboxLanguage: configuration.statusLanguage, agentLanguages: configuration.agentLanguages)
        agentTimeZones = configuration.notify.accountTimeZones
    }

    /// The time zone of the agent who owns the folder, when their `[agents.<id>]` names one.
    func timeZone(for folder: URL) -> TimeZone? {
        guard !agentTimeZones.isEmpty, let owner = owner(of: folder) else { return nil }
        return agentTimeZones[owner]
    }

    func language(for folder: URL, written: String?) -> ListingLanguage {
        StatusLanguage.choose(folderSetting: folderSetting(folder), agentSetting: agentSetting(folder),
                              written: written.flatMap(ListingLanguage.init(code:)), default: inboxLanguage)
    }

    private func folderSetting(_ folder: URL) -> ListingLanguage? {
        let url = folder.appendingPathComponent(FileRules.languageSetting)
        guard let data = FileSystem.contents(of: url.path), data.count < 4096,
              case .success(let decoded) = TextDecoder.decode(data) else { return nil }
        return StatusLanguage.setting(in: decoded.text)
    }

    private func agentSetting(_ folder: URL) -> ListingLanguage? {
        guard !agentLanguages.isEmpty, let owner = owner(of: folder) else { return nil }
        return agentLanguages[owner]
    }

    /// The folder's owner (the agent's SFTP/Samba account), by the path's exact bytes.
    private func owner(of folder: URL) -> String? {
        var info = stat()
        guard FileName.withSystemPath(folder.path, { stat($0, &info) }) == 0, let entry = getpwuid(info.st_uid),
              let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
