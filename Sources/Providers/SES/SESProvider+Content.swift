import Foundation
import Transport

extension SESProvider {
    /// The MIME message for `Raw` content (used when the email has attachments): From, To, Cc,
    /// Reply-To, Subject, the text and HTML alternatives, the attachments and the extra headers.
    ///
    /// Bcc recipients are only in the request's `Destination`, never in the message. SES replaces
    /// the `Message-ID` and `Date` headers with its own; ours is `<message id@sender's domain>`.
    ///
    /// - Throws: ``ProviderError/Code/rejected`` if the message cannot be rendered (a header or
    ///   attachment that could inject headers, an attachment type that is not a media type).
    func rawMessage(_ message: OutboundMessage, email: EmailContent, addresses: SESAddresses) throws -> [UInt8] {
        var mime = MIMEMessage(
            from: addresses.from, to: addresses.to, subject: email.subject, date: now(),
            messageID: "<\(SESProvider.tagValue(message.id))@\(addresses.from.domain)>")
        mime.cc = addresses.cc
        mime.replyTo = addresses.replyTo
        mime.textBody = email.text
        mime.htmlBody = email.html
        mime.headers = try Self.checkedHeaders(email.headers).map { MIMEMessage.Header(name: $0.name, value: $0.value) }
        mime.attachments = email.attachments.map {
            MIMEAttachment(filename: $0.filename, contentType: $0.contentType, data: $0.content)
        }
        do {
            return try mime.render()
        } catch let error as TransportError {
            throw ProviderError(.rejected, provider: id, message: "the message cannot be rendered: \(error.message)")
        }
    }

    /// The message's extra headers, sorted by name, after checking that none could inject another
    /// header and none is one SES or the message sets itself.
    ///
    /// - Throws: ``ProviderError/Code/rejected`` naming the offending header.
    static func checkedHeaders(_ headers: [String: String]) throws -> [(name: String, value: String)] {
        let reserved: Set<String> = [
            "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version", "content-type",
            "content-transfer-encoding",
        ]
        return try headers.sorted { $0.key < $1.key }.map { name, value in
            let nameIsValid =
                !name.isEmpty && name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
            guard nameIsValid, !reserved.contains(name.lowercased()) else {
                throw ProviderError(
                    .rejected, provider: providerID,
                    message:
                        "header '\(name.prefix(64))' cannot be set: it is not a valid name or is set by the message")
            }
            guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw ProviderError(
                    .rejected, provider: providerID, message: "the value of header '\(name)' contains CR, LF or NUL")
            }
            return (name: name, value: value)
        }
    }
}
