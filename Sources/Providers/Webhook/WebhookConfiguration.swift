public import Signing

/// The settings of a `webhook` channel in one environment.
public struct WebhookConfiguration: Sendable {
    /// The default URL; a message may carry its own.
    public var url: String?
    /// Replaces the scheme, host and port (and prefixes the path) of every target URL; for local fakes.
    public var baseURL: String?
    /// The default method.
    public var method: String
    /// Headers sent with every request (the message's headers override them).
    public var headers: [(name: String, value: String)]
    /// The default JSON body; a message may carry its own.
    public var body: JSONValue?
    /// How requests are signed, if at all.
    public var signing: Signing?
    /// The longest a request may take (Knock's webhook channel waits 50 seconds).
    public var timeout: Duration
    /// Whether the environment is a production one: then only `https` URLs are accepted.
    public var requiresHTTPS: Bool
    /// In sandbox mode requests are built and checked but never sent (webhooks have no test mode).
    public var isSandbox: Bool

    /// How requests are signed.
    public enum Signing: Sendable {
        /// `t=<ms>,s=<base64 HMAC-SHA256("<t>.<body>")>` in `header`: `x-webhook-signature` as Knock's
        /// webhook channel signs, or `x-knock-signature` as Knock's outbound (status) webhooks do.
        case knock(KnockWebhookSignature, header: String = "x-webhook-signature")
        /// `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>` (Standard Webhooks).
        case standardWebhooks(StandardWebhookSignature)
    }

    /// The methods a webhook may use.
    public static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    /// Creates a configuration.
    public init(
        url: String? = nil,
        baseURL: String? = nil,
        method: String = "POST",
        headers: [(name: String, value: String)] = [],
        body: JSONValue? = nil,
        signing: Signing? = nil,
        timeout: Duration = .seconds(50),
        requiresHTTPS: Bool = false,
        isSandbox: Bool = false
    ) {
        self.url = url
        self.baseURL = baseURL
        self.method = method
        self.headers = headers
        self.body = body
        self.signing = signing
        self.timeout = timeout
        self.requiresHTTPS = requiresHTTPS
        self.isSandbox = isSandbox
    }
}
