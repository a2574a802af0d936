/// A channel's overrides of the delivery pipeline's retry policy (`"retry"` in configuration).
public struct RetrySettings: Sendable, Hashable {
    /// The most attempts, the first included.
    public var maximumAttempts: Int?
    /// The delay before the second attempt, in seconds.
    public var initialDelaySeconds: Int?
    /// The longest delay between attempts, in seconds.
    public var maximumDelaySeconds: Int?

    /// Creates overrides; `nil` fields keep the defaults.
    public init(maximumAttempts: Int? = nil, initialDelaySeconds: Int? = nil, maximumDelaySeconds: Int? = nil) {
        self.maximumAttempts = maximumAttempts
        self.initialDelaySeconds = initialDelaySeconds
        self.maximumDelaySeconds = maximumDelaySeconds
    }
}
