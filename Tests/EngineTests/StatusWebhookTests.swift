import Engine
import Foundation
import Providers
import Testing

@Suite struct StatusWebhookTests {
    @Test func messageEventsAreDeliveredDurablyToSubscribedWebhookChannels() async throws {
        let notifications = ScriptedProvider([.accept(DeliveryReceipt(outcome: .delivered, detail: "HTTP 200"))])
        let statusSink = ScriptedProvider()
        let clock = ManualClock(PipelineHarness.start)
        let store = InMemoryMessageStore()
        let pipeline = DeliveryPipeline(
            store: store,
            channels: ChannelDirectory([
                PipelineHarness.channel("orders", provider: notifications),
                PipelineHarness.channel("ops-events", provider: statusSink),
            ]), clock: clock, random: { 0.5 },
            statusWebhooks: ["production": [.init(channelID: "ops-events", events: ["message.delivered"])]])
        _ = try await pipeline.enqueue(PipelineHarness.request("orders", id: "msg_1"))
        await pipeline.runUntilIdle()

        // Only the subscribed type went out, as its own message, and produced no events of its own.
        let sent = statusSink.sentMessages
        #expect(sent.count == 1)
        guard case .webhook(let content) = try #require(sent.first).content else {
            Issue.record("expected webhook content")
            return
        }
        #expect(
            content.body
                == [
                    "__typename": "Event", "type": "message.delivered", "created_at": "2026-06-01T08:00:00.000Z",
                    "data": [
                        "__typename": "Message", "id": "msg_1", "channel_id": "orders", "environment": "production",
                        "recipient": "user-1", "status": "delivered", "provider": "scripted", "engagement_statuses": [],
                        "inserted_at": "2026-06-01T08:00:00.000Z", "updated_at": "2026-06-01T08:00:00.000Z",
                        "workflow": nil,
                        "provider_message_id": nil,
                    ],
                    "event_data": ["reason": "HTTP 200"],
                ])
        let statusMessage = try #require(await store.message(id: sent[0].id))
        #expect(statusMessage.kind == .statusEvent)
        #expect(statusMessage.status == .delivered)
        #expect(
            await store.events(messageID: sent[0].id).map(\.kind.rawValue) == ["message.queued", "message.delivered"])
    }

    @Test func failedStatusWebhookDeliveriesAreRetriedLikeMessages() async throws {
        let statusSink = ScriptedProvider([.fail(.unavailable)])
        let clock = ManualClock(PipelineHarness.start)
        let store = InMemoryMessageStore()
        let pipeline = DeliveryPipeline(
            store: store,
            channels: ChannelDirectory([
                PipelineHarness.channel("orders", provider: ScriptedProvider()),
                PipelineHarness.channel("ops-events", provider: statusSink),
            ]), clock: clock, random: { 0.5 }, statusWebhooks: ["production": [.init(channelID: "ops-events")]])
        _ = try await pipeline.enqueue(PipelineHarness.request("orders", id: "msg_1"))
        await pipeline.runUntilIdle()
        // Two events (queued, delivered) → two deliveries; the first failed and waits for its retry.
        #expect(statusSink.sentMessages.count == 2)
        clock.advance(by: 20)
        await pipeline.runUntilIdle()
        #expect(statusSink.sentMessages.count == 3)
        let counts = await store.countByStatus(channel: ChannelKey(environment: "production", channelID: "ops-events"))
        #expect(counts[.delivered] == 2)
    }

    @Test func retentionPrunesOnlyOldDeliveredMessagesOfTheEnvironment() async throws {
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: ScriptedProvider())])
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_old"))
        await harness.pipeline.runUntilIdle()
        harness.clock.advance(by: 86_400 * 3)
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_new"))
        await harness.pipeline.runUntilIdle()
        #expect(try await harness.pipeline.pruneExpired(retention: ["production": 2]) == 1)
        #expect(await harness.store.message(id: "msg_old")?.content == nil)
        #expect(await harness.store.message(id: "msg_old")?.status == .delivered)
        #expect(await harness.store.message(id: "msg_new")?.content != nil)
        #expect(await harness.store.attemptLogs(messageID: "msg_old").isEmpty)
        #expect(try await harness.pipeline.pruneExpired(retention: ["staging": 1]) == 0)
    }

    @Test func channelSettingsOverrideRetriesConcurrencyAndBurst() throws {
        let policy = RetryPolicy.standard.overridden(
            by: RetrySettings(maximumAttempts: 3, initialDelaySeconds: 5, maximumDelaySeconds: 60))
        #expect(policy.maximumAttempts == 3)
        #expect(policy.backoff(afterAttempt: 1, random: 0.5) == .seconds(5))
        #expect(policy.backoff(afterAttempt: 9, random: 0.5) == .seconds(60))
        #expect(RetryPolicy.standard.overridden(by: nil) == .standard)
    }
}
