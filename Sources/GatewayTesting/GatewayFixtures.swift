public import ModelGateway

/// Gateways against a fake server with a manual clock, so backoffs never really wait; shared by
/// the gateway's and the listing calls' tests.
public enum Fixtures {
    public static let primary = "anthropic/claude-sonnet-4.5"
    public static let fallback = "anthropic/claude-haiku-4.5"

    /// A `PropertyDetails` answer as a model would send it.
    public static let validDetails = """
    {"property_type":"villa","bedrooms":3,"bathrooms":2,"square_meters":250,"price_per_month":80000,\
    "location":"Rawai, Phuket","amenities":["private_pool"],"condition":"good",\
    "description_summary":"A villa.","languages_detected":["en","th"],"confidence_score":0.85,\
    "listing_type":"rent","price":80000,"price_currency":"THB","price_period":"month","land_square_meters":null,"evidence":[]}
    """

    public static func config(_ server: FakeServer?, port: Int? = nil) -> GatewayConfig {
        let base = server?.baseURL ?? "http://127.0.0.1:\(port ?? 9)"
        var config = GatewayConfig(baseURL: base, apiKey: APIKey("sk-test-secret-123"), transcriptionBaseURL: base,
                                   transcriptionKey: APIKey("sk-test-secret-123"))
        config.textModels = [primary, fallback]
        config.requestTimeout = .seconds(5)
        config.connectTimeout = .seconds(2)
        return config
    }

    public static func gateway(_ config: GatewayConfig, store: GatewayStore? = nil,
                               clock: ManualClock = ManualClock()) throws -> (Gateway, GatewayStore, ManualClock) {
        let store = try store ?? GatewayStore.inMemory()
        let gateway = Gateway(config: config, store: store, transport: CurlTransport(maxConcurrentTransfers: 4),
                              clock: clock, random: { 0.5 })
        return (gateway, store, clock)
    }
}
