import Foundation

/// The merged record: one value per field, where it came from, and what disagreed.
public struct MergedListing: Codable, Sendable, Equatable {
    public var details: PropertyDetails
    public var qualityScore: Double?
    public var fieldSources: [String: String]
    public var conflicts: [FieldConflict]
    public var unverifiedFields: [UnverifiedField]
    /// Values removed because no real listing has them (a 1 m² plot, a rent period on a sale).
    public var validationIssues: [String]
    public var confidenceBreakdown: [String: Double]
    public var overallConfidence: Double
    public var modalitiesUsed: [String]
    /// Where each published value came from (a model's verified quote, or the reader).
    public var provenance: [FieldProvenance] = []
    /// Model values their own quotes do not support: the operator's to read, not the agent's.
    public var modelMisreadings: [ModelMisreading] = []
}

/// Merges text, voice and photo results without silently overwriting.
///
/// Grounding comes first, per source and per field. A model that quotes its evidence (every
/// model answer does since extract.v3) is judged by its quotes: a value whose quote is found in
/// that source's words and says it (`QuoteAlignment`, `EvidenceCheck`) is published over the
/// reader's reading of the whole text; one whose quote does not hold is the model's mistake
/// (`modelMisreadings`, never a question to the agent) and the reader's value stands. Without
/// quotes, a model's value counts only when the
/// offline reader finds the agent stating that value for that field in the same source (the
/// text, or that memo). When the agent's words state another value, the words are published and
/// a conflict records both; when they state nothing, the model's value is left out of the facts
/// and kept in `unverifiedFields`. Then the sources meet: text wins for facts the agent wrote,
/// voice fills gaps, photos win for condition and add amenities, and any disagreement between
/// sources is a conflict. Photos never override a stated room count — a property with three
/// bedrooms often has photos of two. Last, values no real listing has are removed.
public enum ListingMerger {
    public static func merge(sources: [SourceFacts], images: AggregatedPropertyInsights?) -> MergedListing {
        var merged = PropertyDetails()
        var fieldSources: [String: String] = [:]
        var conflicts: [FieldConflict] = []
        var unverified: [UnverifiedField] = []
        var breakdown: [String: Double] = [:]
        var modalities: [String] = []
        var provenance: [FieldProvenance] = []
        var misreadings: [ModelMisreading] = []

        for field in GroundedField.all {
            var claims: [(source: String, value: FieldValue)] = []
            var guessed: [UnverifiedField] = []
            var proofs: [String: FieldProvenance] = [:]
            for facts in sources {
                let grounded = ground(field, in: facts)
                conflicts += grounded.conflict.map { [$0] } ?? []
                guessed += grounded.unverified.map { [$0] } ?? []
                misreadings += grounded.misreading.map { [$0] } ?? []
                if let value = grounded.value {
                    claims.append((facts.source, value))
                    proofs[facts.source] = grounded.proof ?? FieldProvenance(field: field.name, source: facts.source, readBy: .rules)
                }
            }
            // Only a field nobody stated is withheld: where a source states it, that value is
            // published and a guess from another source (a memo's model inventing a price the
            // memo never says) asks the agent nothing.
            if claims.isEmpty { unverified += guessed }
            guard let first = claims.first else { continue }
            field.publish(&merged, first.value)
            fieldSources[field.name] = first.source
            if let proof = proofs[first.source] { provenance.append(proof) }
            let distinct = claims.reduce(into: [FieldValue]()) { found, claim in
                if !found.contains(where: claim.value.agrees) { found.append(claim.value) }
            }
            if distinct.count > 1 {
                let names = claims.map(\.source).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                conflicts.append(FieldConflict(
                    field: field.name, chosenSource: first.source,
                    claims: claims.map { .init(source: $0.source, value: $0.value.text) },
                    note: "The \(names.joined(separator: " and ")) disagree; the \(first.source) value is published."))
            }
        }

        // The written text outranks a memo on amenities too: what it negates, no memo adds.
        let negatedInText = sources.first(where: { $0.source == "text" }).map { AmenityRules.negated(in: $0.words as NSString) } ?? []
        for facts in sources {
            modalities.append(facts.source)
            breakdown[facts.source] = facts.details.confidenceScore
            let amenities = groundedAmenities(of: facts)
            unverified += amenities.unverified
            misreadings += amenities.misreadings
            for (amenity, proof) in amenities.stated where !merged.amenities.contains(amenity) {
                if facts.source != "text" && negatedInText.contains(amenity) { continue }
                merged.amenities.append(amenity)
                provenance.append(proof)
            }
            for language in facts.details.languagesDetected where !merged.languagesDetected.contains(language) {
                merged.languagesDetected.append(language)
            }
        }
        if let text = sources.first(where: { $0.source == "text" }) {
            merged.condition = text.details.condition
            // The agent's own opening lines, not a model's paraphrase: the describe stage reads
            // this, and an invented fact must not ride into the marketing text through it.
            merged.descriptionSummary = text.fromModel && !text.words.isEmpty
                ? TextSummary.firstSentences(of: text.words) : text.details.descriptionSummary
            if merged.condition != "unknown" { fieldSources["condition"] = "text" }
        } else if let spoken = sources.first {
            merged.descriptionSummary = spoken.details.descriptionSummary
        }

        var quality: Double?
        if let images, images.imageAnalysisCount > 0 {
            modalities.append("images")
            breakdown["images"] = 0.9  // photo analysis gets a fixed confidence: a model's per-photo confidence is not comparable across photos
            merged.condition = images.overallCondition
            fieldSources["condition"] = "images"
            quality = images.estimatedPropertyQuality
            // What the photos seem to show is not a fact the agent stated: a photo's "sea view" or
            // "fully furnished" stays in the image insights, not in the listing's amenities.
            for (field, room) in [("bedrooms", "bedroom"), ("bathrooms", "bathroom")] {
                let stated = field == "bedrooms" ? merged.bedrooms : merged.bathrooms
                if let seen = images.roomBreakdown[room], let stated, seen > stated {
                    conflicts.append(FieldConflict(
                        field: field, chosenSource: fieldSources[field] ?? "text",
                        claims: [.init(source: fieldSources[field] ?? "text", value: String(stated)),
                                 .init(source: "images", value: "\(seen) photos of a \(room)")],
                        note: "More \(room) photos than the stated number of \(field); please check the count."))
                }
            }
        }

        unverified.removeAll { $0.field == "amenities" && merged.amenities.contains($0.value) }
        if merged.priceCurrency == nil, merged.price != nil { merged.priceCurrency = "THB" }
        var issues: [String] = []
        for problem in ListingPlausibility.check(&merged) {
            issues.append(problem.issue)
            unverified.append(UnverifiedField(field: problem.field, value: problem.value,
                                              source: fieldSources[problem.field] ?? "text", reason: .implausible))
            fieldSources[problem.field] = nil
        }
        if merged.price == nil {
            merged.pricePeriod = nil
            fieldSources["price_period"] = nil
        }
        // A monthly figure only where the stated price is a rent.
        if merged.listingType == .sale { merged.pricePeriod = nil }
        merged.pricePerMonth = merged.listingType == .sale ? nil
            : PropertyDetails.monthlyRent(price: merged.price, period: merged.pricePeriod)

        let overall = breakdown.isEmpty ? 0 : breakdown.values.reduce(0, +) / Double(breakdown.count)
        merged.confidenceScore = overall
        provenance.removeAll { proof in
            proof.field != "amenities" ? fieldSources[proof.field] == nil : !merged.amenities.contains(proof.value ?? "")
        }
        return MergedListing(details: merged, qualityScore: quality, fieldSources: fieldSources, conflicts: conflicts,
                             unverifiedFields: unverified, validationIssues: issues, confidenceBreakdown: breakdown,
                             overallConfidence: overall, modalitiesUsed: modalities, provenance: provenance,
                             modelMisreadings: misreadings)
    }

