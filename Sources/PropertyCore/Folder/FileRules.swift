/// Which names in a property folder mean what. Pure functions over names.
public enum FileRules {
    public static let photoExtensions: Set<String> = ["jpg", "jpeg", "png", "heic", "heif"]
    public static let audioExtensions: Set<String> = ["m4a", "mp3", "mp4", "mpeg", "mpga", "wav", "webm", "ogg"]
    public static let textExtensions: Set<String> = ["txt", "md"]

    /// Files and folders PropertyInbox writes; never inputs, never a reason to re-run.
    public static let ownOutputs: Set<String> = ["result.json", "listing.md", statusFile, "_INBOX_STATUS.txt", "_listing"]
    /// The folder's status for the agent.
    public static let statusFile = "_STATUS.txt"
    public static let readyMarker = "READY"
    /// The agent's own setting for the folder: a line `LANG=th` (or ru, en) picks the language of
    /// `_STATUS.txt`. Read by the status writer, never as a description.
    public static let languageSetting = "_LANG.txt"
    /// What a run publishes into a folder and the website reads: removed by hand, they are
    /// written again (the daemon owns them).
    public static let publishedOutputs: Set<String> = ["result.json", "listing.md", "_listing"]
    /// Our own temp files while writing outputs atomically: hidden, and never mistaken for an
    /// agent's upload temp (`._*` is macOS litter, `*.tmp` an upload in progress).
    public static let ownTempPrefix = ".pi-tmp-"
    /// The lock that keeps a second daemon or a hand-run `scan` off an inbox a daemon works on
    /// (hidden, so agents never see it as a property folder).
    public static let inboxLockName = ".property-inbox.lock"
    static let osLitter: Set<String> = [".ds_store", "thumbs.db", "desktop.ini", "@eadir", "__macosx", ".trashes"]
    static let uploadTempSuffixes = [".filepart", ".part", ".tmp", ".crdownload"]

    public enum Kind: String, Sendable, Codable {
        case description, context, photo, audio
    }

    /// True for names an upload client is still writing (SFTP/SMB/browser temp names).
    public static func isUploadTemp(_ name: String) -> Bool {
        if name.hasPrefix(ownTempPrefix) { return false }
        let lower = name.lowercased()
        return uploadTempSuffixes.contains { lower.hasSuffix($0) }
            || name.hasPrefix("~$") || name.hasPrefix(".~lock.") || name.hasPrefix("._")
    }

    /// `listing.th.md`, `listing.ru.md`: the listing in a language other than the site's default,
    /// named as Hugo's translation by file name expects. Only the languages we write: an agent's
    /// `listing.old.md` is theirs (never hidden, never removed as a stale page).
    public static func isTranslatedListing(_ name: String) -> Bool {
        guard name.hasPrefix("listing."), name.hasSuffix(".md") else { return false }
        return ListingLanguage(rawValue: String(name.dropFirst("listing.".count).dropLast(".md".count))) != nil
    }

    /// What a run publishes, translations included.
    public static func isPublishedOutput(_ name: String) -> Bool {
        publishedOutputs.contains(name) || isTranslatedListing(name)
    }

    /// Names skipped without a word to the agent: ours, hidden, temp and OS litter.
    public static func isSilentlyIgnored(_ name: String) -> Bool {
        ownOutputs.contains(name) || isTranslatedListing(name) || name.lowercased() == languageSetting.lowercased() || name.hasPrefix(".") || isUploadTemp(name) || osLitter.contains(name.lowercased())
    }

    public static func kind(of name: String) -> Kind? {
        let ext = fileExtension(name)
        if photoExtensions.contains(ext) { return .photo }
        if audioExtensions.contains(ext) { return .audio }
        if textExtensions.contains(ext) {
            let base = name.lowercased()
            return base == "context.txt" || base == "context.md" ? .context : .description
        }
        return nil
    }

    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
