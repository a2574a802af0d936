/// A complete HTTP response for the server to send.
public struct HTTPServerResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The headers to send; the server adds `Content-Length` (and `Date`, `Connection` as needed).
    public var headers: [(name: String, value: String)]
    /// The body bytes.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
