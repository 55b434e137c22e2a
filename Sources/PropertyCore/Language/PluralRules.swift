/// CLDR plural categories for whole numbers (the only counts a listing has: rooms, bathrooms).
/// https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html
public enum PluralCategory: Sendable, Equatable {
    case one, few, many, other
}

public enum PluralRules {
    public static func category(of count: Int, in language: ListingLanguage) -> PluralCategory {
        let n = abs(count)
        switch language {
        case .en:
            return n == 1 ? .one : .other
        case .th:
            return .other  // Thai nouns do not change with number.
        case .ru:
            // one: i % 10 = 1 and i % 100 != 11; few: i % 10 = 2..4 and i % 100 != 12..14;
            // many: everything else that is whole (0, 5–20, 25–30, 11–14 …).
            let lastDigit = n % 10
            let lastTwo = n % 100
            if lastDigit == 1 && lastTwo != 11 { return .one }
            if (2...4).contains(lastDigit) && !(12...14).contains(lastTwo) { return .few }
            return .many
        }
    }
}

/// A noun's forms after a number: "1 спальня", "2 спальни", "5 спален".
public struct CountedNoun: Sendable, Equatable {
    public var one: String
    public var few: String
    public var many: String

    public init(one: String, few: String, many: String) {
        self.one = one
        self.few = few
        self.many = many
    }

    /// English and Thai nouns: singular and plural (Thai uses one form for both).
    public init(singular: String, plural: String) {
        self.init(one: singular, few: plural, many: plural)
    }

    public func form(for count: Int, in language: ListingLanguage) -> String {
        switch PluralRules.category(of: count, in: language) {
        case .one: one
        case .few: few
        case .many, .other: many
        }
    }
}