    /// One field of one source, as the merge uses it.
    struct Grounded {
        var value: FieldValue?
        var conflict: FieldConflict?
        var unverified: UnverifiedField?
        /// Set for a model value proved by its quote.
        var proof: FieldProvenance?
        var misreading: ModelMisreading?
    }

    /// A model that quoted its evidence: its value stands where its quote holds, else the reader's.
    private static func groundByEvidence(_ field: GroundedField, said: FieldValue, in facts: SourceFacts, words: FieldValue?) -> Grounded {
        var quotes = facts.details.evidence.filter { $0.field == field.name }
        // The currency and period are usually in the price's own span.
        if ["price_currency", "price_period"].contains(field.name) {
            quotes += facts.details.evidence.filter { $0.field == "price" }
        }
        var reason = ModelMisreading.Reason.noQuote
        for quote in quotes {
            guard let at = QuoteAlignment.locate(quote.quote, in: facts.words) else {
                reason = .quoteNotFound
                continue
            }
            // The agent's own words at that place, not the model's copy of them.
            let span = facts.words.scalarSlice(at.start, at.end)
            if EvidenceCheck.supports(field: field.name, value: said, span: span, clause: facts.words.clause(around: at.start, at.end),
                                      price: facts.details.price) {
                return Grounded(value: said, proof: FieldProvenance(field: field.name, source: facts.source, readBy: .model,
                                                                    quote: span, alignment: at))
            }
            reason = .quoteDoesNotSayIt
        }
        // The model's mistake, not the agent's: the reader's reading of the words stands.
        let misreading = ModelMisreading(field: field.name, value: said.text, quote: quotes.first?.quote, source: facts.source,
                                         reason: reason)
        return Grounded(value: words, misreading: misreading)
    }

