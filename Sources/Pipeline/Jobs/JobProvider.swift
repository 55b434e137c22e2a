import ListingAI
import ModelGateway
import PipelineStore

/// What a single job (`analyze-images`, `transcribe`) needs to ask the models: the gateway (its
/// usage log counts the cache's hits), the listing calls, and the stage cache when there is a store.
struct JobProvider: Sendable {
    let gateway: Gateway
    let models: any ListingModels
    let cache: StageCache?

    /// nil offline.
    init?(gateway: Gateway?, store: PipelineStore?) {
        guard let gateway else { return nil }
        self.gateway = gateway
        models = ListingAI(gateway: gateway)
        cache = store.map(StageCache.init(store:))
    }
}
