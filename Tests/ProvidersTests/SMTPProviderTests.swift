import Foundation
import Providers
import Synchronization
import TestSupport
import Testing
import Transport

@Suite struct SMTPProviderTests {
    static func settings(_ values: JSONObject, sandbox: Bool = false) -> ChannelSettings {
        ChannelSettings(
            channelID: "relay-email", provider: "smtp", environment: "development", isSandbox: sandbox, values: values)
    }

    static func make(_ values: JSONObject, sandbox: Bool = false, transport: RecordingSMTPTransport = .init())
        throws -> (any Provider, [CurlSMTPClient.Configuration])
    {
        let made = Mutex<[CurlSMTPClient.Configuration]>([])
        let dependencies = ProviderDependencies(
            transport: MockTransport([]), now: { pinnedDate },
            makeSMTPTransport: { configuration in
                made.withLock { $0.append(configuration) }
                return transport
            })
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings(values, sandbox: sandbox), dependencies: dependencies)
        return (provider, made.withLock { $0 })
    }

    static let relay: JSONObject = ["host": "smtp.acme.example", "from": "Acme <hello@acme.example>"]

    @Test(
        arguments: [
            (["host": "smtp.acme.example"], "smtp://smtp.acme.example:587", true),
            (["host": "smtp.acme.example", "security": "tls"], "smtps://smtp.acme.example:465", false),
            (
                ["host": "smtp.acme.example", "security": "starttls", "port": 2525], "smtp://smtp.acme.example:2525",
                true
            ),
            (["host": "127.0.0.1", "security": "none"], "smtp://127.0.0.1:25", false),
            (["host": "::1", "security": "none", "port": 2525], "smtp://[::1]:2525", false),
        ] as [(JSONObject, String, Bool)])
    func settingsChooseTheServerAndItsSecurity(values: JSONObject, url: String, startTLSRequired: Bool) throws {
        let (_, made) = try Self.make(values)
        let configuration = try #require(made.first)
        #expect(made.count == 1)
        #expect(configuration.url == url)
        #expect((configuration.startTLS == .required) == startTLSRequired)
        #expect(configuration.verifiesCertificates)
    }

    @Test func credentialsAndNamesArePassedOn() throws {
        var values = Self.relay
        values["username"] = "mailer"
        values["password"] = "pa55-w0rd"
        values["helo_name"] = "app.acme.example"
        values["tls_ca_file"] = "/etc/ssl/private-relay-ca.pem"
        let configuration = try #require(try Self.make(values).1.first)
        #expect(configuration.credentials == SMTPCredentials(username: "mailer", password: "pa55-w0rd"))
        #expect(configuration.clientName == "app.acme.example")
        #expect(configuration.caBundlePath == "/etc/ssl/private-relay-ca.pem")
    }

    @Test(
        arguments: [
            (["host": "smtp.acme.example", "security": "none"] as JSONObject, "loopback"),
            (["host": "smtp.acme.example", "username": "mailer"], "both username and password"),
            (["host": "smtp://smtp.acme.example"], "host name"),
            (["host": "smtp.acme.example", "password": "x"], "both username and password"),
        ] as [(JSONObject, String)])
    func unusableSettingsAreMisconfigured(values: JSONObject, explanation: String) throws {
        let error = try #require(throws: ProviderError.self) { try Self.make(values) }
        #expect(error.code == .misconfigured)
        #expect(error.message.contains(explanation))
    }

    @Test func sandboxBuildsButDoesNotSend() async throws {
        let transport = RecordingSMTPTransport()
        let (provider, _) = try Self.make(Self.relay, sandbox: true, transport: transport)
        let receipt = try await provider.send(SESProviderTests.message(), context: .test())
        #expect(
            receipt == DeliveryReceipt(providerMessageID: "<msg_2Xk9@acme.example>", outcome: .sent, detail: "sandbox"))
        #expect(transport.sent.isEmpty)
    }

    @Test func theMessageIDDomainCanBeSet() async throws {
        let transport = RecordingSMTPTransport()
        var values = Self.relay
        values["message_id_domain"] = "mail.acme.example"
        let (provider, _) = try Self.make(values, transport: transport)
        let receipt = try await provider.send(SESProviderTests.message(), context: .test())
        #expect(receipt.providerMessageID == "<msg_2Xk9@mail.acme.example>")
        let sent = try #require(transport.sent.first)
        #expect(sent.envelope.sender == "hello@acme.example")
        #expect(sent.envelope.recipients == ["ada@example.com", "grace@example.com", "audit@acme.example"])
        let parsed = try ParsedMIME(String(decoding: sent.message, as: UTF8.self))
        #expect(parsed.header("Message-ID") == "<msg_2Xk9@mail.acme.example>")
        #expect(parsed.header("Date") == "Tue, 14 Nov 2023 22:13:20 +0000")
    }

    @Test(
        arguments: [
            (535, "AUTH", "misconfigured"), (534, "AUTH", "misconfigured"), (454, "AUTH", "unavailable"),
            (530, "MAIL", "misconfigured"), (550, "MAIL", "misconfigured"), (552, "MAIL", "rejected"),
            (451, "MAIL", "unavailable"), (550, "RCPT", "invalidRecipient"), (551, "RCPT", "invalidRecipient"),
            (553, "RCPT", "invalidRecipient"), (554, "RCPT", "rejected"), (450, "RCPT", "unavailable"),
            (452, "RCPT", "unavailable"), (421, "RCPT", "unavailable"), (554, "DATA", "rejected"),
            (552, "DATA", "rejected"), (451, "DATA", "unavailable"), (550, nil, "rejected"), (421, nil, "unavailable"),
        ] as [(Int, String?, String)])
    func refusalsAreClassifiedByReplyAndCommand(reply: Int, command: String?, code: String) async throws {
        let failure = TransportError(.rejected, "refused", curlCode: 55, smtpReplyCode: reply, smtpCommand: command)
        let (provider, _) = try Self.make(Self.relay, transport: RecordingSMTPTransport(failure: failure))
        let error = try await #require(throws: ProviderError.self) {
            try await provider.send(SESProviderTests.message(), context: .test())
        }
        #expect(error.code.description == code)
        #expect(error.providerCode == String(reply))
    }

    @Test(arguments: [
        (TransportError(.tls, "verify failed", curlCode: 60), "misconfigured"),
        (TransportError(.tls, "STARTTLS not supported", curlCode: 64), "misconfigured"),
        (TransportError(.tls, "handshake reset", curlCode: 35), "connectionFailed"),
        (TransportError(.connectFailed, "refused", curlCode: 7), "connectionFailed"),
        (TransportError(.timeout, "slow", curlCode: 28), "timeout"),
        (TransportError(.dns, "no such host", curlCode: 6), "misconfigured"),
        (TransportError(.cancelled, "stopped"), "cancelled"),
    ])
    func transportFailuresAreClassified(failure: TransportError, code: String) async throws {
        let (provider, _) = try Self.make(Self.relay, transport: RecordingSMTPTransport(failure: failure))
        let error = try await #require(throws: ProviderError.self) {
            try await provider.send(SESProviderTests.message(), context: .test())
        }
        #expect(error.code.description == code)
    }

    @Test func messageProblemsAreClassifiedBeforeSending() async throws {
        let transport = RecordingSMTPTransport()
        let (provider, _) = try Self.make(Self.relay, transport: transport)
        var email = SESProviderTests.email()
        email.headers = ["Subject": "a second subject"]
        let reserved = try await #require(throws: ProviderError.self) {
            try await provider.send(SESProviderTests.message(email), context: .test())
        }
        #expect(reserved.code == .rejected)
        let noAddress = try await #require(throws: ProviderError.self) {
            try await provider.send(SESProviderTests.message(recipientEmail: nil), context: .test())
        }
        #expect(noAddress.code == .invalidRecipient)
        let (senderless, _) = try Self.make(["host": "smtp.acme.example"], transport: transport)
        let noSender = try await #require(throws: ProviderError.self) {
            try await senderless.send(SESProviderTests.message(), context: .test())
        }
        #expect(noSender.code == .misconfigured)
        #expect(transport.sent.isEmpty)
    }
}
