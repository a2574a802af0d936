public import Foundation
public import Providers

/// The delivery log of one attempt: what was sent and received (redacted), how long it took, and
/// what came of it.
public struct DeliveryAttemptLog: Sendable, Hashable {
    /// The message.
    public var messageID: String
    /// The attempt number, from 1.
    public var attempt: Int
    /// When the attempt started.
    public var startedAt: Date
    /// How long it took, in milliseconds.
    public var durationMilliseconds: Int
    /// Every HTTP exchange of the attempt, secrets redacted (the fixture format).
    public var exchanges: [HTTPFixture]
    /// `accepted`, or the ``ProviderError`` code.
    public var outcome: String
    /// The receipt's detail or the error's message.
    public var detail: String?

    /// Creates a log entry.
    public init(
        messageID: String, attempt: Int, startedAt: Date, durationMilliseconds: Int, exchanges: [HTTPFixture],
        outcome: String, detail: String?
    ) {
        self.messageID = messageID
        self.attempt = attempt
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
        self.exchanges = exchanges
        self.outcome = outcome
        self.detail = detail
    }
}
