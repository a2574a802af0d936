extension CurlHTTPClient {
    /// How a ``CurlHTTPClient`` connects and what it accepts.
    ///
    /// Proxies: libcurl reads `http_proxy`, `https_proxy` (also `HTTPS_PROXY`), `all_proxy` and
    /// `no_proxy` from the process environment, and this client leaves that behaviour on; there is
    /// no proxy setting here. (libcurl ignores upper-case `HTTP_PROXY`, as the CGI rules require.)
    ///
    /// ```swift
    /// var configuration = CurlHTTPClient.Configuration()
    /// configuration.maximumResponseBodySize = 1 << 20
    /// let client = try CurlHTTPClient(configuration: configuration)
    /// ```
    public struct Configuration: Sendable {
        /// The `User-Agent` sent unless a request sets its own.
        public static let defaultUserAgent = "DeliveryHost/0.1.0-dev"

        /// How long connecting (TCP and TLS) may take; the request's deadline still applies.
        public var connectTimeout: Duration
        /// The largest response body accepted; a larger one fails with ``TransportError/Code/tooLarge``
        /// and its transfer is aborted.
        public var maximumResponseBodySize: Int
        /// Whether the server's certificate chain and host name are verified. Keep it on outside tests.
        public var verifiesCertificates: Bool
        /// A PEM file of certificate authorities to trust instead of the system's, or `nil`.
        public var caBundlePath: String?
        /// The `User-Agent` header sent unless a request sets its own.
        public var userAgent: String
        /// The most connections open to one host at a time (HTTP/2 streams share one); 0 for no limit.
        public var maximumConnectionsPerHost: Int
        /// The most connections open at a time, and kept idle for reuse; 0 for no limit.
        public var maximumConnections: Int
        /// Which addresses requests may connect to, checked on every address libcurl connects to;
        /// `nil` (the default) for no check. A refusal fails with ``TransportError/Code/forbiddenAddress``.
        /// Behind a proxy (`http_proxy`…), the proxy's address is what is checked.
        public var outboundAddressPolicy: OutboundAddressPolicy?

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - connectTimeout: How long connecting may take; 10 seconds by default.
        ///   - maximumResponseBodySize: The largest response body accepted; 10 MiB by default.
        ///   - verifiesCertificates: Whether TLS certificates are verified; `true` by default.
        ///   - caBundlePath: Certificate authorities to trust instead of the system's.
        ///   - userAgent: The default `User-Agent`; ``defaultUserAgent`` by default.
        ///   - maximumConnectionsPerHost: Connections per host; 8 by default.
        ///   - maximumConnections: Connections in all; 64 by default.
        ///   - outboundAddressPolicy: The addresses requests may connect to; `nil` (no check) by default.
        public init(
            connectTimeout: Duration = .seconds(10),
            maximumResponseBodySize: Int = 10 * 1024 * 1024,
            verifiesCertificates: Bool = true,
            caBundlePath: String? = nil,
            userAgent: String = Configuration.defaultUserAgent,
            maximumConnectionsPerHost: Int = 8,
            maximumConnections: Int = 64,
            outboundAddressPolicy: OutboundAddressPolicy? = nil
        ) {
            self.connectTimeout = connectTimeout
            self.maximumResponseBodySize = maximumResponseBodySize
            self.verifiesCertificates = verifiesCertificates
            self.caBundlePath = caBundlePath
            self.userAgent = userAgent
            self.maximumConnectionsPerHost = maximumConnectionsPerHost
            self.maximumConnections = maximumConnections
            self.outboundAddressPolicy = outboundAddressPolicy
        }
    }
}
