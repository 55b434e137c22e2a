import Foundation
import ContentHash
import PipelineStore
import PropertyCore

/// Builds `result.json`'s content from the stage outputs: pure, no I/O.
enum ResultAssembler {
    static func assemble(propertyId: String, merged: MergedListing, description: String, photos: [PhotoEntry],
                         transcripts: [TranscriptEntry], issues: [ProcessingIssue], inputs: [HashedFile],
                         ignored: [IgnoredFile], modelInfo: [String: String], startedAt: Date,
                         fingerprint: String) -> ListingResult {
        var details = merged.details
        details.confidenceScore = merged.overallConfidence
        var (status, validationIssues) = ListingValidation.validate(details)
        // Values removed as implausible are issues too: never dropped silently.
        validationIssues += merged.validationIssues
        if !merged.validationIssues.isEmpty && status == .valid { status = .partial }
        var modalities = merged.modalitiesUsed
        if !photos.filter({ $0.verdict != .unusable }).isEmpty && !modalities.contains("images") {
            modalities.append("images")
        }
        let isSale = details.listingType == .sale
        var result = ListingResult(
            propertyId: propertyId,
            requestId: "req_" + String(ContentHash.sha256(of: "\(propertyId)|\(Date().timeIntervalSince1970)").prefix(12)),
            timestamp: Timestamp.now())
        result.processingTimeMs = (Date().timeIntervalSince(startedAt) * 1000).rounded()
        result.propertyType = details.propertyType
        result.listingType = details.listingType
        result.bedrooms = details.bedrooms
        result.bathrooms = details.bathrooms
        result.squareMeters = details.squareMeters
        result.landSquareMeters = details.landSquareMeters
        result.price = details.price
        result.pricePeriod = isSale ? nil : details.pricePeriod
        result.salePrice = isSale ? details.price : nil
        result.pricePerMonth = details.pricePerMonth
        result.priceCurrency = details.priceCurrency ?? "THB"
        result.location = details.location
        result.amenities = details.amenities
        result.condition = details.condition
        result.qualityScore = merged.qualityScore
        result.description = description
        result.descriptionSummary = details.descriptionSummary
        result.confidenceScore = (merged.overallConfidence * 100).rounded() / 100
        result.dataCompleteness = (ListingValidation.completeness(details) * 1000).rounded() / 1000
        result.validationStatus = status
        result.validationIssues = validationIssues
        result.modalitiesUsed = modalities
        result.modelInfo = modelInfo
        result.estimatedCostUsd = 0
        result.tokenUsage = [:]
        result.fieldSources = merged.fieldSources
        result.conflicts = merged.conflicts
        result.unverifiedFields = merged.unverifiedFields
        result.evidence = merged.provenance
        result.modelMisreadings = merged.modelMisreadings
        result.languagesDetected = details.languagesDetected
        // File names as people read them (`FileName.display`): the real name, or `\xE9` for a
        // byte that is not UTF-8.
        result.photos = photos.map { photo in
            var photo = photo
            photo.source = FileName.display(photo.source)
            photo.duplicateOf = photo.duplicateOf.map(FileName.display)
            return photo
        }
        result.transcripts = transcripts.map { entry in
            var entry = entry
            entry.source = FileName.display(entry.source)
            entry.path = entry.path.map(FileName.display)
            return entry
        }
        result.processingErrors = shown(issues)
        result.inputs = inputs.map {
            InputEntry(path: FileName.display($0.relativePath), sha256: $0.sha256, bytes: $0.bytes, kind: $0.kind.rawValue)
        }
        result.ignoredFiles = shown(ignored)
        result.publishFingerprint = fingerprint
        return result
    }

    static func shown(_ issues: [ProcessingIssue]) -> [ProcessingIssue] {
        issues.map { issue in
            var issue = issue
            issue.input = issue.input.map(FileName.display)
            return issue
        }
    }

    static func shown(_ ignored: [IgnoredFile]) -> [IgnoredFile] {
        ignored.map { IgnoredFile(path: FileName.display($0.path), kind: $0.kind) }
    }
}
