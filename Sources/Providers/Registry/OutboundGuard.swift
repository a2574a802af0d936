public import Transport

/// The transport for requests to URLs that arrive from outside the configuration (an SNS `SubscribeURL` or
/// `SigningCertURL`), which enforces the host's ``OutboundAddressPolicy``, and that policy.
///
/// Such URLs are checked by the provider first (an SNS URL must be on an SNS host); the guard then refuses
/// a connection to a loopback, private, link-local or metadata address however the host name resolves,
/// unless the policy's allow-list lets it through (development).
public struct OutboundGuard: Sendable {
    /// A transport that enforces ``policy`` on every connection (``CurlHTTPClient`` configured with it).
    public var transport: any HTTPTransport
    /// The policy the transport enforces; its allow-list also names hosts accepted for development.
    public var policy: OutboundAddressPolicy

    /// Creates a guard.
    ///
    /// - Parameters:
    ///   - transport: A transport enforcing `policy`.
    ///   - policy: The policy.
    public init(transport: any HTTPTransport, policy: OutboundAddressPolicy) {
        self.transport = transport
        self.policy = policy
    }
}
