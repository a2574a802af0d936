import Foundation
import Signing
import Transport

extension PostmarkProvider: StatusCallbackHandling {
    /// Bounce types after which Postmark will not deliver to the address again: the message bounced.
    static let permanentBounceTypes: Set<String> = [
        "HardBounce", "BadEmailAddress", "SpamComplaint", "ManuallyDeactivated", "Blocked", "DMARCPolicy",
        "Unconfirmed",
    ]

    /// Bounce types that are not a failure of this message: a delay Postmark is still retrying
    /// (`Transient`, `DnsError`), or a reply that is not a non-delivery report.
    static let nonFailureBounceTypes: Set<String> = [
        "Transient", "DnsError", "AutoResponder", "AddressChange", "Subscribe", "Unsubscribe", "SpamNotification",
        "OpenRelayTest", "VirusNotification", "ChallengeVerification",
    ]

    /// Verifies and parses one Postmark webhook (Delivery, Bounce, SpamComplaint, Open, Click, SubscriptionChange).
    ///
    /// Postmark does not sign webhooks: the webhook URL configured at Postmark embeds HTTP Basic credentials
    /// (`https://user:password@host/path`), which Postmark sends as `Authorization: Basic`. They are compared in
    /// constant time with `webhook_username` and `webhook_password`.
    ///
    /// Mapping: `Delivery` → delivered; `SpamComplaint` → bounced (reason `complaint`); `Bounce` → bounced when
    /// Postmark deactivated the address (`Inactive: true`) or the type is permanent (``permanentBounceTypes``),
    /// no update for delays and non-failures (``nonFailureBounceTypes``), undelivered otherwise (`SoftBounce`,
    /// `Unknown`, …: this message failed but the address stays active); every other record type → no update.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` without configured credentials,
    ///   ``ProviderError/Code/forgedCallback`` for missing or wrong credentials,
    ///   ``ProviderError/Code/invalidCallback`` for an authentic body that cannot be read.
    public func handleCallback(_ callback: ProviderCallback) async throws -> CallbackOutcome {
        try authenticate(callback.headers)
        guard let json = try? JSONValue.parse(callback.body), json.objectValue != nil else {
            throw ProviderError(.invalidCallback, provider: id, message: "the webhook body is not a JSON object")
        }
        guard let recordType = json["RecordType"]?.stringValue else {
            throw ProviderError(.invalidCallback, provider: id, message: "the webhook has no RecordType")
        }
        switch recordType {
        case "Delivery":
            return .updates([
                StatusUpdate(
                    providerMessageID: try messageID(json), status: .delivered,
                    reason: json["Details"]?.stringValue,
                    occurredAt: json["DeliveredAt"]?.stringValue.flatMap(PostmarkWire.date),
                    recipient: json["Recipient"]?.stringValue)
            ])
        case "Bounce", "SpamComplaint":
            let type = json["Type"]?.stringValue ?? recordType
            guard let status = recordType == "SpamComplaint" ? .bounced : Self.status(forBounce: json) else {
                return .updates([])
            }
            return .updates([
                StatusUpdate(
                    providerMessageID: try messageID(json), status: status,
                    reason: recordType == "SpamComplaint" ? "complaint" : json["Description"]?.stringValue,
                    providerCode: type, occurredAt: json["BouncedAt"]?.stringValue.flatMap(PostmarkWire.date),
                    recipient: json["Email"]?.stringValue)
            ])
        default:
            return .updates([])
        }
    }

    /// The status a Bounce record gives the message, or `nil` for none (see ``handleCallback(_:)``).
    static func status(forBounce json: JSONValue) -> StatusUpdate.Status? {
        let type = json["Type"]?.stringValue ?? "Unknown"
        if json["Inactive"]?.boolValue == true || permanentBounceTypes.contains(type) { return .bounced }
        return nonFailureBounceTypes.contains(type) ? nil : .undelivered
    }

    // MARK: - Verification

    private func authenticate(_ headers: HTTPHeaders) throws {
        guard let credentials = configuration.webhookCredentials else {
            throw ProviderError(
                .misconfigured, provider: id,
                message: "Postmark webhooks are refused: set webhook_username and webhook_password on the channel")
        }
        guard let header = headers["Authorization"], let space = header.firstIndex(of: " "),
            header[..<space].lowercased() == "basic",
            let presented = try? Base64.decode(header[space...].trimmingCharacters(in: .whitespaces))
        else {
            throw ProviderError(
                .forgedCallback, provider: id, message: "the webhook carries no HTTP Basic credentials")
        }
        let expected = Array("\(credentials.username):\(credentials.password)".utf8)
        guard ConstantTime.equals(presented, expected) else {
            throw ProviderError(
                .forgedCallback, provider: id, message: "the webhook's HTTP Basic credentials are wrong")
        }
    }

    private func messageID(_ json: JSONValue) throws -> String {
        guard let messageID = json["MessageID"]?.stringValue, !messageID.isEmpty else {
            throw ProviderError(.invalidCallback, provider: id, message: "the webhook has no MessageID")
        }
        return messageID
    }
}
