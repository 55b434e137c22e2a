/// English. Also the words result.json and the log keep for photo problems, refused files and
/// ignored files.
public struct EnglishCatalog: MessageCatalog {
    public init() {}
    public var language: ListingLanguage { .en }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public func dateTime(_ time: StatusTime) -> String {
        "\(time.day) \(Self.months[(time.month - 1) % 12]) \(time.year), \(time.clock)"
    }

    public func headline(_ state: FolderState) -> String {
        switch state {
        case .waiting: "Waiting for the upload to finish"
        case .queued: "Queued — will be processed shortly"
        case .processing: "Processing"
        case .done: "Done — the listing is ready"
        case .needsAttention: "Done, needs attention"
        case .failed: "Failed"
        case .paused: "Paused — will resume by itself"
        case .removed: "Removed"
        }
    }

    public func stage(_ stage: StageName) -> String {
        switch stage {
        case .inventory: "checking the files"
        case .photos: "photos"
        case .extract: "reading the description"
        case .transcribe: "transcribing the voice memo"
        case .vision: "looking at the photos"
        case .merge: "merging"
        case .describe: "writing the description"
        case .publish: "publishing"
        }
    }

    public func closing(_ state: FolderState) -> String? {
        switch state {
        case .waiting: "Processing starts once no file has changed for a short while, or as soon as you add an empty file named READY."
        case .failed: "Nothing was published. Fix the problem above and the folder is processed again automatically."
        case .paused: "You do not need to do anything; processing resumes automatically."
        case .queued, .processing, .done, .needsAttention, .removed: nil
        }
    }

    public func failure(_ cause: FailureCause) -> String {
        switch cause {
        case .emptyFolder: "The folder has no description, photos or voice memo yet. Add description.txt and photos."
        case .onlyVoiceMemo:
            "Only a voice memo was found, and voice memos cannot be transcribed here yet. Add description.txt with the main facts (type, bedrooms, price, location)."
        case .nothingUsable: "Nothing in the folder could be used (see the problems listed below). Add a readable description.txt or photos."
        case .serverSetup:
            "The server's settings stopped this folder from being processed. Nothing is wrong with your files; the administrator has been told."
        }
    }

    /// What stopped the run, as the middle of "Processing stopped because …".
    private func cause(_ reason: PauseReason) -> String {
        switch reason {
        case .aiReview: "the AI review is not available right now"
        case .diskFull: "the server's disk is full"
        case .diskReadOnly: "a disk of the server's can only be read, not written"
        case .diskError: "a disk of the server's reported an error"
        case .cannotOpen: "the server is not allowed to open this folder or a file in it (permission denied)"
        case .database: "the server's database is busy or cannot be written"
        case .photoDecoderUnavailable: "the server could not start its photo reader"
        case .serverProblem: "of a temporary problem on our server"
        }
    }

    public func pause(_ reason: PauseReason, retryAt: StatusTime?) -> String {
        if reason == .aiReview {
            return "AI review is delayed; your listing is published from your text and will be updated by itself."
        }
        let when = retryAt.map { "at about \($0.clock)" } ?? "soon"
        let files = reason == .cannotOpen ? "Nothing needs to be uploaded again" : "Nothing is wrong with your files and nothing needs to be uploaded again"
        return "Processing stopped because \(cause(reason)). \(files): we will try again automatically \(when)."
    }

    public func pauseInBrief(_ reason: PauseReason) -> String {
        switch reason {
        case .aiReview: pause(.aiReview, retryAt: nil)
        case .cannotOpen: "the folder cannot be opened (permission denied); we try again until this is fixed"
        case .diskFull: "the server's disk is full; we will try again automatically"
        case .diskReadOnly: "a disk of the server's cannot be written; we will try again automatically"
        case .diskError: "a disk error on the server; we will try again automatically"
        case .database: "the server's database is busy; we will try again automatically"
        case .photoDecoderUnavailable: "the server could not start its photo reader; we will try again automatically"
        case .serverProblem: "a temporary problem on our server; we will try again automatically"
        }
    }

