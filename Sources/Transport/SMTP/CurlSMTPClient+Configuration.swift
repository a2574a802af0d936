extension CurlSMTPClient {
    /// Which SMTP server a ``CurlSMTPClient`` sends through, and how.
    public struct Configuration: Sendable {
        /// The server: `smtp://host:587` (STARTTLS per ``startTLS``) or `smtps://host:465` (TLS from
        /// the first byte). Put credentials in ``credentials``, not in the URL.
        public var url: String
        /// AUTH credentials, or `nil` to send without logging in.
        public var credentials: SMTPCredentials?
        /// Whether an `smtp://` connection must use STARTTLS.
        public var startTLS: SMTPStartTLSPolicy
        /// The name this client gives in `EHLO`, or `nil` for libcurl's default.
        public var clientName: String?
        /// How long connecting (TCP and TLS) may take; the send's deadline still applies.
        public var connectTimeout: Duration
        /// Whether the server's certificate chain and host name are verified. Keep it on outside tests.
        public var verifiesCertificates: Bool
        /// A PEM file of certificate authorities to trust instead of the system's, or `nil`.
        public var caBundlePath: String?

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - url: The server's `smtp://` or `smtps://` URL.
        ///   - credentials: AUTH credentials, or `nil`.
        ///   - startTLS: The STARTTLS policy; ``SMTPStartTLSPolicy/automatic`` by default (required
        ///     except for loopback hosts).
        ///   - clientName: The `EHLO` name.
        ///   - connectTimeout: How long connecting may take; 10 seconds by default.
        ///   - verifiesCertificates: Whether TLS certificates are verified; `true` by default.
        ///   - caBundlePath: Certificate authorities to trust instead of the system's.
        public init(
            url: String,
            credentials: SMTPCredentials? = nil,
            startTLS: SMTPStartTLSPolicy = .automatic,
            clientName: String? = nil,
            connectTimeout: Duration = .seconds(10),
            verifiesCertificates: Bool = true,
            caBundlePath: String? = nil
        ) {
            self.url = url
            self.credentials = credentials
            self.startTLS = startTLS
            self.clientName = clientName
            self.connectTimeout = connectTimeout
            self.verifiesCertificates = verifiesCertificates
            self.caBundlePath = caBundlePath
        }
    }
}
