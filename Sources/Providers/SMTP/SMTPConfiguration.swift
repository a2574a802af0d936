public import Transport

/// The settings of an `smtp` channel in one environment.
public struct SMTPConfiguration: Sendable {
    /// How the connection is protected.
    public struct Security: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case starttls, tls, none
        }

        private let base: Base

        /// `smtp://` upgraded with STARTTLS, which is required: a server that does not offer it fails
        /// the send (port 587 by default).
        public static let startTLS = Security(base: .starttls)
        /// `smtps://`: TLS from the first byte (implicit TLS, port 465 by default).
        public static let tls = Security(base: .tls)
        /// Plain `smtp://` (STARTTLS only if offered); accepted for loopback hosts only (port 25 by default).
        public static let none = Security(base: .none)

        /// Every setting value, as written in configuration.
        public static let names = ["starttls", "tls", "none"]

        /// The security for a setting value (`starttls`, `tls`, `none`), or `nil`.
        public init?(name: String) {
            guard let base = Base(rawValue: name) else { return nil }
            self.base = base
        }

        private init(base: Base) {
            self.base = base
        }

        /// The port used when none is configured.
        public var defaultPort: Int {
            switch base {
            case .starttls: 587
            case .tls: 465
            case .none: 25
            }
        }

        public var description: String { base.rawValue }
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// How the connection is protected.
    public var security: Security
    /// AUTH credentials, or `nil` to send without logging in.
    public var credentials: SMTPCredentials?
    /// The default sender, such as `Acme <hello@acme.test>`; a message may carry its own.
    public var from: String?
    /// The name given in `EHLO`, or `nil` for libcurl's default.
    public var heloName: String?
    /// The domain of generated `Message-ID`s; the sender's domain when `nil`.
    public var messageIDDomain: String?
    /// A PEM file of certificate authorities to trust instead of the system's (a private relay's CA).
    public var caBundlePath: String?
    /// In sandbox mode the message is built and checked but not sent (SMTP has no test mode).
    public var isSandbox: Bool

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - host: The server's host name or address.
    ///   - port: The port; the security's default (587, 465 or 25) when `nil`.
    ///   - security: How the connection is protected; STARTTLS by default.
    ///   - credentials: AUTH credentials.
    ///   - from: The default sender.
    ///   - heloName: The `EHLO` name.
    ///   - messageIDDomain: The domain of generated `Message-ID`s.
    ///   - caBundlePath: Certificate authorities to trust instead of the system's.
    ///   - isSandbox: Whether messages are only built, not sent.
    public init(
        host: String,
        port: Int? = nil,
        security: Security = .startTLS,
        credentials: SMTPCredentials? = nil,
        from: String? = nil,
        heloName: String? = nil,
        messageIDDomain: String? = nil,
        caBundlePath: String? = nil,
        isSandbox: Bool = false
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.credentials = credentials
        self.from = from
        self.heloName = heloName
        self.messageIDDomain = messageIDDomain
        self.caBundlePath = caBundlePath
        self.isSandbox = isSandbox
    }

    /// The client configuration for ``CurlSMTPClient``: the URL for the security, and STARTTLS
    /// required for ``Security/startTLS``.
    public var clientConfiguration: CurlSMTPClient.Configuration {
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let scheme = security == .tls ? "smtps" : "smtp"
        return CurlSMTPClient.Configuration(
            url: "\(scheme)://\(bracketed):\(port)",
            credentials: credentials,
            startTLS: security == .startTLS ? .required : .opportunistic,
            clientName: heloName,
            caBundlePath: caBundlePath)
    }

    /// Whether `host` is a loopback host (`localhost`, `*.localhost`, `127.x.x.x`, `::1`), the only
    /// hosts ``Security/none`` may be used with.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1"
            || host == "[::1]"
    }
}
