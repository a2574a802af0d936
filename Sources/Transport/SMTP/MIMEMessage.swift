public import Foundation

/// An email message built from parts and rendered as RFC 5322 / MIME bytes for ``CurlSMTPClient``.
///
/// Rendering picks the structure from what is set: a single text or HTML part, both as
/// `multipart/alternative`, and attachments around that in `multipart/mixed`. Text that is not
/// 7-bit ASCII, or has lines over 998 bytes, is sent quoted-printable in UTF-8; attachments are
/// base64 in 76-character lines. Every line ends in CRLF. Lines starting with `.` are left as
/// they are: libcurl dot-stuffs the message when sending it.
///
/// ``bcc`` recipients are in the ``envelope`` only, never in the headers.
///
/// ```swift
/// var message = MIMEMessage(
///     from: MailAddress("alerts@example.com", displayName: "Alerts"),
///     to: [MailAddress("ada@example.com")],
///     subject: "Your report",
///     date: Date(),
///     messageID: MIMEMessage.makeMessageID(domain: "example.com"))
/// message.textBody = "Attached."
/// message.attachments = [MIMEAttachment(filename: "report.csv", contentType: "text/csv", data: csvBytes)]
/// try await smtp.send(message, timeout: .seconds(30))
/// ```
public struct MIMEMessage: Hashable, Sendable {
    /// One extra header field.
    public struct Header: Hashable, Sendable {
        /// The field name, such as `List-Unsubscribe`.
        public var name: String
        /// The value: printable text without CR or LF; non-ASCII is sent as encoded words.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The author (`From`), also the envelope sender.
    public var from: MailAddress
    /// The primary recipients (`To`).
    public var to: [MailAddress]
    /// The copied recipients (`Cc`).
    public var cc: [MailAddress]
    /// The blind-copied recipients: in the envelope, never in a header.
    public var bcc: [MailAddress]
    /// Where replies go (`Reply-To`), if not to ``from``.
    public var replyTo: [MailAddress]
    /// The subject; any Unicode text (sent as RFC 2047 encoded words when not ASCII).
    public var subject: String
    /// The `Date` header's time, shown in UTC.
    public var date: Date
    /// The `Message-ID`, with or without angle brackets: `<id@domain>`.
    public var messageID: String
    /// More header fields, in order. The names of fields set from properties here (From, To, Cc,
    /// Bcc, Reply-To, Subject, Date, Message-ID, MIME-Version, Content-*) are refused.
    public var headers: [Header]
    /// The plain-text body, or `nil`.
    public var textBody: String?
    /// The HTML body, or `nil`.
    public var htmlBody: String?
    /// The attachments, in order.
    public var attachments: [MIMEAttachment]

    /// Creates a message; set the bodies, attachments and other fields afterwards.
    ///
    /// - Parameters:
    ///   - from: The author and envelope sender.
    ///   - to: The primary recipients.
    ///   - subject: The subject.
    ///   - date: The `Date` header's time (injected: pass the clock's now).
    ///   - messageID: The `Message-ID`; see ``makeMessageID(domain:)``.
    public init(from: MailAddress, to: [MailAddress], subject: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.cc = []
        self.bcc = []
        self.replyTo = []
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.headers = []
        self.textBody = nil
        self.htmlBody = nil
        self.attachments = []
    }

    /// A new unique `Message-ID` under `domain`: `<32 random hex digits@domain>`.
    public static func makeMessageID(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return "<\(randomHex(using: &generator))@\(domain)>"
    }

    /// The SMTP envelope: ``from`` as sender; every ``to``, ``cc`` and ``bcc`` address as
    /// recipients, each once, in that order.
    public var envelope: SMTPEnvelope {
        var seen = Set<String>()
        let recipients = (to + cc + bcc).map(\.address).filter { seen.insert($0.lowercased()).inserted }
        return SMTPEnvelope(sender: from.address, recipients: recipients)
    }

    static func randomHex(using generator: inout some RandomNumberGenerator) -> String {
        let high = generator.next()
        let low = generator.next()
        return [high, low].map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
