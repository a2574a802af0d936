import Signing

extension CrossCheckCase {
    /// Signs a body as Slack would with ``SlackRequestVerifier`` at `timestamp`.
    func slackSign() throws -> [String: JSONValue] {
        let verifier = SlackRequestVerifier(signingSecret: try string("secret"))
        return ["signature": .string(verifier.sign(body: try body(), timestamp: try date(seconds: "timestamp")))]
    }

    /// Verifies a Slack `signature` over `timestamp` (header text) and the body at `now`.
    func slackVerify() throws -> [String: JSONValue] {
        let verifier = SlackRequestVerifier(signingSecret: try string("secret"))
        let (body, timestamp, signature) = (try body(), try string("timestamp"), try string("signature"))
        let now = try date(seconds: "now")
        return verdict { try verifier.verify(body: body, timestamp: timestamp, signature: signature, now: now) }
    }

    /// Computes the Twilio signature of `url` and `params` with ``TwilioRequestValidator``.
    func twilioSign() throws -> [String: JSONValue] {
        let validator = TwilioRequestValidator(authToken: try string("auth_token"))
        return ["signature": .string(validator.sign(url: try string("url"), parameters: try pairs("params")))]
    }

    /// Verifies a Twilio `signature`: over `url` and `params`, or over a `bodySHA256` URL and a JSON `body`.
    func twilioVerify() throws -> [String: JSONValue] {
        let validator = TwilioRequestValidator(authToken: try string("auth_token"))
        let (url, signature) = (try string("url"), try string("signature"))
        if fields["body"] != nil || fields["body_base64"] != nil {
            let body = try body()
            return verdict { try validator.verify(url: url, body: body, signature: signature) }
        }
        let parameters = try pairs("params")
        return verdict { try validator.verify(url: url, parameters: parameters, signature: signature) }
    }
}
