/// Sends mail to one SMTP server: what the SMTP email provider needs from the network.
///
/// ``CurlSMTPClient`` is the real implementation; tests may substitute a recorder. Implementations
/// must not retry and must stop when the calling task is cancelled.
public protocol SMTPTransport: Sendable {
    /// Sends a rendered RFC 5322 message (CRLF line endings) to the envelope's recipients.
    ///
    /// - Parameters:
    ///   - message: The message bytes.
    ///   - envelope: `MAIL FROM` and `RCPT TO`.
    ///   - deadline: When the whole exchange must be complete.
    /// - Throws: ``TransportError`` (``TransportError/Code/rejected`` with the SMTP reply code when the
    ///   server refuses).
    func send(_ message: [UInt8], envelope: SMTPEnvelope, deadline: ContinuousClock.Instant) async throws
}

extension CurlSMTPClient: SMTPTransport {}
