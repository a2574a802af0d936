import Foundation
import Providers
import Signing
import Testing
import Transport

extension SESCallbackTests {
    static func forgedError(
        _ body: String, transport: RoutingTransport? = nil, topic: String? = nil, trusted: Bool = true,
        receivedAt: Date = receivedAt, type: String? = nil
    ) async throws -> ProviderError {
        let provider = try Self.provider(try transport ?? Self.transport(), topic: topic, trusted: trusted)
        return try await #require(throws: ProviderError.self) {
            try await provider.handleCallback(Self.callback(body, receivedAt: receivedAt, type: type))
        }
    }

    @Test func aTamperedEventIsForged() async throws {
        let body = try Self.file("bounce-permanent.json").replacingOccurrences(of: "Permanent", with: "Transient")
        #expect(try await Self.forgedError(body).code == .forgedCallback)
    }

    @Test func aBodyThatIsNotAnSNSMessageIsForged() async throws {
        #expect(try await Self.forgedError(#"{"eventType":"Delivery"}"#).code == .forgedCallback)
        #expect(try await Self.forgedError("not json").code == .forgedCallback)
    }

    @Test func aMessageTypeHeaderThatDisagreesIsForged() async throws {
        let error = try await Self.forgedError(try Self.file("delivery.json"), type: "SubscriptionConfirmation")
        #expect(error.code == .forgedCallback)
    }

    @Test func anotherTopicIsForgedWhenATopicIsConfigured() async throws {
        let other = "arn:aws:sns:eu-west-1:999999999999:someone-elses-topic"
        let error = try await Self.forgedError(try Self.file("delivery.json"), topic: other)
        #expect(error.code == .forgedCallback)
        let outcome = try await Self.handle("delivery.json", topic: Self.topic)
        guard case .updates(let updates) = outcome else {
            Issue.record("expected updates")
            return
        }
        #expect(updates.count == 1)
    }

    @Test func aStaleOrFutureMessageIsForged() async throws {
        let body = try Self.file("delivery.json")
        let late = Self.receivedAt.addingTimeInterval(2 * 3600)
        #expect(try await Self.forgedError(body, receivedAt: late).message.contains("stale"))
        let early = Self.receivedAt.addingTimeInterval(-3600)
        #expect(try await Self.forgedError(body, receivedAt: early).message.contains("future"))
    }

    @Test func aCertificateOutsideTheTrustedRootsIsForged() async throws {
        // The system trust store does not know the test root.
        let error = try await Self.forgedError(try Self.file("delivery.json"), trusted: false)
        #expect(error.code == .forgedCallback)
    }

    @Test func aSigningCertURLOffSNSIsNeverFetched() async throws {
        let transport = try Self.transport()
        let body = try Self.file("delivery.json").replacingOccurrences(
            of: "sns.eu-west-1.amazonaws.com/SimpleNotificationService", with: "sns.eu-west-1.example.invalid/x")
        #expect(try await Self.forgedError(body, transport: transport).code == .forgedCallback)
        #expect(await transport.requests.isEmpty)
    }

    @Test func anUnreachableCertificateIsRetryable() async throws {
        let provider = try Self.provider(RoutingTransport([:]))
        let error = try await #require(throws: ProviderError.self) {
            try await provider.handleCallback(Self.callback(try Self.file("delivery.json")))
        }
        #expect(error.code == .unavailable)
    }

    @Test func theCertificateIsFetchedOnceForConcurrentAndLaterCallbacks() async throws {
        let transport = try Self.transport()
        let provider = try Self.provider(transport)
        let files = ["delivery.json", "bounce-permanent.json", "complaint.json", "open.json", "reject.json"]
        let bodies = try files.map(Self.file)
        try await withThrowingTaskGroup(of: CallbackOutcome.self) { group in
            for body in bodies + bodies {
                group.addTask { try await provider.handleCallback(Self.callback(body)) }
            }
            for try await _ in group {}
        }
        _ = try await provider.handleCallback(Self.callback(try Self.file("delivery.json")))
        #expect(await transport.count(Self.certificateURL) == 1)
    }

    @Test func trustRootsComeFromTheSettings() async throws {
        let settings = ChannelSettings(
            channelID: "transactional-email", provider: "ses", environment: "development",
            values: [
                "region": "eu-west-1", "access_key_id": "AKIDEXAMPLE", "secret_access_key": "not-a-real-secret",
                "sns_topic_arn": .string(Self.topic), "sns_trust_roots_pem": .string(try Self.file("root.pem")),
            ])
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: try Self.transport()))
        let handler = try #require(provider as? any StatusCallbackHandling)
        let outcome = try await handler.handleCallback(Self.callback(try Self.file("delivery.json")))
        guard case .updates(let updates) = outcome else {
            Issue.record("expected updates")
            return
        }
        #expect(updates.map(\.status) == [.delivered])

        var unreadable = settings
        unreadable.values["sns_trust_roots_pem"] = "not a certificate"
        let error = try #require(throws: ProviderError.self) {
            try ProviderRegistry.standard.makeProvider(
                for: unreadable, dependencies: ProviderDependencies(transport: RoutingTransport([:])))
        }
        #expect(error.code == .misconfigured)
    }
}
