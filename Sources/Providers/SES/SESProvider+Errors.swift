import Foundation
import Signing
import Transport

extension SESProvider {
    /// AWS error types that mean "slow down" (botocore's standard retry mode lists these as throttling).
    ///
    /// `LimitExceededException` is listed by SES v2 for `SendEmail` without a documented meaning for a
    /// send; it is treated as throttling, as botocore does.
    static let throttlingTypes: Set<String> = [
        "TooManyRequestsException", "Throttling", "ThrottlingException", "ThrottledException",
        "RequestThrottledException", "RequestThrottled", "LimitExceededException", "SlowDown",
    ]

    /// AWS error types that the channel's settings (account, identity, configuration set, credentials,
    /// clock) must fix; retrying cannot help.
    static let misconfiguredTypes: Set<String> = [
        "AccountSuspendedException", "SendingPausedException", "MailFromDomainNotVerifiedException",
        "NotFoundException", "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignatureException",
        "UnrecognizedClientException", "InvalidClientTokenId", "MissingAuthenticationTokenException",
        "AccessDeniedException", "AccessDenied", "ExpiredTokenException", "ExpiredToken", "RequestExpired",
    ]

    /// AWS error types that are transient failures on AWS's side.
    static let transientTypes: Set<String> = [
        "InternalServiceErrorException", "InternalFailure", "InternalServerError", "ServiceUnavailable",
        "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException",
    ]

    /// Turns a `SendEmail` response into a receipt (2xx) or the classified error.
    func classify(_ response: HTTPResponse) throws -> DeliveryReceipt {
        let status = response.status
        if (200..<300).contains(status) {
            // Never fail an accepted send: SES has queued the email, and a retry would send it twice.
            let messageID = SESWire.messageID(in: response)
            return DeliveryReceipt(
                providerMessageID: messageID, outcome: .sent, httpStatus: status,
                detail: messageID == nil ? "HTTP \(status) without a MessageId" : "HTTP \(status)")
        }
        let (type, awsMessage) = SESWire.error(in: response)
        let code = Self.code(status: status, type: type, message: awsMessage)
        var text = "SES refused the email (HTTP \(status)\(type.map { ", \($0)" } ?? ""))"
        if let explanation = explanation(code: code, type: type, awsMessage: awsMessage) {
            text += ": " + explanation
        }
        throw ProviderError(
            code, provider: id, message: text, httpStatus: status, providerCode: type,
            retryAfter: RetryAfter.parse(response.headers["Retry-After"], now: now()))
    }

    /// The error code for an SES error response: by AWS error type first, then by status.
    static func code(status: Int, type: String?, message: String?) -> ProviderError.Code {
        switch type {
        case let type? where throttlingTypes.contains(type): return .rateLimited
        case let type? where misconfiguredTypes.contains(type): return .misconfigured
        case let type? where transientTypes.contains(type): return .unavailable
        case "MessageRejected":
            // "Email address is not verified": the sender's identity, or (while the account is in the
            // SES sandbox) a recipient, is not verified in this region; the account must fix it.
            return (message ?? "").localizedCaseInsensitiveContains("not verified") ? .misconfigured : .rejected
        case "BadRequestException": return .rejected
        default: break
        }
        switch status {
        case 429: return .rateLimited
        case 401, 403, 404: return .misconfigured
        case 400..<500: return .rejected
        default: return .unavailable
        }
    }

    /// What to say about the error; AWS's own message is kept (shortened) except for credential and
    /// signature errors, whose messages can quote the canonical request with the session token.
    private func explanation(code: ProviderError.Code, type: String?, awsMessage: String?) -> String? {
        switch type {
        case "ExpiredTokenException", "ExpiredToken":
            return "the session token has expired; static credentials are not refreshed, so set new ones"
        case "AccountSuspendedException", "SendingPausedException":
            return "sending is paused for this account or configuration set"
        default: break
        }
        if type.map(Self.signatureTypes.contains) ?? (code == .misconfigured) {
            return "the request signature or credentials were refused; check the access key, secret, region "
                + "and the host's clock"
        }
        guard var text = awsMessage, !text.isEmpty else { return nil }
        for secret in [configuration.credentials.secretAccessKey, configuration.credentials.sessionToken ?? ""]
        where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    /// Signature errors, whose AWS messages may quote the canonical request (with the session token).
    private static let signatureTypes: Set<String> = [
        "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignatureException",
    ]
}
