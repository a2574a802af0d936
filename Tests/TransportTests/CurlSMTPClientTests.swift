import Foundation
import Signing
import TestSupport
import Testing
import Transport

/// ``CurlSMTPClient`` against the local aiosmtpd server (`scripts/testservers/smtp_server.py`).
@Suite(.enabled(if: TestPython.shouldRun(needing: "aiosmtpd"), "needs aiosmtpd (scripts/requirements-test.txt)"))
struct CurlSMTPClientTests {
    /// What the server recorded for one accepted message.
    struct Received: Decodable {
        var mail_from: String
        var rcpt_tos: [String]
        var data: String
        var login: String?
        var tls: Bool

        var message: [UInt8] {
            get throws { try Base64.decode(data) }
        }
    }

    static let credentials = SMTPCredentials(username: "mailer", password: "pa55-w0rd")

    static func startServer(_ arguments: [String] = []) async throws -> TestServer {
        try await TestServer.start("smtp_server.py", arguments)
    }

    static func received(from server: TestServer) async throws -> Received {
        let line = try #require(await server.nextLine(), "the SMTP server recorded no message")
        return try JSONDecoder().decode(Received.self, from: Data(line.utf8))
    }

    static func message() -> MIMEMessage {
        var message = MIMEMessage(
            from: MailAddress("alerts@example.com", displayName: "Alerts"),
            to: [MailAddress("ada@example.com")],
            subject: "Grüße",
            date: Date(timeIntervalSince1970: 1_795_169_109),
            messageID: MIMEMessage.makeMessageID(domain: "example.com"))
        message.cc = [MailAddress("grace@example.com")]
        message.bcc = [MailAddress("auditor@example.com")]
        message.textBody = "Line one\n.hidden dot line\n..two dots\n.\nlast"
        message.htmlBody = "<p>hi</p>"
        message.attachments = [MIMEAttachment(filename: "data.bin", data: (0..<3000).map { UInt8($0 % 256) })]
        return message
    }

    static func client(
        _ server: TestServer, scheme: String = "smtp", _ change: (inout CurlSMTPClient.Configuration) -> Void = { _ in }
    ) throws -> CurlSMTPClient {
        var configuration = CurlSMTPClient.Configuration(
            url: "\(scheme)://127.0.0.1:\(server.port)", clientName: "client.test")
        configuration.caBundlePath = TestPaths.caBundle
        change(&configuration)
        return try CurlSMTPClient(configuration: configuration)
    }

    @Test func deliversTheMessageExactly() async throws {
        let server = try await Self.startServer()
        defer { server.stop() }
        let client = try Self.client(server)
        let message = Self.message()
        let bytes = try message.render()
        try await client.send(bytes, envelope: message.envelope, deadline: .now + .seconds(30))
        await client.shutdown()

        let received = try await Self.received(from: server)
        #expect(received.mail_from == "alerts@example.com")
        #expect(received.rcpt_tos == ["ada@example.com", "grace@example.com", "auditor@example.com"])
        #expect(received.login == nil)
        // Byte for byte, after the server undid libcurl's dot-stuffing.
        #expect(try received.message == bytes)
        let parsed = try ParsedMIME(String(decoding: try received.message, as: UTF8.self))
        #expect(!parsed.headers.contains { $0.name.lowercased() == "bcc" })
        #expect(!(parsed.body + parsed.headers.map(\.value).joined()).contains("auditor"))
        let parts = try parsed.parts()
        #expect(try parts[1].decodedBody() == (0..<3000).map { UInt8($0 % 256) })
        let text = try parts[0].parts()[0].decodedBody()
        #expect(String(decoding: text, as: UTF8.self) == "Line one\r\n.hidden dot line\r\n..two dots\r\n.\r\nlast\r\n")
    }

    @Test func logsInAfterSTARTTLS() async throws {
        let server = try await Self.startServer(
            ["--starttls"] + TestPaths.serverCertificateArguments + ["--auth", "mailer:pa55-w0rd"])
        defer { server.stop() }
        let client = try Self.client(server) {
            $0.credentials = Self.credentials
            $0.startTLS = .required
        }
        try await client.send(Self.message(), timeout: .seconds(30))
        await client.shutdown()
        let received = try await Self.received(from: server)
        #expect(received.login == "mailer")
        #expect(received.tls)
    }

    @Test func speaksImplicitTLS() async throws {
        let server = try await Self.startServer(
            ["--implicit-tls"] + TestPaths.serverCertificateArguments + ["--auth", "mailer:pa55-w0rd"])
        defer { server.stop() }
        let client = try Self.client(server, scheme: "smtps") { $0.credentials = Self.credentials }
        try await client.send(Self.message(), timeout: .seconds(30))
        await client.shutdown()
        let received = try await Self.received(from: server)
        #expect(received.login == "mailer")
        #expect(received.tls)
    }

