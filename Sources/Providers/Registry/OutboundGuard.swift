public import Transport

/// The transport for requests to URLs that API callers, workflow templates, channel data or callbacks can
/// choose, which enforces the host's ``OutboundAddressPolicy``, and that policy.
///
/// Webhook channels send every request through it, the Slack provider its incoming-webhook posts, and SES
/// its SNS handshakes (`SigningCertURL`, `SubscribeURL`; those URLs are checked by the provider first). The
/// guard refuses a connection to a loopback, private, link-local or metadata address however the host name
/// resolves, unless the policy's allow-list lets it through (development).
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
