import Engine
import Foundation
import Providers
import Testing

/// Finished attempts' outcomes are stored in batches, each change succeeding or failing on its own.
@Suite(.timeLimit(.minutes(1))) struct DeliveryPipelineOutcomeBatchTests {
    @Test func attemptsFinishingTogetherStoreTheirOutcomesInBatchesEachOnItsOwn() async throws {
        let streams = (1...8).map { _ in AsyncStream<Void>.makeStream() }
        let provider = ScriptedProvider(streams.map { .wait($0.stream) })
        let store = CountingMessageStore()
        let pipeline = DeliveryPipeline(
            store: store, channels: ChannelDirectory([PipelineHarness.channel("hooks", provider: provider)]),
            clock: ManualClock(PipelineHarness.start), configuration: .init(owner: "worker-a"))
        for index in 1...8 {
            _ = try await pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_\(index)"))
        }
        let attempts = Task { await pipeline.runUntilIdle() }
        #expect(await DeliveryPipelineRunTests.eventually { provider.sentMessages.count == 8 })
        // Someone else settles msg_4 while its attempt runs: its outcome alone is dropped.
        var settled = try #require(try await store.message(id: "msg_4"))
        settled.status = .undelivered
        settled.nextAttemptAt = nil
        try await store.inner.record(MessageChange(message: settled, expectedStatus: .queued))
        for stream in streams { stream.continuation.yield() }
        #expect(await attempts.value == 8)
        let batches = store.calls.outcomeBatches
        #expect(batches.reduce(0, +) == 8)
        #expect(store.calls.singleRecords == 0)
        for index in 1...8 where index != 4 {
            #expect(try await store.message(id: "msg_\(index)")?.status == .delivered)
        }
        #expect(try await store.message(id: "msg_4")?.status == .undelivered)
        #expect(try await store.events(messageID: "msg_4").map { "\($0.kind)" } == ["message.queued"])
        #expect(try await store.attemptLogs(messageID: "msg_4").isEmpty)
    }
}
