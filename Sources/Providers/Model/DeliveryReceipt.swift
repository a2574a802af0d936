/// What a provider said when it accepted a message.
public struct DeliveryReceipt: Sendable, Hashable {
    /// The provider's id for the message, used to match status callbacks.
    public var providerMessageID: String?
    /// Whether acceptance already means delivery (webhooks) or a callback will tell (email, SMS).
    public var outcome: Outcome
    /// The HTTP status of the accepting response, if any.
    public var httpStatus: Int?
    /// A short summary of the provider's response (never secrets).
    public var detail: String?
    /// Per-target results when one message goes to several targets (every device token of a recipient).
    public var targets: [TargetResult]

    /// The result for one target of a multi-target send.
    public struct TargetResult: Sendable, Hashable {
        /// The target, such as a device token.
        public var target: String
        /// The provider's id for this target's delivery, if accepted.
        public var providerMessageID: String?
        /// Why it failed, if it did; ``ProviderError/Code/invalidRecipient`` means the token is dead.
        public var errorCode: ProviderError.Code?
        /// The provider's reason, such as `Unregistered`.
        public var reason: String?

        /// Creates a target result.
        public init(
            target: String, providerMessageID: String? = nil, errorCode: ProviderError.Code? = nil,
            reason: String? = nil
        ) {
            self.target = target
            self.providerMessageID = providerMessageID
            self.errorCode = errorCode
            self.reason = reason
        }
    }

    /// The targets the provider reported as dead (to remove from the recipient's channel data).
    public var invalidTargets: [String] {
        targets.filter { $0.errorCode?.invalidatesRecipient == true }.map(\.target)
    }

    /// What acceptance means for the message's status.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Handed over; delivery is confirmed later or never (status `sent`).
        case sent
        /// Delivered on acceptance (status `delivered`).
        case delivered
    }

    /// Creates a receipt.
    public init(
        providerMessageID: String? = nil, outcome: Outcome, httpStatus: Int? = nil, detail: String? = nil,
        targets: [TargetResult] = []
    ) {
        self.providerMessageID = providerMessageID
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.detail = detail
        self.targets = targets
    }
}
