import Foundation
import PropertyCore

/// Chooses the language of one folder's `_STATUS.txt` (see `StatusLanguage.choose`): the
/// folder's `_LANG.txt`, the agent's entry in `[status.agents]` (the user owning the folder), the
/// language the agent's text is written in, the inbox's language. Reads two small things from
/// disk, so it runs on the blocking executor with the status write.
struct StatusLanguagePolicy: Sendable {
    var inboxLanguage: ListingLanguage = .en
    var agentLanguages: [String: ListingLanguage] = [:]

    init(inboxLanguage: ListingLanguage = .en, agentLanguages: [String: ListingLanguage] = [:]) {
        self.inboxLanguage = inboxLanguage
        self.agentLanguages = agentLanguages
    }

    init(_ configuration: Configuration) {
        self.init(inboxLanguage: configuration.statusLanguage, agentLanguages: configuration.agentLanguages)
    }

    func language(for folder: URL, written: String?) -> ListingLanguage {
        StatusLanguage.choose(folderSetting: folderSetting(folder), agentSetting: agentSetting(folder),
                              written: written.flatMap(ListingLanguage.init(code:)), default: inboxLanguage)
    }

    private func folderSetting(_ folder: URL) -> ListingLanguage? {
        let url = folder.appendingPathComponent(FileRules.languageSetting)
        guard let data = try? Data(contentsOf: url, options: .uncached), data.count < 4096,
              case .success(let decoded) = TextDecoder.decode(data) else { return nil }
        return StatusLanguage.setting(in: decoded.text)
    }

    private func agentSetting(_ folder: URL) -> ListingLanguage? {
        guard !agentLanguages.isEmpty,
              let owner = (try? FileManager.default.attributesOfItem(atPath: folder.path))?[.ownerAccountName] as? String
        else { return nil }
        return agentLanguages[owner]
    }
}
