public import Foundation
public import Transport

/// Sends email through Postmark's `POST /email` API.
///
/// One request per message, authenticated with the server token in `X-Postmark-Server-Token`. The
/// message's sender, recipients, subject, bodies, headers and attachments become Postmark's `From`,
/// `To`/`Cc`/`Bcc`/`ReplyTo`, `Subject`, `HtmlBody`/`TextBody`, `Headers` and `Attachments`; the
/// workflow key becomes the `Tag` and our message and recipient ids travel in `Metadata` (as Knock does).
/// The receipt carries Postmark's `MessageID`, which the Delivery and Bounce webhooks quote (see
/// ``handleCallback(_:)``). In sandbox mode the request carries Postmark's `POSTMARK_API_TEST` token:
/// Postmark validates it but delivers nothing.
public struct PostmarkProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "postmark"

    public var id: ProviderID { Self.providerID }

    let configuration: PostmarkConfiguration
    private let transport: any HTTPTransport
    let now: @Sendable () -> Date

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - configuration: The channel's settings.
    ///   - transport: The HTTP transport.
    ///   - now: The wall clock, for `Retry-After` dates.
    public init(
        configuration: PostmarkConfiguration,
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.now = now
    }

    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        let content = try message.content.email(for: id)
        let request = try makeRequest(for: message, content: content)
        let response = try await transport.execute(request, deadline: context.deadline, for: id)
        return try classify(response)
    }

    /// Builds the exact HTTP request for a message.
    ///
    /// - Parameters:
    ///   - message: The message (its id, recipient and workflow key are used).
    ///   - content: The rendered email.
    /// - Returns: `POST <base>/email` with Postmark's JSON body.
    /// - Throws: ``ProviderError/Code/misconfigured`` without a sender (neither the message nor the channel
    ///   has one); ``ProviderError/Code/invalidRecipient`` when there is nobody to send to.
    public func makeRequest(for message: OutboundMessage, content: EmailContent) throws -> HTTPRequest {
        guard let from = content.from ?? configuration.from, !from.isEmpty else {
            throw ProviderError(
                .misconfigured, provider: id, message: "no sender: set 'from' on the channel or in the message")
        }
        let to = content.to.isEmpty ? [message.recipient.email].compactMap { $0 } : content.to
        guard !to.isEmpty, to.allSatisfy({ !$0.isEmpty }) else {
            throw ProviderError(
                .invalidRecipient, provider: id,
                message: "recipient '\(message.recipient.id)' has no email address and the message names none")
        }
        let body = PostmarkWire.emailBody(
            message: message, content: content, from: from, to: to, configuration: configuration)
        let headers: HTTPHeaders = [
            "Accept": "application/json",
            "Content-Type": "application/json",
            "X-Postmark-Server-Token": configuration.effectiveToken,
        ]
        let base = configuration.baseURL ?? PostmarkConfiguration.defaultBaseURL
        return HTTPRequest(
            method: .post, url: Self.trimmingSlash(base) + "/email", headers: headers, body: body.encodedBytes())
    }

    static func trimmingSlash(_ url: String) -> String {
        url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
