import Foundation

/// Amounts written in words: "twenty-five thousand", "ล้านห้า", "สามหมื่นห้า", «полтора миллиона»,
/// «двадцать пять тысяч». Amounts with a thousand or larger scale are read anywhere: that is how
/// agents write money. Smaller ones only right before an area unit ("ร้อยยี่สิบตารางเมตร", "a
/// hundred square wah", «сто двадцать квадратов»): elsewhere small number words stay what
/// `RoomRules` reads them as (counts).
enum NumberWords {
    // MARK: English

    private static let englishValues: [String: Double] = [
        "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    /// "grand" is how English speakers say a thousand of money ("fifteen grand a month").
    private static let englishScales: [String: Double] = ["hundred": 100, "thousand": 1_000, "grand": 1_000, "million": 1_000_000]
    private static let english = Pattern(
        #"(?<![a-z])(?:(?:"# + (Array(englishValues.keys) + Array(englishScales.keys) + ["and", "half", "point"]).joined(separator: "|")
            + #")(?:[\s-]+|(?=[^a-z])|$))+"#)

    // MARK: Thai

    private static let thaiDigits: [String: Double] = [
        "หนึ่ง": 1, "เอ็ด": 1, "สอง": 2, "ยี่": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9,
    ]
    private static let thaiScales: [String: Double] = [
        "สิบ": 10, "ร้อย": 100, "พัน": 1_000, "หมื่น": 10_000, "แสน": 100_000, "ล้าน": 1_000_000,
    ]
    /// "ล้านครึ่ง" (a million and a half): half of the scale before it.
    private static let thaiHalf = "ครึ่ง"
    private static let thai = Pattern(
        "(?:" + (Array(thaiDigits.keys) + Array(thaiScales.keys) + [thaiHalf]).sorted { $0.count > $1.count }.joined(separator: "|") + ")+")

    // MARK: Russian

    private static let russianValues: [String: Double] = [
        "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
        "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "пятнадцать": 15,
        "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
        "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300, "четыреста": 400,
        "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
        "полтора": 1.5, "полторы": 1.5,
    ]
    private static let russianScale = #"тысяч[а-я]*|миллион[а-я]*|млн\.?"#
    private static let russian = Pattern(
        #"(?<![а-я])(?:(?:"# + russianValues.keys.sorted { $0.count > $1.count }.joined(separator: "|") + #")\s+)*(?:с\s+половиной\s+)?(?:"#
            + russianScale + #")|(?<![а-я])пол\s?-?(?:миллиона|млн)"#)

    /// Small counts in Russian: only read before an area unit (the scale-less part of `russian`).
    private static let russianCount = Pattern(
        #"(?<![а-я])(?:"# + russianValues.keys.sorted { $0.count > $1.count }.joined(separator: "|") + #")(?:\s+(?:"#
            + russianValues.keys.sorted { $0.count > $1.count }.joined(separator: "|") + #"))*(?![а-я])"#)

    /// The start of an area or land unit (`AreaRules` reads which one): square metres, feet and
    /// wah, rai and ngan, «квадратов», «соток».
    private static let areaUnitAhead = Pattern(
        #"\s?(?:ตาราง(?:เมตร|วา)|ตร\.?\s?[มว]|ไร่|งาน|sq(?:uare)?\.?\s?(?:m|ft|feet|wah)|sqm|m2|m²|rai(?![a-z])|ngan(?![a-z])|кв(?:\.|адрат)|м2|м²|сот(?:ок|ки|ка)|метр|ра(?:й|я|ев)(?![а-я]))"#)

    /// Amounts written in words, as number tokens (in `text` offsets): money-sized ones anywhere,
    /// smaller ones right before an area unit.
    static func tokens(in text: NSString) -> [NumberToken] {
        var found: [NumberToken] = []
        for match in english.matches(in: text) {
            // A trailing "a"/"and" belongs to what follows ("fifteen grand a month").
            let written = text.substring(with: match.range)
                .replacingOccurrences(of: #"(?:[\s-]+(?:a|and))+[\s-]*$"#, with: "", options: [.regularExpression, .caseInsensitive])
            let range = NSRange(location: match.range.location, length: (written as NSString).length)
            let words = written.lowercased()
                .split(whereSeparator: { $0 == " " || $0 == "-" || $0.isNewline }).map(String.init)
            if let value = englishValue(words) {
                found.append(token(range, value, in: text, scale: words.contains("million") ? 1_000_000 : 1_000))
            } else if beforeAreaUnit(range, in: text), let value = englishValue(words, small: true) {
                found.append(token(range, value, in: text, scale: 1))
            }
        }
        for match in thai.matches(in: text) where !followsDigits(match.range, in: text) {
            let written = text.substring(with: match.range)
            if let value = thaiValue(written) {
                found.append(token(match.range, value, in: text, scale: value >= 1_000_000 ? 1_000_000 : 1_000))
            } else if beforeAreaUnit(match.range, in: text), let value = thaiValue(written, small: true) {
                found.append(token(match.range, value, in: text, scale: 1))
            }
        }
        for match in russian.matches(in: text) {
            let written = text.substring(with: match.range).lowercased()
            if let value = russianValue(written) {
                found.append(token(match.range, value, in: text, scale: written.contains("тысяч") ? 1_000 : 1_000_000))
            }
        }
        for match in russianCount.matches(in: text) where beforeAreaUnit(match.range, in: text)
            && !found.contains(where: { NSIntersectionRange($0.range, match.range).length > 0 }) {
            let value = text.substring(with: match.range).lowercased().split(separator: " ").compactMap { russianValues[String($0)] }.reduce(0, +)
            if value > 0 { found.append(token(match.range, value, in: text, scale: 1)) }
        }
        return found.sorted { $0.range.location < $1.range.location }
    }

    private static func beforeAreaUnit(_ range: NSRange, in text: NSString) -> Bool {
        var end = range.location + range.length
        while end > range.location, text.character(at: end - 1) == 0x20 { end -= 1 }
        return areaUnitAhead.match(in: text, startingAt: end, limit: 16) != nil
    }

    /// - Parameter scale: 1 for a small amount read before an area unit: a size, not money.
    private static func token(_ range: NSRange, _ value: Double, in text: NSString, scale: Double) -> NumberToken {
        // Trailing spaces the patterns took belong to the next word.
        var range = range
        while range.length > 0, text.character(at: range.location + range.length - 1) == 0x20 { range.length -= 1 }
        return NumberToken(range: range, value: value, hasMultiplier: scale > 1, multiplierImpliesBaht: false, isBareInteger: false,
                           scale: scale)
    }

    /// "12 ล้าน" is read with its digits; the word after digits is a multiplier, not an amount.
    private static func followsDigits(_ range: NSRange, in text: NSString) -> Bool {
        var index = range.location - 1
        if index >= 0, text.character(at: index) == 0x20 { index -= 1 }
        guard index >= 0 else { return false }
        let character = text.character(at: index)
        return (0x30...0x39).contains(character)
    }

    /// "twenty-five thousand" = 25,000; "one and a half million" = 1,500,000.
    /// - Parameter small: read an amount below a thousand too ("a hundred and twenty").
    private static func englishValue(_ words: [String], small: Bool = false) -> Double? {
        let scaled = words.contains(where: { $0 == "thousand" || $0 == "grand" || $0 == "million" })
        guard scaled || (small && words.contains(where: { englishValues[$0] != nil && $0 != "a" || $0 == "hundred" })) else { return nil }
        // "a grand villa" is no amount: "grand" counts only after a number ("fifteen grand").
        if words.contains("grand"), !words.contains(where: { englishValues[$0] != nil && $0 != "a" }) { return nil }
        var total = 0.0, current = 0.0, sawNumber = false
        var index = 0
        while index < words.count {
            let word = words[index]
            if word == "point" {
                // "three point two million": digits after "point" are decimals of the count.
                var place = 0.1
                index += 1
                while index < words.count, let digit = englishValues[words[index]], digit < 10 {
                    current += digit * place
                    place /= 10
                    index += 1
                }
                continue
            }
            if word == "and" {
                // "one and a half million": the half joins the count before the scale.
                if index + 2 < words.count, words[index + 1] == "a", words[index + 2] == "half" {
                    current += 0.5
                    index += 3
                    continue
                }
            } else if word == "half" {
                current += 0.5
            } else if word == "a" && index > 0 && words[index - 1] == "half" {
                // "half a million"
            } else if let value = englishValues[word] {
                current += value
                sawNumber = true
            } else if word == "hundred" {
                current = max(current, 1) * 100
            } else if let scale = englishScales[word] {
                total += max(current, 1) * scale
                current = 0
            }
            index += 1
        }
        guard sawNumber else { return nil }
        return total + current
    }

    /// Thai counts by scale words, and speech drops the last scale: "สามหมื่นห้า" is 35,000 and
    /// "ล้านห้า" 1,500,000 (a lone digit after a scale counts in the next scale down).
    /// - Parameter small: read an amount below a thousand too ("ร้อยยี่สิบ", "ห้าสิบ", "ร้อย").
    private static func thaiValue(_ written: String, small: Bool = false) -> Double? {
        var parts: [String] = []
        var rest = Substring(written)
        let names = (Array(thaiDigits.keys) + Array(thaiScales.keys) + [thaiHalf]).sorted { $0.count > $1.count }
        while !rest.isEmpty {
            guard let name = names.first(where: { rest.hasPrefix($0) }) else { return nil }
            parts.append(name)
            rest = rest.dropFirst(name.count)
        }
        // A digit word, or a count that opens with ten or a hundred ("สิบล้าน"), makes it an amount;
        // a scale word alone is often part of another word ("แสนสบาย", "พันธุ์").
        // Before an area unit a lone "ร้อย" (a hundred) or "สิบ" (ten) is an amount too.
        let counts = parts.contains { thaiDigits[$0] != nil } || ((parts.count >= 2 || small) && ["สิบ", "ร้อย"].contains(parts[0]))
            || (parts.count >= 2 && parts.last == thaiHalf && thaiScales[parts[parts.count - 2]] != nil)
        guard counts, small || parts.contains(where: { (thaiScales[$0] ?? 0) >= 1_000 }) else { return nil }
        var millions = 0.0, total = 0.0
        var digit: Double?
        var lastScale: Double?
        for part in parts {
            if part == thaiHalf {
                guard let scale = lastScale else { return nil }
                if scale == 1_000_000 { millions += scale / 2 } else { total += scale / 2 }
                continue
            }
            if let value = thaiDigits[part] {
                digit = value
            } else if let scale = thaiScales[part] {
                if scale == 1_000_000 {
                    millions = (total + (digit ?? (total == 0 ? 1 : 0))) * scale
                    total = 0
                } else {
                    total += (digit ?? 1) * scale
                }
                digit = nil
                lastScale = scale
            }
        }
        if let digit {
            total += lastScale.map { $0 >= 100 ? digit * $0 / 10 : digit } ?? digit
        }
        return millions + total
    }

    /// «двадцать пять тысяч» = 25,000; «полтора миллиона» = 1,500,000; «полмиллиона» = 500,000.
    private static func russianValue(_ written: String) -> Double? {
        if written.hasPrefix("пол") && !written.hasPrefix("полтор") { return 500_000 }
        let words = written.split(separator: " ").map(String.init)
        guard let scaleWord = words.last else { return nil }
        let scale: Double = scaleWord.hasPrefix("тысяч") ? 1_000 : 1_000_000
        // «три с половиной миллиона»: a half more of the scale.
        let half = words.contains("половиной") ? 0.5 : 0
        let whole = words.dropLast().compactMap { russianValues[$0] }.reduce(0, +)
        let count = whole > 0 ? whole + half : 0
        // A scale word alone («тысяча», «миллион») is not an amount an agent writes as a price.
        guard count > 0 else { return nil }
        return count * scale
    }
}
