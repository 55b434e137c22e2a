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
        let allowed = permittedNumbers(facts: facts, extra: allowedNumbers)
        for number in numbers(in: text) where !allowed.contains(where: { abs($0 - number) < 0.001 }) {
            findings.append(Finding(language: language, what: "the number \(NumberStyle.format(number, in: .en)) is not in the facts"))
        }
        let held = Set(facts.amenities + allowedAmenities)
        let heldLabels = held.map { ListingVocabulary.amenity($0)[language].lowercased() }
        let lowered = text.lowercased()
        for key in ListingVocabulary.amenityKeys where !held.contains(key) {
            let label = ListingVocabulary.amenity(key)[language].lowercased()
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

    /// Every number written with digits (ASCII or Thai), grouped as any of our languages group
    /// them: 80,000 · 80 000 · 10,2 · 2.5.
    public static func numbers(in text: String) -> [Double] {
        let western = String(text.unicodeScalars.map { scalar -> Character in
            if (0x0E50...0x0E59).contains(scalar.value) { return Character(Unicode.Scalar(scalar.value - 0x0E50 + 0x30)!) }
            return Character(scalar)
        })
        let ns = western as NSString
        return numberPattern.matches(in: western, range: NSRange(location: 0, length: ns.length)).compactMap { match in
            parse(ns.substring(with: match.range))
        }
    }

    private static let numberPattern = try! NSRegularExpression(
        pattern: #"(?<![\d.,])\d{1,3}(?:[,\u00A0\u202F ]\d{3})+(?:[.,]\d+)?(?![\d])|(?<![\d.,])\d+(?:[.,]\d+)?(?![\d])"#)

    private static func parse(_ token: String) -> Double? {
        var digits = token.replacingOccurrences(of: "\u{00A0}", with: "").replacingOccurrences(of: "\u{202F}", with: "")
            .replacingOccurrences(of: " ", with: "")
        // A comma followed by exactly three digits groups thousands; otherwise it is a decimal comma.
        let parts = digits.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count > 1 {
            let grouping = parts.dropFirst().allSatisfy { $0.prefix(while: \.isNumber).count == 3 }
            digits = grouping ? parts.joined() : parts.joined(separator: ".")
        }
        return Double(digits)
    }
}
