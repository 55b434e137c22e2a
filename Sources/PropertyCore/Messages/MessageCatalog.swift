/// Every sentence an agent reads in `_STATUS.txt` and `_INBOX_STATUS.txt`, in one language,
/// keyed by the typed outcomes (`Outcomes.swift`). One file per language (`EnglishCatalog`,
/// `ThaiCatalog`, `RussianCatalog`); each requirement is an exhaustive `switch` in each file, so
/// a new case, or a language that lacks one, does not build.
///
/// To change a sentence, edit it in each language's file. To add a language: a case in
/// `ListingLanguage` (its registry entry), then a catalog file conforming to this protocol; the
/// compiler lists every switch that still needs the new language.
public protocol MessageCatalog: Sendable {
    var language: ListingLanguage { get }

    // MARK: times

    /// "7 Dec 2026, 17:32" as this language writes a date and a time.
    func dateTime(_ time: StatusTime) -> String

    // MARK: the folder's state

    func headline(_ state: FolderState) -> String
    func stage(_ stage: StageName) -> String
    /// What the agent can do next, closing the status; nil where nothing needs saying.
    func closing(_ state: FolderState) -> String?
    func failure(_ cause: FailureCause) -> String
    /// The paragraph of a paused folder's `_STATUS.txt`.
    func pause(_ reason: PauseReason, retryAt: StatusTime?) -> String
    /// The same, as short as `_INBOX_STATUS.txt`'s line needs it.
    func pauseInBrief(_ reason: PauseReason) -> String
    func stalledUpload(_ file: String, since: StatusTime) -> String
    var stalledUploadAdvice: String { get }
    var handEditsReplaced: String { get }

    // MARK: the words of `_STATUS.txt`

    func label(_ label: StatusLabel) -> String
    /// "not found", agreeing with the label ("Цена: не найдена").
    func notFound(_ label: StatusLabel) -> String
    var understood: String { get }
    /// "Nothing to fix. The listing is in listing.th.md."
    func nothingToFix(page: String) -> String
    var pleaseCheck: String { get }
    var whatToDo: String { get }
    var processedAgain: String { get }
    var photosHeading: String { get }
    var problemsHeading: String { get }
    var filesNotUsed: String { get }
    func usablePhotos(_ usable: Int, of total: Int) -> String
    func photoQuality(_ quality: PhotoQuality) -> String
    var coverPhoto: String { get }
    func duplicate(of original: String) -> String
    func photoProblem(_ problem: PhotoProblem) -> String
    func ignored(_ reason: IgnoredReason) -> String

    // MARK: questions to the agent

    /// What is wrong or missing.
    func problem(_ question: AgentQuestion) -> String
    /// What to do about it; `sale` picks the example price.
    func fix(_ question: AgentQuestion, sale: Bool) -> String

    // MARK: `_INBOX_STATUS.txt`

    var inboxTitle: String { get }
    var noFolders: String { get }
    var seeFolderStatus: String { get }
    var seeFolderProblem: String { get }

    // MARK: messages on the agent's channels (`AgentNoticeText`)

    /// The subject line (e-mail) naming the folder.
    func noticeSubject(_ kind: NoticeKind, property: String) -> String
    /// The first sentence: what happened to the folder.
    func noticeLead(_ kind: NoticeKind, property: String) -> String
    /// "Listing" before the page's URL.
    var noticeLink: String { get }
    /// What the agent can do next; nil where nothing needs saying.
    func noticeClosing(_ kind: NoticeKind) -> String?

    // MARK: the listing's words, which buyers read (`ListingWording` builds the sentences)

    /// The property type as a noun, lower case where the language writes it so mid-sentence;
    /// a type this version does not know is "property".
    func propertyType(_ key: String) -> String
    var studio: String { get }
    /// "For rent" / "For sale" as a value of its own (key facts).
    func offer(_ type: ListingType) -> String
    func noun(_ thing: CountedThing) -> CountedNoun
    var squareMetres: String { get }
    func period(_ period: PricePeriod) -> String
    /// The currency as this language names it after an amount.
    func currency(_ code: String, amount: Double) -> String
    /// "80,000 THB per month": the amount, its currency and the period joined as the language does.
    func price(amount: String, currency: String, period: String?) -> String
    /// An amenity key (AmenityRules) as a buyer reads it; nil for a key this version does not know.
    func amenity(_ key: String) -> String?
    /// The vision stage's room types (photo captions); "photo" for one this version does not know.
    func room(_ key: String) -> String
    func label(_ label: ListingLabel) -> String
    func heading(_ heading: ListingHeading) -> String
}

/// What a listing counts.
public enum CountedThing: Sendable, CaseIterable {
    case bedrooms, bathrooms
}

/// The labels of a listing page's key facts.
public enum ListingLabel: Sendable, CaseIterable {
    case type, offer, price, bedrooms, bathrooms, livingArea, land, location
}

/// The headings of a listing page's sections.
public enum ListingHeading: String, Sendable, CaseIterable {
    case keyFacts = "key_facts"
    case amenities, photos
}

/// The labels of `_STATUS.txt`'s lines.
public enum StatusLabel: Sendable, CaseIterable {
    case updated, type, bedrooms, bathrooms, area, land, price, location, photos
}

extension ListingLanguage {
    /// This language's sentences.
    public var messages: any MessageCatalog {
        switch self {
        case .en: EnglishCatalog()
        case .th: ThaiCatalog()
        case .ru: RussianCatalog()
        }
    }
}

extension MessageCatalog {
    /// "file: problem", or the problem alone.
    func subject(_ file: String?, _ text: String) -> String {
        file.map { "\($0): \(text)" } ?? text
    }

    /// "source: value, source: value" of a conflict; a property type in this language's word.
    func claims(_ claims: [AgentQuestion.Claim], of field: ListingField, source: (FactSource) -> String) -> String {
        claims.map { claim in
            let value = field == .propertyType ? propertyType(claim.value) : claim.value
            return "\(source(claim.source)): \(value)"
        }.joined(separator: ", ")
    }
}
