import Foundation

/// Bedrooms, bathrooms and the Russian room count.
///
/// - A studio has no separate bedroom, so "studio" / "สตูดิโอ" / «студия» gives 0 bedrooms when no
///   bedroom count is written.
/// - «двухкомнатная», «2-к», «2-х комнатная» count rooms including the living room, so they set
///   `rooms`, never `bedrooms` (a Russian «двухкомнатная» counts the living room).
/// - When the agent writes two different counts, the first one wins: it is usually the headline.
enum RoomRules {
    struct Result {
        var bedrooms: Int?
        var bathrooms: Int?
        var rooms: Int?
        var claimedTokens: Set<Int> = []
        /// Counts written as words ("three", "สาม", «три»), for `numbersMentioned`.
        var countsWrittenAsWords: [Int] = []
        /// Every bedroom and bathroom count the text states, digits and words, in text order
        /// (the grounding check of a model's description holds each to the facts).
        var bedroomMentions: [Int] = []
        var bathroomMentions: [Int] = []
        /// Room numbers ("Bedroom 2:") and the indexes of their tokens: names, not quantities.
        var numberedBedrooms: [Int] = []
        var numberedBathrooms: [Int] = []
        var numberedTokens: Set<Int> = []
    }

    private enum Kind { case bedroom, bathroom }

    private static let bedroomWords =
        #"bed(?:r(?:o{0,2}m)?)?s?|br|bdr?ms?|bdr|bds?|b/r|ห้องนอน|นอน|спал(?:ьн[а-я]*|ен)"#
    private static let bathroomWords =
        #"bath(?:r?o{0,2}m)?s?|ba|bth|toilets?|wc|w\.c\.?|(?:shower|washroom)s?(?:\s?/\s?wc)?|ห้องน้ำ|น้ำ|туалет[а-я]*|душев[а-я]*|санузе?л[а-я]*|сан\.?\s?узе?л[а-я]*|с/у|ванн[а-я]*(?:\s+комнат[а-я]*)?|душ(?:а|ем|ев[а-я]*)?"#

