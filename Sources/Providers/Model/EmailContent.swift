/// A rendered email.
public struct EmailContent: Sendable, Hashable {
    /// The sender, such as `Acme <hello@acme.test>`; the channel's default when `nil`.
    public var from: String?
    /// The primary recipients; the recipient's email when empty.
    public var to: [String]
    /// Carbon-copy recipients.
    public var cc: [String]
    /// Blind carbon-copy recipients.
    public var bcc: [String]
    /// Reply-to addresses.
    public var replyTo: [String]
    /// The subject line.
    public var subject: String
    /// The HTML body, if any.
    public var html: String?
    /// The plain-text body, if any.
    public var text: String?
    /// Extra message headers.
    public var headers: [String: String]
    /// Attached files.
    public var attachments: [Attachment]

    /// A file attached to an email.
    public struct Attachment: Sendable, Hashable {
        /// The file name shown to the recipient.
        public var filename: String
        /// The MIME type, such as `application/pdf`.
        public var contentType: String
        /// The file's bytes.
        public var content: [UInt8]

        /// Creates an attachment.
        public init(filename: String, contentType: String, content: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.content = content
        }
    }

    /// Creates an email.
    public init(
        from: String? = nil,
        to: [String] = [],
        cc: [String] = [],
        bcc: [String] = [],
        replyTo: [String] = [],
        subject: String,
        html: String? = nil,
        text: String? = nil,
        headers: [String: String] = [:],
        attachments: [Attachment] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.replyTo = replyTo
        self.subject = subject
        self.html = html
        self.text = text
        self.headers = headers
        self.attachments = attachments
    }
}
