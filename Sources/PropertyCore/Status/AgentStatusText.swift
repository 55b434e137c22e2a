import Foundation

/// Writes `_STATUS.txt`: what happened to the folder and exactly what the agent can do about it.
/// No jargon, no field names the agent never typed.
public enum AgentStatusText {
    public struct Advice: Sendable, Equatable {
        public var problem: String
        public var fix: String
        public init(problem: String, fix: String) {
            self.problem = problem
            self.fix = fix
        }
    }

    /// Things to fix, from a finished result.
    public static func advice(for result: ListingResult) -> [Advice] {
        var advice: [Advice] = []
        let hasText = result.inputs.contains { $0.kind == "description" || $0.kind == "context" }
        if !hasText && result.transcripts.isEmpty {
            advice.append(Advice(problem: "No description was found.",
                                 fix: "Add a file description.txt with a few lines about the property (type, bedrooms, price, area)."))
        }
        if result.propertyType == "unknown" {
            advice.append(Advice(problem: "The type of property is not clear.",
                                 fix: "Write e.g. 'villa', 'condo', 'house' or 'land' in description.txt."))
        }
        if result.price == nil {
            let example = result.listingType == .sale ? "'Price: 12,500,000 THB'" : "'80,000 THB/month'"
            advice.append(Advice(problem: "No price found.", fix: "Add e.g. \(example) to description.txt."))
        }
        if result.location == nil {
            advice.append(Advice(problem: "No location found.",
                                 fix: "Add the area to description.txt, e.g. 'Location: Rawai, Phuket'."))
        }
        if result.listingType == nil && result.price != nil {
            advice.append(Advice(problem: "It is not clear whether this is for rent or for sale.",
                                 fix: "Write 'for rent' or 'for sale' in description.txt."))
        }
        for conflict in result.conflicts {
            let claims = conflict.claims.map { "\($0.source) says \($0.value)" }.joined(separator: ", ")
            advice.append(Advice(problem: "Conflicting \(conflict.field.replacingOccurrences(of: "_", with: " ")): \(claims).",
                                 fix: "Correct the wrong one; we published the \(conflict.chosenSource) value for now."))
        }
        for field in result.unverifiedFields {
            advice.append(Advice(problem: "The \(field.replacingOccurrences(of: "_", with: " ")) was guessed, not found in your text.",
                                 fix: "Please write the correct \(field.replacingOccurrences(of: "_", with: " ")) in description.txt."))
        }
        for memo in result.transcripts where memo.status == "needs_api_key" {
            advice.append(Advice(problem: "\(memo.source): voice memos are not transcribed on this server yet.",
                                 fix: "Write the main facts from the memo into description.txt."))
        }
        let usablePhotos = result.photos.filter { $0.quality != "unusable" }
        if usablePhotos.isEmpty {
            advice.append(Advice(problem: "No usable photos.", fix: "Add photos (.jpg, .png or .heic) to the folder."))
        }
        for issue in result.processingErrors {
            let subject = issue.input.map { "\($0): " } ?? ""
            advice.append(Advice(problem: subject + issue.message, fix: fixHint(for: issue)))
        }
        return advice
    }

    private static func fixHint(for issue: ProcessingIssue) -> String {
        switch issue.stage {
        case "inventory": "Replace the file with a normal file (not a link), or remove it."
        case "photos": "Re-export or re-upload the photo as a normal JPEG."
        case "extract": "Save the text as UTF-8 (plain text) and upload it again."
        case "transcribe": "The voice memo will be transcribed once an API key is configured; or type its content into description.txt."
        default: "Check the file and upload it again."
        }
    }

    /// Files left open for writing with no bytes arriving for a long time, as the agent reads it:
    /// `since` is when bytes last arrived ("14:02").
    public static func stalledUploads(_ files: [(name: String, since: String)]) -> String {
        var lines = files.map { "\($0.name) has been uploading since \($0.since) without progress." }
        lines.append("If the upload was interrupted, upload the file again. Processing starts once every file is complete.")
        return lines.joined(separator: "\n")
    }

