/// Writes `_STATUS.txt`: what happened to the folder and exactly what the agent can do about it,
/// in the agent's language. No jargon, no field names the agent never typed.
public enum AgentStatusText {
    public struct Advice: Sendable, Equatable {
        public var problem: String
        public var fix: String
        public init(problem: String, fix: String) {
            self.problem = problem
            self.fix = fix
        }

        init(_ problem: Wording, _ fix: Wording, in language: ListingLanguage) {
            self.init(problem: problem[language], fix: fix[language])
        }
    }

    /// Things to fix, from a finished result.
    public static func advice(for result: ListingResult, in language: ListingLanguage = .en) -> [Advice] {
        var advice: [Advice] = []
        func add(_ problem: Wording, _ fix: Wording) { advice.append(Advice(problem, fix, in: language)) }
        let hasText = result.inputs.contains { $0.kind == "description" || $0.kind == "context" }
        if !hasText && result.transcripts.isEmpty {
            add(AdviceWording.noDescription, AdviceWording.addDescription)
        }
        if result.propertyType == "unknown" {
            add(AdviceWording.typeUnclear, AdviceWording.example(for: "property_type", sale: false))
        }
        if result.price == nil {
            add(AdviceWording.noPrice, AdviceWording.example(for: "price", sale: result.listingType == .sale))
        }
        if result.location == nil {
            add(AdviceWording.noLocation, AdviceWording.example(for: "location", sale: false))
        }
        if result.listingType == nil && result.price != nil {
            add(AdviceWording.offerUnclear, AdviceWording.example(for: "listing_type", sale: false))
        }
        for conflict in result.conflicts {
            add(AdviceWording.conflict(conflict), AdviceWording.correctConflict(chosen: conflict.chosenSource))
        }
        // One line per detail: "not in your text" unless every withheld value was implausible.
        for field in result.unverifiedFieldNames {
            let withheld = result.unverifiedFields.filter { $0.field == field }
            var problem = AdviceWording.notStated(field)
            if let first = withheld.first, withheld.allSatisfy({ $0.reason != .notStated }) {
                problem = AdviceWording.implausible(field, value: first.value)
            }
            add(problem, AdviceWording.example(for: field, sale: result.listingType == .sale))
        }
        for memo in result.transcripts where memo.status == "needs_api_key" {
            add(AdviceWording.memoNotTranscribed(memo.source), AdviceWording.typeMemo)
        }
        if !result.photos.contains(where: { $0.quality != "unusable" }) {
            add(AdviceWording.noPhotos, AdviceWording.addPhotos)
        }
        for issue in result.processingErrors {
            let fix = InventoryProblem(message: issue.message).map { AdviceWording.refused($0).fix } ?? AdviceWording.fix(forStage: issue.stage)
            advice.append(Advice(problem: problem(issue, in: language), fix: fix[language]))
        }
        return advice
    }

    /// An input's problem: English keeps the exact message; Thai and Russian say in general
    /// words what went wrong with that file (the fix says what to do).
    private static func problem(_ issue: ProcessingIssue, in language: ListingLanguage) -> String {
        let subject = issue.input.map { "\($0): " } ?? ""
        if let refused = InventoryProblem(message: issue.message) { return subject + AdviceWording.refused(refused).problem[language] }
        return subject + (language == .en ? issue.message : AdviceWording.problem(forStage: issue.stage)[language])
    }

    /// Files left open for writing with no bytes arriving for a long time, as the agent reads it:
    /// `since` is when bytes last arrived ("14:02").
    public static func stalledUploads(_ files: [(name: String, since: String)], in language: ListingLanguage = .en) -> String {
        StatusReason.stalledUploads(files.map { .init(name: $0.name, since: $0.since) }).text(in: language)
    }

    /// The status line for a state, as `_INBOX_STATUS.txt` and the CLI show it.
    public static func headline(_ state: FolderState, in language: ListingLanguage) -> String {
        StatusWording.headline(state)[language]
    }

