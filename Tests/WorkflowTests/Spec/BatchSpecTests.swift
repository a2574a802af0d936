import Engine
import Foundation
import Providers
import Testing

/// Product specification §27 statements on batch windows and batch variables.
@Suite struct BatchSpecTests {
    static func workflow(_ settings: String) -> String {
        """
        {"key": "digest", "steps": [
          {"ref": "batch_1", "type": "batch", "settings": \(settings)},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ total_activities }}|{% for a in activities %}{{ a.n }}/{{ a.actor.id }} {% endfor %}|{{ total_actors }}|{% for x in actors %}{{ x.id }} {% endfor %}"}}]}
        """
    }

    func harness(_ settings: String, actors: Int = 1) async throws -> WorkflowHarness {
        let harness = try WorkflowHarness([Self.workflow(settings)])
        var users: [String: JSONObject] = ["r": [:]]
        for n in 1...actors { users["act\(n)"] = [:] }
        try await harness.identify(users)
        return harness
    }

    func send(_ harness: WorkflowHarness, _ n: Int, actor: String = "act1", data: String = "") async throws {
        try await harness.trigger(
            "digest", #"{"recipients": ["r"], "actor": "\#(actor)", "data": {"n": \#(n)\#(data)}}"#)
    }

    // §27 #69: a later trigger whose dynamic window resolves later does not move an open batch's close time.
    @Test func aLaterDynamicWindowDoesNotMoveTheClose() async throws {
        let harness = try await harness(#"{"batch_until_field_path": "data.until"}"#)
        try await send(harness, 1, data: #", "until": {"unit": "minutes", "value": 10}"#)
        try await harness.advance(60)
        try await send(harness, 2, data: #", "until": {"unit": "hours", "value": 2}"#)
        try await send(harness, 3, data: #", "until": "2024-01-02T00:00:00Z""#)
        try await harness.advance(539)
        #expect(await harness.sent.isEmpty)
        try await harness.advance(1)
        #expect(await harness.sent.map(\.content.mainText) == ["3|1/act1 2/act1 3/act1 |1|act1 "])
    }

    // §27 #70: a sliding 1-minute window with triggers at t0 and t0+30 s closes at t0+90 s.
    @Test func aSlidingMinuteClosesNinetySecondsAfterTheFirstOfTwoTriggers() async throws {
        let harness = try await harness(
            #"{"batch_window": {"unit": "minutes", "value": 1}, "batch_window_type": "sliding", "batch_window_extension_limit": {"unit": "hours", "value": 1}}"#
        )
        try await send(harness, 1)
        try await harness.advance(30)
        try await send(harness, 2)
        try await harness.advance(59)  // t0+89 s
        #expect(await harness.sent.isEmpty)
        try await harness.advance(1)  // t0+90 s
        #expect(await harness.sent.map(\.content.mainText) == ["2|1/act1 2/act1 |1|act1 "])
        try await harness.advance(3600)
        #expect(await harness.sent.count == 1)
    }

    // §27 #75 / #77: without a render limit, `activities` holds 10 items (the first 10, or the last 10 with
    // `desc`), oldest first; `actors` at most 10 distinct; the totals count everything.
    @Test(arguments: [("asc", Array(1...10)), ("desc", Array(3...12))])
    func twelveActivitiesFromTwelveActorsRenderTen(order: String, rendered: [Int]) async throws {
        let harness = try await harness(
            #"{"batch_window": {"unit": "minutes", "value": 1}, "batch_order": "\#(order)"}"#, actors: 12)
        for n in 1...12 { try await send(harness, n, actor: "act\(n)") }
        try await harness.advance(60)
        let activities = rendered.map { "\($0)/act\($0) " }.joined()
        let actors = rendered.map { "act\($0) " }.joined()
        #expect(await harness.sent.map(\.content.mainText) == ["12|\(activities)|12|\(actors)"])
    }

    // §27 #77: `total_actors` counts distinct actors, not activities.
    @Test func totalActorsCountsDistinctActors() async throws {
        let harness = try await harness(#"{"batch_window": {"unit": "minutes", "value": 1}}"#, actors: 2)
        for (n, actor) in [(1, "act1"), (2, "act2"), (3, "act1"), (4, "act2")] {
            try await send(harness, n, actor: actor)
        }
        try await harness.advance(60)
        #expect(await harness.sent.map(\.content.mainText) == ["4|1/act1 2/act2 3/act1 4/act2 |2|act1 act2 "])
    }
}
