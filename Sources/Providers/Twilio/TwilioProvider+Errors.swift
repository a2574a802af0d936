import Transport

extension TwilioProvider {
    /// What Twilio's error codes mean for the message (https://www.twilio.com/docs/api/errors); codes not listed
    /// are classified by HTTP status. Twilio refines its codes over time, so this table is data, not logic.
    static let errorCodes: [Int: ProviderError.Code] = [
        20003: .misconfigured,  // authentication failed
        20404: .misconfigured,  // resource not found (wrong account SID or base URL)
        20429: .rateLimited,  // too many requests: never processed, always safe to retry
        21211: .invalidRecipient,  // invalid 'To' number
        21614: .invalidRecipient,  // 'To' is not SMS-capable (a landline)
        21610: .invalidRecipient,  // the recipient replied STOP: unsubscribed
        21612: .rejected,  // Twilio cannot route to this number
        21408: .rejected,  // no permission to send to this region
        21606: .misconfigured,  // 'From' not owned by the account or not SMS-capable
        21659: .misconfigured,  // 'From' is not a Twilio number (or country mismatch)
        21212: .misconfigured,  // invalid 'From' number
        21608: .misconfigured,  // trial accounts may only send to verified numbers
        21611: .rateLimited,  // the 'From' number's queue is full
        21602: .rejected,  // message body required
        21617: .rejected,  // body exceeds the concatenated length limit
    ]

    /// Turns a response into a receipt (2xx, `sid`) or the classified error.
    func classify(_ response: HTTPResponse) throws -> DeliveryReceipt {
        let status = response.status
        let parsed = TwilioWire.Response(body: response.body)
        if (200..<300).contains(status) {
            let sandbox = configuration.isSandbox ? "sandbox (test credentials): " : ""
            return DeliveryReceipt(
                providerMessageID: parsed.sid, outcome: .sent, httpStatus: status,
                detail: sandbox + (parsed.status.map { "Twilio status \($0)" } ?? "HTTP \(status)"))
        }
        let retryAfter = RetryAfter.parse(response.headers["Retry-After"], now: now())
        let code = classification(status: status, errorCode: parsed.code)
        let detail = parsed.message.map { ": \($0.count > 200 ? String($0.prefix(200)) + "…" : $0)" } ?? ""
        let what = parsed.code.map { "Twilio error \($0)" } ?? "Twilio answered HTTP \(status)"
        throw ProviderError(
            code, provider: id, message: "\(what)\(detail)", httpStatus: status,
            providerCode: parsed.code.map(String.init),
            retryAfter: code.isRetryable ? retryAfter : nil)
    }

    /// The code for an error response: HTTP 429 and 5xx first, then Twilio's code, then the status.
    func classification(status: Int, errorCode: Int?) -> ProviderError.Code {
        if status == 429 { return .rateLimited }
        if status >= 500 { return .unavailable }
        if let errorCode, let code = Self.errorCodes[errorCode] { return code }
        switch status {
        case 401, 403, 404: return .misconfigured
        case 400..<500: return .rejected
        default: return .unavailable
        }
    }
}
