/// The settings of a `postmark` channel in one environment.
public struct PostmarkConfiguration: Sendable {
    /// The server API token sent as `X-Postmark-Server-Token`.
    public var serverToken: String
    /// The default sender, such as `Acme <hello@acme.test>`; a message may carry its own.
    public var from: String?
    /// The message stream (`outbound`, Postmark's default transactional stream, unless set).
    public var messageStream: String
    /// Whether Postmark tracks opens; the server's setting when `nil`.
    public var trackOpens: Bool?
    /// Link tracking (`None`, `HtmlAndText`, `HtmlOnly`, `TextOnly`); the server's setting when `nil`.
    public var trackLinks: String?
    /// The HTTP Basic credentials Postmark sends with webhooks (embedded in the webhook URL); `nil`
    /// refuses every callback.
    public var webhookCredentials: WebhookCredentials?
    /// Replaces `https://api.postmarkapp.com` (a local fake, a fixture server).
    public var baseURL: String?
    /// In sandbox mode the token `POSTMARK_API_TEST` replaces ``serverToken``: Postmark validates the
    /// request and answers as usual but delivers nothing.
    public var isSandbox: Bool

    /// The HTTP Basic credentials expected on Postmark's webhook requests.
    public struct WebhookCredentials: Sendable {
        /// The user name.
        public var username: String
        /// The password.
        public var password: String

        /// Creates credentials.
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    /// Postmark's API origin.
    public static let defaultBaseURL = "https://api.postmarkapp.com"
    /// The server token Postmark documents for test sends: validated, never delivered.
    public static let sandboxToken = "POSTMARK_API_TEST"
    /// The link tracking modes Postmark accepts.
    public static let trackLinksModes = ["None", "HtmlAndText", "HtmlOnly", "TextOnly"]

    /// Creates a configuration.
    public init(
        serverToken: String,
        from: String? = nil,
        messageStream: String = "outbound",
        trackOpens: Bool? = nil,
        trackLinks: String? = nil,
        webhookCredentials: WebhookCredentials? = nil,
        baseURL: String? = nil,
        isSandbox: Bool = false
    ) {
        self.serverToken = serverToken
        self.from = from
        self.messageStream = messageStream
        self.trackOpens = trackOpens
        self.trackLinks = trackLinks
        self.webhookCredentials = webhookCredentials
        self.baseURL = baseURL
        self.isSandbox = isSandbox
    }

    /// The token the requests carry: ``sandboxToken`` in sandbox mode, ``serverToken`` otherwise.
    public var effectiveToken: String { isSandbox ? Self.sandboxToken : serverToken }
}

// MARK: - Redaction

extension PostmarkConfiguration: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "PostmarkConfiguration(serverToken: <redacted>, messageStream: \(messageStream), sandbox: \(isSandbox))"
    }

    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

extension PostmarkConfiguration.WebhookCredentials: CustomStringConvertible, CustomReflectable {
    public var description: String { "WebhookCredentials(username: \(username), password: <redacted>)" }

    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
