public import Engine

/// The one error type of the `Host` module: a failed API request, answered with Knock's error body.
///
/// Route handlers throw it (or an ``EngineError``, mapped by ``init(_:)-(EngineError)``); the router turns it into
/// the response. Its ``body`` message names the offending field as a JSON path and never holds secrets.
public struct HostError: Error, Sendable, CustomStringConvertible {
    /// The response body.
    public var body: KnockErrorBody
    /// Extra response headers, such as `Retry-After` for 429 or `Allow` for 405.
    public var headers: [(name: String, value: String)]

    /// Creates an error with Knock's body.
    public init(
        status: Int, code: String, message: String, type: String = "api_error",
        headers: [(name: String, value: String)] = []
    ) {
        self.body = KnockErrorBody(code: code, message: message, status: status, type: type)
        self.headers = headers
    }

    public var description: String { "HostError.\(body.code) (\(body.status)): \(body.message)" }

    // MARK: - The codes the API answers with

    /// 401 `api_key_missing`: no `Authorization` header.
    public static func apiKeyMissing() -> HostError {
        HostError(
            status: 401, code: "api_key_missing",
            message: "No API key provided: send 'Authorization: Bearer <secret key>'", type: "authentication_error")
    }

    /// 401 `invalid_api_key`: a malformed header or a key no environment has.
    public static func invalidAPIKey(_ message: String) -> HostError {
        HostError(status: 401, code: "invalid_api_key", message: message, type: "authentication_error")
    }

    /// 400 `invalid_json`: a body that is not JSON, or JSON nested too deeply.
    public static func invalidJSON(_ message: String) -> HostError {
        HostError(status: 400, code: "invalid_json", message: message)
    }

    /// 422 `invalid_params`: a parameter or body field with a wrong type or value.
    public static func invalidParams(_ message: String) -> HostError {
        HostError(status: 422, code: "invalid_params", message: message)
    }

    /// 404 `resource_missing`: the resource named by the path does not exist.
    public static func resourceMissing(_ message: String) -> HostError {
        HostError(status: 404, code: "resource_missing", message: message)
    }

    /// 409 `conflict`: the resource changed under the request.
    public static func conflict(_ message: String) -> HostError {
        HostError(status: 409, code: "conflict", message: message)
    }

    /// 413 `request_too_large`: the body is over the host's limit.
    public static func requestTooLarge(limit: Int) -> HostError {
        HostError(
            status: 413, code: "request_too_large", message: "The request body is larger than \(limit) bytes")
    }

    /// 429 `rate_limit_exceeded`, with `Retry-After` in whole seconds.
    public static func rateLimited(retryAfterSeconds: Int) -> HostError {
        HostError(
            status: 429, code: "rate_limit_exceeded", message: "Too many requests; retry after \(retryAfterSeconds) s",
            headers: [("Retry-After", String(retryAfterSeconds))])
    }

    /// 503 `service_unavailable`: the host is starting or shutting down.
    public static func unavailable(_ message: String) -> HostError {
        HostError(status: 503, code: "service_unavailable", message: message)
    }

    /// 500 `internal_error`; the message says only that the request id is in the logs.
    public static func internalError(requestID: String) -> HostError {
        HostError(
            status: 500, code: "internal_error",
            message: "An internal error occurred; the host's logs have details under request id \(requestID)")
    }
}

extension HostError {
    /// Maps an engine error to the response Knock gives for it.
    ///
    /// `invalidInput`, `invalidWorkflow`, `templateError` and `invalidTransition` → 422 `invalid_params`;
    /// `notFound` → 404 `resource_missing`; `workflowInactive` → 422 `workflow_inactive`; `conflict` → 409; `unavailable` → 503; storage failures → 500.
    public init(_ error: EngineError, requestID: String = "") {
        switch error.code {
        case .invalidInput, .invalidWorkflow, .templateError, .invalidTransition: self = .invalidParams(error.message)
        case .notFound: self = .resourceMissing(error.message)
        case .workflowInactive: self = HostError(status: 422, code: "workflow_inactive", message: error.message)
        case .conflict: self = .conflict(error.message)
        case .unavailable: self = .unavailable(error.message)
        default: self = .internalError(requestID: requestID)
        }
    }
}
