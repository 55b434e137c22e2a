public import Foundation

/// Everything one `_STATUS.txt` says, as values: the folder's state and why, the result, the
/// files' problems. `AgentStatusText.render` turns it into the agent's language.
public struct FolderStatus: Sendable, Equatable {
    public var propertyId: String
    public var state: FolderState
    /// The step a processing folder is at.
    public var stage: StageName?
    public var result: ListingResult?
    public var notes: [StatusNote]
    /// Problems of the agent's files, shown when there is no result to list them.
    public var issues: [ProcessingIssue]
    public var ignored: [IgnoredFile]
    public var updated: Date
    /// Each listing language's page (`listing.md`, `listing.th.md` …); the status names the one
    /// in its own language, else the first.
    public var pages: [ListingLanguage: String]

    public init(propertyId: String, state: FolderState, stage: StageName? = nil, result: ListingResult? = nil,
                notes: [StatusNote] = [], issues: [ProcessingIssue] = [], ignored: [IgnoredFile] = [],
                updated: Date, pages: [ListingLanguage: String] = [.en: "listing.md"]) {
        self.propertyId = propertyId
        self.state = state
        self.stage = stage
        self.result = result
        self.notes = notes
        self.issues = issues
        self.ignored = ignored
        self.updated = updated
        self.pages = pages
    }
}

/// Writes `_STATUS.txt`: what happened to the folder and exactly what the agent can do about it,
/// in the agent's language. The layout is here; every word comes from the language's
/// `MessageCatalog`.
public enum AgentStatusText {
    /// What the agent is asked to add or check, from a finished result.
    public static func questions(for result: ListingResult) -> [AgentQuestion] {
        var questions: [AgentQuestion] = []
        let hasText = result.inputs.contains { $0.kind == "description" || $0.kind == "context" }
        if !hasText && result.transcripts.isEmpty { questions.append(.addDescription) }
        if result.propertyType == "unknown" { questions.append(.missing(.propertyType)) }
        if result.price == nil { questions.append(.missing(.price)) }
        if result.location == nil { questions.append(.missing(.location)) }
        if result.listingType == nil && result.price != nil { questions.append(.missing(.listingType)) }
        for conflict in result.conflicts {
            guard let field = ListingField(fieldName: conflict.field) else { continue }
            questions.append(.conflict(field: field,
                                       claims: conflict.claims.map { claim in
                                           AgentQuestion.Claim(source: FactSource(code: claim.source), value: claim.value)
                                       },
                                       chosen: FactSource(code: conflict.chosenSource)))
        }
        // One line per detail: "not in your text" unless every withheld value was implausible.
        for name in result.unverifiedFieldNames {
            guard let field = ListingField(fieldName: name) else { continue }
            let withheld = result.unverifiedFields.filter { $0.field == name }
            if let first = withheld.first, withheld.allSatisfy({ $0.reason != .notStated }) {
                questions.append(.withheld(field, .implausible(first.value)))
            } else {
                questions.append(.withheld(field, .notStated))
            }
        }
        for memo in result.transcripts where memo.status == "needs_api_key" {
            questions.append(.memoNotTranscribed(memo.source))
        }
        if !result.photos.contains(where: { $0.verdict != .unusable }) { questions.append(.addPhotos) }
        for issue in result.processingErrors { questions.append(.file(issue.input, issue.problem)) }
        return questions
    }

