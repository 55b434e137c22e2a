/// A folder job taken from a queue shared by several hosts (`property-inbox work`): the folder's
/// path relative to the inbox (each host mounts the inbox where it likes), the fingerprint of its
/// inputs when it was queued, and the fencing token of this claim.
public struct ClaimedJob: Sendable, Equatable {
    public var folder: String
    public var fingerprint: String
    /// Raised by one on every claim of the folder: a worker whose claim was taken over holds an
    /// older token, and the queue refuses it at publish and at finish.
    public var fence: Int64

    public init(folder: String, fingerprint: String, fence: Int64) {
        self.folder = folder
        self.fingerprint = fingerprint
        self.fence = fence
    }
}

/// The queue the watcher fills and the workers drain when several hosts share one inbox. One
/// implementation today (PostgreSQL, in the PostgresQueue module); the pipeline knows only this.
public protocol SharedJobQueue: Sendable {
    /// Queues the folder unless the same inputs were already done; `force` queues it anyway (a
    /// retry of a paused folder). A folder being worked on with other inputs runs again afterwards.
    func enqueue(folder: String, fingerprint: String, force: Bool) async throws
    /// The oldest waiting job, or one whose lease ran out, now leased to `worker`; nil when none.
    func claim(worker: String, leaseSeconds: Double) async throws -> ClaimedJob?
    /// Extends the lease; false when the claim was taken over (the worker must stop publishing).
    func renew(_ job: ClaimedJob, leaseSeconds: Double) async throws -> Bool
    /// True when the claim is still this worker's and its lease has at least `marginSeconds` left:
    /// asked right before a publish.
    func holds(_ job: ClaimedJob, marginSeconds: Double) async throws -> Bool
    /// Marks the job done (or waiting again, if its folder changed meanwhile); false when the
    /// claim had been taken over, and nothing was changed.
    func finish(_ job: ClaimedJob, outcome: String, published: Bool) async throws -> Bool
    /// Gives the job back at once (a graceful stop), so another worker need not wait for the lease.
    func release(_ job: ClaimedJob) async throws
    /// "This worker is alive", every few seconds, for `status`.
    func checkIn(worker: String) async throws
}
