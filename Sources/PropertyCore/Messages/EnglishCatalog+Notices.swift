/// English: the messages on the agent's channels.
extension EnglishCatalog {
    public func noticeSubject(_ kind: NoticeKind, property: String) -> String {
        switch kind {
        case .published: "\(property): your listing is live"
        case .needsAgent: "\(property): your listing is live — please check it"
        case .pendingReview: "\(property): your listing is live, the AI check follows"
        case .reviewed: "\(property): the AI check of your listing is done"
        case .failed: "\(property): nothing could be published"
        case .removed: "\(property): the folder was removed"
        case .cannotWrite: "\(property): the server cannot write into your folder"
        case .test: "PropertyInbox test message"
        }
    }

    public func noticeLead(_ kind: NoticeKind, property: String) -> String {
        switch kind {
        case .published: "Your listing \(property) is published."
        case .needsAgent: "Your listing \(property) is published, but some details are missing or unclear."
        case .pendingReview: "Your listing \(property) is published from your text; the AI check is delayed and will run by itself."
        case .reviewed: "The AI check of your listing \(property) is done and the listing is updated."
        case .failed: "Nothing could be published from the folder \(property)."
        case .removed: "The folder \(property) was removed from the inbox; its listing is taken down."
        case .cannotWrite:
            "The server cannot write the listing into the folder \(property): the upload gave the folder permissions it cannot write. The administrator has been told; you do not need to upload again."
        case .test: "This is a test message from PropertyInbox. If you read it, this channel works."
        }
    }

    public var noticeLink: String { "Listing" }

    public func noticeClosing(_ kind: NoticeKind) -> String? {
        switch kind {
        case .needsAgent, .reviewed, .failed:
            "Edit description.txt in the folder (or add what is missing) and it is processed again automatically. Details: _STATUS.txt in the folder."
        case .published, .pendingReview, .removed, .cannotWrite, .test: nil
        }
    }
}
