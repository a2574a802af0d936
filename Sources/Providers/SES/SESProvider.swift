public import Foundation
import Signing
public import Transport

/// Sends email through Amazon SES: one SES v2 `SendEmail` request per message, signed with SigV4.
///
/// The request is `POST https://email.<region>.amazonaws.com/v2/email/outbound-emails` with a JSON
/// body: `Simple` content (subject, text and HTML in UTF-8, extra headers), or `Raw` content (a MIME
/// message built with ``MIMEMessage``) when the email has attachments. Our message id and the
/// workflow key travel as `EmailTags`, so every event SES publishes for the message carries them.
/// The receipt's ``DeliveryReceipt/providerMessageID`` is SES's `MessageId`, which is
/// `mail.messageId` in the delivery events that ``handleCallback(_:)`` reads.
///
/// SES has no test mode: in sandbox mode every recipient outside the mailbox simulator is replaced
/// by `success@simulator.amazonses.com` (which SES reports as delivered), so a sandbox send
/// exercises credentials, sender identity and event publishing without reaching anyone.
public struct SESProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "ses"

    public var id: ProviderID { Self.providerID }

    let configuration: SESConfiguration
    let transport: any HTTPTransport
    let now: @Sendable () -> Date
    let signer: SigV4Signer
    let certificates: SNSCertificateCache
    let outboundGuard: OutboundGuard?

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - configuration: The channel's settings.
    ///   - transport: The HTTP transport (also used to fetch SNS certificates and confirm subscriptions).
    ///   - now: The wall clock, for SigV4 timestamps, the `Date` of raw messages and callback checks.
    ///   - outboundGuard: The guarded transport that fetches SNS certificates and confirms subscriptions
    ///     (URLs taken from callbacks), and whose allow-list may name a development `SubscribeURL` host;
    ///     `nil` to use `transport` for them.
    /// - Throws: ``ProviderError/Code/misconfigured`` if the region or the credentials cannot sign.
    public init(
        configuration: SESConfiguration,
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() },
        outboundGuard: OutboundGuard? = nil
    ) throws {
        do {
            signer = try SigV4Signer(
                credentials: configuration.credentials, region: configuration.region, service: "ses")
        } catch let error as SigningError {
            throw ProviderError(.misconfigured, provider: Self.providerID, message: "cannot sign: \(error.message)")
        }
        self.configuration = configuration
        self.transport = transport
        self.now = now
        self.outboundGuard = outboundGuard
        certificates = SNSCertificateCache(transport: outboundGuard?.transport ?? transport)
    }

    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        let email = try message.content.email(for: id)
        let request = try makeRequest(for: message, email: email)
        let response = try await transport.execute(request, deadline: context.deadline, for: id)
        var receipt = try classify(response)
        if configuration.isSandbox {
            receipt.detail =
                "sandbox: recipients replaced by \(SESConfiguration.sandboxRecipient); " + (receipt.detail ?? "")
        }
        return receipt
    }

    /// Builds the exact signed `SendEmail` request for a message.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` for a missing or unusable sender,
    ///   ``ProviderError/Code/invalidRecipient`` for a missing or unusable recipient address, and
    ///   ``ProviderError/Code/rejected`` for content that cannot be sent (a bad header, attachment or
    ///   Cc, Bcc or Reply-To address).
    public func makeRequest(for message: OutboundMessage, email: EmailContent) throws -> HTTPRequest {
        let addresses = try SESAddresses(message: message, email: email, configuration: configuration)
        let content: SESWire.Content
        if email.attachments.isEmpty {
            content = .simple(
                subject: email.subject, text: email.text, html: email.html,
                headers: try Self.checkedHeaders(email.headers))
        } else {
            content = .raw(try rawMessage(message, email: email, addresses: addresses))
        }
        let body = SESWire.sendEmailBody(
            addresses: addresses.rendered, content: content, tags: Self.tags(for: message),
            configurationSet: configuration.configurationSet
        ).encodedBytes()
        return try sign(url: configuration.sendEmailURL, body: body)
    }

    // MARK: - Request parts

    /// `delivery_host_message_id` and `delivery_host_workflow`, values reduced to what SES accepts in a tag.
    static func tags(for message: OutboundMessage) -> [SESWire.Tag] {
        var tags = [SESWire.Tag(name: "delivery_host_message_id", value: tagValue(message.id))]
        if let workflow = message.workflowKey, !workflow.isEmpty {
            tags.append(SESWire.Tag(name: "delivery_host_workflow", value: tagValue(workflow)))
        }
        return tags
    }

    /// SES tag values may hold only ASCII letters, digits, `_` and `-`, fewer than 256 characters:
    /// anything else becomes `_`.
    static func tagValue(_ text: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        return String(String(text.map { allowed.contains($0) ? $0 : "_" }).prefix(255))
    }

    private func sign(url: String, body: [UInt8]) throws -> HTTPRequest {
        do {
            guard let parsed = URL(string: url) else {
                throw ProviderError(.misconfigured, provider: id, message: "the SES endpoint URL is malformed")
            }
            let unsigned = try SigV4Request(
                method: "POST", url: parsed, headers: [.init("Content-Type", "application/json")],
                payload: .bytes(body))
            let signed = try signer.sign(unsigned, date: now())
            var headers = HTTPHeaders()
            for header in signed.request.headers where header.name.lowercased() != "host" {
                headers.add(name: header.name, value: header.value)
            }
            return HTTPRequest(method: .post, url: url, headers: headers, body: body)
        } catch let error as SigningError {
            throw ProviderError(.misconfigured, provider: id, message: "cannot sign the request: \(error.message)")
        }
    }
}
