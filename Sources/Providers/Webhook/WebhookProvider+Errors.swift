import Foundation
import Transport

extension WebhookProvider {
    /// Statuses after which retrying cannot help (Knock's webhook channel).
    static let finalStatuses: Set<Int> = [401, 403, 404, 405]

    /// Turns a response into a receipt (2xx) or the classified error.
    func classify(_ response: HTTPResponse) throws -> DeliveryReceipt {
        let status = response.status
        switch status {
        case 200..<300:
            return DeliveryReceipt(outcome: .delivered, httpStatus: status, detail: "HTTP \(status)")
        case 429:
            throw ProviderError(
                .rateLimited, provider: id, message: "the endpoint asked to slow down (HTTP 429)", httpStatus: status,
                retryAfter: RetryAfter.parse(response.headers["Retry-After"], now: Date()))
        case let status where Self.finalStatuses.contains(status):
            throw ProviderError(
                .misconfigured, provider: id,
                message:
                    "the endpoint refused the request with HTTP \(status); not retried (check the URL and its credentials)",
                httpStatus: status)
        case 300..<400:
            throw ProviderError(
                .unavailable, provider: id,
                message: "the endpoint redirected (HTTP \(status)); redirects are not followed",
                httpStatus: status)
        default:
            throw ProviderError(
                .unavailable, provider: id, message: "the endpoint answered HTTP \(status)", httpStatus: status,
                retryAfter: RetryAfter.parse(response.headers["Retry-After"], now: Date()))
        }
    }
}
