/// A file attached to a ``MIMEMessage``, sent base64-encoded.
public struct MIMEAttachment: Hashable, Sendable {
    /// The file name shown to the recipient; any Unicode text.
    public var filename: String
    /// The media type, such as `application/pdf` or `text/csv; charset=utf-8`.
    public var contentType: String
    /// The file's bytes.
    public var data: [UInt8]
    /// A `Content-ID` (without angle brackets) for an inline part referenced as `cid:` from HTML,
    /// or `nil` for an ordinary attachment.
    public var contentID: String?

    /// Creates an attachment.
    ///
    /// - Parameters:
    ///   - filename: The file name shown to the recipient.
    ///   - contentType: The media type; `application/octet-stream` by default.
    ///   - data: The file's bytes.
    ///   - contentID: A `Content-ID` for an inline part, or `nil`.
    public init(
        filename: String, contentType: String = "application/octet-stream", data: [UInt8], contentID: String? = nil
    ) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
        self.contentID = contentID
    }

    /// The part's header lines and base64 body.
    func rendered() throws -> String {
        let type = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(MIMEHeaders.isTokenByte) }),
            !contentType.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F })
        else {
            throw TransportError(.invalidRequest, "an attachment's content type is not a media type")
        }
        guard !filename.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw TransportError(.invalidRequest, "an attachment's file name contains control characters")
        }
        var text = "Content-Type: \(contentType)\r\n"
        text += "Content-Transfer-Encoding: base64\r\n"
        let disposition = contentID == nil ? "attachment" : "inline"
        text += MIMEHeaders.folded(
            "Content-Disposition: \(disposition); " + MIMEEncoding.parameter("filename", filename))
        if let contentID {
            try MIMEHeaders.checkValue(contentID, of: "Content-ID")
            text += "Content-ID: <\(contentID)>\r\n"
        }
        return text + "\r\n" + MIMEEncoding.base64Lines(data)
    }
}
