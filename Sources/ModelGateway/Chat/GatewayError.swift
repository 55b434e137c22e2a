public import Foundation

/// Why a gateway call failed, in terms the pipeline can act on. Never carries an API key.
public struct GatewayError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// 401: the key is missing, wrong or revoked. Pauses the queue.
        public static let invalidKey = Code(rawValue: "OPENROUTER_INVALID_KEY")
        /// 402: out of credits. Pauses the queue.
        public static let paymentRequired = Code(rawValue: "OPENROUTER_PAYMENT_REQUIRED")
        /// The daily or monthly budget would be crossed. Pauses the queue until the next period.
        public static let budgetExceeded = Code(rawValue: "QUOTA_EXCEEDED")
        public static let rateLimited = Code(rawValue: "OPENROUTER_RATE_LIMIT")
        public static let unavailable = Code(rawValue: "OPENROUTER_UNAVAILABLE")
        public static let modelUnavailable = Code(rawValue: "MODEL_UNAVAILABLE")
        public static let circuitOpen = Code(rawValue: "CIRCUIT_OPEN")
        public static let badRequest = Code(rawValue: "BAD_REQUEST")
        public static let refused = Code(rawValue: "CONTENT_REFUSED")
        public static let payloadTooLarge = Code(rawValue: "FILE_TOO_LARGE")
        public static let invalidOutput = Code(rawValue: "VALIDATION_FAILED")
        /// Every model in the chain failed: degrade to the offline result.
        public static let extractionFailed = Code(rawValue: "EXTRACTION_FAILED")
        public static let transcriptionFailed = Code(rawValue: "TRANSCRIPTION_FAILED")
        public static let timeout = Code(rawValue: "PROCESSING_TIMEOUT")
        public static let notConfigured = Code(rawValue: "NOT_CONFIGURED")
    }

    public var code: Code
    public var message: String
    public var httpStatus: Int?
    /// When set, nothing should be retried before this time (budgets: the next period).
    public var resumeAt: Date?

    public init(_ code: Code, _ message: String, httpStatus: Int? = nil, resumeAt: Date? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.resumeAt = resumeAt
    }

    /// True when the whole queue should pause instead of failing folder after folder.
    public var pausesQueue: Bool { [.invalidKey, .paymentRequired, .budgetExceeded].contains(code) }

    /// What the operator must do, in plain words, for errors that pause the queue. Read it
    /// through `reason` or `summary`, which every caller uses to put a failure into words.
    public var operatorMessage: String? {
        switch code {
        case .invalidKey: "The API key was refused (HTTP 401). Set a valid OPENROUTER_API_KEY and restart; queued folders will resume."
        case .paymentRequired: "The provider account is out of credits (HTTP 402). Add credits; queued folders will resume."
        case .budgetExceeded: "The configured spending budget is reached. Processing resumes in the next budget period, or raise the budget."
        default: nil
        }
    }

    /// Why the call failed, for the agent's status file and the operator's log: what to do when
    /// the whole queue is paused, else the provider's own message.
    public var reason: String { operatorMessage ?? message }

    /// One line for a terminal: the code a script can match on, then the reason.
    public var summary: String { "\(code.rawValue): \(reason)" }

    /// `reason` for a gateway error; any other error as it describes itself.
    public static func reason(for error: any Error) -> String {
        (error as? GatewayError)?.reason ?? "\(error)"
    }

    /// `summary` for a gateway error; any other error as it describes itself.
    public static func summary(for error: any Error) -> String {
        (error as? GatewayError)?.summary ?? "\(error)"
    }

    public var description: String {
        var text = "\(code.rawValue): \(message)"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        return text
    }
}
