import Foundation

/// Living area in m² and land area from m² or Thai land units (rai, ngan, square wah).
enum AreaRules {
    struct Result {
        var livingSquareMeters: Double?
        var landSquareMeters: Double?
        /// Tokens read as areas, so the price rule does not read them as amounts.
        var claimedTokens: Set<Int> = []
        /// m² the text implies but does not write ("1 ไร่ 2 งาน" = 2400, "1,000 sq ft" ≈ 92.9), so a
        /// model that did the same conversion is not flagged for inventing a number.
        var convertedSquareMeters: [Double] = []
    }

    /// Square metres (and square feet, converted) written right after a number.
    private static let squareMeterUnit = Pattern(
        #"\s?(?:(?:sq\.?\s?m(?:eters?|etres?)?|sqm|m2|m²|square\s+met(?:er|re)s?|ตร\.?\s?ม|ตารางเมตร|ม\.?\s?²|кв\.?\s?м(?:етр[а-я]*)?|м2|м²|квадратн[а-я]*\s+метр[а-я]*|квадрат(?:ов|а|ы)?|метр(?:ов|а)(?!\s*(?:до|от|к)\s))(?![a-zа-я])\.?|(sq\.?\s?ft|sqft|square\s+feet|ft2|ft²))"#
    )

    /// m² per unit. Thai: rai, ngan, square wah. Russian agents use the «сотка» (100 m²).
    private enum LandUnit: Int {
        case rai = 1600, ngan = 400, sotka = 100, squareWah = 4
    }

    private static let landUnits: [(LandUnit, Pattern)] = [
        (.rai, Pattern(#"\s?(?:ไร่|rai(?![a-z])|ра(?:й|я|ев|ю)(?![а-я]))"#)),
        (.ngan, Pattern(#"\s?(?:งาน|ngan(?![a-z])|нган[а-я]*)"#)),
        (.sotka, Pattern(#"\s?сот(?:ок|ки|ка|ку|ках)(?![а-я])"#)),
        // "เนื้อที่ 18 วา": Thai agents drop ตาราง from the land's square wah.
        (.squareWah, Pattern(#"\s?(?:ตารางวา|(?<![ก-๙])วา(?![ก-๙])|ตร\.?\s?ว\.?|ตรว\.?|sq\.?\s?wah|sqw(?![a-z])|square\s+wah|wah(?![a-z])|(?:кв\.?\s?)?ва(?![а-я]))"#)),
    ]

    /// The Thai cadastral shorthand rai-ngan-wah: "2-0-50 ไร่" = 2 rai 0 ngan 50 square wah.
    private static let raiNganWah = Pattern(
        #"(?<![\d.,])(\d{1,4})-([0-3])-(\d{1,2}(?:\.\d+)?)\s?(?:ไร่|rai(?![a-z])|ра[йяю](?![а-я]))"#)

    /// Words that say the area just before them is the plot, not the building. Whichever of the
    /// land or building words stands last before the number decides.
    private static let landWord = Pattern(
        #"(?<![a-z])(?:land|plot|lot(?![a-z]))|ที่ดิน|участ[а-я]*|земл[а-я]*|земельн[а-я]*|территори[а-я]*"#)
    private static let buildingWord = Pattern(
        #"(?<![a-z])(?:house|home|living|built|build|usable|interior|indoor|floor|villa|condo|unit)|shophouse|townhouse|ใช้สอย|บ้าน|ตัวบ้าน|жил[а-я]*|дом[а-я]*|строени[а-я]*"#)
    /// English also puts the word after: "on 1,200 sqm land", "800 sqm of land".
    private static let landWordAfter = Pattern(#"\s*(?:of\s+)?(?:land|plot)(?![a-z])|\s*(?:земли|участка)"#)

    static func extract(from text: ListingText, tokens: [NumberToken]) -> Result {
        var result = Result()
        var landGroups: [Double] = []
        // Thai land sizes chain units ("1 ไร่ 2 งาน 50 ตารางวา"); consecutive parts add up.
        var openGroup: (total: Double, lastUnit: LandUnit, end: Int)?
        var previousMentionEnd = 0

        func closeGroup() {
            if let group = openGroup { landGroups.append(group.total) }
            openGroup = nil
        }

        for match in raiNganWah.matches(in: text.masked) {
            let parts = (1...3).compactMap { match.group($0, in: text.masked).flatMap { NumberParsing.parseNumber($0) } }
            landGroups.append(parts[0] * 1600 + parts[1] * 400 + parts[2] * 4)
            for (index, token) in tokens.enumerated() where NSLocationInRange(token.range.location, match.range) {
                result.claimedTokens.insert(index)
            }
        }

        for (index, token) in tokens.enumerated() where !result.claimedTokens.contains(index) {
            let unitStart = NumberParsing.unitSearchStart(for: index, in: tokens, text: text.masked)
            if let (unit, unitEnd) = landUnit(at: unitStart, in: text.masked) {
                let continuesGroup = openGroup.map {
                    unit.rawValue < $0.lastUnit.rawValue && token.range.location - $0.end <= 3
                } ?? false
                if !continuesGroup { closeGroup() }
                let total = (openGroup?.total ?? 0) + token.value * Double(unit.rawValue)
                openGroup = (total, unit, unitEnd)
                result.claimedTokens.insert(index)
                previousMentionEnd = unitEnd
                continue
            }
            guard let unitMatch = squareMeterUnit.match(in: text.masked, startingAt: unitStart, limit: 24) else {
                continue
            }
            closeGroup()
            result.claimedTokens.insert(index)
            let isFeet = unitMatch.range(at: 1).location != NSNotFound
            let squareMeters = isFeet ? token.value * 0.092_903 : token.value
            if isFeet { result.convertedSquareMeters.append(squareMeters) }
            let isLand = isLandMention(token, unitEnd: unitMatch.end, after: previousMentionEnd, in: text.masked)
            previousMentionEnd = unitMatch.end
            if isLand {
                landGroups.append(squareMeters)
            } else if result.livingSquareMeters == nil {
                result.livingSquareMeters = squareMeters
            }
        }
        closeGroup()
        result.landSquareMeters = landGroups.first
        result.convertedSquareMeters += landGroups
        return result
    }

    private static func landUnit(at location: Int, in text: NSString) -> (LandUnit, Int)? {
        for (unit, pattern) in landUnits {
            if let match = pattern.match(in: text, startingAt: location, limit: 16) {
                return (unit, match.end)
            }
        }
        return nil
    }

    /// A land word right after the unit settles it ("1,600 sqm plot"). Otherwise looks back to the
    /// previous area mention (at most 25 units) for the last land or building word.
    private static func isLandMention(
        _ token: NumberToken, unitEnd: Int, after previousEnd: Int, in text: NSString
    ) -> Bool {
        if landWordAfter.match(in: text, startingAt: unitEnd, limit: 16) != nil { return true }
        let start = max(previousEnd, token.range.location - 25)
        let window = NSRange(location: start, length: token.range.location - start)
        let lastLand = landWord.matches(in: text, range: window).last?.range.location ?? -1
        let lastBuilding = buildingWord.matches(in: text, range: window).last?.range.location ?? -1
        return lastLand > lastBuilding
    }
}
