import Foundation
import Providers
import Testing
import Transport

@Suite struct TwilioProviderTests {
    static let live = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
    static let test = "ACTESTXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
    static let authToken = "twilio-auth-token-not-real"

    static func message(to: String? = nil, phone: String? = "+14155550100") -> OutboundMessage {
        OutboundMessage(
            id: "msg_01twilio", channelID: "sms", recipient: Recipient(id: "user-1", phoneNumber: phone),
            content: .sms(SMSContent(to: to, text: "Your order o_1 has shipped.")))
    }

    static func configuration(
        authentication: TwilioConfiguration.Authentication? = .authToken(authToken), from: String? = "+15557122661",
        service: String? = nil, callback: String? = "https://hooks.acme.example/twilio/status", sandbox: Bool = false
    ) -> TwilioConfiguration {
        TwilioConfiguration(
            accountSID: live, authentication: authentication, authToken: authToken, from: from,
            messagingServiceSID: service, statusCallbackURL: callback,
            testCredentials: .init(accountSID: test, authToken: "twilio-test-token-not-real"), isSandbox: sandbox)
    }

    static let created = #"{"sid":"SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX","status":"queued"}"#

    static func send(_ configuration: TwilioConfiguration, _ message: OutboundMessage = message()) async throws
        -> HTTPRequest
    {
        let transport = MockTransport(status: 201, body: created)
        _ = try await TwilioProvider(configuration: configuration, transport: transport).send(message, context: .test())
        return try #require(await transport.requests.first)
    }

