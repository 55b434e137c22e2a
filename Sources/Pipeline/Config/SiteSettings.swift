import Foundation
import PropertyCore

/// `[site]` and `[hook]` in the config file: what listing.md's front matter says for the
/// website build, and how the site is told that listings changed.
public struct SiteSettings: Sendable, Equatable {
    /// Where the website serves a listing's folder, `{id}` standing for the listing id, e.g.
    /// `/listings/{id}/` or `https://homes.example/listings/{id}/`. With it, the front matter's
    /// `images` holds URLs Hugo's Open Graph template can use; without it, `images` is left out.
    public var imageBaseURL: String?
    /// A listing the agent still has to look at is written with `draft: true`.
    public var draftWhenNeedsAttention = false
    /// A folder holding a file with one of these names (the agent's "sold"/"withdrawn" mark) is
    /// written with `draft: true`.
    public var draftMarkers: [String] = ["SOLD", "WITHDRAWN"]
    /// Phone numbers, LINE IDs, e-mail addresses and URLs in an agent's text reach the public
    /// pages; off by default, so leads go to the agency (`PublicText`).
    public var showAgentContacts = false
    public var hook = RebuildHookSettings()

    public init() {}
}

/// The rebuild hook: a command and/or a signed POST once a burst of publishes has settled.
public struct RebuildHookSettings: Sendable, Equatable {
    /// Run with `/bin/sh -c`; the changed listing ids on standard input (one a line) and in
    /// `PROPERTY_INBOX_CHANGED_IDS` (space-separated).
    public var command: String?
    /// Receives `POST` with a JSON body; signed when a secret is set.
    public var url: String?
    /// HMAC-SHA256 key for the `X-PropertyInbox-Signature` header; from the environment
    /// (`PROPERTY_INBOX_HOOK_SECRET`) only, never the config file, never logged.
    public var secret: HookSecret?
    /// Quiet time after the last publish before the hook runs (one run for a burst).
    public var debounceSeconds: Double = 5
    /// A steady stream of publishes still triggers a run at least this often.
    public var maxWaitSeconds: Double = 60
    /// Longest wait between retries of a failed delivery (doubling from 2 s).
    public var maxRetrySeconds: Double = 300

    public init() {}

    /// The targets deliveries are recorded for: `command`, `webhook`.
    public var targets: [String] {
        (command == nil ? [] : ["command"]) + (url == nil ? [] : ["webhook"])
    }
}

/// A secret that prints as `<redacted>` wherever a value is described or dumped.
public struct HookSecret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    let bytes: Data
    public init(_ value: String) { bytes = Data(value.utf8) }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

extension SiteSettings {
    /// `[site]` as written in the file.
    struct FileSection: Decodable {
        /// The listing's page for the agents' messages (NotifySettings reads it).
        var base_url: String?
        var image_base_url: String?
        var draft_when_needs_attention: Bool?
        var draft_markers: [String]?
        var show_agent_contacts: Bool?
    }

    /// `[hook]` as written in the file.
    struct HookFileSection: Decodable {
        var command: String?
        var url: String?
        var debounce_seconds: TOMLNumber?
        var max_wait_seconds: TOMLNumber?
        var max_retry_seconds: TOMLNumber?
    }

    mutating func apply(_ site: FileSection?, _ hook: HookFileSection?) {
        if let value = site?.image_base_url, !value.isEmpty { imageBaseURL = value }
        if let value = site?.draft_when_needs_attention { draftWhenNeedsAttention = value }
        if let value = site?.draft_markers { draftMarkers = value }
        if let value = site?.show_agent_contacts { showAgentContacts = value }
        if let value = hook?.command, !value.isEmpty { self.hook.command = value }
        if let value = hook?.url, !value.isEmpty { self.hook.url = value }
        if let value = hook?.debounce_seconds { self.hook.debounceSeconds = max(0, value.value) }
        if let value = hook?.max_wait_seconds { self.hook.maxWaitSeconds = max(1, value.value) }
        if let value = hook?.max_retry_seconds { self.hook.maxRetrySeconds = max(1, value.value) }
    }

    mutating func apply(environment: [String: String]) {
        if let value = environment["PROPERTY_INBOX_HOOK_COMMAND"], !value.isEmpty { hook.command = value }
        if let value = environment["PROPERTY_INBOX_HOOK_URL"], !value.isEmpty { hook.url = value }
        if let value = environment["PROPERTY_INBOX_HOOK_SECRET"], !value.isEmpty { hook.secret = HookSecret(value) }
        if let value = environment["PROPERTY_INBOX_HOOK_DEBOUNCE_SECONDS"].flatMap(Double.init) { hook.debounceSeconds = max(0, value) }
    }
}

extension SiteSettings {
    /// Whether the listing is written with `draft: true`: the agent marked the folder (a file
    /// named like a draft marker, any case, any extension) or, when so configured, the listing
    /// needs the agent's attention.
    func isDraft(needsAttention: Bool, topLevelNames: [String]) -> Bool {
        if draftWhenNeedsAttention && needsAttention { return true }
        let markers = Set(draftMarkers.map { $0.lowercased() })
        return topLevelNames.contains { name in
            guard !name.contains("/") else { return false }
            let base = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
            return markers.contains(base.lowercased())
        }
    }

    /// Tells the agent what a marker file did, instead of "not used".
    func labellingDraftMarkers(_ ignored: [IgnoredFile]) -> [IgnoredFile] {
        ignored.map { file in
            guard isDraft(needsAttention: false, topLevelNames: [file.path]) else { return file }
            return IgnoredFile(path: file.path, kind: .draftMarker)
        }
    }

    /// What in these settings changes listing.md; part of the publish fingerprint.
    var renderSignature: String {
        // public_text=1: pages written before contacts were taken out are written again.
        "image_base_url=\(imageBaseURL ?? "")|draft_attention=\(draftWhenNeedsAttention)|markers=\(draftMarkers.joined(separator: ","))"
            + "|public_text=1|contacts=\(showAgentContacts)"
    }
}
