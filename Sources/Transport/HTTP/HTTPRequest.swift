/// An HTTP request to execute with an ``HTTPTransport``.
public struct HTTPRequest: Sendable, Hashable {
    /// The method.
    public var method: HTTPMethod
    /// The absolute URL (`http` or `https`), with any query already encoded.
    public var url: String
    /// The header fields, in order.
    public var headers: HTTPHeaders
    /// The body; empty for none.
    public var body: [UInt8]
    /// Which HTTP version to use.
    public var version: HTTPVersionPreference

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - method: The method.
    ///   - url: The absolute URL.
    ///   - headers: The header fields.
    ///   - body: The body bytes.
    ///   - version: Which HTTP version to use; ``HTTPVersionPreference/automatic`` by default.
    public init(
        method: HTTPMethod,
        url: String,
        headers: HTTPHeaders = [:],
        body: [UInt8] = [],
        version: HTTPVersionPreference = .automatic
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.version = version
    }
}

/// Which HTTP version a request uses.
public struct HTTPVersionPreference: Hashable, Sendable, CustomStringConvertible {
    enum Base: String, Sendable {
        case automatic, http1_1, http2, http2Required, http2PriorKnowledge
    }

    let base: Base

    /// HTTP/2 over TLS when the server offers it in ALPN, else HTTP/1.1; HTTP/1.1 for plain `http`.
    public static let automatic = HTTPVersionPreference(base: .automatic)
    /// HTTP/1.1 only.
    public static let http1_1 = HTTPVersionPreference(base: .http1_1)
    /// HTTP/2 over TLS when offered, HTTP/1.1 otherwise (same as automatic for `https`).
    public static let http2 = HTTPVersionPreference(base: .http2)
    /// HTTP/2 only: the request fails with a protocol error if the server does not negotiate HTTP/2 (APNs).
    public static let http2Required = HTTPVersionPreference(base: .http2Required)
    /// HTTP/2 without TLS upgrade negotiation (`h2c` with prior knowledge); for local test servers.
    public static let http2PriorKnowledge = HTTPVersionPreference(base: .http2PriorKnowledge)

    public var description: String { base.rawValue }
}