    /// A run stopped on trouble of the server's (`reason`: "the server's disk is full"), not of
    /// the agent's files; `retryAt` is the clock time of the next try ("14:05").
    public static func temporaryProblem(_ reason: String, retryAt: String) -> String {
        "Processing stopped because of a temporary problem on our server (\(reason)). "
            + "Nothing is wrong with your files and nothing needs to be uploaded again: we will try again automatically at about \(retryAt)."
    }

    /// listing.md or result.json was edited in the folder; both are the server's and were written again.
    public static func handEditsReplaced() -> String {
        "listing.md and result.json are written by the server, so changes made to them are replaced. "
            + "To change the listing, edit description.txt (or add photos); the listing is then made again from it."
    }

    public static func render(propertyId: String, state: FolderState, stage: String? = nil,
                              result: ListingResult? = nil, reason: String? = nil, updated: String) -> String {
        var lines: [String] = []
        var headline = state.headline
        if state == .processing, let stage { headline += " (\(stage))" }
        lines.append("\(propertyId): \(headline)")
        lines.append("Updated: \(updated)")
        lines.append("")
        if let reason { lines.append(reason); lines.append("") }

        if let result, state == .done || state == .needsAttention || state == .paused {
            lines.append("What we understood:")
            lines.append("  Type:       \(result.propertyType == "unknown" ? "not found" : result.propertyType)"
                + (result.listingType.map { " for \($0.rawValue)" } ?? ""))
            if result.propertyType != "land" {  // rooms mean nothing for a plot
                lines.append("  Bedrooms:   \(result.bedrooms.map(String.init) ?? "not found")")
                lines.append("  Bathrooms:  \(result.bathrooms.map(String.init) ?? "not found")")
            }
            lines.append("  Area:       \(result.squareMeters.map { "\(PriceFormat.number($0)) m²" } ?? "not found")")
            if let land = result.landSquareMeters, land != result.squareMeters {
                lines.append("  Land:       \(PriceFormat.number(land)) m²")
            }
            let priceText = result.price.map { price in
                "\(PriceFormat.number(price)) \(result.priceCurrency)" + (result.pricePeriod.map { " per \($0.rawValue)" } ?? "")
            } ?? "not found"
            lines.append("  Price:      \(priceText)")
            lines.append("  Location:   \(result.location ?? "not found")")
            let usable = result.photos.filter { $0.quality != "unusable" }.count
            lines.append("  Photos:     \(usable) of \(result.photos.count) usable")
            lines.append("")
            let advice = advice(for: result)
            if advice.isEmpty {
                lines.append("Nothing to fix. The listing is in listing.md.")
            } else {
                lines.append("Please check:")
                for item in advice {
                    lines.append("  - \(item.problem)")
                    lines.append("    What to do: \(item.fix)")
                }
                lines.append("")
                lines.append("Edit or add files in this folder; it is processed again automatically.")
            }
            if !result.photos.isEmpty {
                lines.append("")
                lines.append("Photos:")
                for photo in result.photos {
                    var note = photo.quality ?? "ok"
                    if photo.cover { note += ", cover photo" }
                    if let original = photo.duplicateOf { note += ", duplicate of \(original)" }
                    if !photo.issues.isEmpty { note += " — " + photo.issues.joined(separator: "; ") }
                    lines.append("  \(photo.source): \(note)")
                }
            }
            if !result.ignoredFiles.isEmpty {
                lines.append("")
                lines.append("Files not used:")
                for file in result.ignoredFiles { lines.append("  \(file.path): \(file.reason)") }
            }
        }
        switch state {
        case .waiting:
            lines.append("Processing starts once no file has changed for a short while, or as soon as you add an empty file named READY.")
        case .failed:
            lines.append("Nothing was published. Fix the problem above and the folder is processed again automatically.")
        case .paused:
            lines.append("You do not need to do anything; processing resumes automatically.")
        default:
            break
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