    @Test func sendsTheExactRequest() async throws {
        let transport = MockTransport(status: 201, body: Self.created)
        let provider = TwilioProvider(configuration: Self.configuration(), transport: transport, now: { pinnedDate })
        let receipt = try await provider.send(Self.message(), context: .test())
        #expect(
            receipt
                == DeliveryReceipt(
                    providerMessageID: "SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", outcome: .sent, httpStatus: 201,
                    detail: "Twilio status queued"))
        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://api.twilio.com/2010-04-01/Accounts/\(Self.live)/Messages.json")
        let basic = Data("\(Self.live):\(Self.authToken)".utf8).base64EncodedString()
        #expect(
            request.headers.fields.map { [$0.name, $0.value] } == [
                ["Authorization", "Basic \(basic)"], ["Content-Type", "application/x-www-form-urlencoded"],
                ["Accept", "application/json"],
            ])
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == "To=%2B14155550100&From=%2B15557122661&Body=Your%20order%20o_1%20has%20shipped."
                + "&StatusCallback=https%3A%2F%2Fhooks.acme.example%2Ftwilio%2Fstatus%3Fdh_message_id%3Dmsg_01twilio")
    }

    @Test func anAPIKeyAuthenticatesButTheAccountStaysInThePath() async throws {
        let request = try await Self.send(
            Self.configuration(
                authentication: .apiKey(sid: "SKXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", secret: "key-secret-not-real")))
        #expect(request.url.contains("/Accounts/\(Self.live)/"))
        let basic = Data("SKXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX:key-secret-not-real".utf8).base64EncodedString()
        #expect(request.headers["Authorization"] == "Basic \(basic)")
    }

    @Test func aMessagingServiceReplacesFrom() async throws {
        let request = try await Self.send(
            Self.configuration(from: nil, service: "MGXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", callback: nil))
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == "To=%2B14155550100&MessagingServiceSid=MGXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"
                + "&Body=Your%20order%20o_1%20has%20shipped.")
    }

    @Test func theCallbackURLKeepsItsQuery() async throws {
        let request = try await Self.send(Self.configuration(callback: "https://hooks.acme.example/status?env=dev"))
        #expect(
            String(decoding: request.body, as: UTF8.self).hasSuffix(
                "&StatusCallback=https%3A%2F%2Fhooks.acme.example%2Fstatus%3Fenv%3Ddev%26dh_message_id%3Dmsg_01twilio"))
    }

    @Test func sandboxUsesTheTestCredentialsAndTheMagicSender() async throws {
        let request = try await Self.send(Self.configuration(service: "MG1", sandbox: true))
        #expect(request.url == "https://api.twilio.com/2010-04-01/Accounts/\(Self.test)/Messages.json")
        let basic = Data("\(Self.test):twilio-test-token-not-real".utf8).base64EncodedString()
        #expect(request.headers["Authorization"] == "Basic \(basic)")
        #expect(String(decoding: request.body, as: UTF8.self).hasPrefix("To=%2B14155550100&From=%2B15005550006&Body="))
    }

    @Test func theMessageNumberWinsAndAMissingNumberIsTheRecipients() async throws {
        let request = try await Self.send(Self.configuration(), Self.message(to: "+447700900123"))
        #expect(String(decoding: request.body, as: UTF8.self).hasPrefix("To=%2B447700900123&"))
        let transport = MockTransport(status: 201, body: Self.created)
        let error = try await #require(throws: ProviderError.self) {
            try await TwilioProvider(configuration: Self.configuration(), transport: transport).send(
                Self.message(phone: nil), context: .test())
        }
        #expect(error.code == .invalidRecipient)
        #expect(await transport.requests.isEmpty)
    }

    @Test(arguments: [
        (400, 21211, "invalidRecipient"), (400, 21614, "invalidRecipient"), (400, 21610, "invalidRecipient"),
        (400, 21612, "rejected"), (400, 21408, "rejected"), (401, 20003, "misconfigured"),
        (404, 20404, "misconfigured"),
        (429, 20429, "rateLimited"), (400, 20429, "rateLimited"), (400, 21606, "misconfigured"),
        (400, 21659, "misconfigured"), (400, 21608, "misconfigured"), (400, 21617, "rejected"),
        (400, 12345, "rejected"), (403, 99999, "misconfigured"), (500, 20500, "unavailable"),
        (503, 21211, "unavailable"),
    ])
    func errorsAreClassified(status: Int, twilioCode: Int, code: String) async throws {
        let body =
            #"{"code":\#(twilioCode),"message":"m","more_info":"https://www.twilio.com/docs/errors/\#(twilioCode)","status":\#(status)}"#
        let transport = MockTransport(status: status, headers: ["Retry-After": "3"], body: body)
        let error = try await #require(throws: ProviderError.self) {
            try await TwilioProvider(configuration: Self.configuration(), transport: transport, now: { pinnedDate })
                .send(
                    Self.message(), context: .test())
        }
        #expect(error.code.description == code)
        #expect(error.providerCode == String(twilioCode))
        #expect(error.httpStatus == status)
        #expect(error.retryAfter == (error.code.isRetryable ? .seconds(3) : nil))
        #expect(!error.description.contains(Self.authToken))
    }

    @Test func theRFC9457ErrorShapeIsRead() async throws {
        let body =
            #"{"type":"https://www.twilio.com/docs/errors/21211","title":"Invalid 'To' Phone Number","status":400,"code":21211,"detail":"The 'To' number is not valid."}"#
        let transport = MockTransport(status: 400, body: body)
        let error = try await #require(throws: ProviderError.self) {
            try await TwilioProvider(configuration: Self.configuration(), transport: transport).send(
                Self.message(), context: .test())
        }
        #expect(error.code == .invalidRecipient)
        #expect(error.message == "Twilio error 21211: The 'To' number is not valid.")
    }

    @Test(arguments: [
        (TransportError.Code.timeout, "timeout"), (.connectFailed, "connectionFailed"), (.dns, "misconfigured"),
    ])
    func transportFailuresAreClassified(failure: TransportError.Code, code: String) async throws {
        let transport = MockTransport([.failure(TransportError(failure, "simulated"))])
        let error = try await #require(throws: ProviderError.self) {
            try await TwilioProvider(configuration: Self.configuration(), transport: transport).send(
                Self.message(), context: .test())
        }
        #expect(error.code.description == code)
    }
}
