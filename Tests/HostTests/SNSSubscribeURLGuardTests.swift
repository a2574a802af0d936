import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Signing
import TestSupport
import Testing
import Transport

/// Answers the SNS certificate URL from a table and passes every other request to a real libcurl client
/// (whose outbound address policy decides), recording what it passed on.
actor CertificateThenCurlTransport: HTTPTransport {
    private let table: URLTableTransport
    private let client: CurlHTTPClient
    private(set) var passedOn: [String] = []

    init(table: URLTableTransport, client: CurlHTTPClient) {
        self.table = table
        self.client = client
    }

    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        if request.url == EmailCallbackRouteTests.certificateURL {
            return try await table.execute(request, deadline: deadline)
        }
        passedOn.append(request.url)
        return try await client.execute(request, deadline: deadline)
    }
}

/// The SNS `SubscribeURL` goes through the outbound address policy (``OutboundGuard``): a loopback URL is
/// refused unless the allow-list names its host, and the guard's transport refuses loopback addresses.
@Suite struct SNSSubscribeURLGuardTests {
    static let loopbackURL =
        "https://127.0.0.1:9/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:eu-west-1:123456789012:delivery-host-ses-events&Token=2336412f37fb687f5d51e6e2425dacbba8b0b1a0b6b1d7b8c7a6b5e4d3c2b1a0subs"

    /// Posts the loopback confirmation to an SES channel whose guard has `policy` and whose guard transport
    /// enforces `enforced`; returns the response and what reached libcurl.
    static func confirm(
        policy: OutboundAddressPolicy, enforced: OutboundAddressPolicy
    ) async throws -> (response: HTTPServerResponse, passedOn: [String], main: [HTTPRequest]) {
        let main = try EmailCallbackRouteTests.sesTransport()
        let client = try CurlHTTPClient(configuration: .init(outboundAddressPolicy: enforced))
        let guarded = CertificateThenCurlTransport(table: try EmailCallbackRouteTests.sesTransport(), client: client)
        let ses = try SESProvider(
            configuration: SESConfiguration(
                region: "eu-west-1",
                credentials: AWSCredentials(accessKeyID: "test-access-key", secretAccessKey: "test-secret-" + "s"),
                snsTopicARN: EmailCallbackRouteTests.topic,
                snsVerifier: SNSMessageVerifier(
                    trust: .roots([try Certificate(pem: try EmailCallbackRouteTests.snsFile("root.pem"))]))),
            transport: main, now: { CallbackHarness.now },
            outboundGuard: OutboundGuard(transport: guarded, policy: policy))
        let harness = CallbackHarness([CallbackHarness.channel("ses", type: .email, provider: ses)])
        let body = try EmailCallbackRouteTests.snsFile("subscription-confirmation-loopback.json")
        #expect(try SNSMessage(json: Array(body.utf8)).subscribeURL == loopbackURL)
        let response = await harness.post(
            "/callbacks/production/ses",
            headers: [
                ("Content-Type", "text/plain; charset=UTF-8"), ("x-amz-sns-message-type", "SubscriptionConfirmation"),
            ],
            body: Array(body.utf8))
        await client.shutdown()
        return (response, await guarded.passedOn, await main.requests)
    }

    @Test func aLoopbackSubscribeURLIsRefusedWithoutAnAllowList() async throws {
        let result = try await Self.confirm(policy: .default, enforced: .default)
        #expect(result.response.status == 401)
        #expect(
            try HostTestSupport.json(result.response)["message"]
                == "ses callback refused: the SubscribeURL is not an https URL on sns.<region>.amazonaws.com (nor on a host the outbound allow-list names)"
        )
        #expect(result.passedOn.isEmpty)
        #expect(result.main.isEmpty)  // the certificate came through the guard's transport too
    }

    @Test func theGuardsTransportRefusesALoopbackAddress() async throws {
        // The provider's check passes (the allow-list names 127.0.0.1) but the connection is checked against
        // the default policy: what happens when an accepted host resolves to a loopback address.
        let result = try await Self.confirm(
            policy: try OutboundAddressPolicy(allowing: ["127.0.0.1"]), enforced: .default)
        #expect(result.response.status == 400)
        let json = try HostTestSupport.json(result.response)
        #expect(json["code"] == "invalid_callback")
        #expect(
            json["message"]
                == "ses callback refused: refused to confirm the SNS subscription: the outbound address policy refused to connect to 127.0.0.1 at 127.0.0.1: loopback 127.0.0.0/8 is not allowed (https://127.0.0.1:9/)"
        )
        #expect(result.passedOn == [Self.loopbackURL])
        #expect(result.main.isEmpty)
    }

    @Test func anAllowListedLoopbackSubscribeURLIsVisited() async throws {
        let allowed = try OutboundAddressPolicy(allowing: ["127.0.0.1"])
        let result = try await Self.confirm(policy: allowed, enforced: allowed)
        // Nothing listens on port 9: the request got past the policy and failed to connect (SNS retries).
        #expect(result.response.status == 503)
        #expect(try HostTestSupport.json(result.response)["code"] == "service_unavailable")
        #expect(result.passedOn == [Self.loopbackURL])
    }

    @Test func allowListEntriesNameHostsAndAddresses() throws {
        let policy = try OutboundAddressPolicy(allowing: ["hooks.internal.test", "10.1.0.0/16", "::1"])
        #expect(policy.allowsExplicitly(host: "HOOKS.internal.test"))
        #expect(policy.allowsExplicitly(host: "10.1.2.3"))
        #expect(policy.allowsExplicitly(host: "[::1]"))
        #expect(!policy.allowsExplicitly(host: "10.2.0.1"))
        #expect(!policy.allowsExplicitly(host: "127.0.0.1"))
        #expect(!policy.allowsExplicitly(host: "sns.eu-west-1.amazonaws.com"))  // public: allowed, not named
        #expect(!OutboundAddressPolicy.default.allowsExplicitly(host: "localhost"))
    }
}
