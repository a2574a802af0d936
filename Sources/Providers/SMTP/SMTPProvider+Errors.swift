import Transport

extension SMTPProvider {
    /// libcurl result codes of TLS failures that only a settings change can fix: the server's
    /// certificate did not verify (60), the CA file is unusable (77), the client certificate is bad
    /// (58), STARTTLS is required but the server does not offer it (64).
    static let permanentTLSCurlCodes: Set<Int> = [58, 60, 64, 77]

    /// Turns an SMTP transport failure into the provider error, by reply code and the command refused
    /// (RFC 5321: 4xx is transient, 5xx permanent).
    ///
    /// | failure | code |
    /// |---|---|
    /// | 530, 534, 535, 538, or any 5xx to `AUTH` | `misconfigured` (the login was refused) |
    /// | any 4xx (421, 450, 451, 452, 454, …) | `unavailable` |
    /// | 550, 551, 553 to `RCPT` | `invalidRecipient` |
    /// | 552 to `MAIL`, any other 5xx to `RCPT`, any 5xx to `DATA` or to the message | `rejected` |
    /// | any other 5xx to `MAIL` (the sender was refused) | `misconfigured` |
    /// | TLS: certificate not verified, CA file unusable, STARTTLS not offered | `misconfigured` |
    /// | TLS: handshake failed | `connectionFailed` |
    /// | connection refused or lost, timeout, host not found, cancelled | as for HTTP (see ``TransportError/providerCode``) |
    func classify(_ error: TransportError) -> ProviderError {
        let reply = error.smtpReplyCode
        let command = error.smtpCommand
        let stage = command.map { " to \($0)" } ?? ""
        if error.code == .tls {
            let permanent = error.curlCode.map(Self.permanentTLSCurlCodes.contains) ?? false
            return ProviderError(
                permanent ? .misconfigured : .connectionFailed, provider: id,
                message: permanent
                    ? "TLS with the SMTP server failed and will keep failing until its settings change: \(error.message)"
                    : "the TLS handshake with the SMTP server failed: \(error.message)")
        }
        guard error.code == .rejected else {
            return error.providerError(id)
        }
        let code: ProviderError.Code
        let summary: String
        switch (command, reply ?? 0) {
        case (_, 530), (_, 534), (_, 535), (_, 538), ("AUTH", 500..<600):
            (code, summary) = (.misconfigured, "the SMTP server refused the login; check username and password")
        case (_, 400..<500):
            (code, summary) = (.unavailable, "the SMTP server deferred the message (try again later)")
        case ("RCPT", 550), ("RCPT", 551), ("RCPT", 553):
            (code, summary) = (.invalidRecipient, "the SMTP server refused a recipient; nothing was sent")
        case ("MAIL", 552):
            (code, summary) = (.rejected, "the SMTP server refused the message's size")
        case ("MAIL", 500..<600):
            (code, summary) = (.misconfigured, "the SMTP server refused the sender")
        default:
            (code, summary) = (.rejected, "the SMTP server refused the message")
        }
        return ProviderError(
            code, provider: id, message: "\(summary) (SMTP \(reply.map(String.init) ?? "refusal")\(stage))",
            providerCode: reply.map(String.init))
    }
}
