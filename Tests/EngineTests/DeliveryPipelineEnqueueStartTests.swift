import Foundation
import Providers
import Testing

@testable import Engine

/// A message enqueued while the dispatcher is idle starts at once, stored leased (no claim).
@Suite(.timeLimit(.minutes(1))) struct DeliveryPipelineEnqueueStartTests {
    static let key = ChannelKey(environment: "production", channelID: "hooks")

    struct Setup {
        let store = CountingMessageStore()
        let clock = ManualClock(PipelineHarness.start)
        let pipeline: DeliveryPipeline

        init(_ provider: ScriptedProvider, concurrency: Int = 16, owner: String = "worker-a") {
            pipeline = DeliveryPipeline(
                store: store,
                channels: ChannelDirectory([
                    PipelineHarness.channel("hooks", provider: provider, concurrency: concurrency)
                ]),
                clock: clock, configuration: .init(owner: owner))
        }

        /// Starts `run()` and returns once it went idle (it has read what is due and waits).
        func running() async -> Task<Void, Never> {
            let task = Task { await pipeline.run(drainTimeout: .seconds(30)) }
            _ = await DeliveryPipelineRunTests.eventually { await pipeline.dueHints[key] != nil }
            return task
        }

        func events(_ id: String) async throws -> [String] {
            try await store.events(messageID: id).map { "\($0.kind)" }
        }
    }

    @Test func aMessageEnqueuedWhileTheChannelIsIdleStartsAtOnceWithoutAClaim() async throws {
        let (release, releasing) = AsyncStream<Void>.makeStream()
        let provider = ScriptedProvider([.wait(release)])
        let setup = Setup(provider)
        let running = await setup.running()
        _ = try await setup.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        // Started by enqueue itself, before it returned.
        #expect(await setup.pipeline.attemptsInFlight == 1)
        #expect(setup.store.calls.leasedInserts == ["msg_1"])
        // Leased to this pipeline while the attempt runs: nobody else can claim it.
        let other = await setup.store.inner.claimDue(
            channel: Self.key, now: setup.clock.now(), limit: 10, leaseOwner: "worker-b",
            leaseUntil: setup.clock.now().addingTimeInterval(300))
        #expect(other.isEmpty)
        releasing.yield()
        #expect(await DeliveryPipelineRunTests.eventually { await setup.pipeline.attemptsInFlight == 0 })
        #expect(try await setup.store.message(id: "msg_1")?.status == .delivered)
        #expect(try await setup.events("msg_1") == ["message.queued", "message.delivered"])
        #expect(setup.store.calls.claimed == [])
        #expect(setup.store.calls.outcomeBatches == [1])
        #expect(setup.store.calls.singleRecords == 0)
        running.cancel()
        await running.value
    }

    @Test func aChannelWithoutFreeCapacityQueuesTheMessageForTheDispatcher() async throws {
        let (release, releasing) = AsyncStream<Void>.makeStream()
        let provider = ScriptedProvider([.wait(release), .wait(release)])
        let setup = Setup(provider, concurrency: 1)
        let running = await setup.running()
        _ = try await setup.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        _ = try await setup.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_2"))
        #expect(setup.store.calls.leasedInserts == ["msg_1"])
        #expect(await setup.pipeline.attemptsInFlight == 1)
        // msg_2 waits: a third message must not overtake it, even as capacity is freed.
        releasing.yield()
        _ = try await setup.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_3"))
        releasing.yield()
        #expect(await DeliveryPipelineRunTests.eventually { provider.sentMessages.count == 3 })
        #expect(provider.sentMessages.map(\.id) == ["msg_1", "msg_2", "msg_3"])
        #expect(setup.store.calls.claimed.first == "msg_2")
        #expect(setup.store.calls.leasedInserts == ["msg_1"])
        running.cancel()
        await running.value
        for id in ["msg_1", "msg_2", "msg_3"] {
            #expect(try await setup.store.message(id: id)?.status == .delivered)
        }
    }

    @Test func messagesOutsideTheirWindowOrWithoutADispatcherAreOnlyStored() async throws {
        let setup = Setup(ScriptedProvider())
        // No run(): enqueue stores, runUntilIdle claims.
        _ = try await setup.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(await setup.pipeline.attemptsInFlight == 0)
        #expect(await setup.pipeline.runUntilIdle() == 1)
        #expect(setup.store.calls.claimed == ["msg_1"])
        let running = await setup.running()
        let closed = SendWindow(
            day: .monday, type: .send, from: TimeOfDay(secondsSinceMidnight: 20 * 3600),
            until: TimeOfDay(secondsSinceMidnight: 21 * 3600))
        let queued = try await setup.pipeline.enqueue(PipelineHarness.request("hooks", windows: [closed], id: "msg_2"))
        #expect(queued.nextAttemptAt == PipelineHarness.start.addingTimeInterval(12 * 3600))
        #expect(await setup.pipeline.attemptsInFlight == 0)
        // Something is due at 20:00 now: a message due at once still starts, since 20:00 is later.
        _ = try await setup.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_3"))
        #expect(setup.store.calls.leasedInserts == ["msg_3"])
        running.cancel()
        await running.value
        #expect(try await setup.store.message(id: "msg_2")?.status == .queued)
        #expect(try await setup.store.message(id: "msg_3")?.status == .delivered)
    }

    @Test func aWorkerThatDiesAfterEnqueueLeavesALeaseThatExpires() async throws {
        let (release, releasing) = AsyncStream<Void>.makeStream()
        let stalled = ScriptedProvider([.wait(release)])
        // Concurrency 1: worker-a's own dispatcher has no room to claim the message again.
        let first = Setup(stalled, concurrency: 1, owner: "worker-a")
        let running = await first.running()
        _ = try await first.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(await DeliveryPipelineRunTests.eventually { stalled.sentMessages.count == 1 })
        // worker-a now hangs (as if it crashed): another worker on the same store waits for the lease.
        let takeover = ScriptedProvider()
        let second = DeliveryPipeline(
            store: first.store,
            channels: ChannelDirectory([PipelineHarness.channel("hooks", provider: takeover)]),
            clock: first.clock, configuration: .init(owner: "worker-b"))
        #expect(await second.runUntilIdle() == 0)
        first.clock.advance(by: 299)
        #expect(await second.runUntilIdle() == 0)
        first.clock.advance(by: 1)
        #expect(await second.runUntilIdle() == 1)
        #expect(takeover.sentMessages.map(\.id) == ["msg_1"])
        #expect(try await first.store.message(id: "msg_1")?.status == .delivered)
        // worker-a's late outcome finds the message changed: it is dropped, not stored over it.
        releasing.yield()
        #expect(await DeliveryPipelineRunTests.eventually { await first.pipeline.attemptsInFlight == 0 })
        #expect(try await first.events("msg_1") == ["message.queued", "message.delivered"])
        #expect(try await first.store.attemptLogs(messageID: "msg_1").map(\.attempt) == [1])
        running.cancel()
        await running.value
    }

    @Test func anAttemptThatEndsWithNothingDueDoesNotWakeTheDispatcher() async throws {
        let setup = Setup(ScriptedProvider())
        let running = await setup.running()
        let idle = setup.store.calls
        _ = try await setup.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(await DeliveryPipelineRunTests.eventually { await setup.pipeline.attemptsInFlight == 0 })
        for _ in 0..<1_000 { await Task.yield() }
        #expect(try await setup.store.message(id: "msg_1")?.status == .delivered)
        // Nothing was due: the dispatcher neither claimed nor read the due times again.
        #expect(setup.store.calls.claimCalls == idle.claimCalls)
        #expect(setup.store.calls.nextDueReads == idle.nextDueReads)
        running.cancel()
        await running.value
    }

    @Test func aRetryScheduledByAnAttemptStartedOnEnqueueIsMadeWhenDue() async throws {
        let provider = ScriptedProvider([.fail(.unavailable)])
        let setup = Setup(provider)
        let running = await setup.running()
        _ = try await setup.pipeline.enqueue(PipelineHarness.request("hooks", id: "msg_1"))
        #expect(setup.store.calls.leasedInserts == ["msg_1"])
        #expect(
            await DeliveryPipelineRunTests.eventually {
                (try? await setup.store.message(id: "msg_1"))??.status == .deliveryAttempted
            })
        let due = try #require(try await setup.store.message(id: "msg_1")?.nextAttemptAt)
        #expect(due > setup.clock.now())
        // The dispatcher learnt of the retry: it claims it once the clock reaches it.
        _ = await DeliveryPipelineRunTests.eventually { await setup.pipeline.dueHints[Self.key] == .some(due) }
        setup.clock.set(due)
        #expect(await DeliveryPipelineRunTests.eventually { provider.sentMessages.count == 2 })
        #expect(await DeliveryPipelineRunTests.eventually { await setup.pipeline.attemptsInFlight == 0 })
        #expect(try await setup.store.message(id: "msg_1")?.status == .delivered)
        #expect(setup.store.calls.claimed == ["msg_1"])
        running.cancel()
        await running.value
    }
}
