import Foundation

extension MIMEMessage {
    /// Renders the message as the bytes to send after SMTP `DATA`: CRLF line endings, no
    /// dot-stuffing (libcurl does that), no `Bcc` header.
    ///
    /// - Returns: The message bytes.
    /// - Throws: ``TransportError/Code/invalidRequest`` for a bad address, a header name or value
    ///   that could inject headers (CR or LF), a reserved extra header, a bad attachment type, or no
    ///   recipients at all.
    public func render() throws -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return try render(using: &generator)
    }

    /// Renders with boundaries drawn from `generator` (for repeatable output in tests).
    func render(using generator: inout some RandomNumberGenerator) throws -> [UInt8] {
        guard !(to.isEmpty && cc.isEmpty && bcc.isEmpty) else {
            throw TransportError(.invalidRequest, "the message has no recipients")
        }
        try bcc.forEach { try $0.validate() }
        var head = "Date: " + Self.dateText(date) + "\r\n"
        head += try MIMEHeaders.addressList("From", [from])
        if !replyTo.isEmpty { head += try MIMEHeaders.addressList("Reply-To", replyTo) }
        if !to.isEmpty { head += try MIMEHeaders.addressList("To", to) }
        if !cc.isEmpty { head += try MIMEHeaders.addressList("Cc", cc) }
        head += try MIMEHeaders.unstructured("Subject", subject)
        head += "Message-ID: " + (try normalizedMessageID()) + "\r\n"
        head += "MIME-Version: 1.0\r\n"
        for header in headers {
            try MIMEHeaders.checkName(header.name)
            guard !MIMEHeaders.reservedNames.contains(header.name.lowercased()) else {
                throw TransportError(.invalidRequest, "set \(header.name) through MIMEMessage's own property")
            }
            head += try MIMEHeaders.unstructured(header.name, header.value)
        }
        return Array((head + (try body(using: &generator))).utf8)
    }

    private func body(using generator: inout some RandomNumberGenerator) throws -> String {
        var alternatives: [String] = []
        if let textBody { alternatives.append(Self.textPart(textBody, subtype: "plain")) }
        if let htmlBody { alternatives.append(Self.textPart(htmlBody, subtype: "html")) }
        if alternatives.isEmpty { alternatives.append(Self.textPart("", subtype: "plain")) }
        let content =
            alternatives.count == 1
            ? alternatives[0] : Self.multipart("alternative", alternatives, using: &generator)
        guard !attachments.isEmpty else { return content }
        let parts = [content] + (try attachments.map { try $0.rendered() })
        return Self.multipart("mixed", parts, using: &generator)
    }

    private func normalizedMessageID() throws -> String {
        let bare =
            messageID.hasPrefix("<") && messageID.hasSuffix(">") ? String(messageID.dropFirst().dropLast()) : messageID
        let bytes = Array(bare.utf8)
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1,
            bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") })
        else {
            throw TransportError(.invalidRequest, "the Message-ID is not of the form <id@domain>")
        }
        return "<\(bare)>"
    }

    // MARK: - Parts

    /// A text part: 7bit when it is ASCII with short lines, else quoted-printable UTF-8.
    private static func textPart(_ text: String, subtype: String) -> String {
        var normalized = MIMEEncoding.normalizingLineEndings(text)
        if !normalized.isEmpty, !normalized.hasSuffix("\r\n") {
            normalized += "\r\n"
        }
        let plain =
            normalized.utf8.allSatisfy { $0 < 0x80 && $0 != 0 }
            && !normalized.split(separator: "\r\n").contains { $0.utf8.count > 998 }
        let headers = "Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: "
        if plain {
            return headers + "7bit\r\n\r\n" + normalized
        }
        return headers + "quoted-printable\r\n\r\n" + MIMEEncoding.quotedPrintable(normalized)
    }

    /// A multipart entity of `parts` (each its own headers, blank line and content).
    private static func multipart(
        _ subtype: String, _ parts: [String], using generator: inout some RandomNumberGenerator
    ) -> String {
        // "=_" cannot occur in base64 or quoted-printable output, and the random part makes a
        // clash with 7bit text as good as impossible.
        let boundary = "=_DeliveryHost_" + randomHex(using: &generator)
        var text = "Content-Type: multipart/\(subtype); boundary=\"\(boundary)\"\r\n\r\n"
        for part in parts {
            text += "--\(boundary)\r\n" + part
            if !part.hasSuffix("\r\n") { text += "\r\n" }
        }
        return text + "--\(boundary)--\r\n"
    }

    /// `date` as an RFC 5322 date-time in UTC: `Sun, 22 Nov 2026 20:10:41 +0000`.
    static func dateText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        return "\(days[((parts.weekday ?? 1) - 1) % 7]), \(parts.day ?? 1) \(months[((parts.month ?? 1) - 1) % 12]) "
            + "\(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
