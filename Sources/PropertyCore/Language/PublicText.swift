import Foundation

/// What of an agent's words may appear on a public listing page.
///
/// Agents write their own phone number, LINE ID, e-mail or a link into descriptions; on the
/// agency's site those would send leads past the agency, and a page's meta description is shown
/// by search engines. So contacts are taken out of every public text unless the operator asks
/// for them (`[site] show_agent_contacts = true`), and the meta description is written per page
/// from that page's language, never the agent's raw text.
public enum PublicText {
    /// The text with phone numbers, LINE IDs, e-mail addresses and URLs taken out (and the
    /// "Tel:" / "LINE:" labels left empty by it), whitespace tidied.
    public static func withoutContacts(_ text: String) -> String {
        var out = text
        for pattern in [url, email, lineID] {
            out = pattern.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: " ")
        }
        out = removingPhones(out)
        out = emptyLabel.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "$1")
        return tidy(out)
    }

    /// A page's meta description: the opening of the description in the page's own language
    /// (contacts out, at most `limit` characters, cut at a sentence or a word), else the title
    /// and the key facts in that language.
    public static func metaDescription(pageDescription: String?, title: String, keyFacts: [String],
                                       showContacts: Bool = false, limit: Int = 160) -> String {
        let text = (pageDescription.map { showContacts ? tidy($0) : withoutContacts($0) }) ?? ""
        if !text.isEmpty { return opening(of: text, limit: limit) }
        return opening(of: ([title] + keyFacts).filter { !$0.isEmpty }.joined(separator: " · "), limit: limit)
    }

    /// The first sentences that fit in `limit` characters; a first sentence longer than that is
    /// cut at the last space (or, in Thai, anywhere) with "…".
    static func opening(of text: String, limit: Int) -> String {
        // One line: a meta tag's content, and a YAML scalar that stays on its line.
        let text = tidy(text.components(separatedBy: .newlines).joined(separator: " "))
        guard text.count > limit else { return text }
        var kept = ""
        for sentence in sentences(text) {
            let candidate = kept.isEmpty ? sentence : kept + " " + sentence
            if candidate.count > limit { break }
            kept = candidate
        }
        if !kept.isEmpty { return kept }
        let head = String(text.prefix(limit - 1))
        if let space = head.lastIndex(of: " "), head.distance(from: head.startIndex, to: space) > limit / 2 {
            return String(head[..<space]).trimmingCharacters(in: .punctuationCharacters.union(.whitespaces)) + "…"
        }
        return head + "…"
    }

    /// Sentences end at ".", "!", "?" (or "。") followed by a space, or at a line break. (Foundation's
    /// sentence enumeration is not available on Linux.)
    static func sentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character?
        for character in text {
            if character.isNewline || (character == " " && previous.map { ".!?。".contains($0) } == true) {
                let sentence = current.trimmingCharacters(in: .whitespaces)
                if !sentence.isEmpty { result.append(sentence) }
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { result.append(last) }
        return result
    }

    static func tidy(_ text: String) -> String {
        var out = text.replacingOccurrences(of: "[ \\t]{2,}", with: " ", options: .regularExpression)
        out = out.replacingOccurrences(of: " +([,.;:!?])", with: "$1", options: .regularExpression)
        out = out.replacingOccurrences(of: "\\(\\s*\\)", with: "", options: .regularExpression)
        out = out.replacingOccurrences(of: " *\\n *", with: "\n", options: .regularExpression)
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: patterns

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // The patterns are constants of this file: a mistake in one is a programming error.
        try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])  // swiftlint:disable:this force_try
    }

    private static let url = regex(#"\b(?:https?://|www\.|line\.me/|lin\.ee/)[^\s<>"]+"#)
    private static let email = regex(#"[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)+"#)
    /// "LINE: somchai.home", "Line ID somchai", "line @agency", "ไลน์ : somchai", "ไอดีไลน์ somchai",
    /// "лайн: somchai". A bare "line" (a coastline, a line of trees) is left alone.
    private static let lineID = regex(
        #"(?:\bline\s*(?:id)?\s*[:：]\s*|\bline\s+id\s+|\bid\s+line\s*[:：]?\s*|\bline\s*(?=@)|(?:ไอดี\s*)?ไลน์\s*(?:ไอดี)?\s*[:：]?\s*|лайн\s*[:：]?\s*)@?[A-Z0-9._-]+"#)
    /// A phone number: 9 to 15 digits with spaces, dots, dashes or brackets between them.
    private static let phoneCandidate = regex(#"\+?\(?\d[\d\s().-]{7,}\d"#)
    /// "Tel:", "Call", "โทร", "Тел.:" with nothing left after them on the line.
    private static let emptyLabel = regex(
        #"(^|[\s,;(])(?:tel\.?|phone|mobile|call|whatsapp|โทร(?:ศัพท์)?|ติดต่อ|тел\.?|телефон|звоните)\s*[:：]?\s*(?=$|[\n,;.)])"#)

    /// Digit runs that are phone numbers, not prices or areas: a `+`, a leading 0 (Thai numbers),
    /// brackets, or a Russian "8 (9xx)…" / "8-9xx-…" shape; 9 to 15 digits.
    private static func removingPhones(_ text: String) -> String {
        let matches = phoneCandidate.matches(in: text, range: NSRange(text.startIndex..., in: text))
        var out = text
        for match in matches.reversed() {
            guard let range = Range(match.range, in: out) else { continue }
            let candidate = out[range].trimmingCharacters(in: .whitespaces)
            let digits = candidate.filter(\.isASCIIDigit)
            guard (9...15).contains(digits.count) else { continue }
            let looksLikePhone = candidate.hasPrefix("+") || candidate.hasPrefix("0") || candidate.hasPrefix("(")
                || candidate.contains("(") || (digits.hasPrefix("8") && digits.count == 11 && candidate.contains("-"))
                || (digits.hasPrefix("0") && candidate.contains("-"))
            if looksLikePhone { out.replaceSubrange(range, with: " ") }
        }
        return out
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
