internal import Engine
internal import Providers

/// The bodies the callback endpoint answers with.
///
/// A callback whose updates name messages this host does not know is still answered 200: the pipeline
/// counts and reports them without error (such a message was sent by another system sharing the provider
/// account, or was pruned), and a non-2xx answer would only make the provider retry something that can
/// never succeed. The body lists them under `unknown`.
enum CallbackResponse {
    /// `{"status": "accepted", "applied": [...], "duplicates": [...], "ignored": [...], "unknown": [...]}`
    /// for updates, `{"status": "acknowledged", "detail": "..."}` for a completed handshake.
    static func body(_ result: DeliveryPipeline.CallbackResult) -> JSONValue {
        switch result.outcome {
        case .acknowledged(let detail):
            return ["status": "acknowledged", "detail": .string(detail)]
        case .updates:
            return .object(
                JSONObject([
                    ("status", "accepted"), ("applied", strings(result.applied)),
                    ("duplicates", strings(result.duplicates)), ("ignored", strings(result.ignored)),
                    ("unknown", strings(result.unknown)),
                ]))
        }
    }

    private static func strings(_ values: [String]) -> JSONValue {
        .array(values.map { .string($0) })
    }
}

extension HostError {
    /// The answer to a callback the provider refused (Knock's error body; nothing was applied).
    ///
    /// `forgedCallback` → 401 `invalid_callback_credentials`; `invalidCallback` → 400 `invalid_callback`;
    /// `misconfigured` → 403 `callbacks_not_configured`; `unavailable`, `timeout`, `connectionFailed` and
    /// `rateLimited` → 503 `service_unavailable` (the provider retries); anything else → 400.
    static func callbackRejected(_ error: ProviderError) -> HostError {
        let message = "\(error.provider) callback refused: \(error.message)"
        switch error.code {
        case .forgedCallback:
            var rejected = HostError(
                status: 401, code: "invalid_callback_credentials", message: message, type: "authentication_error")
            if error.provider == "postmark" {
                rejected.headers.append(("WWW-Authenticate", #"Basic realm="delivery-host callbacks""#))
            }
            return rejected
        case .misconfigured:
            return HostError(
                status: 403, code: "callbacks_not_configured", message: message, type: "invalid_request_error")
        case .unavailable, .timeout, .connectionFailed, .rateLimited:
            return .unavailable(message)
        default:
            return HostError(status: 400, code: "invalid_callback", message: message, type: "invalid_request_error")
        }
    }
}