    public func stalledUpload(_ file: String, since: StatusTime) -> String {
        "\(file) has been uploading since \(since.clock) without progress."
    }

    public var stalledUploadAdvice: String {
        "If the upload was interrupted, upload the file again. Processing starts once every file is complete."
    }

    public var handEditsReplaced: String {
        "listing.md and result.json are written by the server, so changes made to them are replaced. To change the listing, edit description.txt (or add photos); the listing is then made again from it."
    }

    public func label(_ label: StatusLabel) -> String {
        switch label {
        case .updated: "Updated"
        case .type: "Type"
        case .bedrooms: "Bedrooms"
        case .bathrooms: "Bathrooms"
        case .area: "Area"
        case .land: "Land"
        case .price: "Price"
        case .location: "Location"
        case .photos: "Photos"
        }
    }

    public func notFound(_ label: StatusLabel) -> String { "not found" }
    public var understood: String { "What we understood:" }
    public func nothingToFix(page: String) -> String { "Nothing to fix. The listing is in \(page)." }
    public var pleaseCheck: String { "Please check:" }
    public var whatToDo: String { "What to do:" }
    public var processedAgain: String { "Edit or add files in this folder; it is processed again automatically." }
    public var photosHeading: String { "Photos:" }
    public var problemsHeading: String { "Problems:" }
    public var filesNotUsed: String { "Files not used:" }
    public func usablePhotos(_ usable: Int, of total: Int) -> String { "\(usable) of \(total) usable" }

    public func photoQuality(_ quality: PhotoQuality) -> String {
        switch quality {
        case .ok: "ok"
        case .low: "low"
        case .unusable: "unusable"
        }
    }

    public var coverPhoto: String { "cover photo" }
    public func duplicate(of original: String) -> String { "duplicate of \(original)" }

    public func photoProblem(_ problem: PhotoProblem) -> String {
        switch problem {
        case .tooDark: "too dark; retake it with more light"
        case .blurry: "blurry; retake it holding the phone still"
        case .tooSmall(let width, let height): "small (\(width)×\(height) px); photos of at least 1600 px look much better"
        case .cutShort: "the file is cut short (upload interrupted?); only part of it could be used — upload it again"
        case .emptyFile: "the file is empty"
        case .notAnImage: "the file is not a photo"
        case .unsupportedFormat: "a picture format that cannot be read here"
        case .tooManyPixels: "the picture is too large to process"
        case .damaged: "the file is damaged and could not be read"
        case .unreadable: "the file could not be read just now; it is tried again by itself"
        }
    }

    public func ignored(_ reason: IgnoredReason) -> String {
        switch reason {
        case .notListingFile: "not a description, photo or voice memo"
        case .draftMarker: "marks the listing sold or withdrawn: it stays off the website until you remove this file"
        case .leftOut(let maxFiles, let photosUsed):
            "left out: a folder may hold \(maxFiles) files and the first \(photosUsed) photos by name were used"
        }
    }

    // MARK: questions

    /// What the agent knows the detail as (never the field's name).
    private func detail(_ field: ListingField) -> String {
        switch field {
        case .bedrooms: "number of bedrooms"
        case .bathrooms: "number of bathrooms"
        case .squareMeters: "living area"
        case .landSquareMeters: "land size"
        case .price: "price"
        case .pricePeriod: "rental period (month, year …)"
        case .priceCurrency: "currency"
        case .propertyType: "type of property"
        case .listingType: "question of rent or sale"
        case .location: "location"
        case .amenities: "amenities"
        }
    }

    private func source(_ source: FactSource) -> String {
        switch source {
        case .text: "your text"
        case .voice(nil): "your voice memo"
        case .voice(let memo?): "your voice memo \(memo)"
        case .photos: "the photos"
        case .other(let code): code
        }
    }

