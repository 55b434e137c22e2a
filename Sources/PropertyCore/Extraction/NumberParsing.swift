import Foundation

/// One number as the agent wrote it, with any multiplier ("80k", "2.5M", "3,5 млн", "12 ล้าน").
struct NumberToken {
    /// Digits plus multiplier word, in `ListingText` offsets.
    let range: NSRange
    /// The value with the multiplier applied.
    let value: Double
    /// True for "k", "M", "млн", "ล้าน" …: written like money, never like a count or an area.
    let hasMultiplier: Bool
    /// "MB" and "ลบ." are Thai agents' shorthand for million baht, so they name the currency too.
    let multiplierImpliesBaht: Bool
    /// Digits only, no separators or multiplier — the shape of a year, a floor, a count.
    let isBareInteger: Bool
    /// The multiplier's scale (1,000 for "k", 1,000,000 for "ล้าน"); 1 without one.
    var scale: Double = 1

    var end: Int { range.location + range.length }

    /// 1950–2100 written without separators reads as a year ("built 2019"), not as an amount.
    var looksLikeYear: Bool { isBareInteger && (1950...2100).contains(value) }
}

enum NumberParsing {
    /// A number with optional thousands groups ("80,000", "45 000", "1.500.000") and decimals
    /// ("8.9", "10,2"). A space only groups thousands when every group has exactly three digits.
    private static let number = Pattern(
        #"(?<!\d[.,])(?<!\d)(?:\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,}|(?: \d{3})+)(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?)"#
    )

    /// A multiplier right after a number. Lower-case "m" after a number is metres ("800m to the
    /// beach"), so only capital "M", or "m" directly before a currency, means million.
    private static let multiplier = Pattern(
        #" ?((?:k|к)(?![a-zа-я])|тыс[а-я]*\.?|млн\.?|миллион[а-я]*|(?:mln|million|mil)(?![a-z])|thousand(?![a-z])|grand(?![a-z])|ล้าน|ล\.(?![ก-๙])|лям(?:а|ов)?(?![а-я])|แสน|หมื่น|พัน|(?-i:MB)(?![a-z])|ลบ\.?|(?-i:M)(?![a-zA-Z²2])|m(?= ?(?:thb|baht|usd|eur|฿|\$|€|บาท|бат)))"#
    )

