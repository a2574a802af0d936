import Foundation
import Transport

extension FCMProvider {
    /// The shortest wait after `QUOTA_EXCEEDED`: FCM asks for at least one minute.
    static let quotaBackoff: Duration = .seconds(60)

    /// Turns a non-2xx send response into the classified error.
    ///
    /// The FCM code is the `errorCode` of the body's `google.firebase.fcm.v1.FcmError` detail, else the
    /// canonical `status`. A 400 `INVALID_ARGUMENT` is about the device token (a dead token) when a
    /// `google.rpc.BadRequest` detail names the field `message.token`, or the message says "registration
    /// token" (FCM's "The registration token is not a valid FCM registration token"); otherwise it is
    /// about the message.
    ///
    /// - Parameters:
    ///   - response: The response.
    ///   - accessToken: The access token the request carried (dropped on HTTP 401).
    func classify(_ response: HTTPResponse, accessToken: String) async -> ProviderError {
        let status = response.status
        let body = FCMWire.ErrorBody(response.body)
        let code = body?.fcmErrorCode ?? body?.status
        let retryAfter = RetryAfter.parse(response.headers["Retry-After"], now: now())
        func error(_ kind: ProviderError.Code, _ meaning: String, retryAfter: Duration? = nil) -> ProviderError {
            ProviderError(
                kind, provider: id, message: "FCM refused the message: \(meaning)", httpStatus: status,
                providerCode: code, retryAfter: retryAfter)
        }
        switch (status, body?.fcmErrorCode) {
        case (_, "UNREGISTERED"):
            return error(.invalidRecipient, "the device token is no longer registered")
        case (401, "THIRD_PARTY_AUTH_ERROR"), (401, "APNS_AUTH_ERROR"):
            return error(.misconfigured, "the APNs or web push credentials in the Firebase project were refused")
        case (401, _):
            await tokens.invalidate(accessToken)
            return error(.reauthenticate, "the access token was refused; the next attempt gets a new one")
        case (_, "SENDER_ID_MISMATCH"):
            return error(.misconfigured, "the device token belongs to another Firebase project than project_id")
        case (403, _):
            return error(.misconfigured, "the service account may not send in project_id (permission denied)")
        case (_, "QUOTA_EXCEEDED"), (429, _):
            return error(
                .rateLimited, "the sending quota is exceeded", retryAfter: max(Self.quotaBackoff, retryAfter ?? .zero))
        case (_, "UNAVAILABLE"), (_, "INTERNAL"), (_, "UNSPECIFIED_ERROR"), (500..<600, _):
            return error(.unavailable, "FCM is unavailable for now (HTTP \(status))", retryAfter: retryAfter)
        case (400, _), (_, "INVALID_ARGUMENT"):
            if isAboutTheDeviceToken(body) {
                return error(.invalidRecipient, "the device token is not a valid FCM registration token")
            }
            return error(.rejected, "the message is invalid (\(Self.excerpt(body?.message)))")
        case (404, _):
            return error(.misconfigured, "the project or endpoint is unknown (check project_id and base_url)")
        default:
            return error(.unavailable, "HTTP \(status)", retryAfter: retryAfter)
        }
    }

    /// Whether an `INVALID_ARGUMENT` names the device token rather than the message.
    private func isAboutTheDeviceToken(_ body: FCMWire.ErrorBody?) -> Bool {
        guard let body else { return false }
        if body.fieldViolations.contains(where: { $0 == "message.token" }) { return true }
        return body.message?.lowercased().contains("registration token") ?? false
    }

    /// The access token in a token endpoint response, or the classified error.
    ///
    /// - Returns: The token and its lifetime in seconds (`expires_in`, 3600 if absent).
    /// - Throws: ``ProviderError``: `invalid_grant` and other refusals are ``ProviderError/Code/misconfigured``
    ///   (the service account, its key or the host clock is wrong); 408, 429, 5xx and Google's
    ///   temporary errors may succeed later.
    static func accessToken(from response: HTTPResponse, now: Date) throws -> (token: String, expiresIn: TimeInterval) {
        let status = response.status
        let body = try? JSONValue.parse(response.body)
        if (200..<300).contains(status) {
            guard let token = body?["access_token"]?.stringValue, !token.isEmpty else {
                throw ProviderError(
                    .unavailable, provider: providerID, message: "the token endpoint's answer has no access_token",
                    httpStatus: status)
            }
            return (token, max(1, body?["expires_in"]?.numberValue ?? 3600))
        }
        let code = body?["error"]?.stringValue
        let description = excerpt(body?["error_description"]?.stringValue ?? code)
        func error(_ kind: ProviderError.Code, _ meaning: String) -> ProviderError {
            ProviderError(
                kind, provider: providerID, message: "the OAuth token endpoint refused: \(meaning) (\(description))",
                httpStatus: status, providerCode: code,
                retryAfter: RetryAfter.parse(response.headers["Retry-After"], now: now))
        }
        if status == 429 { throw error(.rateLimited, "too many token requests") }
        if [408, 500, 502, 503, 504].contains(status)
            || ["internal_failure", "server_error", "temporarily_unavailable"].contains(code ?? "")
        {
            throw error(.unavailable, "temporarily unavailable")
        }
        throw error(.misconfigured, "check the service account, its key, and the host clock")
    }

    /// At most 160 characters of a provider message, for errors.
    static func excerpt(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "no details" }
        return text.count > 160 ? String(text.prefix(157)) + "..." : text
    }
}