    /// The English sentence result.json keeps for a file's problem (after the file's name).
    public func fileProblem(_ problem: FileProblem) -> String {
        switch problem {
        case .link: "is a link to another place, not a real file; links are refused for safety and were not read"
        case .notRegularFile: "is not a regular file and was not read"
        case .tooLarge(let size, let limit): "is too large (\(size) MB; the limit is \(limit) MB) and was skipped"
        case .notRead: "could not be read"
        case .noText: "contains no text"
        case .emptyTextFile: "the file is empty"
        case .notText: "the file is not text (it looks like a binary file, e.g. a document or image saved as .txt)"
        case .textUnreadable: "the text is in an encoding that could not be read"
        case .notTranscribed: "the recording could not be transcribed"
        case .photo(let problem): photoProblem(problem)
        }
    }

    public func problem(_ question: AgentQuestion) -> String {
        switch question {
        case .addDescription: "No description was found."
        case .missing(.propertyType): "The type of property is not clear."
        case .missing(.price): "No price found."
        case .missing(.location): "No location found."
        case .missing(.listingType): "It is not clear whether this is for rent or for sale."
        case .missing(let field): "The \(detail(field)) is not given."
        case .conflict(let field, let claims, _):
            "Your files disagree about the \(detail(field)) (\(self.claims(claims, of: field, source: source)))."
        case .withheld(let field, .notStated): "The \(detail(field)) is not in your text, so it is not published."
        case .withheld(let field, .implausible(let value)): "The \(detail(field)) (\(value)) does not look right, so it is not published."
        case .memoNotTranscribed(let memo): "\(memo): voice memos are not transcribed on this server yet."
        case .addPhotos: "No usable photos."
        case .file(let name, let problem): subject(name, fileProblem(problem))
        }
    }

    public func fix(_ question: AgentQuestion, sale: Bool) -> String {
        switch question {
        case .addDescription: "Add a file description.txt with a few lines about the property (type, bedrooms, price, area)."
        case .missing(let field), .withheld(let field, _): example(field, sale: sale)
        case .conflict(_, _, let chosen): "Correct the wrong one; for now the listing uses the value from \(source(chosen))."
        case .memoNotTranscribed: typeMemo
        case .addPhotos: "Add photos (.jpg, .png or .heic) to the folder."
        case .file(_, let problem):
            switch problem {
            case .link: "Upload the file itself instead of a link."
            case .notRegularFile, .notRead: "Replace it with a normal file, or remove it."
            case .tooLarge: "Upload a smaller version: a photo exported at a lower size, or a shorter voice memo."
            case .noText, .emptyTextFile: "Write the description into the file and upload it again."
            case .notText: "Save the description as plain text (.txt) and upload it again."
            case .textUnreadable: "Save the text as UTF-8 (plain text) and upload it again."
            case .notTranscribed: typeMemo
            case .photo(.unreadable): "Nothing to do; if it stays, upload the photo again."
            case .photo(.cutShort): "Upload the photo again."
            case .photo: "Re-export or re-upload the photo as a normal JPEG."
            }
        }
    }

    private var typeMemo: String { "Write the main facts from the memo into description.txt." }

    /// "Add e.g. '…' to description.txt", written the way the offline rules read it.
    private func example(_ field: ListingField, sale: Bool) -> String {
        func write(_ text: String) -> String { "Add e.g. '\(text)' to description.txt." }
        return switch field {
        case .bedrooms: write("3 bedrooms")
        case .bathrooms: write("2 bathrooms")
        case .squareMeters: write("Area: 120 sqm")
        case .landSquareMeters: write("Plot: 400 sqm")
        case .price, .pricePeriod, .priceCurrency: write(sale ? "Price: 12,500,000 THB" : "80,000 THB/month")
        case .location: write("Location: Rawai, Phuket")
        case .amenities: write("Private pool, garden, parking")
        case .propertyType: "Write e.g. 'villa', 'condo', 'house' or 'land' in description.txt."
        case .listingType: "Write 'for rent' or 'for sale' in description.txt."
        }
    }

    public var inboxTitle: String { "PropertyInbox — status of every folder" }
    public var noFolders: String { "No property folders yet." }
    public var seeFolderStatus: String { "Each folder has its own _STATUS.txt with details." }
    public var seeFolderProblem: String { "see _STATUS.txt in the folder" }
}
