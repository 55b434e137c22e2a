import Foundation

/// Which of English, Thai and Russian a description is written in, in order of first appearance.
///
/// Thai and Russian are told by their scripts. English needs two real words: agents sprinkle
/// Latin shorthand ("3 BR", "BTS", "THB", "Line:") into Thai and Russian text without writing
/// English.
enum LanguageDetection {
    /// The Thai block minus "฿" (U+0E3F), which any language uses for baht.
    private static let thaiLetter = Pattern(#"[\x{0E01}-\x{0E3A}\x{0E40}-\x{0E4E}]"#)
    private static let cyrillicWord = Pattern(#"[\x{0400}-\x{04FF}]{2,}"#)
    private static let latinWord = Pattern(#"(?<![a-z])[a-z]{2,}(?![a-z])"#)

    /// Latin tokens that do not show the agent wrote English.
    static let shorthand: Set<String> = [
        "br", "ba", "bth", "sqm", "sq", "th", "st", "nd", "rd", "thb", "usd", "eur", "rub", "bts", "mrt", "mb",
        "wifi", "line", "tel", "id", "ok", "vip", "tv", "ac", "wah", "rai", "ngan",
    ]

    static func languages(in text: NSString) -> [String] {
        var firstSeen: [(String, Int)] = []
        if let thai = thaiLetter.firstMatch(in: text) { firstSeen.append(("th", thai.range.location)) }
        if let russian = cyrillicWord.firstMatch(in: text) { firstSeen.append(("ru", russian.range.location)) }
        let englishWords = latinWord.matches(in: text).filter {
            !shorthand.contains(text.substring(with: $0.range).lowercased())
        }
        if englishWords.count >= 2 { firstSeen.append(("en", englishWords[0].range.location)) }
        return firstSeen.sorted { $0.1 < $1.1 }.map(\.0)
    }
}
