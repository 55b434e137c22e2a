import Foundation

/// Checks a model-written description, in any of our languages, against the facts it was given:
/// every number in it must be one the facts or the agent hold, and no amenity may appear that
/// the facts lack. A text that fails is replaced by the offline description for that language.
public enum DescriptionGrounding {
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var language: ListingLanguage
        public var what: String
        public var description: String { "\(language.rawValue): \(what)" }
    }

    /// - Parameters:
    ///   - allowedNumbers: numbers the agent wrote (text, memos) besides the facts' own.
    ///   - allowedAmenities: amenity keys the facts hold (and the photos showed).
    public static func check(_ text: String, language: ListingLanguage, facts: ListingFacts,
                             allowedNumbers: [Double] = [], allowedAmenities: [String] = []) -> [Finding] {
        var findings: [Finding] = []
        let reading = read(text)
        let allowed = permittedNumbers(facts: facts, extra: allowedNumbers)
        for number in reading.numbers where !allowed.contains(where: { abs($0 - number) < 0.001 }) {
            findings.append(Finding(language: language, what: "the number \(NumberStyle.format(number, in: .en)) is not in the facts"))
        }
        // A count is held to its own fact: "3 bedrooms" is wrong for 2 bedrooms and 3 bathrooms.
        for (noun, stated, fact) in [("bedrooms", reading.rooms.bedroomMentions, facts.bedrooms),
                                     ("bathrooms", reading.rooms.bathroomMentions, facts.bathrooms)] {
            for count in Set(stated) where count != fact {
                findings.append(Finding(language: language, what: "says \(count) \(noun), the facts \(fact.map(String.init) ?? "none")"))
            }
        }
        // "Bedroom 3 has a sea view" names a room: there must be a third one.
        for (noun, numbers, fact) in [("bedroom", reading.rooms.numberedBedrooms, facts.bedrooms),
                                      ("bathroom", reading.rooms.numberedBathrooms, facts.bathrooms)] {
            for number in Set(numbers) where number > (fact ?? 0) {
                findings.append(Finding(language: language, what: "names \(noun) \(number), the facts have \(fact.map(String.init) ?? "none")"))
            }
        }
        let held = Set(facts.amenities + allowedAmenities)
        let heldLabels = held.map { ListingVocabulary.amenity($0, in: language).lowercased() }
        let lowered = text.lowercased()
        for key in ListingVocabulary.amenityKeys where !held.contains(key) {
            let label = ListingVocabulary.amenity(key, in: language).lowercased()
            // "бассейн" is fine when the facts hold "собственный бассейн".
            if lowered.contains(label) && !heldLabels.contains(where: { $0.contains(label) }) {
                findings.append(Finding(language: language, what: "mentions \(key), which the facts do not hold"))
            }
        }
        return findings
    }

    /// The facts' numbers, the price also in thousands and millions ("80k", "10,2 млн"), and
    /// whatever else the agent wrote.
    static func permittedNumbers(facts: ListingFacts, extra: [Double]) -> [Double] {
        var values = extra
        values += [facts.bedrooms, facts.bathrooms].compactMap { $0.map(Double.init) }
        values += [facts.squareMeters, facts.landSquareMeters].compactMap { $0 }
        if let price = facts.price { values += [price, price / 1000, price / 1_000_000] }
        return values
    }

    /// Every number in a text, read by the same rules that read the agent's text (NumberParsing,
    /// NumberWords, RoomRules): digits (ASCII or Thai) as any of our languages group them
    /// (80,000 · 80 000 · 10,2), money written in words (thirty thousand, สามหมื่น, тридцать тысяч)
    /// and room counts written in words (three bedrooms, สองห้องนอน, три спальни).
    public static func numbers(in text: String) -> [Double] {
        read(text).numbers
    }

    /// Phones and dates are not masked here, unlike in the agent's text: one the model wrote is a
    /// number the agent did not give.
    private static func read(_ text: String) -> (numbers: [Double], rooms: RoomRules.Result) {
        let listing = ListingText(text)
        let tokens = NumberParsing.tokens(in: listing.normalized)
        let rooms = RoomRules.extract(from: listing, tokens: tokens, skipping: [])
        let quantities = tokens.indices.filter { !rooms.numberedTokens.contains($0) }.map { tokens[$0].value }
        return (quantities + rooms.countsWrittenAsWords.map(Double.init), rooms)
    }
}
