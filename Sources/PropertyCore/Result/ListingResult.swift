/// Everything `result.json` holds: the analysis response's fields under their snake_case
/// names (the website build reads them), plus the stated price, sources, conflicts and the
/// publish fingerprint. Schema: etc/result.schema.json.
public struct ListingResult: Codable, Sendable, Equatable {
    /// 2: `unverified_fields` holds objects (field, value, source, reason); `titles` and
    /// `agent_language` added.
    /// 3: `photos[].problems`, `processing_errors[].problem` and `ignored_files[].kind` give each
    /// problem as a code (the English texts stay).
    /// 4: `evidence` (each published fact's source, quote and offsets) and `model_misreadings`.
    public static let currentSchemaVersion = 4

    public var schemaVersion: Int = ListingResult.currentSchemaVersion
    public var requestId: String
    public var timestamp: String
    public var processingTimeMs: Double
    public var propertyId: String

    public var propertyType: String
    /// The coarse group of `propertyType` ("condo" for a penthouse or studio).
    public var propertyGroup: String { PropertyKinds.group(of: propertyType) }
    public var listingType: ListingType?
    public var bedrooms: Int?
    public var bathrooms: Int?
    public var squareMeters: Double?
    public var landSquareMeters: Double?
    /// The price as the agent stated it, in `priceCurrency` per `pricePeriod`.
    public var price: Double?
    public var pricePeriod: PricePeriod?
    public var salePrice: Double?
    /// Monthly rent (what `price` has always meant to the website); nil for sales and nightly/daily-only prices.
    public var pricePerMonth: Double?
    public var priceCurrency: String
    public var location: String?

    public var amenities: [String]
    public var condition: String
    public var qualityScore: Double?
    public var description: String
    /// The description in every configured language (ISO 639-1 → text); `description` is the first.
    public var descriptions: [String: String] = [:]
    /// The listing's title in every configured language (ISO 639-1 → title).
    public var titles: [String: String] = [:]
    public var descriptionSummary: String

    public var confidenceScore: Double
    public var dataCompleteness: Double
    public var validationStatus: ValidationStatus
    public var validationIssues: [String]

    public var modalitiesUsed: [String]
    public var modelInfo: [String: String]
    public var estimatedCostUsd: Double?
    public var tokenUsage: [String: Int]?

    public var fieldSources: [String: String]
    public var conflicts: [FieldConflict]
    /// Values only a model gave, or values that fail the plausibility rules: kept here with the
    /// model's value, never in the fact fields above (so never in listing.md or the description).
    public var unverifiedFields: [UnverifiedField]
    /// Where each published fact came from: the source, and for a value a model proved, its quote
    /// and offsets in the source (nil in a result.json from before schema 4).
    public var evidence: [FieldProvenance]?
    /// Model values their own quotes did not support: the operator's to read, never the agent's.
    public var modelMisreadings: [ModelMisreading]?
    public var languagesDetected: [String]
    /// The language most of the agent's own text is in (en, th, ru): what `_STATUS.txt` speaks
    /// unless the agent chose another. nil when the agent wrote nothing.
    public var agentLanguage: String?
    public var photos: [PhotoEntry]
    public var transcripts: [TranscriptEntry]
    public var processingErrors: [ProcessingIssue]
    public var inputs: [InputEntry]
    public var ignoredFiles: [IgnoredFile]
    /// Hash of every stage key behind this result. After a crash, a result.json already carrying
    /// the fingerprint about to be published proves the publish happened: it is not redone.
    public var publishFingerprint: String?

    /// An empty result for `propertyId`; the assembler fills in the rest.
    public init(propertyId: String, requestId: String, timestamp: String) {
        self.requestId = requestId
        self.timestamp = timestamp
        self.processingTimeMs = 0
        self.propertyId = propertyId
        self.propertyType = "unknown"
        self.priceCurrency = "THB"
        self.amenities = []
        self.condition = "unknown"
        self.description = ""
        self.descriptionSummary = ""
        self.confidenceScore = 0
        self.dataCompleteness = 0
        self.validationStatus = .invalid
        self.validationIssues = []
        self.modalitiesUsed = []
        self.modelInfo = [:]
        self.fieldSources = [:]
        self.conflicts = []
        self.unverifiedFields = []
        self.languagesDetected = []
        self.photos = []
        self.transcripts = []
        self.processingErrors = []
        self.inputs = []
        self.ignoredFiles = []
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case requestId = "request_id"
        case timestamp
        case processingTimeMs = "processing_time_ms"
        case propertyId = "property_id"
        case propertyType = "property_type"
        case listingType = "listing_type"
        case bedrooms, bathrooms
        case squareMeters = "square_meters"
        case landSquareMeters = "land_square_meters"
        case price
        case pricePeriod = "price_period"
        case salePrice = "sale_price"
        case pricePerMonth = "price_per_month"
        case priceCurrency = "price_currency"
        case location, amenities, condition
        case qualityScore = "quality_score"
        case description, descriptions, titles
        case descriptionSummary = "description_summary"
        case confidenceScore = "confidence_score"
        case dataCompleteness = "data_completeness"
        case validationStatus = "validation_status"
        case validationIssues = "validation_issues"
        case modalitiesUsed = "modalities_used"
        case modelInfo = "model_info"
        case estimatedCostUsd = "estimated_cost_usd"
        case tokenUsage = "token_usage"
        case fieldSources = "field_sources"
        case conflicts
        case unverifiedFields = "unverified_fields"
        case evidence
        case modelMisreadings = "model_misreadings"
        case languagesDetected = "languages_detected"
        case agentLanguage = "agent_language"
        case photos, transcripts
        case processingErrors = "processing_errors"
        case inputs
        case ignoredFiles = "ignored_files"
        case publishFingerprint = "publish_fingerprint"
    }

