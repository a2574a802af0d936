import Foundation
import Providers
import Testing
import Transport

/// Postmark's Delivery, Bounce and other webhooks: HTTP Basic credentials checked in constant time, then parsed.
/// Payloads follow https://postmarkapp.com/developer/webhooks/bounce-webhook and delivery-webhook.
@Suite struct PostmarkCallbackTests {
    static let credentials = PostmarkConfiguration.WebhookCredentials(
        username: "postmark-hooks", password: "hook-password-not-real")

    static func provider(credentials: PostmarkConfiguration.WebhookCredentials? = credentials) -> PostmarkProvider {
        PostmarkProvider(
            configuration: PostmarkConfiguration(serverToken: "t", webhookCredentials: credentials),
            transport: MockTransport(status: 500))
    }

    static func callback(_ body: String, authorization: String? = basic("postmark-hooks:hook-password-not-real"))
        -> ProviderCallback
    {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        if let authorization { headers.add(name: "Authorization", value: authorization) }
        return ProviderCallback(
            method: .post, url: "https://dh.acme.example/callbacks/postmark", headers: headers, body: Array(body.utf8),
            receivedAt: pinnedDate)
    }

    static func basic(_ userPassword: String) -> String {
        "Basic " + Data(userPassword.utf8).base64EncodedString()
    }

    static func bounce(type: String, inactive: Bool, recordType: String = "Bounce") -> String {
        """
        {"RecordType":"\(recordType)","MessageStream":"outbound","ID":4323372036854775807,"Type":"\(type)",\
        "TypeCode":1,"Name":"Hard bounce","Tag":"order-shipped","MessageID":"883953f4-6105-42a2-a16a-77a8eac79483",\
        "Metadata":{"dh_message_id":"msg_01postmark","dh_recipient_id":"user-1"},"ServerID":23,\
        "Description":"The server was unable to deliver your message (ex: unknown user, mailbox not found).",\
        "Details":"Test bounce details","Email":"ada@example.test","From":"hello@acme.example",\
        "BouncedAt":"2019-11-05T16:33:54.9070259Z","DumpAvailable":true,"Inactive":\(inactive),"CanActivate":true,\
        "Subject":"Your order has shipped"}
        """
    }

    @Test func aDeliveryWebhookDelivers() async throws {
        let body = """
            {"MessageID":"883953f4-6105-42a2-a16a-77a8eac79483","Recipient":"ada@example.test",\
            "DeliveredAt":"2026-11-23T05:00:00.1794748-05:00","Details":"Test delivery webhook details",\
            "Tag":"order-shipped","ServerID":23,"Metadata":{"dh_message_id":"msg_01postmark"},\
            "RecordType":"Delivery","MessageStream":"outbound"}
            """
        let outcome = try await Self.provider().handleCallback(Self.callback(body))
        guard case .updates(let updates) = outcome, let update = updates.first else {
            Issue.record("expected one update, got \(outcome)")
            return
        }
        #expect(update.providerMessageID == "883953f4-6105-42a2-a16a-77a8eac79483")
        #expect(update.status == .delivered)
        #expect(update.recipient == "ada@example.test")
        #expect(update.reason == "Test delivery webhook details")
        let occurredAt = try #require(update.occurredAt).timeIntervalSince1970
        #expect(abs(occurredAt - 1_795_428_000.1794748) < 0.001)
    }

