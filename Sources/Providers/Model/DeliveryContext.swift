/// Everything about one delivery attempt that is not the message: deadline, attempt, environment, log.
public struct DeliveryContext: Sendable {
    /// When the attempt must be complete.
    public var deadline: ContinuousClock.Instant
    /// The attempt number, from 1.
    public var attempt: Int
    /// A key the provider may pass on so that a retried attempt is not delivered twice.
    public var idempotencyKey: String
    /// The environment the message belongs to, such as `production`.
    public var environment: String

    /// Creates a context.
    public init(deadline: ContinuousClock.Instant, attempt: Int = 1, idempotencyKey: String, environment: String) {
        self.deadline = deadline
        self.attempt = attempt
        self.idempotencyKey = idempotencyKey
        self.environment = environment
    }
}
