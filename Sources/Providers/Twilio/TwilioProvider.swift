public import Foundation
import Signing
public import Transport

/// Sends SMS through Twilio's Messages API (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`).
///
/// One form-encoded request per message with `To`, `From` (or `MessagingServiceSid`), `Body` and, when
/// configured, `StatusCallback` (the configured URL plus `dh_message_id=<our message id>`), authenticated
/// with HTTP Basic: the account SID and auth token, or an API key SID and secret. The receipt carries the
/// message `sid`, which status callbacks quote (see ``handleCallback(_:)``). In sandbox mode requests use
/// Twilio's test credentials and a magic `From` number: Twilio validates them but sends nothing.
public struct TwilioProvider: Provider {
    /// The provider's configuration name.
    public static let providerID: ProviderID = "twilio"

    public var id: ProviderID { Self.providerID }

    let configuration: TwilioConfiguration
    private let transport: any HTTPTransport
    let now: @Sendable () -> Date

    /// Creates a provider.
    ///
    /// - Parameters:
    ///   - configuration: The channel's settings.
    ///   - transport: The HTTP transport.
    ///   - now: The wall clock, for `Retry-After` dates.
    public init(
        configuration: TwilioConfiguration,
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.configuration = configuration
        self.transport = transport
        self.now = now
    }

    public func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
        let content = try message.content.sms(for: id)
        let request = try makeRequest(for: message, content: content)
        let response = try await transport.execute(request, deadline: context.deadline, for: id)
        return try classify(response)
    }

    /// Builds the exact HTTP request for a message.
    ///
    /// - Parameters:
    ///   - message: The message (its id and recipient are used).
    ///   - content: The rendered SMS.
    /// - Returns: The form-encoded `POST` to the account's Messages resource.
    /// - Throws: ``ProviderError/Code/misconfigured`` when the credentials or sender this mode needs are
    ///   missing; ``ProviderError/Code/invalidRecipient`` when there is no number to send to.
    public func makeRequest(for message: OutboundMessage, content: SMSContent) throws -> HTTPRequest {
        guard let to = content.to ?? message.recipient.phoneNumber, !to.isEmpty else {
            throw ProviderError(
                .invalidRecipient, provider: id,
                message: "recipient '\(message.recipient.id)' has no phone number and the message names none")
        }
        let account: String
        let credentials: (user: String, password: String)
        var fields: [(name: String, value: String)] = [("To", to)]
        if configuration.isSandbox {
            guard let test = configuration.testCredentials else {
                throw ProviderError(
                    .misconfigured, provider: id,
                    message: "sandbox mode needs Twilio's test credentials: set test_account_sid and test_auth_token")
            }
            account = test.accountSID
            credentials = (test.accountSID, test.authToken)
            fields.append(("From", test.from))  // test credentials refuse MessagingServiceSid
        } else {
            guard let authentication = configuration.authentication else {
                throw ProviderError(
                    .misconfigured, provider: id,
                    message: "no live credentials: set auth_token, or api_key_sid and api_key_secret")
            }
            account = configuration.accountSID
            credentials = authentication.credentials(accountSID: account)
            if let from = configuration.from {
                fields.append(("From", from))
            } else if let service = configuration.messagingServiceSID {
                fields.append(("MessagingServiceSid", service))
            } else {
                throw ProviderError(
                    .misconfigured, provider: id, message: "no sender: set from or messaging_service_sid")
            }
        }
        fields.append(("Body", content.text))
        if let callback = configuration.statusCallbackURL {
            let separator = callback.contains("?") ? "&" : "?"
            fields.append(
                (
                    "StatusCallback",
                    callback + separator + TwilioConfiguration.messageIDParameter + "=" + TwilioWire.encode(message.id)
                ))
        }
        let headers: HTTPHeaders = [
            "Authorization": "Basic " + Base64.encode(Array("\(credentials.user):\(credentials.password)".utf8)),
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        ]
        var base = configuration.baseURL ?? TwilioConfiguration.defaultBaseURL
        if base.hasSuffix("/") { base.removeLast() }
        let url = base + "/2010-04-01/Accounts/" + TwilioWire.encode(account) + "/Messages.json"
        return HTTPRequest(method: .post, url: url, headers: headers, body: Array(TwilioWire.form(fields).utf8))
    }
}
