/// Executes HTTP requests: the one thing providers need from the network.
///
/// Implementations: ``CurlHTTPClient`` (libcurl, the real network), ``ReplayTransport`` (recorded
/// fixtures), ``RecordingTransport`` (wraps another transport and writes fixtures).
///
/// Implementations must:
/// - never retry or follow redirects (the pipeline decides what happens next);
/// - stop the transfer and throw ``TransportError/Code/cancelled`` when the calling task is cancelled;
/// - throw ``TransportError/Code/timeout`` when `deadline` passes before the response is complete;
/// - never block a thread of Swift's cooperative pool.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    ///
    /// - Parameters:
    ///   - request: The request.
    ///   - deadline: When the whole exchange must be complete.
    /// - Returns: The response (any status code; statuses are not errors here).
    /// - Throws: ``TransportError`` when no response could be had.
    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse
}

extension HTTPTransport {
    /// Sends `request` with a deadline `timeout` from now.
    public func execute(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        try await execute(request, deadline: .now + timeout)
    }
}
