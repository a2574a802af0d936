import Signing

extension CrossCheckCase {
    /// Signs a body with ``KnockWebhookSignature`` at `timestamp_ms`.
    func knockSign() throws -> [String: JSONValue] {
        let signature = KnockWebhookSignature(secret: try string("secret"))
        return ["header": .string(signature.sign(body: try body(), timestamp: try date(milliseconds: "timestamp_ms")))]
    }

    /// Verifies a Knock `header` at `now_ms`.
    func knockVerify() throws -> [String: JSONValue] {
        let signature = KnockWebhookSignature(secret: try string("secret"))
        let (body, header, now) = (try body(), try string("header"), try date(milliseconds: "now_ms"))
        return verdict { try signature.verify(body: body, header: header, now: now) }
    }

    /// Signs a message with ``StandardWebhookSignature`` (one entry per secret) at `timestamp`.
    func standardWebhooksSign() throws -> [String: JSONValue] {
        let signature = try StandardWebhookSignature(secrets: try standardWebhookSecrets())
        let header = signature.sign(
            id: try string("msg_id"), timestamp: try date(seconds: "timestamp"), body: try body())
        return ["signature": .string(header)]
    }

    /// Verifies a Standard Webhooks `signature` header at `now`.
    func standardWebhooksVerify() throws -> [String: JSONValue] {
        let signature = try StandardWebhookSignature(secrets: try standardWebhookSecrets())
        let (id, timestamp, header) = (try string("msg_id"), try string("timestamp"), try string("signature"))
        let (body, now) = (try body(), try date(seconds: "now"))
        return verdict {
            try signature.verify(id: id, timestamp: timestamp, signatureHeader: header, body: body, now: now)
        }
    }

    /// `secret` as one secret text or an array of them (key rotation).
    private func standardWebhookSecrets() throws -> [StandardWebhookSecret] {
        switch fields["secret"] {
        case .string(let text):
            return [try StandardWebhookSecret(text)]
        case .array(let items):
            return try items.map { item in
                guard case .string(let text) = item else { throw CaseError("'secret' items must be strings") }
                return try StandardWebhookSecret(text)
            }
        default:
            throw CaseError("'secret' must be a string or an array of strings")
        }
    }
}
