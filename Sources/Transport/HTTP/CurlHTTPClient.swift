/// The real network: an ``HTTPTransport`` over libcurl.
///
/// One dedicated thread drives every transfer with a `curl_multi_poll` loop, so awaiting a
/// response never blocks a thread of Swift's cooperative pool. Connections are pooled and reused,
/// and HTTP/2 streams to one host share a connection.
///
/// The client never follows redirects and never retries. A cancelled task stops its transfer
/// (closing the connection if it was mid-transfer) and gets ``TransportError/Code/cancelled``.
///
/// ```swift
/// let client = try CurlHTTPClient()
/// let response = try await client.execute(
///     HTTPRequest(method: .get, url: "https://example.com/"), timeout: .seconds(5))
/// await client.shutdown()
/// ```
///
/// Call ``shutdown()`` when done. If the last reference goes away without it, the loop thread is
/// told to stop and frees libcurl's handles by itself shortly after (no request can be in flight
/// then, since each one keeps the client alive).
public final class CurlHTTPClient: HTTPTransport {
    /// How this client connects and what it accepts.
    public let configuration: Configuration
    let eventLoop: CurlEventLoop

    /// Creates a client and starts its event loop thread.
    ///
    /// - Parameter configuration: Timeouts, limits and TLS settings.
    /// - Throws: ``TransportError/Code/internalFailure`` if libcurl cannot be initialised.
    public init(configuration: Configuration = Configuration()) throws {
        guard CurlLibrary.initialize() else {
            throw TransportError(.internalFailure, "libcurl could not be initialised")
        }
        self.configuration = configuration
        eventLoop = try CurlEventLoop(
            name: "DeliveryHost.curl",
            maximumConnectionsPerHost: configuration.maximumConnectionsPerHost,
            maximumConnections: configuration.maximumConnections)
    }

    deinit {
        eventLoop.stop()
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// - Parameters:
    ///   - request: The request; its URL must be `http` or `https`.
    ///   - deadline: When the exchange must be complete; a deadline already past throws
    ///     ``TransportError/Code/timeout`` without sending anything.
    /// - Returns: The final response (never a redirect's target).
    /// - Throws: ``TransportError``: `.invalidRequest`, `.dns`, `.connectFailed`, `.tls`, `.timeout`,
    ///   `.cancelled`, `.tooLarge` (body over ``Configuration/maximumResponseBodySize``) or
    ///   `.protocolError` (including ``HTTPVersionPreference/http2Required`` not met).
    public func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        if Task.isCancelled {
            throw TransportError(.cancelled, "the calling task was cancelled before the request was sent")
        }
        let transfer = try HTTPTransfer(request: request, deadline: deadline, configuration: configuration)
        return try await eventLoop.perform(transfer)
    }

    /// Stops the event loop: requests in flight fail with ``TransportError/Code/cancelled``, later
    /// ones too, and pooled connections are closed. Returns once the loop thread has finished.
    public func shutdown() async {
        await eventLoop.shutdown()
    }
}
