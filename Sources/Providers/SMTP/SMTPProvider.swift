public import Foundation
public import Transport

/// Sends email to an SMTP server (a relay, a provider's SMTP interface) through libcurl.
///
/// Each message is one SMTP transaction: the channel's security (STARTTLS required, implicit TLS,
/// or plain only on loopback), AUTH when credentials are configured, `MAIL FROM` the sender, one
/// `RCPT TO` per To, Cc and Bcc address, then the MIME message built with ``MIMEMessage``
/// (`multipart/alternative` text and HTML, attachments in `multipart/mixed`, RFC 2047 headers, Bcc
/// only in the envelope). The `Message-ID` is `<message id@domain>` and is the receipt's
/// ``DeliveryReceipt/providerMessageID``.
///
/// SMTP has no status callbacks: a message accepted by the server stays `sent`. In sandbox mode the
/// message is built and checked but not sent.
///
/// The SMTP client is created once per provider (one connection cache), and closed by ``shutdown()``.
public struct SMTPProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "smtp"

    public var id: ProviderID { Self.providerID }

    let configuration: SMTPConfiguration
    let client: any SMTPTransport
    let now: @Sendable () -> Date

    /// Creates a provider and its SMTP client.
    ///
    /// - Parameters:
    ///   - configuration: The channel's settings.
    ///   - now: The wall clock, for the `Date` header.
    ///   - makeTransport: Builds the SMTP client for the server; ``CurlSMTPClient`` by default.
    /// - Throws: ``ProviderError/Code/misconfigured`` if the server settings are unusable.
    public init(
        configuration: SMTPConfiguration,
        now: @escaping @Sendable () -> Date = { Date() },
        makeTransport: @Sendable (CurlSMTPClient.Configuration) throws -> any SMTPTransport = {
            try CurlSMTPClient(configuration: $0)
        }
    ) throws {
        do {
            client = try makeTransport(configuration.clientConfiguration)
        } catch let error as TransportError {
            throw ProviderError(
                .misconfigured, provider: Self.providerID,
                message: "the SMTP server settings are unusable: \(error.message)")
        }
        self.configuration = configuration
        self.now = now
    }

    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        let email = try message.content.email(for: id)
        let mime = try makeMessage(for: message, email: email)
        let bytes: [UInt8]
        do {
            bytes = try mime.render()
        } catch let error as TransportError {
            throw ProviderError(.rejected, provider: id, message: "the message cannot be rendered: \(error.message)")
        }
        if configuration.isSandbox {
            return DeliveryReceipt(providerMessageID: mime.messageID, outcome: .sent, detail: "sandbox")
        }
        do {
            try await client.send(bytes, envelope: mime.envelope, deadline: context.deadline)
        } catch let error as TransportError {
            throw classify(error)
        }
        return DeliveryReceipt(
            providerMessageID: mime.messageID, outcome: .sent,
            detail: "accepted by \(configuration.host):\(configuration.port)")
    }

    /// Closes the SMTP client's connections and stops its event loop.
    public func shutdown() async {
        if let client = client as? CurlSMTPClient {
            await client.shutdown()
        }
    }
}
