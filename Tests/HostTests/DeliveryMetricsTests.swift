import Engine
import Foundation
import Host
import Providers
import Testing

/// The delivery metrics `/metrics` exposes, driven through a real pipeline with a stepped clock.
@Suite struct DeliveryMetricsTests {
    /// Monday 2026-06-01 08:00:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_780_300_800)
    static let hooks = ChannelKey(environment: "production", channelID: "hooks")

    struct Setup {
        let clock = SteppedClock(DeliveryMetricsTests.start)
        let store = InMemoryMessageStore()
        let registry = MetricsRegistry()
        let pipeline: DeliveryPipeline

        init(_ replies: [TimedProvider.Reply], observe: Bool = true) {
            let provider = TimedProvider(replies, clock: clock)
            let channel = DeliveryChannel(
                key: DeliveryMetricsTests.hooks,
                settings: ChannelSettings(channelID: "hooks", provider: provider.id, environment: "production"),
                channelType: .webhook, provider: provider)
            pipeline = DeliveryPipeline(
                store: store, channels: ChannelDirectory([channel]), clock: clock,
                configuration: .init(owner: "test-worker"), random: { 0.5 },
                observer: observe ? DeliveryMetricsObserver(registry: registry) : NoDeliveryObserver())
        }

        func enqueue(_ id: String, windows: [SendWindow] = []) async throws {
            _ = try await pipeline.enqueue(
                EnqueueRequest(
                    id: id, environment: "production", channelID: "hooks", recipient: Recipient(id: "user-1"),
                    content: .webhook(WebhookContent(body: ["n": 1])), sendWindows: windows))
        }
    }

    @Test func aRetryThenSuccessIsCountedAndTimedExactly() async throws {
        let setup = Setup([.init(seconds: 0.25, failure: .unavailable), .init(seconds: 0.125, failure: nil)])
        try await setup.enqueue("msg_1")
        await setup.pipeline.runUntilIdle()
        setup.clock.advance(by: 20)  // the first backoff
        #expect(await setup.pipeline.runUntilIdle() == 1)
        let expected = """
            # HELP deliveryhost_delivery_attempts_total Delivery attempts through providers, by channel, provider and outcome class.
            # TYPE deliveryhost_delivery_attempts_total counter
            deliveryhost_delivery_attempts_total{channel="hooks",outcome="retryable",provider="scripted"} 1
            deliveryhost_delivery_attempts_total{channel="hooks",outcome="success",provider="scripted"} 1
            # HELP deliveryhost_delivery_retries_total Delivery attempts that retried a message attempted before, by channel and provider.
            # TYPE deliveryhost_delivery_retries_total counter
            deliveryhost_delivery_retries_total{channel="hooks",provider="scripted"} 1
            # HELP deliveryhost_provider_request_duration_seconds Time a provider took to answer one delivery attempt, by channel and provider.
            # TYPE deliveryhost_provider_request_duration_seconds histogram
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="0.005",provider="scripted"} 0
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="0.01",provider="scripted"} 0
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="0.025",provider="scripted"} 0
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="0.05",provider="scripted"} 0
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="0.1",provider="scripted"} 0
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="0.25",provider="scripted"} 2
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="0.5",provider="scripted"} 2
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="1",provider="scripted"} 2
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="2.5",provider="scripted"} 2
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="5",provider="scripted"} 2
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="10",provider="scripted"} 2
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="30",provider="scripted"} 2
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="60",provider="scripted"} 2
            deliveryhost_provider_request_duration_seconds_bucket{channel="hooks",le="+Inf",provider="scripted"} 2
            deliveryhost_provider_request_duration_seconds_sum{channel="hooks",provider="scripted"} 0.375
            deliveryhost_provider_request_duration_seconds_count{channel="hooks",provider="scripted"} 2
            # HELP deliveryhost_delivery_latency_seconds Time from a message's creation until it was sent or delivered, by channel, provider and status.
            # TYPE deliveryhost_delivery_latency_seconds histogram
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="0.1",provider="scripted",status="delivered"} 0
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="0.5",provider="scripted",status="delivered"} 0
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="1",provider="scripted",status="delivered"} 0
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="5",provider="scripted",status="delivered"} 0
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="15",provider="scripted",status="delivered"} 0
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="60",provider="scripted",status="delivered"} 1
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="300",provider="scripted",status="delivered"} 1
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="900",provider="scripted",status="delivered"} 1
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="3600",provider="scripted",status="delivered"} 1
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="21600",provider="scripted",status="delivered"} 1
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="86400",provider="scripted",status="delivered"} 1
            deliveryhost_delivery_latency_seconds_bucket{channel="hooks",le="+Inf",provider="scripted",status="delivered"} 1
            deliveryhost_delivery_latency_seconds_sum{channel="hooks",provider="scripted",status="delivered"} 20.375
            deliveryhost_delivery_latency_seconds_count{channel="hooks",provider="scripted",status="delivered"} 1

            """
        #expect(await setup.registry.exposition() == expected)
    }

    @Test func scheduledDepthCountsMessagesBehindAClosedWindowOrABackoff() async throws {
        let setup = Setup([.init(seconds: 0, failure: .unavailable)], observe: false)
        HostMetrics.addMessageGauges(
            to: setup.registry, store: setup.store, channels: [(key: Self.hooks, provider: "scripted")],
            now: { setup.clock.now() })
        // Monday 08:00: the window opens at 09:00.
        try await setup.enqueue(
            "msg_window", windows: [SendWindow(day: .monday, type: .send, from: TimeOfDay("09:00")!)])
        try await setup.enqueue("msg_backoff")
        #expect(await setup.pipeline.runUntilIdle() == 1)  // fails; due again in 20 s
        try await setup.enqueue("msg_due")
        #expect(
            try await Self.depths(setup.registry) == [
                #"deliveryhost_queue_depth{channel="hooks",environment="production"} 3"#,
                #"deliveryhost_messages_scheduled{channel="hooks",environment="production"} 2"#,
            ])
        setup.clock.advance(by: 20)
        #expect(
            try await Self.depths(setup.registry) == [
                #"deliveryhost_queue_depth{channel="hooks",environment="production"} 3"#,
                #"deliveryhost_messages_scheduled{channel="hooks",environment="production"} 1"#,
            ])
        setup.clock.advance(by: 3600)
        #expect(
            try await Self.depths(setup.registry).last
                == #"deliveryhost_messages_scheduled{channel="hooks",environment="production"} 0"#)
    }

    static func depths(_ registry: MetricsRegistry) async throws -> [String] {
        await registry.exposition().split(separator: "\n").map(String.init).filter {
            $0.hasPrefix("deliveryhost_queue_depth{") || $0.hasPrefix("deliveryhost_messages_scheduled{")
        }
    }
}