    @Test func reportsARefusedLogin() async throws {
        let server = try await Self.startServer(
            ["--starttls"] + TestPaths.serverCertificateArguments + ["--auth", "mailer:pa55-w0rd"])
        defer { server.stop() }
        let client = try Self.client(server) {
            $0.credentials = SMTPCredentials(username: "mailer", password: "wrong-Secret-42")
        }
        let error = await transportError { try await client.send(Self.message(), timeout: .seconds(30)) }
        await client.shutdown()
        #expect(error?.code == .rejected)
        #expect(error?.smtpReplyCode == 535)
        #expect(error?.smtpCommand == "AUTH")
        #expect(error.map { "\($0)" }?.contains("wrong-Secret-42") == false)
        #expect("\(Self.credentials)" == "mailer:<redacted>")
    }

    @Test func failsWhenSTARTTLSIsRequiredButNotOffered() async throws {
        let server = try await Self.startServer()
        defer { server.stop() }
        let client = try Self.client(server) { $0.startTLS = .required }
        let error = await transportError { try await client.send(Self.message(), timeout: .seconds(30)) }
        await client.shutdown()
        #expect(error?.code == .tls)
    }

    @Test func reportsARejectedRecipient() async throws {
        let server = try await Self.startServer(["--reject-rcpt", "grace@example.com"])
        defer { server.stop() }
        let client = try Self.client(server)
        let error = await transportError { try await client.send(Self.message(), timeout: .seconds(30)) }
        #expect(error?.code == .rejected)
        #expect(error?.smtpReplyCode == 550)
        #expect(error?.smtpCommand == "RCPT")

        // The connection is still usable for a message the server accepts.
        var accepted = Self.message()
        accepted.cc = []
        try await client.send(accepted, timeout: .seconds(30))
        await client.shutdown()
        #expect(try await Self.received(from: server).rcpt_tos == ["ada@example.com", "auditor@example.com"])
    }

    @Test func reportsARefusedMessageAndADeferredRecipient() async throws {
        let server = try await Self.startServer(["--reject-data", "--defer-rcpt", "grace@example.com"])
        defer { server.stop() }
        let client = try Self.client(server)
        let deferred = await transportError { try await client.send(Self.message(), timeout: .seconds(30)) }
        #expect(deferred?.code == .rejected)
        #expect(deferred?.smtpReplyCode == 450)
        #expect(deferred?.smtpCommand == "RCPT")

        var message = Self.message()
        message.cc = []
        let refused = await transportError { try await client.send(message, timeout: .seconds(30)) }
        await client.shutdown()
        #expect(refused?.code == .rejected)
        #expect(refused?.smtpReplyCode == 554)
        #expect(refused?.smtpCommand == "DATA")
    }

    @Test func sharesAnHTTPClientsEventLoop() async throws {
        let server = try await Self.startServer()
        defer { server.stop() }
        let http = try CurlHTTPClient()
        let configuration = CurlSMTPClient.Configuration(url: "smtp://127.0.0.1:\(server.port)")
        let client = try CurlSMTPClient(configuration: configuration, sharingEventLoopOf: http)
        try await client.send(Self.message(), timeout: .seconds(30))
        await client.shutdown()  // leaves the shared loop running
        try await client.send(Self.message(), timeout: .seconds(30))
        await http.shutdown()
        let error = await transportError { try await client.send(Self.message(), timeout: .seconds(30)) }
        #expect(error?.code == .cancelled)
        _ = try await Self.received(from: server)
        _ = try await Self.received(from: server)
    }

    @Test func refusesBadConfigurationsAndEnvelopes() async throws {
        #expect(throws: TransportError.self) {
            try CurlSMTPClient(configuration: .init(url: "http://127.0.0.1:25"))
        }
        #expect(throws: TransportError.self) {
            try CurlSMTPClient(configuration: .init(url: "smtp://user:pw@127.0.0.1:25"))
        }
        let client = try CurlSMTPClient(configuration: .init(url: "smtp://127.0.0.1:9"))
        for envelope in [
            SMTPEnvelope(sender: "a@example.com", recipients: []),
            SMTPEnvelope(sender: "a@example.com", recipients: ["b@example.com>\r\nDATA"]),
            SMTPEnvelope(sender: "a@example.com\r\nRSET", recipients: ["b@example.com"]),
        ] {
            let error = await transportError {
                try await client.send([], envelope: envelope, deadline: .now + .seconds(5))
            }
            #expect(error?.code == .invalidRequest)
        }
        await client.shutdown()
    }
}
