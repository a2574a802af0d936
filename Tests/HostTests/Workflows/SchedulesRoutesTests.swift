import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Testing

/// `/v1/schedules` and the per-recipient schedule listings.
@Suite struct SchedulesRoutesTests {
    static let createBody = """
        {"workflow": "welcome", "recipients": [{"id": "user-1", "name": "Ada", "timezone": "Europe/Paris"}],
         "repeats": [{"frequency": "daily", "days": "weekdays", "hours": 9, "minutes": 30}],
         "ending_at": "2025-02-01T00:00:00Z", "data": {"type": "digest"}}
        """

    /// The created schedule as Knock shows it; `instant` is Thursday 2025-01-02T03:04:05Z, so the next
    /// weekday 09:30 in Paris is 08:30Z the same day.
    static func schedule(
        next: JSONValue = "2025-01-02T08:30:00Z", last: JSONValue = .null, data: JSONValue = ["type": "digest"]
    )
        -> JSONValue
    {
        [
            "__typename": "Schedule", "id": "sch-1", "workflow": "welcome",
            "recipient": [
                "__typename": "User", "id": "user-1", "name": "Ada", "timezone": "Europe/Paris", "created_at": .null,
                "updated_at": "2025-01-02T03:04:05Z",
            ],
            "actor": .null, "tenant": .null, "data": data,
            "repeats": [
                [
                    "frequency": "daily", "days": ["mon", "tue", "wed", "thu", "fri"], "hours": 9, "minutes": 30,
                    "interval": 1, "__typename": "ScheduleRepeat",
                ]
            ],
            "scheduled_at": .null, "ending_at": "2025-02-01T00:00:00Z", "next_occurrence_at": next,
            "last_occurrence_at": last, "inserted_at": "2025-01-02T03:04:05Z", "updated_at": "2025-01-02T03:04:05Z",
        ]
    }

    @Test func createListUpdateAndDelete() async throws {
        let harness = try WorkflowsHarness()
        let created = await harness.send("POST", "/v1/schedules", body: Self.createBody)
        #expect(created.status == 200)
        #expect(try HostTestSupport.json(created) == [Self.schedule()])

        let page: JSONValue = ["__typename": "PageInfo", "after": .null, "before": .null, "page_size": 50]
        let byWorkflow = await harness.send("GET", "/v1/schedules", query: [("workflow", "welcome")])
        #expect(try HostTestSupport.json(byWorkflow) == ["entries": [Self.schedule()], "page_info": page])
        let byUser = await harness.send("GET", "/v1/users/user-1/schedules")
        #expect(try HostTestSupport.json(byUser) == ["entries": [Self.schedule()], "page_info": page])
        let otherUser = await harness.send("GET", "/v1/users/user-2/schedules")
        #expect(try HostTestSupport.json(otherUser)["entries"] == [])
        let production = await harness.send(
            "GET", "/v1/schedules", query: [("workflow", "welcome")], key: HostTestSupport.productionKey)
        #expect(try HostTestSupport.json(production)["entries"] == [])

        let updated = await harness.send("PUT", "/v1/schedules", body: #"{"schedule_ids": ["sch-1"], "data": null}"#)
        #expect(try HostTestSupport.json(updated).arrayValue?.first?["data"] == [:])

        let deleted = await harness.send("DELETE", "/v1/schedules", body: #"{"schedule_ids": ["sch-1"]}"#)
        #expect(try HostTestSupport.json(deleted).arrayValue?.first?["id"] == "sch-1")
        let gone = await harness.send("GET", "/v1/users/user-1/schedules")
        #expect(try HostTestSupport.json(gone)["entries"] == [])
    }

    @Test func anOccurrenceTriggersTheWorkflowAndIsShown() async throws {
        let harness = try WorkflowsHarness()
        _ = await harness.send("POST", "/v1/schedules", body: Self.createBody)
        harness.clock.advance(by: 5 * 3600 + 25 * 60 + 55)  // 08:30:00Z
        try await harness.schedules.runUntilIdle()
        try await harness.settle()
        let runs = try await harness.storedRuns()
        #expect(runs.map(\.recipient) == [.user("user-1")])
        #expect(runs.first?.data == ["type": "digest"])
        let listed = await harness.send("GET", "/v1/users/user-1/schedules")
        let schedule = try HostTestSupport.json(listed)["entries"]?.arrayValue?.first
        #expect(schedule?["last_occurrence_at"] == "2025-01-02T08:30:00Z")
        #expect(schedule?["next_occurrence_at"] == "2025-01-03T08:30:00Z")
    }

    @Test func badRequestsAnswerKnocksErrorShape() async throws {
        let harness = try WorkflowsHarness()
        let unknown = await harness.send(
            "POST", "/v1/schedules",
            body: #"{"workflow": "nope", "recipients": ["u"], "scheduled_at": "2025-01-03T00:00:00Z"}"#)
        #expect(unknown.status == 404)
        #expect(try HostTestSupport.json(unknown)["message"] == "workflow: workflow 'nope' not found")
        let noWorkflow = await harness.send("GET", "/v1/schedules")
        #expect(noWorkflow.status == 422)
        #expect(
            try HostTestSupport.json(noWorkflow)["message"]
                == "workflow: required; the key of the workflow whose schedules to list")
        let missing = await harness.send("PUT", "/v1/schedules", body: #"{"schedule_ids": ["sch-9"], "data": {}}"#)
        #expect(missing.status == 404)
        #expect(
            try HostTestSupport.json(missing)["message"]
                == "schedule_ids: no schedule sch-9 in environment 'development'")
        let invalid = await harness.send("POST", "/v1/schedules", body: #"{"workflow": "welcome", "recipients": []}"#)
        #expect(invalid.status == 422)
        #expect(
            try HostTestSupport.json(invalid)["message"]
                == "recipients: expected an array of 1 to 100 recipients, found 0 entries")
    }
}