    /// "3br", "3 bed", "3-bedroom", "3 ห้องนอน", "3 нอน", "3 спальни".
    private static let bedroomAfter = Pattern(#"\s{0,2}-?\s{0,2}"# + roomAdjective + #"(?:"# + bedroomWords + #")(?![a-zа-я])"#)
    private static let bathroomAfter = Pattern(#"\s{0,2}-?\s{0,2}"# + roomAdjective + #"(?:"# + bathroomWords + #")(?![a-zа-я])"#)
    /// "1 shared bathroom", "2 master bedrooms", "1 outdoor shower/wc": one word between the count and the room.
    private static let roomAdjective =
        #"(?:(?:shared|private|outdoor|indoor|en-?suite|guest|full|master|separate|common|large|big|small|spacious|cosy|cozy)\s+)?"#
    /// "Bedrooms: 3", "ห้องนอน 3 ห้อง", «спальни — 3».
    private static let bedroomLabel = #"(?:bedrooms?|beds|ห้องนอน|спал(?:ьни|ьня|ен))\s*[:=x×-]?\s*$"#
    private static let bathroomLabel =
        #"(?:bathrooms?|baths|toilets?|ห้องน้ำ(?:ในตัว)?|туалет[а-я]*|санузе?л[а-я]*|ванн[а-я]*(?:\s+комнат[а-я]*)?)\s*[:=x×-]?\s*$"#
    /// A label right after another number ("2 ห้องนอน 2 ห้องน้ำ") belongs to that number, not to
    /// the next one — unless the text puts labels first ("ห้องนอน 3 ห้องน้ำ 2").
    private static let ownLabelBefore: [Kind: Pattern] = [
        .bedroom: Pattern(#"(?<!\d[ \t]{0,2}-?[ \t]{0,2})"# + bedroomLabel),
        .bathroom: Pattern(#"(?<!\d[ \t]{0,2}-?[ \t]{0,2})"# + bathroomLabel),
    ]
    private static let anyLabelBefore: [Kind: Pattern] = [
        .bedroom: Pattern(bedroomLabel), .bathroom: Pattern(bathroomLabel),
    ]
    /// "ชั้น 6 ห้องน้ำ 1", "Floor 12, 2 bed": a floor's number, not a room count. "2 ชั้น 3 ห้องนอน"
    /// (two storeys) and "2nd floor 2 bedrooms" have their own number before the word and leave the next alone.
    private static let floorWord = #"(?<!\d\s{0,2})(?<!\d(?:st|nd|rd|th)\s{0,2})(?:ชั้นที่|ชั้น|(?<![a-z])floor|(?<![a-z])fl\.|(?<![а-я])этаж)\s*[:=]?\s*"#
    private static let floorLabel = Pattern(floorWord + "$")
    /// "ชั้น 6 ห้องน้ำ 1": the label after a floor's number is the next number's own.
    private static let labelAfterFloor: [Kind: Pattern] = [
        .bedroom: Pattern(floorWord + #"\d{1,3}\s{0,2}"# + bedroomLabel),
        .bathroom: Pattern(floorWord + #"\d{1,3}\s{0,2}"# + bathroomLabel),
    ]
    private static let enSuiteAfter = Pattern(#"\s{0,2}-?\s{0,2}ห้องน้ำในตัว"#)
    /// A label followed by its number: "ห้องนอน 3 ห้องน้ำ 2" puts labels first.
    private static let numberFollows = Pattern(#"\s*[:=-]?\s*\d"#)

    /// "three bedrooms", "สองห้องนอน", «две спальни», and Thai label-first "ห้องนอนสองห้อง".
    private static let bedroomCountWord = Pattern(
        #"(?<![a-zа-я])("# + NumberParsing.numberWordAlternation + #")\s{0,2}-?\s{0,2}(?:"# + bedroomWords
            + #")(?![a-zа-я])|ห้องนอน\s?("# + NumberParsing.numberWordAlternation + ")")
    private static let bathroomCountWord = Pattern(
        #"(?<![a-zа-я])("# + NumberParsing.numberWordAlternation + #")\s{0,2}-?\s{0,2}(?:"# + bathroomWords
            + #")(?![a-zа-я])|ห้องน้ำ\s?("# + NumberParsing.numberWordAlternation + ")")

    /// "Bedroom 1: king bed", "Bathroom 2 - shower", «Спальня 1:», "Bedroom #3 has…", "ห้องนอนที่ 2":
    /// a room's number, not a count. Three numbered bedrooms are three bedrooms. A dash counts only
    /// with spaces around it: "3 bedroom 2-bathroom" is two counts.
    private static let numberedBedroom = Pattern(
        #"(?<![a-zа-я])(?:bedroom|спальня)\s?(?:#|№|no\.?\s?)?(\d{1,2})(?=\s?[:(]|\s-\s|\s+(?:has|with|is|features|includes)(?![a-z]))|ห้องนอนที่\s?(\d{1,2})"#)
    private static let numberedBathroom = Pattern(
        #"(?<![a-zа-я])(?:bathroom|санузел|ванная)\s?(?:#|№|no\.?\s?)?(\d{1,2})(?=\s?[:(]|\s-\s|\s+(?:has|with|is|features|includes)(?![a-z]))|ห้องน้ำที่\s?(\d{1,2})"#)

    /// "own bathroom", "ห้องน้ำในตัว", «санузел с душем»: one bathroom named without a number, in a
    /// studio, a room or a one-bedroom place ("ห้องน้ำในตัวทุกห้อง", one per room, is not one).
    private static let singleBathroom = Pattern(
        #"(?<![a-z])(?:own|private|attached|en-?suite|ensuite|with(?:\s+a)?|a|one|1)\s+(?:bath(?:room)?|shower\s?room|toilet)(?![a-z])|(?<![a-z])en-?suite(?![a-z])|ห้องน้ำในตัว(?!\s?ทุก)|(?<![а-я])(?:свой\s+|отдельный\s+|совмещ[её]нный\s+|раздельный\s+)?(?:санузел|с\s+санузлом|ванная(?:\s+комната)?)(?![а-я])"#)

    private static let studio = Pattern(#"(?<![a-z])studios?(?![a-z])|สตูดิโอ|(?<![а-я])студи[а-я]*"#)

    /// «двухкомнатная», «2-комнатная», «2-х комнатная», «2-к», «2 комн.».
    private static let russianRoomCount = Pattern(
        #"(одно|двух|трех|четырех|пяти|шести)\s?-?комнатн|(?<!\d)([1-6])\s?-?\s?(?:х\s?-?\s?)?(?:комнатн[а-я]*|комн\.?)|(?<!\d)([1-6])-(?:х-)?к(?![а-я])"#
    )
    private static let roomPrefixes = ["одно": 1, "двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6]

    /// A layout "2+1" (two bedrooms and a living room, as Russian and Turkish agents write it),
    /// when no room word follows and it is not a deposit's "2+1" months.
    private static let layout = Pattern(#"(?<![\d.,+/#])([1-6])\s?\+\s?1(?![\d+]|[.,]\d)(?!\s?-?\s?(?:months?|mo(?![a-z])|เดือน|ด\.|мес))"#)
    private static let moneyBeforeLayout = Pattern(
        #"(?:deposit|advance|contract|payment|ประกัน|มัดจำ|ล่วงหน้า|สัญญา|залог|депозит|предоплат[а-я]*|оплат[а-я]*)[^\n\d]{0,12}$"#)

    static func extract(from text: ListingText, tokens: [NumberToken], skipping claimed: Set<Int>) -> Result {
        var result = Result()
        // (position, count) of every bedroom / bathroom statement, digits and words together.
        var bedroomCounts: [(Int, Int)] = []
        var bathroomCounts: [(Int, Int)] = []

        // Numbered rooms first: their numbers are names ("Bedroom 2:"), never counts or prices.
        var numberedAt: Set<Int> = []
        for (pattern, numbers) in [(numberedBedroom, \Result.numberedBedrooms), (numberedBathroom, \Result.numberedBathrooms)] {
            for match in pattern.matches(in: text.masked) {
                for group in 1...2 where match.range(at: group).location != NSNotFound {
                    let range = match.range(at: group)
                    guard let number = Int(text.masked.substring(with: range)) else { continue }
                    result[keyPath: numbers].append(number)
                    numberedAt.insert(range.location)
                }
            }
        }
        for (index, token) in tokens.enumerated() where numberedAt.contains(token.range.location) {
            result.claimedTokens.insert(index)
            result.numberedTokens.insert(index)
        }

        var labelsComeFirst = false
        for (index, token) in tokens.enumerated() where !claimed.contains(index) && !numberedAt.contains(token.range.location) {
            let unitStart = NumberParsing.unitSearchStart(for: index, in: tokens, text: text.masked)
            guard token.isBareInteger, token.value <= 30,
                let (kind, labelledBefore) = kind(
                    of: token, unitStart: unitStart, labelsComeFirst: labelsComeFirst, in: text.masked)
            else {
                continue
            }
            labelsComeFirst = labelledBefore
            result.claimedTokens.insert(index)
            let entry = (token.range.location, Int(token.value))
            if kind == .bedroom { bedroomCounts.append(entry) } else { bathroomCounts.append(entry) }
        }
        for (pattern, isBedroom) in [(bedroomCountWord, true), (bathroomCountWord, false)] {
            for match in pattern.matches(in: text.normalized) {
                guard let word = match.group(1, in: text.normalized) ?? match.group(2, in: text.normalized),
                    let count = NumberParsing.count(word)
                else { continue }
                result.countsWrittenAsWords.append(count)
                if isBedroom {
                    bedroomCounts.append((match.range.location, count))
                } else {
                    bathroomCounts.append((match.range.location, count))
                }
            }
        }

        result.bedroomMentions = bedroomCounts.sorted { $0.0 < $1.0 }.map(\.1)
        result.bathroomMentions = bathroomCounts.sorted { $0.0 < $1.0 }.map(\.1)
        result.bedrooms = result.bedroomMentions.first ?? countOfNumbered(result.numberedBedrooms)
        result.bathrooms = result.bathroomMentions.first ?? countOfNumbered(result.numberedBathrooms)
        if result.bedrooms == nil, let match = layout.firstMatch(in: text.masked),
           !moneyBeforeLayout.matchesRightBefore(match.range.location, in: text.masked),
           let count = match.group(1, in: text.masked).flatMap({ Int($0) }) {
            result.bedrooms = count
        }
        if result.bedrooms == nil, studio.contains(in: text.normalized) {
            result.bedrooms = 0
        }
        if result.bathrooms == nil, (result.bedrooms ?? 0) <= 1, singleBathroom.contains(in: text.normalized) {
            result.bathrooms = 1
        }
        result.rooms = russianRooms(in: text.normalized)
        return result
    }

    /// A number is a bedroom count when a bedroom word follows it ("3 bedrooms") or precedes it
    /// ("Bedrooms: 3"). When both sides carry a label, the one after wins ("3 ห้องนอน 2 ห้องน้ำ"),
    /// unless that label has its own number after it ("ห้องนอน 3 ห้องน้ำ 2": labels come first).
    /// Returns the kind and whether it was read from a label before the number.
    private static func kind(
        of token: NumberToken, unitStart: Int, labelsComeFirst: Bool, in text: NSString
    ) -> (Kind, labelledBefore: Bool)? {
        if floorLabel.matchesRightBefore(token.range.location, in: text) { return nil }
        let after: (Kind, NSTextCheckingResult)? =
            bedroomAfter.match(in: text, startingAt: unitStart, limit: 30).map { (.bedroom, $0) }
            ?? bathroomAfter.match(in: text, startingAt: unitStart, limit: 40).map { (.bathroom, $0) }
        let labels = labelsComeFirst ? anyLabelBefore : ownLabelBefore
        let before = [Kind.bedroom, .bathroom].first {
            labels[$0]!.matchesBefore(token.range.location, in: text)
                || labelAfterFloor[$0]!.matchesRightBefore(token.range.location, in: text, limit: 40)
        }
        guard let (afterKind, afterMatch) = after else { return before.map { ($0, true) } }
        if let before, numberFollows.match(in: text, startingAt: afterMatch.end, limit: 4) != nil {
            return (before, true)
        }
        // "ห้องนอน 1 ห้องน้ำในตัว": a label of its own before the number (none of another number's)
        // outranks an en-suite word after it.
        if let before, !labelsComeFirst, enSuiteAfter.match(in: text, startingAt: afterMatch.range.location, limit: 20) != nil {
            return (before, true)
        }
        return (afterKind, false)
    }

    /// Rooms numbered from 1 ("Bedroom 1", "Bedroom 2", "Bedroom 3") are that many; numbers that
    /// do not start at 1 say nothing about the count.
    private static func countOfNumbered(_ numbers: [Int]) -> Int? {
        guard numbers.contains(1), let last = numbers.max(), last <= 12 else { return nil }
        return last
    }

    private static func russianRooms(in text: NSString) -> Int? {
        guard let match = russianRoomCount.firstMatch(in: text) else { return nil }
        if let prefix = match.group(1, in: text) { return roomPrefixes[prefix.lowercased()] }
        return (match.group(2, in: text) ?? match.group(3, in: text)).flatMap { Int($0) }
    }
}
