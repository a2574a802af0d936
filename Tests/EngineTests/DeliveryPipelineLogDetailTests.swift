import Engine
import Foundation
import Providers
import Testing
import Transport

/// A delivered attempt's delivery log keeps what the channel's `delivery_log` says; a failed one keeps
/// everything.
@Suite(.timeLimit(.minutes(1))) struct DeliveryPipelineLogDetailTests {
    /// Answers each request with the next status.
    actor StatusTransport: HTTPTransport {
        private var statuses: [Int]

        init(_ statuses: [Int]) { self.statuses = statuses }

        func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
            HTTPResponse(
                status: statuses.removeFirst(), headers: ["Content-Type": "text/plain"], body: Array("ok".utf8))
        }
    }

    /// Posts the message's body through a logging transport, like the webhook provider.
    struct PostingProvider: Provider {
        let id: ProviderID = "posting"
        let transport: LoggingTransport

        func send(_ message: OutboundMessage, context: DeliveryContext) async throws -> DeliveryReceipt {
            let request = HTTPRequest(
                method: .post, url: "https://hooks.example.test/in", headers: ["Content-Type": "application/json"],
                body: Array(#"{"n":1}"#.utf8))
            let response = try await transport.execute(request, deadline: context.deadline)
            guard response.status == 200 else {
                throw ProviderError(
                    .unavailable, provider: id, message: "HTTP \(response.status)", httpStatus: response.status)
            }
            return DeliveryReceipt(outcome: .delivered)
        }
    }

    static func pipeline(_ detail: DeliveryLogDetail, statuses: [Int]) -> (DeliveryPipeline, InMemoryMessageStore) {
        let provider = PostingProvider(
            transport: LoggingTransport(
                upstream: StatusTransport(statuses), provider: "posting", redactor: FixtureRedactor(),
                now: { PipelineHarness.start }))
        let channel = DeliveryChannel(
            key: ChannelKey(environment: "production", channelID: "hooks"),
            settings: ChannelSettings(
                channelID: "hooks", provider: provider.id, environment: "production", deliveryLog: detail),
            channelType: .webhook, provider: provider, concurrency: 4, defaultTimeZone: TimeZone(identifier: "UTC")!)
        let store = InMemoryMessageStore()
        let pipeline = DeliveryPipeline(
            store: store, channels: ChannelDirectory([channel]), clock: ManualClock(PipelineHarness.start),
            configuration: .init(owner: "test-worker"), random: { 0 })
        return (pipeline, store)
    }

    @Test func aDeliveredAttemptKeepsEverythingByDefault() {
        // The request and response as sent and received, unless a channel opts into summaries.
        #expect(DeliveryLogDetail.default == .full)
    }

    @Test func aDeliveredAttemptKeepsASummaryWhenTheChannelAsks() async throws {
        let (pipeline, store) = Self.pipeline(.summary, statuses: [200])
        _ = try await pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(await pipeline.runUntilIdle() == 1)
        let logs = await store.attemptLogs(messageID: "msg_1")
        #expect(logs.map(\.outcome) == ["accepted"])
        let exchange = try #require(logs.first?.exchanges.first)
        #expect(exchange.request.method == "POST")
        #expect(exchange.request.url == "https://hooks.example.test/in")
        #expect(exchange.request.body == .none)
        #expect(exchange.response.status == 200)
        #expect(exchange.response.body == .none)
        #expect(exchange.notes == "summary: request body 7 bytes, response body 2 bytes")
    }

    @Test func aFailedAttemptKeepsEverythingAndFullKeepsDeliveredBodiesToo() async throws {
        let (pipeline, store) = Self.pipeline(.summary, statuses: [503])
        _ = try await pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(await pipeline.runUntilIdle() == 1)
        let failed = try #require(await store.attemptLogs(messageID: "msg_1").first?.exchanges.first)
        #expect(failed.request.body == .json(["n": 1]))
        #expect(failed.response.status == 503)
        #expect(failed.response.body == .text("ok"))
        #expect(failed.notes == nil)

        let (full, fullStore) = Self.pipeline(.full, statuses: [200])
        _ = try await full.enqueue(PipelineHarness.request("hooks", id: "msg_2"))
        #expect(await full.runUntilIdle() == 1)
        let delivered = try #require(await fullStore.attemptLogs(messageID: "msg_2").first?.exchanges.first)
        #expect(delivered.request.body == .json(["n": 1]))
        #expect(delivered.response.body == .text("ok"))
    }
}
