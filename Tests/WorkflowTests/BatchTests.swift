import Engine
import Foundation
import Providers
import Testing

@Suite struct BatchTests {
    static func workflow(_ settings: String) -> String {
        """
        {"key": "digest", "steps": [
          {"ref": "batch_1", "type": "batch", "settings": \(settings)},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ total_activities }}:{% for a in activities %}{{ a.n }}{% endfor %}:{{ total_actors }}:{% for x in actors %}{{ x.id }}{% endfor %}:{{ data.page }}"}}]}
        """
    }

    func harness(_ settings: String) async throws -> WorkflowHarness {
        let harness = try WorkflowHarness([Self.workflow(settings)])
        try await harness.identify(["a": [:], "x": [:], "y": [:]])
        return harness
    }

    func send(_ harness: WorkflowHarness, _ n: Int, page: String = "A", actor: String = "x", key: String? = nil)
        async throws
        -> String
    {
        let cancel = key.map { #", "cancellation_key": "\#($0)""# } ?? ""
        let result = try await harness.trigger(
            "digest",
            #"{"recipients": ["a"], "actor": "\#(actor)", "data": {"n": \#(n), "page": "\#(page)"}\#(cancel)}"#)
        return result.recipientRunIDs[0]
    }

    @Test func triggersInTheWindowBecomeOneMessageAndTheCloseTimeIsFixed() async throws {
        let harness = try await harness(#"{"batch_window": {"unit": "minutes", "value": 10}}"#)
        let first = try await send(harness, 1)
        try await harness.advance(300)
        _ = try await send(harness, 2, actor: "y")
        try await harness.advance(299)
        #expect(await harness.sent.isEmpty)
        try await harness.advance(1)
        #expect(await harness.sent.map(\.content.mainText) == ["2:12:2:xy:A"])
        #expect(await harness.sent.first?.workflow?.recipientRunID == first)
    }

    @Test func aBatchKeySplitsBatches() async throws {
        let harness = try await harness(#"{"batch_key": "page", "batch_window": {"unit": "minutes", "value": 1}}"#)
        for n in 1...3 {
            _ = try await send(harness, n, page: "A")
            _ = try await send(harness, n, page: "B")
        }
        try await harness.advance(60)
        #expect(Set(await harness.sent.map(\.content.mainText)) == ["3:123:1:x:A", "3:123:1:x:B"])
    }

    @Test func slidingWindowsExtendUpToTheirMaximum() async throws {
        let harness = try await harness(
            #"{"batch_window": {"unit": "hours", "value": 12}, "batch_window_type": "sliding", "batch_window_extension_limit": {"unit": "hours", "value": 24}}"#
        )
        _ = try await send(harness, 1)
        try await harness.advance(6 * 3600)
        _ = try await send(harness, 2)
        try await harness.advance(7 * 3600)
        _ = try await send(harness, 3)
        try await harness.advance(3 * 3600)
        _ = try await send(harness, 4)
        try await harness.advance(8 * 3600 - 1)
        #expect(await harness.sent.isEmpty)
        try await harness.advance(1)
        #expect(await harness.sent.map(\.content.mainText) == ["4:1234:1:x:A"])
    }

    @Test func aMaximumShorterThanTheWindowClosesAtOnce() async throws {
        let harness = try await harness(
            #"{"batch_window": {"unit": "hours", "value": 24}, "batch_window_type": "sliding", "batch_window_extension_limit": {"unit": "hours", "value": 12}}"#
        )
        _ = try await send(harness, 1)
        try await harness.advance(23 * 3600)
        #expect(await harness.sent.isEmpty)
        _ = try await send(harness, 2)
        #expect(await harness.sent.map(\.content.mainText) == ["2:12:1:x:A"])
    }

    @Test func theMaximumActivitiesCloseTheBatch() async throws {
        let harness = try await harness(#"{"batch_window": {"unit": "days", "value": 1}, "batch_items_max_limit": 3}"#)
        for n in 1...3 { _ = try await send(harness, n) }
        #expect(await harness.sent.map(\.content.mainText) == ["3:123:1:x:A"])
    }

    @Test func theRenderLimitKeepsFirstOrLastItemsOldestFirst() async throws {
        for (order, expected) in [("asc", "5:12:1:x:A"), ("desc", "5:45:1:x:A")] {
            let harness = try await harness(
                #"{"batch_window": {"unit": "minutes", "value": 1}, "batch_items_render_limit": 2, "batch_order": "\#(order)"}"#
            )
            for n in 1...5 { _ = try await send(harness, n) }
            try await harness.advance(60)
            #expect(await harness.sent.map(\.content.mainText) == [expected])
        }
    }

    @Test func theCombinedDataLetsLaterActivitiesWin() async throws {
        let harness = try await harness(#"{"batch_window": {"unit": "minutes", "value": 1}}"#)
        _ = try await send(harness, 1, page: "A")
        _ = try await send(harness, 2, page: "B")
        try await harness.advance(60)
        #expect(await harness.sent.first?.data == ["n": 2, "page": "B"])
    }

    @Test func flushingTheLeadingItemSendsItAloneAndNoopsWithoutASecond() async throws {
        let harness = try await harness(
            #"{"batch_window": {"unit": "minutes", "value": 1}, "batch_execution_mode": "flush_leading"}"#)
        _ = try await send(harness, 1)
        #expect(await harness.sent.map(\.content.mainText) == ["1:1:1:x:A"])
        try await harness.advance(60)
        #expect(await harness.sent.count == 1)
        _ = try await send(harness, 2)
        _ = try await send(harness, 3)
        _ = try await send(harness, 4)
        try await harness.advance(60)
        #expect(await harness.sent.map(\.content.mainText) == ["1:1:1:x:A", "1:2:1:x:A", "2:34:1:x:A"])
    }

    @Test func cancellationRemovesItemsButNotTheWindow() async throws {
        let harness = try await harness(#"{"batch_window": {"unit": "minutes", "value": 10}}"#)
        let opener = try await send(harness, 1, key: "k1")
        _ = try await send(harness, 2, key: "k2")
        try await harness.engine.cancel(workflowKey: "digest", cancellationKey: "k1", environment: "development")
        #expect(try await harness.run(opener).state == .cancelled)
        _ = try await send(harness, 3)
        try await harness.advance(599)
        #expect(await harness.sent.isEmpty)
        try await harness.advance(1)
        #expect(await harness.sent.map(\.content.mainText) == ["2:23:1:x:A"])
    }

    @Test func aBatchWhoseItemsWereAllCancelledSendsNothing() async throws {
        let harness = try await harness(#"{"batch_window": {"unit": "minutes", "value": 10}}"#)
        _ = try await send(harness, 1, key: "k1")
        _ = try await send(harness, 2, key: "k1")
        #expect(
            try await harness.engine.cancel(workflowKey: "digest", cancellationKey: "k1", environment: "development")
                == 2)
        try await harness.advance(600)
        #expect(await harness.sent.isEmpty)
    }
}
