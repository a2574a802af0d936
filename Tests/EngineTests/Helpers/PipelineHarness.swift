import Engine
import Foundation
import Providers
import Transport

/// A pipeline over an in-memory store, a manual clock and scripted providers.
struct PipelineHarness {
    static let start = Date(timeIntervalSince1970: 1_780_300_800)  // Monday 2026-06-01 08:00:00 UTC

    let clock: ManualClock
    let store = InMemoryMessageStore()
    let pipeline: DeliveryPipeline

    init(
        _ channels: [DeliveryChannel], random: Double = 0.5, publisher: (any StatusEventPublisher)? = nil,
        configuration: DeliveryPipeline.Configuration = .init(owner: "test-worker"),
        clock: ManualClock = ManualClock(start), observer: any DeliveryObserver = NoDeliveryObserver()
    ) {
        self.clock = clock
        pipeline = DeliveryPipeline(
            store: store, channels: ChannelDirectory(channels), channelData: store, clock: clock,
            configuration: configuration, random: { random }, publisher: publisher, observer: observer)
    }

    static func channel(
        _ id: String, type: ChannelType = .webhook, provider: any Provider, sandbox: Bool = false,
        rateLimit: RateLimit? = nil, concurrency: Int = 16, environment: String = "production",
        timeZone: String = "Etc/UTC"
    ) -> DeliveryChannel {
        DeliveryChannel(
            key: ChannelKey(environment: environment, channelID: id),
            settings: ChannelSettings(
                channelID: id, provider: provider.id, environment: environment, isSandbox: sandbox, rateLimit: rateLimit
            ),
            channelType: type, provider: provider, concurrency: concurrency,
            defaultTimeZone: TimeZone(identifier: timeZone)!)
    }

    static func request(
        _ channelID: String, content: OutboundMessage.Content = .webhook(WebhookContent(body: ["n": 1])),
        recipient: Recipient = Recipient(id: "user-1"), windows: [SendWindow] = [], id: String? = nil
    ) -> EnqueueRequest {
        EnqueueRequest(
            id: id, environment: "production", channelID: channelID, recipient: recipient, content: content,
            sendWindows: windows)
    }

    func events(_ id: String) async -> [String] {
        await store.events(messageID: id).map { "\($0.kind)\($0.reason.map { ": \($0)" } ?? "")" }
    }

    func status(_ id: String) async -> DeliveryStatus? {
        await store.message(id: id)?.status
    }
}
