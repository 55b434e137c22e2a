/// Numbers as each language writes them, computed here rather than by the machine's locale
/// data, so every server prints the same: 80,000 (English, Thai) and 80 000 (Russian, with a
/// no-break space so the number never wraps), 2.5 and 2,5.
public enum NumberStyle {
    /// U+00A0, CLDR's Russian group separator.
    public static let noBreakSpace = "\u{00A0}"

    public static func format(_ value: Double, in language: ListingLanguage) -> String {
        let (group, decimal) = switch language {
        case .en, .th: (",", ".")
        case .ru: (noBreakSpace, ",")
        }
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        // At most two decimals, none when the value is whole: 2.5, 1,234.75, 80,000.
        let hundredths = Int64((abs(value) * 100).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        var digits = ""
        for (index, character) in String(whole).reversed().enumerated() {
            if index > 0, index % 3 == 0 { digits = group + digits }
            digits = String(character) + digits
        }
        if value < 0 && hundredths > 0 { digits = "-" + digits }
        guard fraction > 0 else { return digits }
        let decimals = fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0\(fraction)" : String(fraction))
        return digits + decimal + decimals
    }

    public static func format(_ value: Int, in language: ListingLanguage) -> String {
        format(Double(value), in: language)
    }
}
