import Foundation

/// The asking price, its currency and its period.
///
/// Every number gets a score from what surrounds it: a currency, a period ("/month", "ต่อเดือน",
/// «в месяц»), a multiplier ("80k", "2.5M", «млн», "ล้าน") and a price word ("Price", "ราคา",
/// «цена») raise it; a deposit, a per-m² rate, an old price ("from 22M to …") rule it out or
/// lower it. Numbers with none of these signals (counts, floors, minutes) are never prices. The
/// highest score wins; on a tie the first, since agents lead with the headline price.
enum PriceRules {
    struct Result {
        var price: Double?
        var currency: String?
        var period: PricePeriod?
        /// The same price converted for the reader ("USD 350,000 (≈ 12.25 M THB)"): kept, never the asking price.
        var approximation: (price: Double, currency: String)?
        /// True when the chosen price carries a period — the strongest hint of a rental.
        var hasPeriod: Bool { period != nil }
    }

    private struct Candidate {
        let token: NumberToken
        var currency: String?
        var period: PricePeriod?
        var score: Int
        /// Written as a conversion of another price ("approx.", "≈", «примерно», "ประมาณ", or in brackets).
        var isApproximation = false
    }

    // MARK: Currency

    private static let currencyAfter = Pattern(
        #"(\.-(?![\d-]))|\s?-?\s?(thb|baht|bht|บาท|บ\.|бат(?:а|ов)?(?![а-я])|฿|usd|us\$|\$|dollars?|долл[а-я]*\.?|eur(?:os?)?(?![a-z])|€|евро|rub(?:les?)?(?![a-z])|руб[а-я]*\.?|₽|gbp|£|фунт[а-я]*|cny|rmb|yuan|renminbi|¥|元|หยวน|юан[а-я]*|ยูโร|ดอลลาร์(?:สหรัฐ)?|รูเบิล|ปอนด์)"#
    )
    private static let currencyBefore = Pattern(#"(thb|baht|usd|us\$|\$|eur|€|£|฿|₽|rub|gbp|cny|rmb|¥)\s?$"#)

    /// Maps what the agent wrote to ISO 4217.
    private static func isoCode(for written: String) -> String? {
        let word = written.lowercased()
        let table: [(String, [String])] = [
            ("THB", ["฿", "thb", "baht", "bht", "บาท", "บ.", "бат"]),
            ("USD", ["$", "usd", "dollar", "долл", "ดอลลาร์"]),
            ("EUR", ["€", "eur", "евро", "ยูโร"]),
            ("RUB", ["₽", "rub", "руб", "รูเบิล"]),
            ("GBP", ["£", "gbp", "фунт", "ปอนด์"]),
            // Thai listings for Chinese buyers ask in yuan: ¥ here is the yuan, not the yen.
            ("CNY", ["¥", "元", "cny", "rmb", "yuan", "renminbi", "หยวน", "юан"]),
        ]
        return table.first { _, spellings in spellings.contains { word.hasPrefix($0) || word == $0 } }?.0
    }

    // MARK: Period

    private static let periodWords: [(PricePeriod, String)] = [
        (.month, #"months?|mo|mth|mnth|m(?![²2])|เดือน|ด\.|мес[а-я]*\.?"#),
        (.year, #"years?|yr|annum|ปี|год[а-я]*"#),
        (.week, #"weeks?|wk|สัปดาห์|อาทิตย์|недел[а-я]*"#),
        (.night, #"nights?|คืน|ноч[а-я]*"#),
        (.day, #"days?|วัน|день|дн\.|сутки"#),
    ]
    /// "/month", "per year", "a week", "ต่อเดือน", «в месяц», «за ночь». A bare "2 months" is a
    /// duration (a deposit, a contract), so the connector is required.
    private static let periodAfter: [(PricePeriod, Pattern)] = periodWords.map { period, words in
        // "คืนละ 1,500 บาท / อาทิตย์ละ 9,000": "X-ละ" opens the next amount's period.
        (period, Pattern(#"\s*(?:/|per\s|a\s|an\s|ต่อ\s?|в\s|за\s)\s*(?:"# + words + #")(?![a-zа-я])(?!ละ)"#))
    }
    /// Right after a currency the connector may be left out: "8500THB month", "15,000 บาท เดือน".
    /// Not before a number: "5 ล้านบาท ปี 2563" names a year, not a yearly price.
    private static let periodAfterCurrency: [(PricePeriod, Pattern)] = periodWords.map { period, words in
        (period, Pattern(#"\s?(?:"# + words + #")(?![a-zа-я])(?!\s?\d)"#))
    }
    /// Not before a number: "สัปดาห์ละ 9,000 บาท รายเดือน 28,000" gives the next amount its period.
    private static let periodAdverbs: [(PricePeriod, Pattern)] = [
        (.month, #"monthly|p/m|p\.m\.|pcm|รายเดือน|ежемесячно"#),
        (.year, #"yearly|annually|p/a|p\.a\.|รายปี|ежегодно"#),
        (.week, #"weekly|p/w|pw(?![a-z])|รายสัปดาห์|еженедельно"#),
        (.night, #"nightly|p/n|รายคืน"#),
        (.day, #"daily|รายวัน|посуточно"#),
    ].map { period, words in (period, Pattern(#"\s*(?:"# + words + #")(?!\s*[:=-]?\s*\d)"#)) }
    /// The period written before the amount: "เดือนละ 30,000", "คืนละ 12,000 บาท",
    /// "Monthly rent 11,000", "Rent per month: 30,000", «в месяц — 45 000».
    private static let periodBefore: [(PricePeriod, Pattern)] = [
        (.month, #"เดือนละ|(?:ค่าเช่า)?รายเดือน|monthly(?:\s+rent(?:al)?)?|(?:rent\s+)?per\s+month|ежемесячн[а-я]*(?:\s+аренд[а-я]*)?|(?:в|за)\s+месяц"#),
        (.year, #"ปีละ|(?:ค่าเช่า)?รายปี|(?:yearly|annual)(?:\s+rent(?:al)?)?|(?:rent\s+)?per\s+year|(?:в|за)\s+год|годов[а-я]*(?:\s+аренд[а-я]*)?"#),
        (.week, #"(?:สัปดาห์|อาทิตย์)ละ|weekly(?:\s+rent(?:al)?)?|(?:rent\s+)?per\s+week|(?:в|за)\s+неделю"#),
        (.night, #"คืนละ|(?:rate\s+)?per\s+night|nightly(?:\s+rate)?|за\s+ночь"#),
        (.day, #"วันละ|(?:rate\s+)?per\s+day|daily(?:\s+rate)?|(?:в|за)\s+сутки|посуточно"#),
    ].map { period, words in (period, Pattern("(?:" + words + #")\s*[:=-]?\s*$"#)) }

    // MARK: Context

    private static let priceWordBefore = Pattern(
        #"(?:price|asking|rent|rental|for|only|total|selling|sell(?:ing)?\s+(?:at|for)|цена|стоимость|аренда|продажа|за|итого|всего|ราคา|ค่าเช่า|ราคาเช่า|ขาย|เช่า|ลดเหลือ)\s*[:=-]?\s*$"#)
    /// A rate, not the price: "750 THB/sqm", "1.5M per rai", "ไร่ละ 1.5 ล้าน".
    private static let rateAfter = Pattern(#"\s*(?:/|per\s|ต่อ\s?|за\s)\s*(?:sq|m2|m²|ตร|кв|м2|м²|rai|ไร่|ตารางวา|сотк|ва(?![а-я])|ра[йяю](?![а-я]))"#)
    /// The agent withholds the price: any other money in the text (a rental income, a fee) is not it.
    private static let priceOnRequest = Pattern(
        #"price\s*(?::|-)?\s*(?:on|upon)\s+request|(?<![a-z])poa(?![a-z])|contact\s+(?:us\s+)?for\s+(?:the\s+)?price|ราคาสอบถาม|สอบถามราคา|цен[аы]\s+по\s+запросу|стоимость\s+по\s+запросу"#)
    private static let rateBefore = Pattern(
        #"(?:ไร่ละ|ตร\.?\s?ว\.?ละ|ตารางวาละ|ตร\.?\s?ม\.?ละ|per\s+(?:rai|sqm|sq\.?\s?(?:m|wah))|за\s+(?:кв\.?\s?(?:м|ва)|м²|м2|сотку|рай|нган))\.?\s*[:=-]?\s*$"#)
    /// Money that is not the asking price: deposits, fees, utilities.
    private static let otherMoneyBefore = Pattern(
        #"(?:deposit|advance|commission|common\s+fee|maintenance|(?<![a-z])hoa(?![a-z])|sinking\s+fund|key\s+money|депозит|залог|комисси[а-я]*|обслуживани[а-я]*|взнос[а-я]*|มัดจำ|ค่าประกัน|ค่าส่วนกลาง|ค่าบำรุง|ค่าไฟ|ค่าน้ำ|ค่าโอน)[^\d#]{0,12}$"#)
    /// English may name the deposit after its amount ("70,000 THB deposit"); Thai and Russian
    /// put the label first («депозит 2 месяца», "มัดจำ 2 เดือน"), which is caught before.
    private static let otherMoneyAfter = Pattern(#"\s*(?:\(|-|as\s+)?\s*(?:security\s+)?deposit"#)
    /// The old price in "reduced from 22M to 19.5M", "จาก 3.5 ล้าน ลดเหลือ 2.99 ล้าน", «было 5 млн».
    private static let oldPriceBefore = Pattern(
        #"(?:from|was|old\s+price|จาก|เดิม|было|вместо|старая\s+цена)\s*(?:price|ราคา|цены)?\s*[:=-]?\s*$"#)

    /// "approx. 12,250,000 THB", "(~12.2M THB)", "≈ 35 000 $", "ประมาณ 12 ล้านบาท", «примерно 12 млн бат».
    private static let approximationBefore = Pattern(
        #"(?:approx(?:imately|\.)?|about|around|circa|roughly|equivalent(?:\s+to)?|~|≈|ประมาณ|ราว(?:ๆ)?|примерно|около|приблизительно|выходит|получается|≈)\s*[:=]?\s*(?:thb|฿|usd|us\$|\$|eur|€|rub|₽|gbp|£)?\s?$"#)

    static func extract(
        from text: ListingText, tokens: [NumberToken], skipping claimed: Set<Int>, listingType: ListingType?
    ) -> Result {
        let source = text.masked
        if priceOnRequest.contains(in: source) { return Result() }
        var candidates: [Candidate] = []
        for (index, token) in tokens.enumerated() where !claimed.contains(index) {
            let unitStart = NumberParsing.unitSearchStart(for: index, in: tokens, text: source)
            if let candidate = candidate(for: token, unitStart: unitStart, in: source, listingType: listingType) {
                candidates.append(candidate)
            }
        }
        // A bracketed amount in another currency right after a price is that price converted.
        for index in candidates.indices.dropFirst() {
            let previous = candidates[index - 1]
            let gapStart = previous.token.end
            let gap = source.substring(with: NSRange(location: gapStart, length: candidates[index].token.range.location - gapStart))
            if gap.count <= 16, gap.contains("("), candidates[index].currency != nil,
               candidates[index].currency != previous.currency {
                candidates[index].isApproximation = true
            }
        }
        for index in candidates.indices where candidates[index].isApproximation { candidates[index].score -= 4 }
        // "длительно 14 500 в мес., посуточно 900 бат": when the text prices in one currency only,
        // a rate with a period and no currency of its own is in it too. Implied counts a little
        // less than written, so of two such rates the first still wins a tie ("900 THB per day
        // (monthly 18,000 also possible)" asks 900 a day).
        let currencies = Set(candidates.compactMap(\.currency))
        if currencies.count == 1 {
            for index in candidates.indices where candidates[index].currency == nil && candidates[index].period != nil {
                candidates[index].score += 2
            }
        }
        // Highest score; on a tie the earlier one stays.
        var best: Candidate?
        for candidate in candidates where candidate.score > (best?.score ?? .min) {
            best = candidate
        }
        guard let best else { return Result() }
        // "35,000/month … deposit 70,000 THB": the text's currency applies to the bare price too.
        let currency = best.currency ?? candidates.lazy.filter { !$0.isApproximation }.compactMap(\.currency).first
        let approximation = candidates.first { $0.isApproximation && $0.currency != nil && $0.currency != currency }
        return Result(
            price: best.token.value, currency: currency, period: listingType == .sale ? nil : best.period,
            approximation: approximation.map { ($0.token.value, $0.currency!) })
    }

    /// - Parameter unitStart: where the words about this number start (after a range's last number).
    private static func candidate(
        for token: NumberToken, unitStart: Int, in source: NSString, listingType: ListingType?
    ) -> Candidate? {
        let start = token.range.location
        if otherMoneyBefore.matchesBefore(start, in: source, limit: 40) || rateBefore.matchesBefore(start, in: source) {
            return nil
        }
        var position = unitStart
        var currency: String? = token.multiplierImpliesBaht ? "THB" : nil
        if let match = currencyAfter.match(in: source, startingAt: position, limit: 12) {
            // "5,500.-" is how Thai price tags write baht.
            currency = match.group(1, in: source) != nil ? "THB" : isoCode(for: match.group(2, in: source) ?? "")
            position = match.end
        } else if let match = currencyBefore.lastMatch(before: start, in: source, limit: 6) {
            currency = isoCode(for: match.group(1, in: source) ?? "")
        }
        if rateAfter.match(in: source, startingAt: position) != nil
            || otherMoneyAfter.match(in: source, startingAt: position, limit: 20) != nil
        {
            return nil
        }
        let period = periodAfter.first { $0.1.match(in: source, startingAt: position) != nil }?.0
            ?? (currency == nil ? nil : periodAfterCurrency.first {
                $0.1.match(in: source, startingAt: position, limit: 12) != nil
            }?.0)
            ?? periodAdverbs.first { $0.1.match(in: source, startingAt: position, limit: 16) != nil }?.0
            ?? periodBefore.first { $0.1.matchesBefore(start, in: source, limit: 30) }?.0
        let hasPriceWord = priceWordBefore.matchesBefore(start, in: source, limit: 24)

        // A number must look like money before it can compete.
        guard currency != nil || period != nil || token.hasMultiplier || hasPriceWord else { return nil }
        if currency == nil && (token.looksLikeYear || token.value < 100) { return nil }

        var score = 0
        if currency != nil { score += 3 }
        switch (listingType, period) {
        case (.sale, _?): score -= 4  // the rental option of a sale listing
        case (.rent, nil): score -= 3  // a sale price or a fee in a rental listing
        case (_, _?): score += 3
        default: break
        }
        if token.hasMultiplier { score += token.value >= 1_000_000 ? 2 : 1 }
        // A price word vouches for a bare number ("Price 35000"); it must not lift a later
        // "rental 70,000 THB/month" over the headline "60,000 THB per month".
        if hasPriceWord && currency == nil && period == nil { score += 2 }
        if token.value >= 1_000 { score += 1 }
        if oldPriceBefore.matchesBefore(start, in: source, limit: 16) { score -= 3 }
        return Candidate(token: token, currency: currency, period: period, score: score,
                         isApproximation: approximationBefore.matchesBefore(start, in: source, limit: 24))
    }
}
