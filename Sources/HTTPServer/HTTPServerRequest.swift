/// A complete HTTP request as the server received it: headers parsed, body read in full.
///
/// Handlers see Swift values only; no libmicrohttpd type ever reaches them.
public struct HTTPServerRequest: Sendable {
    /// The method, upper case (`GET`, `POST`…).
    public var method: String
    /// The path, percent-decoded, without the query string (`/v1/users/u%2F1` arrives as `/v1/users/u/1`
    /// only in ``path``; ``rawPath`` keeps the encoding so routers can split segments safely).
    public var path: String
    /// The path exactly as sent, still percent-encoded, without the query string.
    public var rawPath: String
    /// The query parameters in order, percent-decoded; repeated names appear repeatedly.
    public var query: [(name: String, value: String)]
    /// The query string exactly as sent, still encoded, without the `?`; `nil` when the target had none.
    ///
    /// Signature checks over the request URL (Twilio's) need the bytes the client sent, which decoding
    /// and re-encoding ``query`` would not always give back.
    public var rawQuery: String?
    /// The headers in order; names as sent. Look them up with ``header(_:)``.
    public var headers: [(name: String, value: String)]
    /// The body bytes (empty when there is none).
    public var body: [UInt8]
    /// The peer's address, such as `127.0.0.1:53122`, when known.
    public var remoteAddress: String?

    /// Creates a request (the server does; tests may too).
    public init(
        method: String, path: String, rawPath: String? = nil, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: [UInt8] = [], remoteAddress: String? = nil,
        rawQuery: String? = nil
    ) {
        self.method = method
        self.path = path
        self.rawPath = rawPath ?? path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.rawQuery = rawQuery
    }

    /// The first value of a header, matched case-insensitively, or `nil`.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The first value of a query parameter, or `nil`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}
