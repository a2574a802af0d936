import Foundation
import TestSupport
import Testing
import Transport

@Suite struct MIMEMessageTests {
    /// Fri, 20 Nov 2026 10:05:09 UTC.
    static let date = Date(timeIntervalSince1970: 1_795_169_109)

    static func message() -> MIMEMessage {
        MIMEMessage(
            from: MailAddress("alerts@example.com", displayName: "Alerts Team"),
            to: [MailAddress("ada@example.com", displayName: "Ada \"The Countess\" Lovelace")],
            subject: "Your weekly report",
            date: date,
            messageID: "report-1@example.com")
    }

    static func text(_ message: MIMEMessage) throws -> String {
        String(decoding: try message.render(), as: UTF8.self)
    }

    @Test func rendersHeadersInOrderWithCRLFOnly() throws {
        var message = Self.message()
        message.cc = [MailAddress("grace@example.com")]
        message.replyTo = [MailAddress("support@example.com")]
        message.headers = [MIMEMessage.Header(name: "List-Unsubscribe", value: "<mailto:unsub@example.com>")]
        message.textBody = "Hello Ada,\nthe report is ready.\n.\n"
        let text = try Self.text(message)
        let parsed = try ParsedMIME(text)

        #expect(
            parsed.headers.map(\.name) == [
                "Date", "From", "Reply-To", "To", "Cc", "Subject", "Message-ID", "MIME-Version", "List-Unsubscribe",
                "Content-Type", "Content-Transfer-Encoding",
            ])
        #expect(parsed.header("Date") == "Fri, 20 Nov 2026 10:05:09 +0000")
        #expect(parsed.header("From") == "\"Alerts Team\" <alerts@example.com>")
        #expect(parsed.header("To") == #""Ada \"The Countess\" Lovelace" <ada@example.com>"#)
        #expect(parsed.header("Message-ID") == "<report-1@example.com>")
        #expect(parsed.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(parsed.header("Content-Transfer-Encoding") == "7bit")
        // Dots are not stuffed here: libcurl does that on the wire.
        #expect(parsed.body == "Hello Ada,\r\nthe report is ready.\r\n.\r\n")
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == 0x0A || byte == 0x0D {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D) }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A) }
        }
    }

    @Test func keepsBccInTheEnvelopeOnly() throws {
        var message = Self.message()
        message.cc = [MailAddress("grace@example.com")]
        message.bcc = [MailAddress("secret-auditor@example.com"), MailAddress("ADA@example.com")]
        let text = try Self.text(message)
        #expect(!text.contains("secret-auditor"))
        #expect(!text.lowercased().contains("bcc"))
        #expect(message.envelope.sender == "alerts@example.com")
        #expect(message.envelope.recipients == ["ada@example.com", "grace@example.com", "secret-auditor@example.com"])
    }

    @Test func encodesNonASCIISubjectsAndNames() throws {
        var message = Self.message()
        message.subject = "Grüße aus Köln — ein sehr langer Betreff, der über mehrere kodierte Wörter geht ✓"
        message.to = [MailAddress("jurgen@example.com", displayName: "Jürgen Groß")]
        let parsed = try ParsedMIME(try Self.text(message))
        let subject = try #require(parsed.header("Subject"))
        #expect(try ParsedMIME.decodeEncodedWords(subject) == message.subject)
        let to = try #require(parsed.header("To"))
        #expect(to.hasSuffix(" <jurgen@example.com>"))
        #expect(try ParsedMIME.decodeEncodedWords(String(to.dropLast(" <jurgen@example.com>".count))) == "Jürgen Groß")
    }

    @Test func sendsNonASCIIAndLongLinesQuotedPrintable() throws {
        var message = Self.message()
        let long = String(repeating: "0123456789", count: 120)
        message.textBody = "Grüße, Ada!\r\ntrailing space \n" + long + "\n= sign\n"
        let parsed = try ParsedMIME(try Self.text(message))
        #expect(parsed.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(parsed.body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        let decoded = try parsed.decodedBody()
        #expect(
            String(decoding: decoded, as: UTF8.self) == "Grüße, Ada!\r\ntrailing space \r\n" + long + "\r\n= sign\r\n")
    }

    @Test func offersTextAndHTMLAsAlternatives() throws {
        var message = Self.message()
        message.textBody = "plain"
        message.htmlBody = "<p>rich</p>"
        let parsed = try ParsedMIME(try Self.text(message))
        #expect(parsed.mediaType == "multipart/alternative")
        let parts = try parsed.parts()
        #expect(parts.map(\.mediaType) == ["text/plain", "text/html"])
        #expect(try parts[0].decodedBody() == Array("plain\r\n".utf8))
        #expect(try parts[1].decodedBody() == Array("<p>rich</p>\r\n".utf8))
    }

    @Test func attachesFilesAsBase64InShortLines() throws {
        var message = Self.message()
        message.textBody = "see attached"
        message.htmlBody = "<p>see attached</p>"
        let data = (0..<5000).map { UInt8(truncatingIfNeeded: $0 * 31) }
        message.attachments = [
            MIMEAttachment(filename: "report.bin", data: data),
            MIMEAttachment(filename: "résumé.pdf", contentType: "application/pdf", data: [1, 2, 3]),
        ]
        let parsed = try ParsedMIME(try Self.text(message))
        #expect(parsed.mediaType == "multipart/mixed")
        let parts = try parsed.parts()
        #expect(parts.map(\.mediaType) == ["multipart/alternative", "application/octet-stream", "application/pdf"])
        #expect(try parts[0].parts().count == 2)
        #expect(parts[1].header("Content-Disposition") == "attachment; filename=\"report.bin\"")
        #expect(parts[1].header("Content-Transfer-Encoding") == "base64")
        let lines = parts[1].body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(try parts[1].decodedBody() == data)
        #expect(parts[2].header("Content-Disposition") == "attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")
        #expect(try parts[2].decodedBody() == [1, 2, 3])
    }

    @Test func makesMessageIDsUnderADomain() throws {
        let id = MIMEMessage.makeMessageID(domain: "mail.example.com")
        #expect(id.hasPrefix("<") && id.hasSuffix("@mail.example.com>"))
        #expect(id.count == 1 + 32 + "@mail.example.com>".count)
        #expect(id != MIMEMessage.makeMessageID(domain: "mail.example.com"))
    }

    @Test(arguments: [
        ("X-Note", "fine\r\nBcc: victim@example.com"), ("X-Note", "line\nbreak"), ("X-Bad:Name", "x"),
        ("Bcc", "someone@example.com"), ("content-type", "text/html"), ("", "x"),
    ])
    func refusesHeaderInjection(name: String, value: String) throws {
        var message = Self.message()
        message.headers = [MIMEMessage.Header(name: name, value: value)]
        #expect(throws: TransportError.self) { try message.render() }
    }

    @Test func refusesBadFieldsAndAddresses() throws {
        var subject = Self.message()
        subject.subject = "hi\r\nBcc: victim@example.com"
        var address = Self.message()
        address.to = [MailAddress("ada@example.com>\r\nRCPT TO:<victim@example.com")]
        var bcc = Self.message()
        bcc.bcc = [MailAddress("not an address")]
        var messageID = Self.message()
        messageID.messageID = "no-at-sign"
        var noRecipients = Self.message()
        noRecipients.to = []
        var attachmentType = Self.message()
        attachmentType.attachments = [MIMEAttachment(filename: "x", contentType: "text/plain\r\nX: y", data: [])]
        for message in [subject, address, bcc, messageID, noRecipients, attachmentType] {
            let error = #expect(throws: TransportError.self) { try message.render() }
            #expect(error?.code == .invalidRequest)
        }
    }
}
