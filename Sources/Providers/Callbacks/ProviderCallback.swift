public import Foundation
public import Transport

/// A provider's status callback as the host received it, before any verification.
public struct ProviderCallback: Sendable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The full public URL the provider called, as configured with the provider (scheme, host, path,
    /// query); Twilio signs it.
    public var url: String
    /// The request headers.
    public var headers: HTTPHeaders
    /// The raw body bytes, exactly as received.
    public var body: [UInt8]
    /// When it was received (for timestamp tolerance checks).
    public var receivedAt: Date

    /// Creates a callback.
    public init(method: HTTPMethod, url: String, headers: HTTPHeaders, body: [UInt8], receivedAt: Date) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
    }
}

/// What a verified callback says about one message.
public struct StatusUpdate: Sendable, Hashable {
    /// The provider's message id (from the receipt of the send).
    public var providerMessageID: String
    /// The new status.
    public var status: Status
    /// The provider's reason, such as a bounce description or error code text.
    public var reason: String?
    /// The provider's own code, such as `30006` or `HardBounce`.
    public var providerCode: String?
    /// When the provider says it happened.
    public var occurredAt: Date?
    /// The recipient address or token the update concerns, when the provider says.
    public var recipient: String?

    /// A status a provider reports after accepting a message.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// The provider confirms delivery.
        case delivered
        /// The provider could not deliver and will not try again (Twilio `undelivered`).
        case undelivered
        /// The address or number is invalid or refused (hard bounce, complaint, Twilio `failed`).
        case bounced
    }

    /// Creates an update.
    public init(
        providerMessageID: String,
        status: Status,
        reason: String? = nil,
        providerCode: String? = nil,
        occurredAt: Date? = nil,
        recipient: String? = nil
    ) {
        self.providerMessageID = providerMessageID
        self.status = status
        self.reason = reason
        self.providerCode = providerCode
        self.occurredAt = occurredAt
        self.recipient = recipient
    }
}

/// What handling a callback came to.
public enum CallbackOutcome: Sendable, Hashable {
    /// Status updates to apply (possibly none, for events that change nothing, such as opens).
    case updates([StatusUpdate])
    /// A handshake the provider requires was completed (an SNS subscription confirmation).
    case acknowledged(String)
}

/// A provider that receives status callbacks.
///
/// Implementations must verify authenticity (signatures, credentials, timestamps) with the Signing
/// module before parsing, and throw ``ProviderError/Code/forgedCallback`` for anything forged or stale
/// and ``ProviderError/Code/invalidCallback`` for anything authentic but unreadable. Unknown event
/// types are not errors: they give no updates.
public protocol StatusCallbackHandling: Sendable {
    /// Verifies and parses one callback.
    ///
    /// - Parameter callback: The request as received.
    /// - Returns: The status updates, or the handshake done.
    /// - Throws: ``ProviderError``.
    func handleCallback(_ callback: ProviderCallback) async throws -> CallbackOutcome
}