    private static let currencySignBefore = Pattern(#"[€$£฿¥]\s?$"#)
    private static let millionAfterSign = Pattern(#" ?(m|mn)(?![a-zа-я²2])"#)

    // Phones and dates are numbers, but never prices, areas or counts; overwriting them first is
    // simpler and safer than teaching every rule to step around them.
    private static let nonQuantities = Pattern(anyOf: [
        // Thai numbers: 081-234-5678, 089 765 4321, 0812345678, 02-123-4567.
        #"(?<![\d.,])0\d{1,2}[-. ]?\d{3}[-. ]?\d{3,4}(?!\d)"#,
        // International: +66 81 555 1234, +7 (999) 123-45-67.
        #"\+\d{1,3}(?:[-. ]?\(?\d{1,4}\)?){2,4}(?!\d)"#,
        // Russian domestic: 8 (999) 123-45-67.
        #"(?<!\d)[78] ?\(\d{3}\) ?\d{3}[- ]?\d{2}[- ]?\d{2}(?!\d)"#,
        // Dates 01/12/2024, 15.03.25, 2024-12-01, and times 9:00. "2-0-50 ไร่" is a land size.
        #"(?<![\d.,])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\d])(?!\s?(?:ไร่|rai|ра[йяю]))"#,
        #"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)"#,
        #"(?<!\d)\d{1,2}:\d{2}(?!\d)"#,
        // Ratios like "50/50" (transfer fees) and "24/7".
        #"(?<![\d.,])\d{1,3}/\d{1,3}(?![\d.,])"#,
    ])

    /// Replaces phone numbers, dates, times and ratios with "#", keeping the length.
    static func maskNonQuantities(in text: String) -> String {
        let nsText = text as NSString
        let matches = nonQuantities.matches(in: nsText)
        guard !matches.isEmpty else { return text }
        let masked = NSMutableString(string: text)
        for match in matches {
            masked.replaceCharacters(in: match.range, with: String(repeating: "#", count: match.range.length))
        }
        return masked as String
    }

    /// Every number in `text` (which should be `ListingText.masked`), in order: digits, and
    /// money-sized amounts written in words.
    static func tokens(in text: NSString) -> [NumberToken] {
        let digits = digitTokens(in: text)
        let words = NumberWords.tokens(in: text).filter { word in
            !digits.contains { NSIntersectionRange($0.range, word.range).length > 0 }
        }
        return joinScales((digits + words).sorted { $0.range.location < $1.range.location }, in: text)
    }

    /// "2 ล้าน 6 แสน", "2 million 950 thousand", «2 миллиона 500 тысяч»: a larger scale followed by
    /// a smaller one is one amount (2,600,000), as agents say it.
    private static let scaleJoiner = Pattern(#"^(?:\s|,|and|и|กับ)*$"#)

    static func joinScales(_ tokens: [NumberToken], in text: NSString) -> [NumberToken] {
        var joined: [NumberToken] = []
        for token in tokens {
            if let last = joined.last, last.scale >= 10_000, token.scale >= 1_000, token.scale < last.scale,
               token.value < last.scale, token.range.location >= last.end,
               token.range.location - last.end <= 6,
               scaleJoiner.contains(in: text.substring(with: NSRange(location: last.end, length: token.range.location - last.end)) as NSString) {
                joined[joined.count - 1] = NumberToken(
                    range: NSRange(location: last.range.location, length: token.end - last.range.location), value: last.value + token.value,
                    hasMultiplier: true, multiplierImpliesBaht: last.multiplierImpliesBaht || token.multiplierImpliesBaht,
                    isBareInteger: false, scale: token.scale)
                continue
            }
            joined.append(token)
        }
        return joined
    }

    private static func digitTokens(in text: NSString) -> [NumberToken] {
        number.matches(in: text).compactMap { match in
            let digits = text.substring(with: match.range)
            var range = match.range
            var factor = 1.0
            var impliesBaht = false
            // "€1.45m", "$2m": after a currency sign a lower-case "m" is a million, not metres.
            let word = multiplier.match(in: text, startingAt: match.end, limit: 12)
                ?? (currencySignBefore.matchesRightBefore(match.range.location, in: text, limit: 6)
                    ? millionAfterSign.match(in: text, startingAt: match.end, limit: 4) : nil)
            guard let base = parseNumber(digits, dotMayGroupThousands: word == nil) else { return nil }
            if let word {
                let multiplierText = text.substring(with: word.range(at: 1))
                factor = multiplierValue(multiplierText)
                impliesBaht = multiplierText == "MB" || multiplierText.hasPrefix("ลบ")
                range.length = word.end - range.location
            }
            return NumberToken(
                range: range, value: base * factor, hasMultiplier: factor != 1,
                multiplierImpliesBaht: impliesBaht,
                isBareInteger: factor == 1 && digits.allSatisfy(\.isASCIIDigit), scale: factor)
        }
    }

    /// "from 3 to 5 bedrooms", "3-5 bedrooms", «от 250 до 450 м²», "5+1 спален": the unit stands after the last
    /// number of a range. Returns where the words describing `tokens[index]` start, so that the
    /// first number of a range gets the unit too (a careful reader quotes the lower bound).
    static func unitSearchStart(for index: Int, in tokens: [NumberToken], text: NSString) -> Int {
        var current = index
        while current + 1 < tokens.count {
            let gapStart = tokens[current].end
            let gapLength = tokens[current + 1].range.location - gapStart
            guard gapLength <= 6,
                rangeConnector.match(in: text, startingAt: gapStart, limit: gapLength)?.range.length == gapLength
            else { break }
            current += 1
        }
        return tokens[current].end
    }

    /// "3-5", "3 to 5", «от 3 до 5», "3 ถึง 5", and "5+1" (five plus a maid's room or office).
    private static let rangeConnector = Pattern(#"\s?(?:-|~|\+|to|до|ถึง)\s?"#)

    /// Reads "80,000", "45 000", "1.500.000", "8.9", "10,2", "1,234.50" as written.
    /// - Parameter dotMayGroupThousands: read "25.000" as 25000, as Europeans write it. Off before
    ///   a multiplier, where "3.990 ล้าน" is 3.99 million.
    static func parseNumber(_ written: String, dotMayGroupThousands: Bool = false) -> Double? {
        var digits = written.replacingOccurrences(of: " ", with: "")
        let commas = digits.filter { $0 == "," }.count
        let dots = digits.filter { $0 == "." }.count
        if commas > 0 && dots > 0 {
            // Both present: whichever comes last is the decimal separator.
            let decimalIsComma = digits.lastIndex(of: ",")! > digits.lastIndex(of: ".")!
            digits = digits.replacingOccurrences(of: decimalIsComma ? "." : ",", with: "")
            digits = digits.replacingOccurrences(of: ",", with: ".")
        } else if commas > 0 {
            // "80,000" and "1,200,000" group thousands; "10,2" is Russian for 10.2.
            let groupsThousands = commas > 1 || digits.split(separator: ",").last?.count == 3
            digits = digits.replacingOccurrences(of: ",", with: groupsThousands ? "" : ".")
        } else if dots > 1 || (dotMayGroupThousands && digits.split(separator: ".").last?.count == 3) {
            digits = digits.replacingOccurrences(of: ".", with: "")
        }
        return Double(digits)
    }

    private static func multiplierValue(_ word: String) -> Double {
        switch word.lowercased() {
        case "k", "к", "thousand", "grand": return 1_000
        case "พัน": return 1_000
        case "หมื่น": return 10_000
        case "แสน": return 100_000
        case let word where word.hasPrefix("тыс"): return 1_000
        default: return 1_000_000  // M, MB, m, mil, mln, million, млн, миллион, ล้าน, ลบ.
        }
    }

    // MARK: Number words (small counts only: bedrooms, bathrooms, rooms)

    /// English, Thai and Russian words for 1–10 (Russian also in the case forms used with rooms:
    /// «две спальни», «с одной спальней», «с тремя спальнями»).
    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
        "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5,
        "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9, "สิบ": 10,
        "один": 1, "одна": 1, "одно": 1, "одной": 1, "одним": 1, "два": 2, "две": 2, "двух": 2, "двумя": 2,
        "три": 3, "трех": 3, "тремя": 3, "четыре": 4, "четырех": 4, "четырьмя": 4, "пять": 5, "пяти": 5,
        "пятью": 5, "шесть": 6, "шести": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    ]

    /// An alternation of `numberWords`, longest first so "สี่" never shadows a longer word.
    static let numberWordAlternation: String = numberWords.keys
        .sorted { $0.count > $1.count }
        .joined(separator: "|")

    /// A count written as digits ("3") or as a word ("three", "สาม", "три").
    static func count(_ written: String) -> Int? {
        if let digits = Int(written) { return digits }
        return numberWords[written.lowercased()]
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
