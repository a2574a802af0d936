import Engine
import Foundation
import Providers
import Testing
import Transport

/// §27 #65: a delayed run resumes within about 1–5 s of its target time. With the engine's own loop
/// (`run()`, not `runUntilIdle()`) on a stepped clock: the loop asks to wake exactly at the delay's end,
/// and once time reaches it the run goes on with no further clock movement.
@Suite struct DelayResumeTimingTests {
    static let workflow = """
        {"key": "reminder", "steps": [
          {"ref": "delay_1", "type": "delay", "settings": {"delay_for": {"unit": "seconds", "value": 90}}},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "Reminder"}}]}
        """

    @Test func theEngineLoopWakesAtTheDelaysEndAndSends() async throws {
        let start = Date(timeIntervalSince1970: 1_780_000_000)
        let clock = SteppedClock(start)
        let messages = InMemoryMessageStore()
        let recipients = InMemoryRecipientStore()
        let delivery = RecordingDelivery(messages: messages)
        let engine = WorkflowEngine(
            catalog: WorkflowCatalog([try WorkflowCatalog.parse(JSONValue.parse(Self.workflow), file: "w.json")]),
            environments: ["development": WorkflowEnvironment(name: "development", channels: ["feed": .inAppFeed])],
            recipients: recipients, messages: messages, delivery: delivery, store: InMemoryWorkflowRunStore(),
            clock: clock, transport: ScriptedTransport { _, _ in HTTPResponse(status: 204) })
        let loop = Task { await engine.run() }
        defer { loop.cancel() }

        var wakeUps = clock.requests.makeAsyncIterator()
        _ = try await engine.trigger(
            TriggerRequest.parse(JSONValue.parse(#"{"recipients": [{"id": "u1"}]}"#)), workflowKey: "reminder",
            environment: "development")
        let wakeAt = try #require(await wakeUps.next())
        #expect(wakeAt == start.addingTimeInterval(90))
        #expect(await delivery.requests.isEmpty)

        clock.advance(to: start.addingTimeInterval(89))
        for _ in 0..<100 { await Task.yield() }
        #expect(await delivery.requests.isEmpty)
        clock.advance(to: wakeAt)
        for _ in 0..<10_000 where await delivery.requests.isEmpty { await Task.yield() }
        #expect(await delivery.requests.map(\.channelID) == ["feed"])
        #expect(clock.now().timeIntervalSince(start.addingTimeInterval(90)) == 0)
    }
}
