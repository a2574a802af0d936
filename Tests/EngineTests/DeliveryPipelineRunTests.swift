import Engine
import Foundation
import Providers
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct DeliveryPipelineRunTests {
    /// Waits (yielding, never sleeping) until `condition` holds.
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<100_000 {
            if await condition() { return true }
            await Task.yield()
        }
        return false
    }

    @Test func theLoopWakesOnEnqueueAndDrainsOnShutdown() async throws {
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let provider = ScriptedProvider([.wait(release)])
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: provider)])
        let running = Task { await harness.pipeline.run(drainTimeout: .seconds(30)) }
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(await Self.eventually { provider.sentMessages.count == 1 })
        #expect(await harness.pipeline.attemptsInFlight == 1)

        running.cancel()  // shutdown while the attempt is in flight
        releaseContinuation.yield()
        await running.value
        #expect(await harness.status("msg_1") == .delivered)
        #expect(await harness.pipeline.attemptsInFlight == 0)
    }

    @Test func attemptsStillRunningAtTheDrainDeadlineAreCancelledAndRequeued() async throws {
        let (never, _) = AsyncStream<Void>.makeStream()
        let provider = ScriptedProvider([.wait(never)])
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: provider)])
        let running = Task { await harness.pipeline.run(drainTimeout: .seconds(10)) }
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(await Self.eventually { provider.sentMessages.count == 1 })
        running.cancel()
        // Move the clock past the drain deadline until run() gives up on the attempt and returns.
        let finished = Mutex(false)
        let waiter = Task {
            await running.value
            finished.withLock { $0 = true }
        }
        var advanced = 0
        while !finished.withLock({ $0 }) && advanced < 100_000 {
            if advanced % 100 == 0 { harness.clock.advance(by: 1) }
            advanced += 1
            await Task.yield()
        }
        await waiter.value
        #expect(harness.clock.now() >= PipelineHarness.start.addingTimeInterval(10))
        let message = try #require(await harness.store.message(id: "msg_1"))
        #expect(message.status == .queued)
        #expect(message.attemptCount == 0)
        #expect(message.nextAttemptAt.map { $0 >= PipelineHarness.start.addingTimeInterval(10) } == true)
        // Its lease was released: it is due again for the next worker at once.
        let key = ChannelKey(environment: "production", channelID: "hooks")
        let claimed = await harness.store.claimDue(
            channel: key, now: harness.clock.now(), limit: 1, leaseOwner: "next", leaseUntil: harness.clock.now())
        #expect(claimed.map(\.id) == ["msg_1"])
    }

    @Test func theLoopSleepsUntilTheNextDueTime() async throws {
        let provider = ScriptedProvider([.fail(.unavailable)])
        let harness = PipelineHarness([PipelineHarness.channel("hooks", provider: provider)])
        let running = Task { await harness.pipeline.run() }
        _ = try await harness.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(await Self.eventually { (await harness.status("msg_1")) == .deliveryAttempted })
        #expect(provider.sentMessages.count == 1)
        harness.clock.advance(by: 20)  // the retry falls due; the sleeping loop wakes
        #expect(await Self.eventually { (await harness.status("msg_1")) == .delivered })
        running.cancel()
        await running.value
    }
}
