import Foundation

/// A precompiled, case-insensitive regular expression.
///
/// Rules keep these in `static let`s so each pattern is compiled once per process; the extractor
/// runs on every description and as a cross-check on every model answer.
struct Pattern: Sendable {
    let regex: NSRegularExpression

    /// - Parameter pattern: ICU syntax. Matching is case-insensitive unless the pattern turns it off
    ///   locally with `(?-i:…)`.
    init(_ pattern: String) {
        do {
            regex = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        } catch {
            preconditionFailure("Invalid extractor pattern \(pattern): \(error)")
        }
    }

    /// Builds one alternation out of several pieces, each wrapped in a non-capturing group.
    init(anyOf alternatives: [String], prefix: String = "", suffix: String = "") {
        self.init(prefix + "(?:" + alternatives.map { "(?:\($0))" }.joined(separator: "|") + ")" + suffix)
    }
}

/// The description, normalised once so every rule sees the same UTF-16 offsets.
///
/// Normalisation never changes the length of the text, so a range found in `normalized` is also
/// valid in `original` (used to return place names as the agent spelled them).
struct ListingText {
    let original: NSString
    /// Spaces, dashes, «ё» and Thai digits unified.
    let normalized: NSString
    /// `normalized` with phone numbers and dates overwritten, so that no number rule reads them.
    let masked: NSString

    init(_ text: String) {
        original = text as NSString
        let normalizedString = ListingText.normalize(text)
        normalized = normalizedString as NSString
        masked = NumberParsing.maskNonQuantities(in: normalizedString) as NSString
    }

    var fullRange: NSRange { NSRange(location: 0, length: normalized.length) }

    /// Length-preserving clean-up (every replacement is one UTF-16 unit for one UTF-16 unit).
    private static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            // Non-breaking, thin, figure and narrow spaces: agents paste prices from Word and LINE.
            case 0x00A0, 0x2007, 0x2009, 0x202F: scalars.append(" ")
            // En/em dashes and the minus sign read as a hyphen.
            case 0x2010...0x2015, 0x2212: scalars.append("-")
            case 0x0451: scalars.append("е")  // ё
            case 0x0401: scalars.append("Е")  // Ё
            // Thai digits ๐–๙ → 0–9.
            case 0x0E50...0x0E59: scalars.append(Unicode.Scalar(scalar.value - 0x0E50 + 0x30)!)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

extension Pattern {
    /// All matches in `text`.
    func matches(in text: NSString, range: NSRange? = nil) -> [NSTextCheckingResult] {
        regex.matches(in: text as String, range: range ?? NSRange(location: 0, length: text.length))
    }

    func firstMatch(in text: NSString, range: NSRange? = nil) -> NSTextCheckingResult? {
        regex.firstMatch(in: text as String, range: range ?? NSRange(location: 0, length: text.length))
    }

    /// The match that starts exactly at `location` (looking at most `limit` UTF-16 units ahead).
    func match(in text: NSString, startingAt location: Int, limit: Int = 40) -> NSTextCheckingResult? {
        let length = min(limit, text.length - location)
        guard length > 0 else { return nil }
        return regex.firstMatch(
            in: text as String, options: [.anchored], range: NSRange(location: location, length: length))
    }

    /// Whether the pattern matches somewhere in the `limit` units that end at `location`.
    /// Patterns meant for this usually end with `$` to demand the match touch `location`.
    func matchesBefore(_ location: Int, in text: NSString, limit: Int = 30) -> Bool {
        lastMatch(before: location, in: text, limit: limit) != nil
    }

    /// Like `matchesBefore`, but the match must reach `location` itself: ICU's `$` also matches
    /// before a final line break, so "без торга⏎мебель" would let one line's "без" deny the next.
    func matchesRightBefore(_ location: Int, in text: NSString, limit: Int = 30) -> Bool {
        let start = max(0, location - limit)
        return matches(in: text, range: NSRange(location: start, length: location - start)).contains { $0.end == location }
    }

    /// The last match in the `limit` units that end at `location`.
    func lastMatch(before location: Int, in text: NSString, limit: Int = 30) -> NSTextCheckingResult? {
        let start = max(0, location - limit)
        return matches(in: text, range: NSRange(location: start, length: location - start)).last
    }

    func contains(in text: NSString) -> Bool { firstMatch(in: text) != nil }
}

extension NSTextCheckingResult {
    /// The end of the whole match.
    var end: Int { range.location + range.length }

    /// The text of capture group `index`, or nil when the group did not take part.
    func group(_ index: Int, in text: NSString) -> String? {
        let groupRange = range(at: index)
        guard groupRange.location != NSNotFound else { return nil }
        return text.substring(with: groupRange)
    }
}
