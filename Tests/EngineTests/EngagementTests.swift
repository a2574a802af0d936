import Engine
import EngineTestSupport
import Foundation
import Providers
import Synchronization
import Testing

/// Records what the pipeline publishes.
private final class RecordingPublisher: StatusEventPublisher {
    private let published = Mutex<[String]>([])

    var events: [String] { published.withLock { $0 } }

    func publish(_ events: [MessageEvent], of message: MessageRecord) async {
        published.withLock { $0 += events.map { "\(message.id) \($0.kind)" } }
    }
}

@Suite struct EngagementTests {
    private let publisher = RecordingPublisher()
    private let harness: PipelineHarness

    init() {
        harness = PipelineHarness(
            [PipelineHarness.channel("feed", type: .inAppFeed, provider: InAppFeedProvider())], publisher: publisher)
    }

    private func deliver(_ id: String) async throws {
        let content = OutboundMessage.Content.inAppFeed(
            InAppFeedContent(markdownBody: "Your **order** shipped", actionURL: "https://app.example.test/o/1"))
        try await harness.pipeline.enqueue(PipelineHarness.request("feed", content: content, id: id))
        await harness.pipeline.runUntilIdle()
    }

    @Test func anInAppMessageIsDeliveredAtOnceWithoutNetwork() async throws {
        try await deliver("msg_1")
        #expect(await harness.status("msg_1") == .delivered)
        #expect(
            await harness.events("msg_1") == ["message.queued: queued", "message.delivered: stored in the in-app feed"])
        #expect(publisher.events == ["msg_1 message.queued", "msg_1 message.delivered"])
        let log = try #require(await harness.store.attemptLogs(messageID: "msg_1").first)
        #expect(log.exchanges.isEmpty)
        #expect(log.outcome == "accepted")
    }

    @Test func everyChangeSetsOrClearsItsTimeAndEmitsItsEvent() async throws {
        try await deliver("msg_1")
        let steps: [(EngagementChange, String, Set<EngagementStatus>)] = [
            (.seen, "message.seen", [.seen]),
            (.read, "message.read", [.seen, .read]),
            (.interacted, "message.interacted", [.seen, .read, .interacted]),
            (.linkClicked, "message.link_clicked", [.seen, .read, .interacted, .linkClicked]),
            (.archived, "message.archived", [.seen, .read, .interacted, .linkClicked, .archived]),
            (.unarchived, "message.unarchived", [.seen, .read, .interacted, .linkClicked]),
            (.unread, "message.unread", [.seen, .interacted, .linkClicked]),
            (.unseen, "message.unseen", [.interacted, .linkClicked]),
        ]
        var expectedEvents = ["message.queued: queued", "message.delivered: stored in the in-app feed"]
        var expectedPublished = ["msg_1 message.queued", "msg_1 message.delivered"]
        for (offset, (change, kind, statuses)) in steps.enumerated() {
            harness.clock.advance(by: 60)
            let now = harness.clock.now()
            let updated = try await harness.pipeline.updateEngagement(
                messageIDs: ["msg_1"], environment: "production", change)
            #expect(updated.map(\.id) == ["msg_1"])
            let message = try #require(updated.first)
            #expect(message.engagement.statuses == statuses, "step \(offset): \(change)")
            #expect(message.engagement[change.status] == (change.sets ? now : nil))
            #expect(message.updatedAt == now)
            #expect(message.status == .delivered)
            #expect(await harness.store.message(id: "msg_1") == message)
            expectedEvents.append("\(kind): marked \(change.rawValue)")
            expectedPublished.append("msg_1 \(kind)")
            #expect(await harness.events("msg_1") == expectedEvents)
            #expect(publisher.events == expectedPublished)
        }
        // Unchanged states: nothing stored, nothing published, times kept.
        let before = await harness.store.message(id: "msg_1")
        harness.clock.advance(by: 60)
        for change in [EngagementChange.unseen, .unread, .unarchived, .interacted, .linkClicked] {
            let unchanged = try await harness.pipeline.updateEngagement(
                messageIDs: ["msg_1"], environment: "production", change)
            #expect(unchanged == [before!])
        }
        #expect(await harness.events("msg_1") == expectedEvents)
        #expect(publisher.events == expectedPublished)
    }

    @Test func batchesApplyToEveryMessageAndRepeatedIDsCountOnce() async throws {
        try await deliver("msg_1")
        try await deliver("msg_2")
        harness.clock.advance(by: 5)
        let updated = try await harness.pipeline.updateEngagement(
            messageIDs: ["msg_2", "msg_1", "msg_2"], environment: "production", .read)
        #expect(updated.map(\.id) == ["msg_2", "msg_1"])
        #expect(updated.allSatisfy { $0.engagement.readAt == harness.clock.now() })
        #expect(publisher.events.suffix(2) == ["msg_2 message.read", "msg_1 message.read"])
    }

    @Test func unknownIDsApplyNothingAndAreNamed() async throws {
        try await deliver("msg_1")
        let stored = await harness.store.message(id: "msg_1")
        let published = publisher.events
        do {
            try await harness.pipeline.updateEngagement(
                messageIDs: ["msg_1", "msg_nope", "msg_gone"], environment: "production", .seen)
            Issue.record("expected notFound")
        } catch let error as EngineError {
            #expect(error.code == .notFound)
            #expect(error.message == "no messages msg_nope, msg_gone in environment 'production'")
        }
        do {
            try await harness.pipeline.updateEngagement(messageIDs: ["msg_1"], environment: "staging", .archived)
            Issue.record("expected notFound")
        } catch let error as EngineError {
            #expect(error.code == .notFound)
            #expect(error.message == "no message msg_1 in environment 'staging'")
        }
        #expect(await harness.store.message(id: "msg_1") == stored)
        #expect(publisher.events == published)
    }

    @Test func deliveryOutcomesNeverUndoEngagement() async throws {
        let store = InMemoryMessageStore()
        let message = ListingSamples.record(1, seconds: 0, status: .queued)
        try await store.insert(message, events: [])
        var seen = message
        seen.engagement.seenAt = ListingSamples.start
        try await store.recordEngagement([MessageChange(message: seen, expectedEngagement: Engagement())])
        var attempted = message
        attempted.status = .delivered
        try await store.record(MessageChange(message: attempted, expectedStatus: .queued))
        let stored = try #require(await store.message(id: "msg_1"))
        #expect(stored.status == .delivered)
        #expect(stored.engagement == Engagement(seenAt: ListingSamples.start))
        await #expect(throws: EngineError.self) {
            try await store.recordEngagement([MessageChange(message: seen, expectedEngagement: Engagement())])
        }
    }
}
