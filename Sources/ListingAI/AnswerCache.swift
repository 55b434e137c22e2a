public import ModelGateway

/// Answers already paid for, kept by the application (the pipeline's stage cache, the one cache
/// of model answers), so a single job run twice on the same input pays once. The application
/// turns `job` and `inputs` into the key; callers put `ListingAI.signature` among the inputs.
public protocol AnswerCache: Sendable {
    func answer<Answer: Codable & Sendable>(job: String, inputs: [String], as type: Answer.Type) async throws -> Answer?
    func keep<Answer: Codable & Sendable>(_ answer: Answer, job: String, inputs: [String]) async throws
}

extension AnswerCache {
    /// The stored answer for `inputs`, or the one `compute` gets (kept when `worthKeeping`).
    /// A stored answer logs a cache hit for each call it saved, so `stats` counts them.
    public func answer<Answer: Codable & Sendable>(
        job: String, inputs: [String], gateway: Gateway, calls: (Answer) -> [StageCall],
        worthKeeping: (Answer) -> Bool = { _ in true }, compute: () async throws -> Answer
    ) async throws -> (answer: Answer, fromCache: Bool) {
        if let stored = try await answer(job: job, inputs: inputs, as: Answer.self) {
            for call in calls(stored) {
                try await gateway.store.logCacheHit(stage: call.stage, model: call.model, at: gateway.clock.now())
            }
            return (stored, true)
        }
        let answer = try await compute()
        if worthKeeping(answer) { try await keep(answer, job: job, inputs: inputs) }
        return (answer, false)
    }
}