    public static func render(propertyId: String, state: FolderState, stage: String? = nil,
                              result: ListingResult? = nil, reason: StatusReason? = nil, issues: [ProcessingIssue] = [],
                              ignored: [IgnoredFile] = [], updated: String, language: ListingLanguage = .en) -> String {
        let say = { (wording: Wording) in wording[language] }
        var lines: [String] = []
        var headline = say(StatusWording.headline(state))
        if state == .processing, let stage { headline += " (\(say(StatusWording.stage(stage))))" }
        lines.append("\(propertyId): \(headline)")
        lines.append("\(say(StatusWording.updated)): \(updated)")
        lines.append("")
        if let reason { lines.append(reason.text(in: language)); lines.append("") }

        if let result, state == .done || state == .needsAttention || state == .paused {
            lines += understood(result, in: language)
            lines.append("")
            let advice = advice(for: result, in: language)
            if advice.isEmpty {
                lines.append(say(StatusWording.nothingToFix))
            } else {
                lines.append(say(StatusWording.pleaseCheck))
                for item in advice {
                    lines.append("  - \(item.problem)")
                    lines.append("    \(say(StatusWording.whatToDo)) \(item.fix)")
                }
                lines.append("")
                lines.append(say(StatusWording.processedAgain))
            }
            if !result.photos.isEmpty {
                lines.append("")
                lines.append(say(StatusWording.photosHeading))
                for photo in result.photos { lines.append("  \(photo.source): \(photoNote(photo, in: language))") }
            }
        } else if !issues.isEmpty {
            lines.append(say(StatusWording.problems))
            for issue in issues { lines.append("  - \(problem(issue, in: language))") }
            lines.append("")
        }
        let unused = result?.ignoredFiles ?? ignored
        if !unused.isEmpty {
            if result != nil { lines.append("") }
            lines.append(say(StatusWording.filesNotUsed))
            for file in unused { lines.append("  \(file.path): \(StatusWording.ignoredReason(file.reason)[language])") }
            if result == nil { lines.append("") }
        }
        if let closing = StatusWording.closing(state) {
            if result != nil { lines.append("") }
            lines.append(say(closing))
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "What we understood": the facts as the agent wrote them, in their words.
    private static func understood(_ result: ListingResult, in language: ListingLanguage) -> [String] {
        let labels = StatusWording.labels
        let notFound = StatusWording.notFound[language]
        let facts = ListingFacts(result)
        let width = language == .en ? 12 : 0
        func line(_ label: Wording, _ value: String) -> String {
            let head = label[language] + ":"
            return "  " + head + String(repeating: " ", count: max(1, width - head.count)) + value
        }
        var lines = [StatusWording.understood[language]]
        lines.append(line(labels.type, result.propertyType == "unknown" ? notFound : ListingWording(language).offerPhrase(facts)))
        if result.propertyType != "land" {  // rooms mean nothing for a plot
            lines.append(line(labels.bedrooms, result.bedrooms.map { NumberStyle.format($0, in: language) } ?? notFound))
            lines.append(line(labels.bathrooms, result.bathrooms.map { NumberStyle.format($0, in: language) } ?? notFound))
        }
        // A plot has no living area to miss: only its land size is said.
        if result.propertyType != "land" || result.squareMeters != nil {
            lines.append(line(labels.area, result.squareMeters.map { ListingVocabulary.area($0, in: language) } ?? notFound))
        }
        if let land = result.landSquareMeters, land != result.squareMeters {
            lines.append(line(labels.land, ListingVocabulary.area(land, in: language)))
        }
        let price = result.price.map {
            ListingVocabulary.price($0, currency: result.priceCurrency, period: result.pricePeriod, in: language)
        }
        lines.append(line(labels.price, price ?? notFound))
        lines.append(line(labels.location, ListingWording(language).place(facts) ?? notFound))
        let usable = result.photos.filter { $0.quality != "unusable" }.count
        lines.append(line(labels.photos, StatusWording.usablePhotos(usable, of: result.photos.count)[language]))
        return lines
    }

    private static func photoNote(_ photo: PhotoEntry, in language: ListingLanguage) -> String {
        var notes = [StatusWording.photoQuality(photo.quality)[language]]
        if photo.cover { notes.append(StatusWording.coverPhoto[language]) }
        if let original = photo.duplicateOf { notes.append(StatusWording.duplicate(of: original)[language]) }
        let issues = language == .en ? photo.issues : photo.issues.compactMap { StatusWording.photoIssue($0)?[language] }
        return notes.joined(separator: ", ") + (issues.isEmpty ? "" : " — " + issues.joined(separator: "; "))
    }
}

/// The lines of `_INBOX_STATUS.txt`, in the inbox's language.
public enum InboxStatusText {
    public static func title(in language: ListingLanguage) -> String { StatusWording.inboxTitle[language] }

    public static func updated(_ time: String, in language: ListingLanguage) -> String {
        "\(StatusWording.updated[language]): \(time)"
    }

    /// Why a folder is paused, as the inbox status may say it (never what the operator must do).
    public enum Pause: Sendable {
        /// The provider cannot be used: the AI review is late.
        case aiReview
        /// Trouble of the server's (disk full, the database): tried again by itself.
        case temporaryProblem
        /// The folder cannot be opened (its permissions): tried again until that is fixed.
        case cannotOpen
    }

    /// A folder's state: paused says why in words for the agent; failed points to the folder's
    /// own `_STATUS.txt`, which says what to do in the agent's language.
    public static func state(_ state: FolderState, stage: String?, pause: Pause = .aiReview, in language: ListingLanguage) -> String {
        var text = StatusWording.headline(state)[language]
        if state == .processing, let stage { text += " (\(StatusWording.stage(stage)[language]))" }
        if state == .paused {
            let why = switch pause {
            case .aiReview: StatusReason.aiReviewDelayed.wording
            case .temporaryProblem: Wording(en: "a temporary problem on our server; we will try again automatically",
                                            th: "เซิร์ฟเวอร์มีปัญหาชั่วคราว ระบบจะลองใหม่โดยอัตโนมัติ",
                                            ru: "временная неполадка на сервере; мы попробуем снова автоматически")
            case .cannotOpen: Wording(en: "the folder cannot be opened (permission denied); we try again until this is fixed",
                                      th: "เปิดโฟลเดอร์นี้ไม่ได้ (ไม่มีสิทธิ์เข้าถึง) ระบบจะลองใหม่จนกว่าจะแก้ไข",
                                      ru: "папку не удаётся открыть (нет прав доступа); мы пробуем снова, пока это не исправят")
            }
            text += " — " + why[language]
        }
        if state == .failed { text += " — " + StatusWording.seeFolderProblem[language] }
        return text
    }

    public static func noFolders(in language: ListingLanguage) -> String { StatusWording.noFolders[language] }
    public static func footer(in language: ListingLanguage) -> String { StatusWording.seeFolderStatus[language] }
}
