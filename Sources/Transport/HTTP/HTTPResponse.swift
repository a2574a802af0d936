/// An HTTP response received by an ``HTTPTransport``.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code, such as `200`.
    public var status: Int
    /// The header fields of the final response, in order.
    public var headers: HTTPHeaders
    /// The body, at most the transport's configured maximum size.
    public var body: [UInt8]
    /// The HTTP version used, such as `1.1` or `2`.
    public var httpVersion: String

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = [:], body: [UInt8] = [], httpVersion: String = "1.1") {
        self.status = status
        self.headers = headers
        self.body = body
        self.httpVersion = httpVersion
    }

    /// The body as UTF-8 text (invalid sequences replaced).
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }
}
