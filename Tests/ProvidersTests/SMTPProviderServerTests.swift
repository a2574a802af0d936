import Foundation
import Providers
import Signing
import TestSupport
import Testing
import Transport

/// The SMTP provider, built from settings through the registry, against the local aiosmtpd server
/// (`scripts/testservers/smtp_server.py`) with libcurl as the client.
@Suite(.enabled(if: TestPython.shouldRun(needing: "aiosmtpd"), "needs aiosmtpd (scripts/requirements-test.txt)"))
struct SMTPProviderServerTests {
    /// What the server recorded for one accepted message.
    struct Received: Decodable {
        var mail_from: String
        var rcpt_tos: [String]
        var data: String
        var login: String?
        var tls: Bool
    }

    static func received(from server: TestServer) async throws -> (Received, ParsedMIME) {
        let line = try #require(await server.nextLine(), "the SMTP server recorded no message")
        let received = try JSONDecoder().decode(Received.self, from: Data(line.utf8))
        return (received, try ParsedMIME(String(decoding: try Base64.decode(received.data), as: UTF8.self)))
    }

    static func provider(_ server: TestServer, _ values: JSONObject = [:]) throws -> any Provider {
        var settings: JSONObject = [
            "host": "127.0.0.1", "port": .number(Double(server.port)), "security": "none",
            "from": "Acme Ünïcode <hello@acme.example>", "helo_name": "app.acme.example",
        ]
        for (key, value) in values { settings[key] = value }
        return try ProviderRegistry.standard.makeProvider(
            for: ChannelSettings(
                channelID: "relay-email", provider: "smtp", environment: "development", values: settings),
            dependencies: ProviderDependencies(transport: MockTransport([]), now: { pinnedDate }))
    }

    static var secured: JSONObject {
        [
            "security": "starttls", "username": "mailer", "password": "pa55-w0rd",
            "tls_ca_file": .string(TestPaths.tls("ca.pem")),
        ]
    }

    static func failure(_ server: TestServer, _ values: JSONObject = [:]) async throws -> ProviderError {
        let provider = try Self.provider(server, values)
        let result: Result<DeliveryReceipt, any Error>
        do {
            result = .success(try await provider.send(SESProviderTests.message(), context: .test()))
        } catch {
            result = .failure(error)
        }
        await provider.shutdown()
        guard case .failure(let error) = result, let error = error as? ProviderError else {
            throw TestServerError(message: "expected a ProviderError, got \(result)")
        }
        return error
    }

    @Test func deliversACompleteMIMEMessage() async throws {
        let server = try await TestServer.start("smtp_server.py")
        defer { server.stop() }
        let provider = try Self.provider(server)
        var email = SESProviderTests.email(
            attachments: [.init(filename: "receipt.pdf", contentType: "application/pdf", content: [0, 1, 2, 255])])
        email.subject = "Votre commande est expédiée"
        let receipt = try await provider.send(SESProviderTests.message(email), context: .test())
        await provider.shutdown()
        #expect(receipt.providerMessageID == "<msg_2Xk9@acme.example>")
        #expect(receipt.outcome == .sent)

        let (received, mime) = try await Self.received(from: server)
        #expect(received.mail_from == "hello@acme.example")
        #expect(received.rcpt_tos == ["ada@example.com", "grace@example.com", "audit@acme.example"])
        #expect(mime.header("Message-ID") == receipt.providerMessageID)
        #expect(mime.header("Bcc") == nil)
        #expect(!String(decoding: try Base64.decode(received.data), as: UTF8.self).contains("audit@acme.example"))
        #expect(mime.header("To") == "\"Ada Lovelace\" <ada@example.com>")
        #expect(mime.header("Cc") == "\"Grace Hopper\" <grace@example.com>")
        #expect(mime.header("Reply-To") == "support@acme.example")
        #expect(mime.header("List-Unsubscribe") == "<https://acme.example/u/1>")
        #expect(
            try ParsedMIME.decodeEncodedWords(try #require(mime.header("Subject"))) == "Votre commande est expédiée")
        let from = try #require(mime.header("From"))
        #expect(from.hasSuffix(" <hello@acme.example>"))
        #expect(
            try ParsedMIME.decodeEncodedWords(String(from.dropLast(" <hello@acme.example>".count))) == "Acme Ünïcode")
        #expect(mime.mediaType == "multipart/mixed")
        let parts = try mime.parts()
        let alternatives = try parts[0].parts()
        #expect(alternatives.map(\.mediaType) == ["text/plain", "text/html"])
        #expect(String(decoding: try alternatives[0].decodedBody(), as: UTF8.self) == "Hi Ada\r\n")
        #expect(String(decoding: try alternatives[1].decodedBody(), as: UTF8.self) == "<p>Hi Ada</p>\r\n")
        #expect(try parts[1].decodedBody() == [0, 1, 2, 255])
    }

    @Test func logsInAfterRequiredSTARTTLS() async throws {
        let server = try await TestServer.start(
            "smtp_server.py", ["--starttls"] + TestPaths.serverCertificateArguments + ["--auth", "mailer:pa55-w0rd"])
        defer { server.stop() }
        let provider = try Self.provider(server, Self.secured)
        _ = try await provider.send(SESProviderTests.message(), context: .test())
        await provider.shutdown()
        let (received, _) = try await Self.received(from: server)
        #expect(received.login == "mailer")
        #expect(received.tls)
    }

    @Test func speaksImplicitTLS() async throws {
        let server = try await TestServer.start(
            "smtp_server.py",
            ["--implicit-tls"] + TestPaths.serverCertificateArguments + ["--auth", "mailer:pa55-w0rd"])
        defer { server.stop() }
        var values = Self.secured
        values["security"] = "tls"
        let provider = try Self.provider(server, values)
        _ = try await provider.send(SESProviderTests.message(), context: .test())
        await provider.shutdown()
        #expect(try await Self.received(from: server).0.tls)
    }

    @Test func aServerWithoutSTARTTLSIsMisconfigured() async throws {
        let server = try await TestServer.start("smtp_server.py")
        defer { server.stop() }
        #expect(try await Self.failure(server, Self.secured).code == .misconfigured)
    }

    @Test func aRefusedLoginIsMisconfigured() async throws {
        let server = try await TestServer.start(
            "smtp_server.py", ["--starttls"] + TestPaths.serverCertificateArguments + ["--auth", "mailer:pa55-w0rd"])
        defer { server.stop() }
        var values = Self.secured
        values["password"] = "wrong-Secret-42"
        let error = try await Self.failure(server, values)
        #expect(error.code == .misconfigured)
        #expect(error.providerCode == "535")
        #expect(!"\(error)".contains("wrong-Secret-42"))
    }

    @Test(arguments: [
        (["--reject-rcpt", "ada@example.com"], "invalidRecipient", "550"),
        (["--defer-rcpt", "grace@example.com"], "unavailable", "450"),
        (["--reject-data"], "rejected", "554"),
    ])
    func refusalsAreClassified(arguments: [String], code: String, reply: String) async throws {
        let server = try await TestServer.start("smtp_server.py", arguments)
        defer { server.stop() }
        let error = try await Self.failure(server)
        #expect(error.code.description == code)
        #expect(error.providerCode == reply)
    }

    @Test func aClosedPortIsAConnectionFailure() async throws {
        let server = try await TestServer.start("smtp_server.py")
        server.stop()  // the port is now closed
        #expect(try await Self.failure(server).code == .connectionFailed)
    }
}
