import Signing
import Transport

extension TwilioProvider: StatusCallbackHandling {
    /// Message statuses that end delivery, and what they mean for the message (Knock's mapping).
    static let terminalStatuses: [String: StatusUpdate.Status] = [
        "delivered": .delivered,
        "undelivered": .undelivered,
        "failed": .bounced,
    ]

    /// Verifies and parses one Twilio status callback (a form-encoded POST).
    ///
    /// The `X-Twilio-Signature` header is checked with ``TwilioRequestValidator`` against the callback's full
    /// URL (as configured in `status_callback_url`, with the `dh_message_id` parameter Twilio was given) and
    /// every form parameter, keyed with the account's auth token: Twilio signs callbacks with it even when
    /// messages are sent with an API key, so callbacks need `auth_token`.
    ///
    /// Mapping: `delivered` → delivered, `undelivered` → undelivered, `failed` → bounced (as Knock maps them);
    /// `queued`, `sending`, `sent`, `accepted`, `scheduled` and any other status → no update. `ErrorCode`
    /// becomes the update's ``StatusUpdate/providerCode``.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` without `auth_token`, ``ProviderError/Code/forgedCallback``
    ///   for a missing or wrong signature, ``ProviderError/Code/invalidCallback`` without `MessageSid` or
    ///   `MessageStatus`.
    public func handleCallback(_ callback: ProviderCallback) async throws -> CallbackOutcome {
        guard let authToken = configuration.authToken else {
            throw ProviderError(
                .misconfigured, provider: id,
                message: "Twilio callbacks are signed with the account's auth token: set auth_token on the channel")
        }
        guard let signature = callback.headers[TwilioRequestValidator.signatureHeaderName] else {
            throw ProviderError(.forgedCallback, provider: id, message: "the callback has no X-Twilio-Signature")
        }
        let parameters = TwilioWire.parseForm(String(decoding: callback.body, as: UTF8.self))
        do {
            try TwilioRequestValidator(authToken: authToken).verify(
                url: callback.url, parameters: parameters, signature: signature)
        } catch let error as SigningError {
            throw ProviderError(.forgedCallback, provider: id, message: "X-Twilio-Signature is invalid: \(error.code)")
        }
        func value(_ name: String) -> String? {
            parameters.first { $0.name == name }.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let sid = value("MessageSid") ?? value("SmsSid") else {
            throw ProviderError(.invalidCallback, provider: id, message: "the callback has no MessageSid")
        }
        guard let messageStatus = value("MessageStatus") ?? value("SmsStatus") else {
            throw ProviderError(.invalidCallback, provider: id, message: "the callback has no MessageStatus")
        }
        guard let status = Self.terminalStatuses[messageStatus] else { return .updates([]) }
        let errorCode = value("ErrorCode")
        return .updates([
            StatusUpdate(
                providerMessageID: sid, status: status,
                reason: value("ErrorMessage") ?? errorCode.map { "Twilio error \($0)" } ?? messageStatus,
                providerCode: errorCode, recipient: value("To"))
        ])
    }
}
