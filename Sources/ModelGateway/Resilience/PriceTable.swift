public import Foundation

/// USD list prices per million tokens, used when a response carries no `usage.cost`
/// and to estimate a call's worst case before it starts. Keys match a model id's tail, so
/// `anthropic/claude-haiku-4.5` and `claude-haiku-4.5` find the same row.
public struct PriceTable: Sendable {
    public struct Price: Sendable, Equatable {
        public var inputPerMillion: Double
        public var outputPerMillion: Double
        public init(input: Double, output: Double) {
            inputPerMillion = input
            outputPerMillion = output
        }
    }

    public var prices: [String: Price]
    /// For models missing from the table: deliberately expensive, so budgets err on the safe side.
    public var unknownModel: Price
    public var whisperPerMinute: Double

    public static let `default` = PriceTable(prices: [
        "claude-sonnet-4.5": Price(input: 3, output: 15),
        "claude-haiku-4.5": Price(input: 1, output: 5),
        "claude-3.5-haiku": Price(input: 0.8, output: 4),
        "gpt-4o": Price(input: 2.5, output: 10),
        "gpt-4o-mini": Price(input: 0.15, output: 0.6),
        "gemini-2.5-flash": Price(input: 0.3, output: 2.5),
        "gemini-2.5-pro": Price(input: 1.25, output: 10),
    ], unknownModel: Price(input: 6, output: 30), whisperPerMinute: 0.006)

    public init(prices: [String: Price], unknownModel: Price, whisperPerMinute: Double) {
        self.prices = prices
        self.unknownModel = unknownModel
        self.whisperPerMinute = whisperPerMinute
    }

    public func price(for model: String) -> Price {
        let name = model.split(separator: "/").last.map(String.init) ?? model
        let bare = name.split(separator: ":").first.map(String.init) ?? name
        if model.hasSuffix(":free") { return Price(input: 0, output: 0) }
        return prices[bare] ?? prices[name] ?? unknownModel
    }

    /// Cost of tokens at list price. Claude Sonnet 4.5 doubles its input price above 200k.
    public func cost(model: String, promptTokens: Int, completionTokens: Int) -> Double {
        var price = price(for: model)
        if model.contains("claude-sonnet-4.5") && promptTokens > 200_000 { price = Price(input: 6, output: 22.5) }
        return (Double(promptTokens) * price.inputPerMillion + Double(completionTokens) * price.outputPerMillion) / 1_000_000
    }
}

/// Image token estimates by the providers' published formulas, for budgeting before a vision call.
public enum ImageTokens {
    public enum Detail: String, Sendable, Codable { case low, high, auto }

    public static func estimate(model: String, width: Int, height: Int, detail: Detail) -> Int {
        let name = model.lowercased()
        if name.contains("gpt-4o") || name.contains("gpt-4.1") || name.contains("o1") || name.contains("o3") {
            let mini = name.contains("mini")
            let (base, perTile) = mini ? (2833, 5667) : (85, 170)
            if detail == .low { return base }
            return base + perTile * openAITiles(width: width, height: height)
        }
        // Anthropic's rule, also a fair ceiling for other providers: long edge ≤ 1568, ≤ 1.15 MP.
        var w = Double(max(1, width)), h = Double(max(1, height))
        let longEdge = max(w, h)
        if longEdge > 1568 { w *= 1568 / longEdge; h *= 1568 / longEdge }
        let pixels = w * h
        if pixels > 1_150_000 { let scale = (1_150_000 / pixels).squareRoot(); w *= scale; h *= scale }
        return Int((w * h / 750).rounded(.up))
    }

    /// Fit in 2048×2048, shortest side down to 768, count 512-px tiles.
    static func openAITiles(width: Int, height: Int) -> Int {
        var w = Double(max(1, width)), h = Double(max(1, height))
        if max(w, h) > 2048 { let s = 2048 / max(w, h); w *= s; h *= s }
        if min(w, h) > 768 { let s = 768 / min(w, h); w *= s; h *= s }
        return Int((w / 512).rounded(.up)) * Int((h / 512).rounded(.up))
    }
}
