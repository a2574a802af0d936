/// The one error type of the `Providers` module: why a provider did not accept a message.
///
/// The ``code`` tells the pipeline what to do next (see ``Code/isRetryable``,
/// ``Code/requiresReauthentication``, ``Code/invalidatesRecipient``); providers never retry or sleep
/// themselves. ``description`` never contains credentials, tokens or message bodies.
public struct ProviderError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; bounded, so safe as a metric label.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case rateLimited, unavailable, timeout, connectionFailed, reauthenticate, invalidRecipient, rejected,
                misconfigured, cancelled, internalFailure, forgedCallback, invalidCallback
        }

        private let base: Base

        /// The provider asked us to slow down (HTTP 429, throttling); retry after ``ProviderError/retryAfter`` if given.
        public static let rateLimited = Code(base: .rateLimited)
        /// The provider failed or refused for now (5xx, or a response the provider documents as retryable).
        public static let unavailable = Code(base: .unavailable)
        /// No complete response before the deadline.
        public static let timeout = Code(base: .timeout)
        /// The provider could not be reached (connection refused or reset, TLS failure).
        public static let connectionFailed = Code(base: .connectionFailed)
        /// The provider rejected our credentials as expired: refresh them and retry at once, once.
        public static let reauthenticate = Code(base: .reauthenticate)
        /// The recipient or device token is invalid or gone: drop it and mark the message bounced.
        public static let invalidRecipient = Code(base: .invalidRecipient)
        /// The provider refused this message permanently (bad content, policy); retrying cannot help.
        public static let rejected = Code(base: .rejected)
        /// The channel is misconfigured (bad credentials, sender, URL); retrying cannot help until it is fixed.
        public static let misconfigured = Code(base: .misconfigured)
        /// The attempt was cancelled (shutdown or cancellation); the pipeline decides what follows.
        public static let cancelled = Code(base: .cancelled)
        /// A bug or unexpected state in the adapter.
        public static let internalFailure = Code(base: .internalFailure)
        /// A status callback failed verification (bad signature or credentials, stale timestamp): rejected.
        public static let forgedCallback = Code(base: .forgedCallback)
        /// A status callback was authentic but could not be read (missing fields, unknown shape).
        public static let invalidCallback = Code(base: .invalidCallback)

        /// Whether another attempt may succeed.
        public var isRetryable: Bool {
            switch base {
            case .rateLimited, .unavailable, .timeout, .connectionFailed, .reauthenticate: true
            case .invalidRecipient, .rejected, .misconfigured, .cancelled, .internalFailure, .forgedCallback,
                .invalidCallback:
                false
            }
        }

        /// Whether credentials must be refreshed before retrying.
        public var requiresReauthentication: Bool { base == .reauthenticate }

        /// Whether the recipient's address or token must be dropped and the message marked bounced.
        public var invalidatesRecipient: Bool { base == .invalidRecipient }

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The provider's name, such as `webhook` or `postmark`.
    public var provider: ProviderID
    /// The HTTP status of the provider's response, if there was one.
    public var httpStatus: Int?
    /// The provider's own error code or reason, kept as given (`BadDeviceToken`, `21211`, `Throttling`).
    public var providerCode: String?
    /// How long the provider asked us to wait (from `Retry-After` or a provider hint).
    public var retryAfter: Duration?
    /// What happened, for logs and the message's timeline; never secrets or message bodies.
    public var message: String

    /// Creates an error.
    public init(
        _ code: Code,
        provider: ProviderID,
        message: String,
        httpStatus: Int? = nil,
        providerCode: String? = nil,
        retryAfter: Duration? = nil
    ) {
        self.code = code
        self.provider = provider
        self.message = message
        self.httpStatus = httpStatus
        self.providerCode = providerCode
        self.retryAfter = retryAfter
    }

    public var description: String {
        var parts = ["ProviderError.\(code) from \(provider): \(message)"]
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let providerCode { parts.append("provider code \(providerCode)") }
        if let retryAfter { parts.append("retry after \(retryAfter)") }
        return parts.joined(separator: "; ")
    }
}