    /// One field of one source: the value that source states, and what the model got wrong.
    private static func ground(_ field: GroundedField, in facts: SourceFacts) -> Grounded {
        let words = facts.reading.flatMap(field.words)
        guard facts.fromModel else { return Grounded(value: field.model(facts.details)) }
        // A currency or period beside no price describes nothing ("THB" for a price on request).
        let describesNoPrice = ["price_currency", "price_period"].contains(field.name) && facts.details.price == nil
        guard let said = field.model(facts.details), !describesNoPrice else { return Grounded(value: words) }  // the model missed it
        if field.name == "price_currency", !ListingCurrency.isKnown(said.text) {
            return Grounded(value: words, unverified: UnverifiedField(field: field.name, value: said.text, source: facts.source,
                                                                      reason: .notACurrency))
        }
        if !facts.details.evidence.isEmpty { return groundByEvidence(field, said: said, in: facts, words: words) }
        if field.isStated(said, words, facts) { return Grounded(value: said) }
        guard let words else {
            return Grounded(unverified: UnverifiedField(field: field.name, value: said.text, source: facts.source, reason: .notStated))
        }
        let conflict = FieldConflict(
            field: field.name, chosenSource: facts.source,
            claims: [.init(source: facts.source, value: words.text),
                     .init(source: "AI reading of the \(facts.source)", value: said.text)],
            note: "The agent's words in the \(facts.source) say \(words.text); the AI model read \(said.text). The agent's words are published.")
        return Grounded(value: words, conflict: conflict)
    }

    /// Amenities the agent named in this source (a model's are kept only when the reader finds
    /// them too: "no pool" is not a pool), and the model's others as unverified. A model's own
    /// key is read as words first: "swimming_pool" is the reader's "pool", and "city_view" is
    /// stated when the source says "city view".
    private static func groundedAmenities(of facts: SourceFacts)
        -> (stated: [(String, FieldProvenance)], unverified: [UnverifiedField], misreadings: [ModelMisreading]) {
        func byRules(_ key: String) -> FieldProvenance {
            FieldProvenance(field: "amenities", value: key, source: facts.source, readBy: .rules)
        }
        guard facts.fromModel else { return (facts.details.amenities.map { ($0, byRules($0)) }, [], []) }
        let read = facts.reading?.amenities ?? []
        if !facts.details.evidence.isEmpty { return amenitiesByEvidence(of: facts, read: read) }
        var stated: [String] = []
        var unverified: [UnverifiedField] = []
        for amenity in facts.details.amenities {
            let words = amenity.replacingOccurrences(of: "_", with: " ")
            let known = AmenityRules.amenities(in: words as NSString)
            if let key = ([amenity] + known).first(where: { read.contains($0) || AmenityRules.implied($0, by: read) }) {
                stated.append(key)
            } else if known.isEmpty, words.count >= 4,
                      facts.words.range(of: words, options: [.caseInsensitive]) != nil {
                stated.append(amenity)
            } else {
                unverified.append(UnverifiedField(field: "amenities", value: amenity, source: facts.source, reason: .notStated))
            }
        }
        // What the agent wrote and the model left out still counts.
        for amenity in read where !stated.contains(amenity) { stated.append(amenity) }
        // "pool" beside "private_pool" says nothing more.
        return (stated.filter { !AmenityRules.implied($0, by: stated) }.map { ($0, byRules($0)) }, unverified, [])
    }

    /// Each amenity the model quotes is published when its quote is in the source and names it
    /// (not negated); the reader's own finds stay.
    private static func amenitiesByEvidence(of facts: SourceFacts, read: [String])
        -> (stated: [(String, FieldProvenance)], unverified: [UnverifiedField], misreadings: [ModelMisreading]) {
        var stated: [(String, FieldProvenance)] = []
        var misreadings: [ModelMisreading] = []
        for amenity in facts.details.amenities {
            let quotes = facts.details.evidence.filter { $0.field == "amenities" && ($0.value == nil || $0.value == amenity) }
            var reason = ModelMisreading.Reason.noQuote
            var proof: FieldProvenance?
            for quote in quotes {
                guard let at = QuoteAlignment.locate(quote.quote, in: facts.words) else {
                    reason = .quoteNotFound
                    continue
                }
                let span = facts.words.scalarSlice(at.start, at.end)
                if EvidenceCheck.supportsAmenity(amenity, span: span, clause: facts.words.clause(around: at.start, at.end)) {
                    proof = FieldProvenance(field: "amenities", value: amenity, source: facts.source, readBy: .model, quote: span, alignment: at)
                    break
                }
                reason = .quoteDoesNotSayIt
            }
            if let proof {
                if !stated.contains(where: { $0.0 == amenity }) { stated.append((amenity, proof)) }
            } else {
                misreadings.append(ModelMisreading(field: "amenities", value: amenity, quote: quotes.first?.quote, source: facts.source,
                                                   reason: reason))
            }
        }
        for amenity in read where !stated.contains(where: { $0.0 == amenity }) {
            stated.append((amenity, FieldProvenance(field: "amenities", value: amenity, source: facts.source, readBy: .rules)))
        }
        let keys = stated.map(\.0)
        return (stated.filter { !AmenityRules.implied($0.0, by: keys) }, [], misreadings)
    }
}