    @Test(arguments: [
        ("HardBounce", false, StatusUpdate.Status?.some(.bounced)), ("BadEmailAddress", false, .bounced),
        ("ManuallyDeactivated", false, .bounced), ("SoftBounce", true, .bounced), ("SoftBounce", false, .undelivered),
        ("Unknown", false, .undelivered), ("SomeFutureType", false, .undelivered), ("Transient", false, nil),
        ("DnsError", false, nil), ("AutoResponder", false, nil), ("SpamNotification", false, nil),
    ])
    func bouncesMapByTypeAndInactive(type: String, inactive: Bool, expected: StatusUpdate.Status?) async throws {
        let outcome = try await Self.provider().handleCallback(
            Self.callback(Self.bounce(type: type, inactive: inactive)))
        guard case .updates(let updates) = outcome else {
            Issue.record("expected updates")
            return
        }
        #expect(updates.first?.status == expected)
        #expect(updates.count == (expected == nil ? 0 : 1))
        if let update = updates.first {
            #expect(update.providerCode == type)
            #expect(update.recipient == "ada@example.test")
            #expect(update.reason?.hasPrefix("The server was unable") == true)
            #expect(update.occurredAt.map { abs($0.timeIntervalSince1970 - 1_572_971_634.907) < 0.001 } == true)
        }
    }

    @Test func aSpamComplaintBouncesWithReasonComplaint() async throws {
        let body = Self.bounce(type: "SpamComplaint", inactive: true, recordType: "SpamComplaint")
        let outcome = try await Self.provider().handleCallback(Self.callback(body))
        guard case .updates(let updates) = outcome, var update = updates.first, updates.count == 1 else {
            Issue.record("expected one update, got \(outcome)")
            return
        }
        #expect(update.occurredAt.map { abs($0.timeIntervalSince1970 - 1_572_971_634.907) < 0.001 } == true)
        update.occurredAt = nil
        #expect(
            update
                == StatusUpdate(
                    providerMessageID: "883953f4-6105-42a2-a16a-77a8eac79483", status: .bounced, reason: "complaint",
                    providerCode: "SpamComplaint", recipient: "ada@example.test"))
    }

    @Test(arguments: ["Open", "Click", "SubscriptionChange", "SomethingNew"])
    func otherRecordTypesChangeNothing(recordType: String) async throws {
        let body = #"{"RecordType":"\#(recordType)","MessageID":"883953f4-6105-42a2-a16a-77a8eac79483"}"#
        #expect(try await Self.provider().handleCallback(Self.callback(body)) == .updates([]))
    }

    @Test(arguments: [
        PostmarkCallbackTests.basic("postmark-hooks:wrong-password"), PostmarkCallbackTests.basic("postmark-hooks"),
        PostmarkCallbackTests.basic("other:hook-password-not-real"), "Bearer hook-password-not-real", "Basic !!!",
        "Basic",
    ])
    func wrongCredentialsAreForged(authorization: String) async throws {
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider().handleCallback(
                Self.callback(Self.bounce(type: "HardBounce", inactive: true), authorization: authorization))
        }
        #expect(error.code == .forgedCallback)
        #expect(!error.description.contains("hook-password-not-real"))
    }

    @Test func missingCredentialsAreForgedAndUnconfiguredOnesRefused() async throws {
        let missing = try await #require(throws: ProviderError.self) {
            try await Self.provider().handleCallback(Self.callback("{}", authorization: nil))
        }
        #expect(missing.code == .forgedCallback)
        let unconfigured = try await #require(throws: ProviderError.self) {
            try await Self.provider(credentials: nil).handleCallback(Self.callback("{}"))
        }
        #expect(unconfigured.code == .misconfigured)
    }

    @Test func theSchemeIsCaseInsensitive() async throws {
        let header = "basic " + Data("postmark-hooks:hook-password-not-real".utf8).base64EncodedString()
        let outcome = try await Self.provider().handleCallback(
            Self.callback(#"{"RecordType":"Open"}"#, authorization: header))
        #expect(outcome == .updates([]))
    }

    @Test(arguments: ["not json", "[1,2]", #"{"MessageID":"x"}"#, #"{"RecordType":"Delivery"}"#])
    func unreadableAuthenticBodiesAreInvalid(body: String) async throws {
        let error = try await #require(throws: ProviderError.self) {
            try await Self.provider().handleCallback(Self.callback(body))
        }
        #expect(error.code == .invalidCallback)
    }
}
