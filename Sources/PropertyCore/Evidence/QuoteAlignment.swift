import Foundation

/// Where a model's quote is in the agent's words, found the way google/langextract grounds an
/// extraction: exactly; else after normalising both (case, whitespace, Unicode NFC, Thai and
/// Arabic-Indic digits, thousands separators); else fuzzily, above a similarity threshold and
/// only where every digit agrees (so "4 bedrooms" is never found in "3 bedrooms"). Offsets count
/// Unicode scalars (Python's string indices) in the source's NFC form.
public struct QuoteAlignment: Codable, Sendable, Equatable {
    public enum Match: String, Codable, Sendable {
        case exact, normalized, fuzzy
    }

    public var match: Match
    public var start: Int
    public var end: Int

    public init(match: Match, start: Int, end: Int) {
        self.match = match
        self.start = start
        self.end = end
    }

    /// The fuzzy match's least similarity (1 − edit distance ÷ length).
    public static let fuzzyThreshold = 0.85

    public static func locate(_ quote: String, in source: String) -> QuoteAlignment? {
        let quote = quote.precomposedStringWithCanonicalMapping
        let source = source.precomposedStringWithCanonicalMapping
        guard !quote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let sourceScalars = Array(source.unicodeScalars)
        let quoteScalars = Array(quote.unicodeScalars)
        if let start = firstIndex(of: quoteScalars, in: sourceScalars, whole: true) {
            return QuoteAlignment(match: .exact, start: start, end: start + quoteScalars.count)
        }
        let (normalSource, origin) = normalize(sourceScalars)
        let (normalQuote, _) = normalize(quoteScalars)
        guard !normalQuote.isEmpty else { return nil }
        if let start = firstIndex(of: normalQuote, in: normalSource, whole: true) {
            return QuoteAlignment(match: .normalized, start: origin[start], end: origin[start + normalQuote.count - 1] + 1)
        }
        // Short quotes only: a fuzzy search costs the window count times the quote's length squared.
        guard normalQuote.count >= 4, normalQuote.count <= 60 else { return nil }
        return fuzzy(normalQuote, in: normalSource, origin: origin)
    }

    /// - Parameter whole: only a place that does not cut a word or a number in two ("rent" is
    ///   not in "rented", "3" not in "13").
    private static func firstIndex(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], whole: Bool = false) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle),
               !whole || keepsWordsWhole(haystack, index, index + needle.count) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// True unless the span starts or ends inside a Latin or Cyrillic word or a number. Thai is
    /// written without spaces between words, so a Thai letter at an edge is a boundary.
    static func keepsWordsWhole(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x0400...0x04FF: true
            default: false
            }
        }
        if start > 0, isWordScalar(scalars[start - 1]), isWordScalar(scalars[start]) { return false }
        if end < scalars.count, end > 0, isWordScalar(scalars[end]), isWordScalar(scalars[end - 1]) { return false }
        return true
    }

    /// Lower case, one space for any run of whitespace, ASCII digits for Thai and Arabic-Indic
    /// ones, no thousands separators between digits ("1,200,000", "1 200 000", "1'200"). Returns
    /// the normalised scalars and, for each, the index of the scalar it came from.
    static func normalize(_ scalars: [Unicode.Scalar]) -> (scalars: [Unicode.Scalar], origin: [Int]) {
        var out: [Unicode.Scalar] = []
        var origin: [Int] = []
        func isDigit(_ scalar: Unicode.Scalar?) -> Bool { scalar.map { asciiDigit($0) != nil } ?? false }
        for (index, scalar) in scalars.enumerated() {
            if let digit = asciiDigit(scalar) {
                out.append(digit)
                origin.append(index)
                continue
            }
            if [",", "'", "\u{00A0}", "\u{202F}", "\u{2009}", " "].contains(scalar),
               isDigit(out.last), index + 1 < scalars.count, isDigit(scalars[index + 1]) {
                continue  // a thousands separator
            }
            if scalar.properties.isWhitespace {
                if out.last != " " && !out.isEmpty {
                    out.append(" ")
                    origin.append(index)
                }
                continue
            }
            for lowered in String(scalar).lowercased().unicodeScalars {
                out.append(lowered)
                origin.append(index)
            }
        }
        if out.last == " " {
            out.removeLast()
            origin.removeLast()
        }
        return (out, origin)
    }

    private static func asciiDigit(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x30...0x39: scalar
        case 0x0E50...0x0E59: Unicode.Scalar(0x30 + scalar.value - 0x0E50)
        case 0x0660...0x0669: Unicode.Scalar(0x30 + scalar.value - 0x0660)
        case 0x06F0...0x06F9: Unicode.Scalar(0x30 + scalar.value - 0x06F0)
        default: nil
        }
    }

    /// The most similar window of about the quote's length whose digits are the quote's digits.
    private static func fuzzy(_ quote: [Unicode.Scalar], in source: [Unicode.Scalar], origin: [Int]) -> QuoteAlignment? {
        let digits = quote.filter { ("0"..."9").contains($0) }
        var best: (score: Double, start: Int, end: Int)?
        for length in max(1, quote.count - 2)...(quote.count + 2) where length <= source.count {
            for start in 0...(source.count - length) {
                // A window that neither starts nor ends like the quote is not worth an edit distance.
                guard source[start] == quote[0] || source[start + length - 1] == quote[quote.count - 1],
                      keepsWordsWhole(source, start, start + length) else { continue }
                let window = source[start..<(start + length)]
                guard window.filter({ ("0"..."9").contains($0) }) == digits else { continue }
                let distance = editDistance(quote, Array(window))
                let score = 1 - Double(distance) / Double(max(quote.count, length))
                if score >= fuzzyThreshold, score > (best?.score ?? 0) { best = (score, start, start + length) }
            }
        }
        guard let best else { return nil }
        return QuoteAlignment(match: .fuzzy, start: origin[best.start], end: origin[best.end - 1] + 1)
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension String {
    /// The text between two Unicode-scalar offsets of this string's NFC form.
    public func scalarSlice(_ start: Int, _ end: Int) -> String {
        let scalars = Array(precomposedStringWithCanonicalMapping.unicodeScalars)
        guard start >= 0, end <= scalars.count, start < end else { return "" }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<end])
        return text
    }
}
