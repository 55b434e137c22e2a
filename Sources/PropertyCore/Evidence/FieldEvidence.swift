import Foundation

/// The model's proof of one value: the shortest verbatim span of the source that states it.
/// Part of the extraction answer (`PropertyDetails.evidence`); `value` names the item of a list
/// field (an amenity key), null for the other fields.
public struct FieldEvidence: Codable, Sendable, Equatable {
    public var field: String
    public var quote: String
    public var value: String?

    public init(field: String, quote: String, value: String? = nil) {
        self.field = field
        self.quote = quote
        self.value = value
    }
}

/// Where a published value came from, kept in result.json (`evidence`) so a reviewer or the
/// website can show it: the source, and for a value a model proved, its quote and where it is.
public struct FieldProvenance: Codable, Sendable, Equatable {
    public enum Reader: String, Codable, Sendable {
        /// A model's value whose quote was found in the source and says it.
        case model
        /// The offline reader's value (no model, or the model's quote did not hold).
        case rules
    }

    public var field: String
    /// The amenity, for `amenities`.
    public var value: String?
    /// "text", "voice", "voice (memo2.m4a)".
    public var source: String
    public var readBy: Reader
    /// The agent's own words at `start..<end` (Unicode scalars of the source's NFC form).
    public var quote: String?
    public var start: Int?
    public var end: Int?
    public var match: QuoteAlignment.Match?

    public init(field: String, value: String? = nil, source: String, readBy: Reader, quote: String? = nil,
                alignment: QuoteAlignment? = nil) {
        self.field = field
        self.value = value
        self.source = source
        self.readBy = readBy
        self.quote = quote
        self.start = alignment?.start
        self.end = alignment?.end
        self.match = alignment?.match
    }

    enum CodingKeys: String, CodingKey {
        case field, value, source, quote, start, end, match
        case readBy = "read_by"
    }
}

/// A model value its own quote does not support: the model's mistake, not the agent's. Logged
/// and kept in result.json (`model_misreadings`) for the operator; never a question to the agent.
public struct ModelMisreading: Codable, Sendable, Equatable {
    public enum Reason: String, Codable, Sendable {
        /// No quote was given for the value.
        case noQuote = "no_quote"
        /// The quote is not in the source, exactly, normalised or nearly.
        case quoteNotFound = "quote_not_found"
        /// The quote is there but does not say this value for this field (a soi number read as
        /// a bedroom count, a fee read as the price, a THB approximation for a yuan price).
        case quoteDoesNotSayIt = "quote_does_not_say_it"
    }

    public var field: String
    public var value: String
    public var quote: String?
    public var source: String
    public var reason: Reason

    public init(field: String, value: String, quote: String?, source: String, reason: Reason) {
        self.field = field
        self.value = value
        self.quote = quote
        self.source = source
        self.reason = reason
    }
}
