import Foundation
import Transport

extension APNSProvider {
    /// What each APNs `reason` means (Apple's "Handling notification responses from APNs").
    static let reasons: [String: (code: ProviderError.Code, meaning: String)] = [
        // The device token is dead: drop it.
        "BadDeviceToken": (
            .invalidRecipient, "the device token is invalid, or belongs to the other APNs environment (see sandbox)"
        ),
        "DeviceTokenNotForTopic": (.invalidRecipient, "the device token does not belong to bundle_id"),
        "Unregistered": (.invalidRecipient, "the device token is no longer active for bundle_id"),
        "ExpiredToken": (.invalidRecipient, "the device token has expired"),
        "MissingDeviceToken": (.invalidRecipient, "the device token is missing"),
        // The channel's settings are wrong.
        "BadTopic": (.misconfigured, "bundle_id is not a valid topic"),
        "TopicDisallowed": (.misconfigured, "pushing to bundle_id is not allowed"),
        "MissingTopic": (.misconfigured, "the request has no apns-topic (bundle_id)"),
        "BadCertificate": (.misconfigured, "APNs refused the credentials"),
        "BadCertificateEnvironment": (.misconfigured, "the credentials are for the other APNs environment"),
        "BadEnvironmentKeyIdInToken": (.misconfigured, "key_id is not enabled for this APNs environment"),
        "BadEnvironmentKeyInToken": (.misconfigured, "signing_key is not enabled for this APNs environment"),
        "MissingProviderToken": (.misconfigured, "APNs got no provider token (is a proxy removing it?)"),
        "Forbidden": (.misconfigured, "APNs forbids this request for these credentials"),
        "InvalidPushType": (.misconfigured, "APNs refused the apns-push-type for bundle_id"),
        "BadPath": (.misconfigured, "APNs does not know the request path (check base_url)"),
        // This message cannot be sent as it is.
        "PayloadEmpty": (.rejected, "the notification is empty"),
        "PayloadTooLarge": (.rejected, "the payload is larger than APNs accepts (4096 bytes)"),
        "BadCollapseId": (.rejected, "collapse_id is longer than 64 bytes"),
        "BadExpirationDate": (.rejected, "time_to_live gives an expiration date APNs refuses"),
        // A bug here: the adapter built a request APNs cannot read.
        "BadPriority": (.internalFailure, "APNs refused apns-priority"),
        "BadMessageId": (.internalFailure, "APNs refused apns-id"),
        "DuplicateHeaders": (.internalFailure, "the request repeated a header"),
        "MethodNotAllowed": (.internalFailure, "APNs accepts only POST"),
        // Later may work.
        "TooManyRequests": (.rateLimited, "too many notifications to this device token"),
        "TooManyProviderTokenUpdates": (.rateLimited, "the provider token changed too often for APNs"),
        "IdleTimeout": (.unavailable, "the connection was idle for too long"),
        "UnrelatedKeyIdInToken": (
            .unavailable, "the connection was first used with another key; the next attempt may use another connection"
        ),
        "InternalServerError": (.unavailable, "APNs had an internal error"),
        "ServiceUnavailable": (.unavailable, "APNs is unavailable"),
        "Shutdown": (.unavailable, "the APNs server is shutting down"),
    ]

    /// Turns a non-2xx response into the classified error; applies the provider-token rules.
    ///
    /// - Parameters:
    ///   - response: The response.
    ///   - authorization: The provider token the request carried.
    func classify(_ response: HTTPResponse, authorization: String) async -> ProviderError {
        let status = response.status
        let reason = APNSWire.reason(in: response.body)
        func error(_ code: ProviderError.Code, _ meaning: String, retryAfter: Duration? = nil) -> ProviderError {
            ProviderError(
                code, provider: id, message: "APNs refused the notification: \(meaning)", httpStatus: status,
                providerCode: reason,
                retryAfter: retryAfter ?? RetryAfter.parse(response.headers["Retry-After"], now: now()))
        }
        switch reason {
        case "ExpiredProviderToken":
            guard let wait = await tokens.requestReplacement(of: authorization) else {
                return error(.reauthenticate, "the provider token expired; the next attempt uses a new one")
            }
            return error(
                .reauthenticate,
                "the provider token expired although it is younger than 20 minutes; it is kept, because APNs "
                    + "allows one new token per 20 minutes (check the host clock)",
                retryAfter: wait)
        case "InvalidProviderToken":
            guard await tokens.noteInvalidToken() else {
                return error(
                    .misconfigured, "the provider token is invalid again: check team_id, key_id and signing_key")
            }
            // Replaced only if at least 20 minutes old; the one retry shows whether the credentials are wrong.
            _ = await tokens.requestReplacement(of: authorization)
            return error(.reauthenticate, "the provider token is invalid; one retry will tell if the key is wrong")
        case let reason?:
            if let known = Self.reasons[reason] { return error(known.code, known.meaning) }
        case nil:
            break
        }
        let (code, meaning) = Self.meaning(ofStatus: status)
        return error(code, meaning)
    }

    /// The class of a status whose reason is missing or unknown.
    static func meaning(ofStatus status: Int) -> (ProviderError.Code, String) {
        switch status {
        case 400: (.rejected, "bad request (HTTP 400)")
        case 403: (.misconfigured, "the credentials were refused (HTTP 403)")
        case 404, 405: (.misconfigured, "the request path or method is unknown (HTTP \(status)); check base_url")
        case 410: (.invalidRecipient, "the device token is no longer active (HTTP 410)")
        case 413: (.rejected, "the payload is too large (HTTP 413)")
        case 429: (.rateLimited, "too many requests (HTTP 429)")
        default: (.unavailable, "HTTP \(status)")
        }
    }
}