    /// Written, never read back: computed from the stored fields.
    enum DerivedKeys: String, CodingKey {
        case propertyGroup = "property_group"
    }

    // Encode every key, nulls included, so the website build sees a stable shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(requestId, forKey: .requestId)
        try c.encode(timestamp, forKey: .timestamp)
        try c.encode(processingTimeMs, forKey: .processingTimeMs)
        try c.encode(propertyId, forKey: .propertyId)
        try c.encode(propertyType, forKey: .propertyType)
        var derived = encoder.container(keyedBy: DerivedKeys.self)
        try derived.encode(propertyGroup, forKey: .propertyGroup)
        try c.encode(listingType, forKey: .listingType)
        try c.encode(bedrooms, forKey: .bedrooms)
        try c.encode(bathrooms, forKey: .bathrooms)
        try c.encode(squareMeters, forKey: .squareMeters)
        try c.encode(landSquareMeters, forKey: .landSquareMeters)
        try c.encode(price, forKey: .price)
        try c.encode(pricePeriod, forKey: .pricePeriod)
        try c.encode(salePrice, forKey: .salePrice)
        try c.encode(pricePerMonth, forKey: .pricePerMonth)
        try c.encode(priceCurrency, forKey: .priceCurrency)
        try c.encode(location, forKey: .location)
        try c.encode(amenities, forKey: .amenities)
        try c.encode(condition, forKey: .condition)
        try c.encode(qualityScore, forKey: .qualityScore)
        try c.encode(description, forKey: .description)
        try c.encode(descriptions, forKey: .descriptions)
        try c.encode(titles, forKey: .titles)
        try c.encode(descriptionSummary, forKey: .descriptionSummary)
        try c.encode(confidenceScore, forKey: .confidenceScore)
        try c.encode(dataCompleteness, forKey: .dataCompleteness)
        try c.encode(validationStatus, forKey: .validationStatus)
        try c.encode(validationIssues, forKey: .validationIssues)
        try c.encode(modalitiesUsed, forKey: .modalitiesUsed)
        try c.encode(modelInfo, forKey: .modelInfo)
        try c.encode(estimatedCostUsd, forKey: .estimatedCostUsd)
        try c.encode(tokenUsage, forKey: .tokenUsage)
        try c.encode(fieldSources, forKey: .fieldSources)
        try c.encode(conflicts, forKey: .conflicts)
        try c.encode(unverifiedFields, forKey: .unverifiedFields)
        try c.encode(evidence ?? [], forKey: .evidence)
        try c.encode(modelMisreadings ?? [], forKey: .modelMisreadings)
        try c.encode(languagesDetected, forKey: .languagesDetected)
        try c.encode(agentLanguage, forKey: .agentLanguage)
        try c.encode(photos, forKey: .photos)
        try c.encode(transcripts, forKey: .transcripts)
        try c.encode(processingErrors, forKey: .processingErrors)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(ignoredFiles, forKey: .ignoredFiles)
        try c.encode(publishFingerprint, forKey: .publishFingerprint)
    }
}

extension ListingResult {
    /// The names of the unverified fields, each once, in order ("amenities" can hold several values).
    public var unverifiedFieldNames: [String] {
        unverifiedFields.map(\.field).reduce(into: []) { names, field in
            if !names.contains(field) { names.append(field) }
        }
    }
}

/// A value that is not published as a fact: which field, the value, where it came from and why.
public struct UnverifiedField: Codable, Sendable, Equatable {
    public enum Reason: String, Codable, Sendable {
        /// A model gave it, but the agent's own words in that source do not state it for that field.
        case notStated = "not_stated"
        /// Outside what a real listing can have (a 1 m² plot, a rent of 12 M THB a month, 60 bedrooms).
        case implausible
        /// Not an ISO 4217 currency code.
        case notACurrency = "not_a_currency"
    }
    public var field: String
    public var value: String
    public var source: String
    public var reason: Reason

    public init(field: String, value: String, source: String, reason: Reason) {
        self.field = field
        self.value = value
        self.source = source
        self.reason = reason
    }
}

public enum ValidationStatus: String, Codable, Sendable {
    case valid, partial, invalid
}

/// Two sources disagreeing about one field; the chosen value is published, the rest reported.
public struct FieldConflict: Codable, Sendable, Equatable {
    public struct Claim: Codable, Sendable, Equatable {
        public var source: String
        public var value: String
        public init(source: String, value: String) {
            self.source = source
            self.value = value
        }
    }
    public var field: String
    public var chosenSource: String
    public var claims: [Claim]
    public var note: String

    public init(field: String, chosenSource: String, claims: [Claim], note: String) {
        self.field = field
        self.chosenSource = chosenSource
        self.claims = claims
        self.note = note
    }

    enum CodingKeys: String, CodingKey {
        case field
        case chosenSource = "chosen_source"
        case claims, note
    }
}
