import Transport

extension PostmarkProvider {
    /// What each Postmark `ErrorCode` means for the message
    /// (https://postmarkapp.com/developer/api/overview#error-codes).
    ///
    /// Code 300 ("invalid email request") is split by what its message names, see ``classifyInvalidRequest(_:)``.
    static let errorCodes: [Int: ProviderError.Code] = [
        10: .misconfigured,  // bad or missing server token
        100: .unavailable,  // maintenance
        400: .misconfigured,  // sender signature not found
        401: .misconfigured,  // sender signature not confirmed
        402: .internalFailure,  // invalid JSON: we always send JSON, so an adapter bug
        403: .internalFailure,  // incompatible JSON
        405: .misconfigured,  // not allowed to send (account disabled or out of credits)
        406: .invalidRecipient,  // inactive recipient (hard bounce, complaint, manual suppression)
        409: .internalFailure,  // JSON required
        410: .internalFailure,  // too many batch messages: we never batch
        411: .rejected,  // forbidden attachment type
        412: .misconfigured,  // account pending approval: only the owner's address is reachable
        413: .misconfigured,  // account may not send
        429: .rateLimited,  // rate limit exceeded
    ]

    /// Turns a response into a receipt (HTTP 200 with `ErrorCode` 0) or the classified error.
    func classify(_ response: HTTPResponse) throws -> DeliveryReceipt {
        let status = response.status
        let parsed = PostmarkWire.Response(body: response.body)
        if (200..<300).contains(status) && (parsed.errorCode ?? 0) == 0 {
            let sandbox = configuration.isSandbox ? "sandbox (\(PostmarkConfiguration.sandboxToken)): " : ""
            return DeliveryReceipt(
                providerMessageID: parsed.messageID, outcome: .sent, httpStatus: status,
                detail: sandbox + (parsed.message.map { "Postmark: \($0)" } ?? "HTTP \(status)"))
        }
        throw error(status: status, parsed: parsed, headers: response.headers)
    }

    private func error(status: Int, parsed: PostmarkWire.Response, headers: HTTPHeaders) -> ProviderError {
        let retryAfter = RetryAfter.parse(headers["Retry-After"], now: now())
        let detail = parsed.message.map { ": \(Self.clipped($0))" } ?? ""
        if let errorCode = parsed.errorCode, errorCode != 0, status != 429, status < 500 {
            let code =
                errorCode == 300
                ? Self.classifyInvalidRequest(parsed.message ?? "") : Self.errorCodes[errorCode] ?? .rejected
            return ProviderError(
                code, provider: id, message: "Postmark refused the email (ErrorCode \(errorCode))\(detail)",
                httpStatus: status, providerCode: String(errorCode),
                retryAfter: code.isRetryable ? retryAfter : nil)
        }
        let providerCode = parsed.errorCode.flatMap { $0 == 0 ? nil : String($0) }
        switch status {
        case 429:
            return ProviderError(
                .rateLimited, provider: id, message: "Postmark asked to slow down (HTTP 429)\(detail)",
                httpStatus: status, providerCode: providerCode, retryAfter: retryAfter)
        case 500...:
            return ProviderError(
                .unavailable, provider: id, message: "Postmark failed (HTTP \(status))\(detail)", httpStatus: status,
                providerCode: providerCode, retryAfter: retryAfter)
        case 401:
            return ProviderError(
                .misconfigured, provider: id, message: "Postmark refused the server token (HTTP 401)\(detail)",
                httpStatus: status, providerCode: providerCode)
        case 403:
            // Without an ErrorCode this is Postmark's network layer (for example IP allowlisting), not the API.
            return ProviderError(
                .misconfigured, provider: id,
                message: "Postmark's network layer refused the request (HTTP 403 without an ErrorCode; "
                    + "check IP allowlisting)",
                httpStatus: status, providerCode: providerCode)
        case 404:
            return ProviderError(
                .misconfigured, provider: id, message: "Postmark has no such endpoint (HTTP 404; check base_url)",
                httpStatus: status, providerCode: providerCode)
        case 413:
            return ProviderError(
                .rejected, provider: id, message: "the email exceeds Postmark's size limit (HTTP 413)",
                httpStatus: status, providerCode: providerCode)
        default:
            return ProviderError(
                status >= 400 ? .rejected : .unavailable, provider: id,
                message: "Postmark answered HTTP \(status)\(detail)", httpStatus: status, providerCode: providerCode)
        }
    }

    /// Classifies `ErrorCode` 300 ("invalid email request") by the field its message names: a bad `To`,
    /// `Cc` or `Bcc` address is the recipient's (``ProviderError/Code/invalidRecipient``); a bad `From` or an
    /// unverified sender signature is the channel's (``ProviderError/Code/misconfigured``); anything else is
    /// the message's (``ProviderError/Code/rejected``).
    static func classifyInvalidRequest(_ message: String) -> ProviderError.Code {
        let text = message.lowercased()
        if ["'from'", "sender signature", "sender address"].contains(where: text.contains) { return .misconfigured }
        if ["'to'", "'cc'", "'bcc'", "recipient"].contains(where: text.contains) { return .invalidRecipient }
        return .rejected
    }

    /// Provider text for error messages, bounded.
    static func clipped(_ text: String) -> String {
        text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
