/// A message's delivery status; exactly one at a time (Knock's model).
public enum DeliveryStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Accepted and waiting to be sent (including waiting for a send window or a retry).
    case queued
    /// Handed to the provider, which accepted it; waiting for a delivery callback where one exists.
    case sent
    /// The provider confirmed delivery.
    case delivered
    /// Sending failed and is being retried.
    case deliveryAttempted = "delivery_attempted"
    /// Sending failed permanently, or every retry failed.
    case undelivered
    /// The provider reported the recipient or token as invalid.
    case bounced
    /// Not sent by decision (preferences, conditions, missing channel data).
    case notSent = "not_sent"
}
