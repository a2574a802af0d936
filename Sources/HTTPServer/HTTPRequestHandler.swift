/// Answers requests for an ``HTTPServer``.
///
/// Implementations must be safe to call concurrently from many requests at once, must always return a
/// response (errors become responses; the server answers 500 only if the handler's task is cancelled
/// during shutdown), and must not assume anything about the thread they run on.
public protocol HTTPRequestHandler: Sendable {
    /// Answers one request.
    func handle(_ request: HTTPServerRequest) async -> HTTPServerResponse
}
