/// The one error type of the `Transport` module: why no HTTP response (or SMTP acceptance) was had.
///
/// ``code`` is bounded and safe as a metric label; ``message`` is for logs and never contains
/// credentials (URLs are shown without user info or query).
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case invalidRequest, dns, connectFailed, tls, timeout, cancelled, tooLarge, protocolError, rejected,
                forbiddenAddress, internalFailure
        }

        private let base: Base

        /// The request cannot be sent as given (bad URL, unsupported scheme, bad option).
        public static let invalidRequest = Code(base: .invalidRequest)
        /// The host name could not be resolved.
        public static let dns = Code(base: .dns)
        /// The connection could not be made, or was lost before a response.
        public static let connectFailed = Code(base: .connectFailed)
        /// The TLS handshake or certificate verification failed.
        public static let tls = Code(base: .tls)
        /// The deadline or the connect timeout passed.
        public static let timeout = Code(base: .timeout)
        /// The calling task was cancelled, and the transfer stopped.
        public static let cancelled = Code(base: .cancelled)
        /// The response was larger than the configured maximum.
        public static let tooLarge = Code(base: .tooLarge)
        /// The peer broke the protocol (bad HTTP, HTTP/2 not negotiated when required, bad SMTP reply).
        public static let protocolError = Code(base: .protocolError)
        /// An SMTP server refused the message, sender, recipient or credentials.
        public static let rejected = Code(base: .rejected)
        /// The client's ``OutboundAddressPolicy`` refused every address the host resolved to (a
        /// loopback, private, link-local… address); nothing was sent. A configuration problem: retrying
        /// will not help.
        public static let forbiddenAddress = Code(base: .forbiddenAddress)
        /// The transport itself failed (could not allocate a handle, the event loop stopped).
        public static let internalFailure = Code(base: .internalFailure)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What happened, for logs. Never contains credentials.
    public var message: String
    /// The libcurl result code, when the failure came from libcurl.
    public var curlCode: Int?
    /// The SMTP reply code, when an SMTP server refused.
    public var smtpReplyCode: Int?
    /// The SMTP command the server refused, when known: `AUTH`, `MAIL`, `RCPT` or `DATA` (the `DATA`
    /// command or the reply to the message itself). Tells a refused recipient from a refused sender
    /// or message, which the reply code alone does not.
    public var smtpCommand: String?

    /// Creates an error.
    public init(
        _ code: Code, _ message: String, curlCode: Int? = nil, smtpReplyCode: Int? = nil, smtpCommand: String? = nil
    ) {
        self.code = code
        self.message = message
        self.curlCode = curlCode
        self.smtpReplyCode = smtpReplyCode
        self.smtpCommand = smtpCommand
    }

    public var description: String {
        var text = "TransportError.\(code): \(message)"
        if let curlCode { text += " (curl \(curlCode))" }
        if let smtpReplyCode { text += " (SMTP \(smtpCommand.map { "\($0) " } ?? "")\(smtpReplyCode))" }
        return text
    }
}
