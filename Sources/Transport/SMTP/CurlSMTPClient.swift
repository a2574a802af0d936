/// Sends email over SMTP through libcurl, on the same kind of event loop as ``CurlHTTPClient``.
///
/// Each send is one SMTP transaction: `EHLO`, STARTTLS per ``Configuration/startTLS`` (or TLS
/// from the start for `smtps://`), AUTH when credentials are configured, `MAIL FROM`, one
/// `RCPT TO` per envelope recipient, then `DATA` with the message (libcurl dot-stuffs it).
/// libcurl keeps the connection open for the next send when it can.
///
/// Failures are ``TransportError``s: a refused login, sender, recipient or message is
/// ``TransportError/Code/rejected`` with ``TransportError/smtpReplyCode`` set (535, 550, ...); a
/// server without STARTTLS when it is required is ``TransportError/Code/tls``; connection
/// problems are as for HTTP. The password never appears in an error or a log line.
///
/// ```swift
/// let smtp = try CurlSMTPClient(configuration: .init(
///     url: "smtp://mail.example.com:587",
///     credentials: SMTPCredentials(username: "app", password: secret)))
/// try await smtp.send(message, timeout: .seconds(30))
/// ```
public final class CurlSMTPClient: Sendable {
    /// Which server and how.
    public let configuration: Configuration
    private let eventLoop: CurlEventLoop
    // The HTTP client whose event loop this one shares, kept alive (with its loop) as long as this client.
    private let loopOwner: CurlHTTPClient?

    /// Creates a client with an event loop thread of its own.
    ///
    /// - Parameter configuration: The server and how to reach it.
    /// - Throws: ``TransportError/Code/invalidRequest`` for a bad URL;
    ///   ``TransportError/Code/internalFailure`` if libcurl cannot be initialised.
    public init(configuration: Configuration) throws {
        _ = try SMTPTarget(configuration: configuration)
        self.configuration = configuration
        eventLoop = try CurlEventLoop(name: "DeliveryHost.smtp", maximumConnectionsPerHost: 4, maximumConnections: 8)
        loopOwner = nil
    }

    /// Creates a client that runs its transfers on `httpClient`'s event loop thread.
    ///
    /// The HTTP client's connection limits then count SMTP connections too. Shutting down the
    /// HTTP client stops this client as well; this client's ``shutdown()`` leaves the shared loop running.
    ///
    /// - Parameters:
    ///   - configuration: The server and how to reach it.
    ///   - httpClient: The client whose loop to share.
    /// - Throws: ``TransportError/Code/invalidRequest`` for a bad URL.
    public init(configuration: Configuration, sharingEventLoopOf httpClient: CurlHTTPClient) throws {
        _ = try SMTPTarget(configuration: configuration)
        self.configuration = configuration
        eventLoop = httpClient.eventLoop
        loopOwner = httpClient
    }

    deinit {
        if loopOwner == nil {
            eventLoop.stop()
        }
    }

    /// Sends `message` (already rendered, CRLF line endings) to `envelope`'s recipients.
    ///
    /// - Parameters:
    ///   - message: The message bytes, headers and body; not dot-stuffed.
    ///   - envelope: The `MAIL FROM` sender and the `RCPT TO` recipients.
    ///   - deadline: When the whole transaction must be complete; one already past throws
    ///     ``TransportError/Code/timeout`` without connecting.
    /// - Throws: ``TransportError``; a refused recipient fails the whole send (nothing is sent).
    public func send(_ message: [UInt8], envelope: SMTPEnvelope, deadline: ContinuousClock.Instant) async throws {
        if Task.isCancelled {
            throw TransportError(.cancelled, "the calling task was cancelled before the message was sent")
        }
        let transfer = try SMTPTransfer(
            message: message, envelope: envelope, deadline: deadline, configuration: configuration)
        try await eventLoop.perform(transfer)
    }

    /// Renders `message` and sends it to its ``MIMEMessage/envelope`` (To, Cc and Bcc).
    ///
    /// - Parameters:
    ///   - message: The message.
    ///   - deadline: When the whole transaction must be complete.
    /// - Throws: ``TransportError``, including `.invalidRequest` from rendering.
    public func send(_ message: MIMEMessage, deadline: ContinuousClock.Instant) async throws {
        try await send(message.render(), envelope: message.envelope, deadline: deadline)
    }

    /// Renders `message` and sends it, with a deadline `timeout` from now.
    public func send(_ message: MIMEMessage, timeout: Duration) async throws {
        try await send(message, deadline: .now + timeout)
    }

    /// Stops this client's own event loop (sends in flight fail with ``TransportError/Code/cancelled``)
    /// and waits for its thread; does nothing for a client sharing an HTTP client's loop.
    public func shutdown() async {
        if loopOwner == nil {
            await eventLoop.shutdown()
        }
    }
}
