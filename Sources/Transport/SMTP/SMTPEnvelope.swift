/// Who an SMTP transaction is from and to (`MAIL FROM` and `RCPT TO`), apart from the headers.
public struct SMTPEnvelope: Hashable, Sendable {
    /// The envelope sender (where bounces go), a plain `local@domain`; empty for the null sender.
    public var sender: String
    /// The recipients, each a plain `local@domain`; Bcc recipients are here and only here.
    public var recipients: [String]

    /// Creates an envelope.
    ///
    /// - Parameters:
    ///   - sender: The envelope sender.
    ///   - recipients: The recipients.
    public init(sender: String, recipients: [String]) {
        self.sender = sender
        self.recipients = recipients
    }

    /// Throws ``TransportError/Code/invalidRequest`` for no recipients, or an address that is not a
    /// plain ASCII `local@domain` (CR, LF or angle brackets could inject SMTP commands).
    public func validate() throws {
        guard !recipients.isEmpty else {
            throw TransportError(.invalidRequest, "the envelope has no recipients")
        }
        if !sender.isEmpty {
            try MailAddress(sender).validate()
        }
        for recipient in recipients {
            try MailAddress(recipient).validate()
        }
    }
}
