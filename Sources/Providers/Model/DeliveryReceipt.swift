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

    /// What acceptance means for the message's status.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Handed over; delivery is confirmed later or never (status `sent`).
        case sent
        /// Delivered on acceptance (status `delivered`).
        case delivered
    }

    /// Creates a receipt.
    public init(providerMessageID: String? = nil, outcome: Outcome, httpStatus: Int? = nil, detail: String? = nil) {
        self.providerMessageID = providerMessageID
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.detail = detail
    }
}
