import Foundation

extension LocationRules {
    /// A town or district of the GeoNames table (`geoNames`) as the text writes it, in Latin or
    /// Cyrillic letters: "Muak Lek", "Koh Si Chang", «Сан Па Тонг», «Кхлонг Тоей»; or a place of the
    /// table of areas in a spelling its pattern lacks («Майкао», «Сритану»).
    struct GazetteerPlace {
        /// As written in the text, without a Russian case ending («Бетонге» → «Бетонг»).
        let written: String
        let location: Int
        /// The province's entry in the table of areas (for an area of that table, its region); nil
        /// when the name is a town of two provinces.
        let province: Place?
        /// The entry of the table of areas this spelling is, if any: it is then named as the table names it.
        let known: Place?

    }

    private struct IndexEntry {
        var province: String
        var known: Place?
    }

    /// Names keyed by their sound skeleton (`skeleton(of:)`, words joined), so that the agent's
    /// spelling need not be GeoNames' or the table's: "Sampran", "Sam Phran" and «Сампхран» are one key.
    private static let gazetteerIndex: [String: IndexEntry] = {
        var index: [String: IndexEntry] = [:]
        func key(_ spelling: String) -> String {
            spelling.split(whereSeparator: { $0 == " " || $0 == "-" }).map { skeleton(of: String($0)) }.joined()
        }
        for place in geoNames {
            for spelling in place.spellings {
                let key = key(spelling)
                if let other = index[key], other.province != place.province {
                    index[key]?.province = ""
                } else {
                    index[key] = IndexEntry(province: place.province)
                }
            }
        }
        // The table's own places last: where a spelling is both, the table's name and region win.
        // A name its own pattern does not read alone ("Laguna" without "Phuket") needs its context.
        for place in known {
            for spelling in [place.name, place.russian] where spelling.count >= 4 && place.pattern.contains(in: spelling as NSString) {
                index[key(spelling)] = IndexEntry(province: place.region ?? "", known: place)
            }
        }
        return index
    }()

    private static let gazetteerLongestName = 4
    private static let word = Pattern(#"\p{L}+"#)
    /// A name right before one of these is a road's, a hospital's or a hotel's.
    private static let notPlaceAfter: Set<String> = [
        "road", "rd", "street", "hospital", "school", "university", "hotel", "resort", "mall", "plaza", "tower",
        "residence", "condo", "condominium", "госпиталь", "больница", "отель",
    ]
    private static let cyrillicEndings = ["е", "у", "а", "ом", "ой"]

    /// The first town or district of the table written with capitals, longest name first at each
    /// word. Places the table of areas knows are left to it.
    static func gazetteerPlace(in text: ListingText) -> GazetteerPlace? {
        let source = text.normalized
        let ranges = word.matches(in: source).map(\.range)
        let words = ranges.map { source.substring(with: $0) as String }
        for start in words.indices where words[start].first?.isUppercase == true {
            var best: GazetteerPlace?
            var key = ""
            for end in start..<min(words.count, start + gazetteerLongestName) {
                if end > start {
                    let gap = source.substring(with: NSRange(location: ranges[end - 1].upperBound,
                                                             length: ranges[end].location - ranges[end - 1].upperBound))
                    guard gap == " " || gap == "-", words[end].first?.isUppercase == true else { break }
                }
                let following = end + 1 < words.count ? words[end + 1].lowercased() : ""
                guard !notPlaceAfter.contains(following) else { continue }
                let stem = key
                key += skeleton(of: words[end])
                let isCyrillic = words[end].unicodeScalars.first.map { (0x0400...0x04FF).contains($0.value) } ?? false
                var candidates = [(key, 0)]
                if isCyrillic {
                    for ending in cyrillicEndings where words[end].hasSuffix(ending) && words[end].count > ending.count + 2 {
                        candidates.append((stem + skeleton(of: String(words[end].dropLast(ending.count))), ending.utf16.count))
                    }
                }
                for (candidate, cut) in candidates {
                    guard let entry = gazetteerIndex[candidate] else { continue }
                    let range = NSRange(location: ranges[start].location, length: ranges[end].upperBound - cut - ranges[start].location)
                    let written = text.original.substring(with: range)
                    // "Udon" of "Udon Thani": a longer name the table of areas knows wins.
                    if known.contains(where: { $0.pattern.contains(in: written as NSString) }) {
                        best = nil
                        break
                    }
                    let province = entry.province.isEmpty ? nil : known.first { $0.region == nil && $0.name == entry.province }
                    best = GazetteerPlace(written: written, location: range.location, province: province, known: entry.known)
                    break
                }
            }
            if let best { return best }
        }
        return nil
    }

    /// How a name sounds, whichever letters spell it: Cyrillic turned into Latin, the aspiration
    /// mark of "kh", "ph", "th" dropped (Russian writes it or not), vowels agents spell in several
    /// ways made one ("ae"/«э», "ue"/«ы», "oo"/«у»), doubled letters single, "Koh" as "Ko".
    static func skeleton(of word: String) -> String {
        var latin = ""
        for character in word.lowercased() {
            switch character {
            case "а": latin += "a"
            case "б": latin += "b"
            case "в", "v": latin += "w"
            case "г": latin += "g"
            case "д": latin += "d"
            case "е", "э": latin += "e"
            case "ё": latin += "o"
            case "ж": latin += "j"
            case "з", "с", "z": latin += "s"
            case "и", "й", "y": latin += "i"
            case "к": latin += "k"
            case "л": latin += "l"
            case "м": latin += "m"
            case "н": latin += "n"
            case "о": latin += "o"
            case "п", "ф", "f": latin += "p"
            case "р": latin += "r"
            case "т": latin += "t"
            case "у", "ы": latin += "u"
            case "х": latin += "h"
            case "ц": latin += "ts"
            case "ч": latin += "ch"
            case "ш", "щ": latin += "sh"
            case "ю": latin += "iu"
            case "я": latin += "ia"
            case "ъ", "ь", "'": break
            default: latin.append(character)
            }
        }
        if latin == "koh" { return "ko" }
        for (spelling, sound) in [("dj", "j"), ("oo", "u"), ("ee", "i"), ("ae", "e"), ("ue", "u"), ("oe", "o")] {
            latin = latin.replacingOccurrences(of: spelling, with: sound)
        }
        var result = ""
        for character in latin {
            if character == "h", let last = result.last, "kptcs".contains(last) { continue }
            if character == result.last { continue }
            result.append(character)
        }
        return result
    }
}

extension LocationRules.GazetteerPlace {
    /// "Muak Lek, Saraburi" in the script it was written in; a place of the table of areas as the table names it.
    func named(in region: LocationRules.Place?) -> String {
        if let known {
            return known.region.map { "\(known.name), \($0)" } ?? known.name
        }
        return LocationRules.district(written, in: region)
    }
}