    public static func render(_ status: FolderStatus, language: ListingLanguage, timeZone: TimeZone) -> String {
        let say = language.messages
        var lines: [String] = []
        var headline = say.headline(status.state)
        if status.state == .processing, let stage = status.stage { headline += " (\(say.stage(stage)))" }
        lines.append("\(status.propertyId): \(headline)")
        lines.append("\(say.label(.updated)): \(say.dateTime(StatusTime(status.updated, in: timeZone)))")
        lines.append("")
        if !status.notes.isEmpty {
            lines.append(status.notes.map { note(say, $0, timeZone: timeZone) }.joined(separator: "\n\n"))
            lines.append("")
        }

        let result = status.result
        if let result, [.done, .needsAttention, .paused].contains(status.state) {
            lines += understood(result, say: say)
            lines.append("")
            let questions = questions(for: result)
            if questions.isEmpty {
                // A language without a page of its own reads the default one, always listing.md.
                lines.append(say.nothingToFix(page: status.pages[language] ?? "listing.md"))
            } else {
                let sale = result.listingType == .sale
                lines.append(say.pleaseCheck)
                for question in questions {
                    lines.append("  - \(say.problem(question))")
                    lines.append("    \(say.whatToDo) \(say.fix(question, sale: sale))")
                }
                lines.append("")
                lines.append(say.processedAgain)
            }
            if !result.photos.isEmpty {
                lines.append("")
                lines.append(say.photosHeading)
                for photo in result.photos { lines.append("  \(photo.source): \(photoNote(photo, say: say))") }
            }
        } else if !status.issues.isEmpty {
            lines.append(say.problemsHeading)
            for issue in status.issues { lines.append("  - \(say.problem(.file(issue.input, issue.problem)))") }
            lines.append("")
        }
        let unused = result?.ignoredFiles ?? status.ignored
        if !unused.isEmpty {
            if result != nil { lines.append("") }
            lines.append(say.filesNotUsed)
            for file in unused { lines.append("  \(file.path): \(say.ignored(file.kind))") }
            if result == nil { lines.append("") }
        }
        if let closing = say.closing(status.state) {
            if result != nil { lines.append("") }
            lines.append(closing)
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func note(_ say: any MessageCatalog, _ note: StatusNote, timeZone: TimeZone) -> String {
        switch note {
        case .failed(let cause): say.failure(cause)
        case .paused(let reason, let retryAt): say.pause(reason, retryAt: retryAt)
        case .stalledUploads(let files):
            (files.map { say.stalledUpload($0.name, since: $0.since) } + [say.stalledUploadAdvice]).joined(separator: "\n")
        case .handEditsReplaced: say.handEditsReplaced
        }
    }

    /// "What we understood": the facts as the agent wrote them, in their words.
    private static func understood(_ result: ListingResult, say: any MessageCatalog) -> [String] {
        let language = say.language
        let facts = ListingFacts(result)
        let width = language == .en ? 12 : 0
        func line(_ label: StatusLabel, _ value: String?) -> String {
            let head = say.label(label) + ":"
            return "  " + head + String(repeating: " ", count: max(1, width - head.count)) + (value ?? say.notFound(label))
        }
        var lines = [say.understood]
        lines.append(line(.type, result.propertyType == "unknown" ? nil : ListingWording(language).offerPhrase(facts)))
        if result.propertyType != "land" {  // rooms mean nothing for a plot
            lines.append(line(.bedrooms, result.bedrooms.map { NumberStyle.format($0, in: language) }))
            lines.append(line(.bathrooms, result.bathrooms.map { NumberStyle.format($0, in: language) }))
        }
        // A plot has no living area to miss: only its land size is said.
        if result.propertyType != "land" || result.squareMeters != nil {
            lines.append(line(.area, result.squareMeters.map { ListingVocabulary.area($0, in: language) }))
        }
        if let land = result.landSquareMeters, land != result.squareMeters {
            lines.append(line(.land, ListingVocabulary.area(land, in: language)))
        }
        lines.append(line(.price, result.price.map {
            ListingVocabulary.price($0, currency: result.priceCurrency, period: result.pricePeriod, in: language)
        }))
        lines.append(line(.location, ListingWording(language).place(facts)))
        // A duplicate is not a photo of its own: the gallery shows it once.
        let usable = result.photos.filter { $0.verdict != .unusable && $0.duplicateOf == nil }.count
        lines.append(line(.photos, say.usablePhotos(usable, of: result.photos.count)))
        return lines
    }

    private static func photoNote(_ photo: PhotoEntry, say: any MessageCatalog) -> String {
        var notes = [say.photoQuality(photo.verdict)]
        if photo.cover { notes.append(say.coverPhoto) }
        if let original = photo.duplicateOf { notes.append(say.duplicate(of: original)) }
        let problems = photo.problems.map(say.photoProblem)
        return notes.joined(separator: ", ") + (problems.isEmpty ? "" : " — " + problems.joined(separator: "; "))
    }
}

/// The lines of `_INBOX_STATUS.txt`, in the inbox's language.
public enum InboxStatusText {
    /// One folder's line after its name: paused says why in words for the agent; failed points
    /// to the folder's own `_STATUS.txt`, which says what to do in the agent's language.
    public static func state(_ state: FolderState, stage: StageName?, pause: PauseReason?, in language: ListingLanguage) -> String {
        let say = language.messages
        var text = say.headline(state)
        if state == .processing, let stage { text += " (\(say.stage(stage)))" }
        if state == .paused { text += " — " + say.pauseInBrief(pause ?? .aiReview) }
        if state == .failed { text += " — " + say.seeFolderProblem }
        return text
    }

    public struct Line: Sendable, Equatable {
        public var propertyId: String
        public var state: FolderState
        public var stage: StageName?
        public var pause: PauseReason?
        public init(propertyId: String, state: FolderState, stage: StageName?, pause: PauseReason?) {
            self.propertyId = propertyId
            self.state = state
            self.stage = stage
            self.pause = pause
        }
    }

    public static func render(_ folders: [Line], updated: Date, language: ListingLanguage, timeZone: TimeZone) -> String {
        let say = language.messages
        var lines = [say.inboxTitle, "\(say.label(.updated)): \(say.dateTime(StatusTime(updated, in: timeZone)))", ""]
        let width = max(12, folders.map(\.propertyId.count).max() ?? 0)
        for folder in folders {
            lines.append(folder.propertyId.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                         + state(folder.state, stage: folder.stage, pause: folder.pause, in: language))
        }
        if folders.isEmpty { lines.append(say.noFolders) }
        lines.append("")
        lines.append(say.seeFolderStatus)
        return lines.joined(separator: "\n") + "\n"
    }
}
