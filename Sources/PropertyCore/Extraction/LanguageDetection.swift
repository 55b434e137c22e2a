import Foundation

/// Which of English, Thai and Russian a description is written in, in order of first appearance.
///
/// Thai and Russian are told by their scripts. English needs two real words: agents sprinkle
/// Latin shorthand ("3 BR", "BTS", "THB", "Line:") into Thai and Russian text without writing
/// English.
enum LanguageDetection {
    private static let latinWord = Pattern(#"(?<![a-z])[a-z]{2,}(?![a-z])"#)

    /// Latin tokens that do not show the agent wrote English.
    static let shorthand: Set<String> = [
        "br", "ba", "bth", "sqm", "sq", "th", "st", "nd", "rd", "thb", "usd", "eur", "rub", "bts", "mrt", "mb",
        "wifi", "line", "tel", "id", "ok", "vip", "tv", "ac", "wah", "rai", "ngan",
    ]

    static func languages(in text: NSString) -> [String] {
        var firstSeen: [(String, Int)] = []
        // Scripts by the registry's letters: the first Thai letter, the first Cyrillic word (two letters).
        var offset = 0
        var previousCyrillic = false
        for unit in (text as String).unicodeScalars {
            let script = ListingLanguage.ofScriptLetter(unit)
            if script == .th, !firstSeen.contains(where: { $0.0 == "th" }) { firstSeen.append(("th", offset)) }
            if script == .ru, previousCyrillic, !firstSeen.contains(where: { $0.0 == "ru" }) {
                firstSeen.append(("ru", offset - 1))
            }
            previousCyrillic = script == .ru
            offset += unit.utf16.count
        }
        let englishWords = latinWord.matches(in: text).filter {
            !shorthand.contains(text.substring(with: $0.range).lowercased())
        }
        if englishWords.count >= 2 { firstSeen.append(("en", englishWords[0].range.location)) }
        return firstSeen.sorted { $0.1 < $1.1 }.map(\.0)
    }
}
