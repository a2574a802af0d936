public import Transport

extension SMTPProvider {
    /// Builds the MIME message for `message`: From (the message's or the channel's), To (the
    /// message's or the recipient's email), Cc, Bcc (envelope only), Reply-To, Subject, the text and
    /// HTML alternatives, the attachments, the extra headers, `Date` from the injected clock and
    /// `Message-ID: <message id@domain>`.
    ///
    /// - Throws: ``ProviderError/Code/misconfigured`` for no usable sender or `Message-ID` domain,
    ///   ``ProviderError/Code/invalidRecipient`` for a missing or unusable primary recipient, and
    ///   ``ProviderError/Code/rejected`` for an unusable Cc, Bcc or Reply-To address.
    public func makeMessage(for message: OutboundMessage, email: EmailContent) throws -> MIMEMessage {
        guard let sender = email.from ?? configuration.from else {
            throw ProviderError(
                .misconfigured, provider: id, message: "no sender: set 'from' on the channel or in the message")
        }
        guard let from = MailAddress.parse(sender) else {
            throw ProviderError(.misconfigured, provider: id, message: "the sender ('from') is not a usable address")
        }
        let primary = email.to.isEmpty ? message.recipient.email.map { [$0] } ?? [] : email.to
        guard !primary.isEmpty else {
            throw ProviderError(
                .invalidRecipient, provider: id, message: "the recipient has no email address and the message no 'to'")
        }
        let domain = configuration.messageIDDomain ?? from.domain
        guard !domain.isEmpty, domain.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !"<>@\"\\".utf8.contains($0) })
        else {
            throw ProviderError(.misconfigured, provider: id, message: "message_id_domain is not a domain name")
        }
        var mime = MIMEMessage(
            from: from, to: try addresses(primary, field: "to", code: .invalidRecipient), subject: email.subject,
            date: now(), messageID: "<\(Self.messageIDLocalPart(message.id))@\(domain)>")
        mime.cc = try addresses(email.cc, field: "cc", code: .rejected)
        mime.bcc = try addresses(email.bcc, field: "bcc", code: .rejected)
        mime.replyTo = try addresses(email.replyTo, field: "reply_to", code: .rejected)
        mime.textBody = email.text
        mime.htmlBody = email.html
        mime.headers = email.headers.sorted { $0.key < $1.key }.map {
            MIMEMessage.Header(name: $0.key, value: $0.value)
        }
        mime.attachments = email.attachments.map {
            MIMEAttachment(filename: $0.filename, contentType: $0.contentType, data: $0.content)
        }
        return mime
    }

    /// Our message id as a `Message-ID` local part: characters other than ASCII letters, digits and
    /// `. _ - + = $` become `_`.
    static func messageIDLocalPart(_ id: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+=$")
        let local = String(id.map { allowed.contains($0) ? $0 : "_" })
        return local.isEmpty ? "message" : local
    }

    private func addresses(_ texts: [String], field: String, code: ProviderError.Code) throws -> [MailAddress] {
        try MailAddress.parseAll(texts, field: field, code: code, provider: id)
    }
}
