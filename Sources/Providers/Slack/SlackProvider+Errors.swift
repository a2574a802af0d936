import Foundation
import Transport

extension SlackProvider {
    /// What Slack's error strings mean (Web API `{"ok": false, "error": …}` and incoming-webhook bodies).
    ///
    /// Unknown strings are kept as the error's ``ProviderError/providerCode`` and treated as
    /// ``ProviderError/Code/rejected``.
    static let errorCodes: [String: ProviderError.Code] = {
        var codes: [String: ProviderError.Code] = [:]
        for error in ["ratelimited", "rate_limited"] { codes[error] = .rateLimited }
        for error in [
            "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "missing_scope",
            "no_permission", "not_allowed_token_type", "ekm_access_denied", "team_access_not_granted",
            "access_denied", "channel_not_found", "not_in_channel", "is_archived", "channel_is_archived",
            "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
            "restricted_action_non_threadable_channel", "action_prohibited", "no_service", "no_team",
            "invalid_token", "user_not_found",
        ] {
            codes[error] = .misconfigured
        }
        for error in [
            "msg_too_long", "no_text", "invalid_blocks", "invalid_blocks_format", "invalid_payload",
            "too_many_attachments", "invalid_attachments", "invalid_arguments", "invalid_charset",
            "invalid_form_data", "invalid_post_type", "missing_post_type", "invalid_metadata_format",
            "missing_text_or_fallback_or_attachments", "markdown_text_conflict", "duplicate_message_not_found",
        ] {
            codes[error] = .rejected
        }
        for error in ["internal_error", "fatal_error", "service_unavailable", "request_timeout", "rollup_error"] {
            codes[error] = .unavailable
        }
        return codes
    }()

    /// Classifies a `chat.postMessage` response: the posted message's `<channel>:<ts>`, or the error.
    func classifyWebAPI(_ response: HTTPResponse) -> Result<String?, ProviderError> {
        let parsed = SlackWire.Response(body: response.body)
        if (200..<300).contains(response.status), parsed.ok == true {
            return .success(parsed.ts.map { ts in parsed.channel.map { "\($0):\(ts)" } ?? ts })
        }
        return .failure(error(status: response.status, reason: parsed.error, headers: response.headers))
    }

    /// Classifies an incoming-webhook response: any 2xx is success (the body is usually `ok`); errors
    /// are real HTTP statuses with a plain-text reason such as `channel_not_found`.
    func classifyIncomingWebhook(_ response: HTTPResponse) -> Result<Void, ProviderError> {
        if (200..<300).contains(response.status) { return .success(()) }
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        // Slack's reasons are short snake_case words; anything else (an HTML page) is no reason.
        let isReason =
            !text.isEmpty && text.count <= 100 && text.allSatisfy { $0 == "_" || $0.isLowercase || $0.isNumber }
        let reason = isReason ? text : nil
        return .failure(error(status: response.status, reason: reason, headers: response.headers))
    }

    /// The error for a failed call: HTTP 429 and 5xx first, then Slack's reason, then the status.
    func error(status: Int, reason: String?, headers: HTTPHeaders) -> ProviderError {
        let code: ProviderError.Code
        if status == 429 {
            code = .rateLimited
        } else if status >= 500 {
            code = .unavailable
        } else if let reason {
            code = Self.errorCodes[reason] ?? .rejected
        } else {
            switch status {
            case 200..<300: code = .unavailable  // not Slack's JSON: a proxy or an outage page
            case 401, 403, 404, 410: code = .misconfigured
            default: code = .rejected
            }
        }
        let what = reason.map { "Slack refused the message: \($0)" } ?? "Slack answered HTTP \(status)"
        return ProviderError(
            code, provider: id, message: what, httpStatus: status, providerCode: reason,
            retryAfter: code.isRetryable ? RetryAfter.parse(headers["Retry-After"], now: now()) : nil)
    }
}
