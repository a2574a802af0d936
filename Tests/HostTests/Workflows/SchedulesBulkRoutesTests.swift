import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Testing

/// `POST /v1/schedules/bulk/create`: up to 1,000 schedules, each with its own workflow and one recipient,
/// all or none.
@Suite struct SchedulesBulkRoutesTests {
    static let body = """
        {"schedules": [
          {"workflow": "welcome", "recipient": {"id": "user-1", "timezone": "Europe/Paris"},
           "repeats": [{"frequency": "daily", "hours": 9}], "data": {"type": "digest"}},
          {"workflow": "welcome", "recipient": "user-2", "scheduled_at": "2025-01-05T00:00:00Z",
           "actor": {"id": "admin", "name": "Admin"}, "tenant": "acme"}]}
        """

    @Test func createsEverySchedulesAndAnswersACompletedOperation() async throws {
        let harness = try WorkflowsHarness()
        let response = await harness.send("POST", "/v1/schedules/bulk/create", body: Self.body)
        #expect(response.status == 200)
        #expect(try HostTestSupport.json(response) == RecipientAPI.bulkOperation("schedules.create", count: 2))

        let listed = await harness.send("GET", "/v1/schedules", query: [("workflow", "welcome")])
        let entries = try #require(try HostTestSupport.json(listed)["entries"]?.arrayValue)
        #expect(entries.map { $0["id"] } == ["sch-1", "sch-2"])
        #expect(entries.map { $0["recipient"]?["id"] } == ["user-1", "user-2"])
        // Thursday 2025-01-02T03:04:05Z: 09:00 in Paris is 08:00Z the same day.
        #expect(entries.map { $0["next_occurrence_at"] } == ["2025-01-02T08:00:00Z", "2025-01-05T00:00:00Z"])
        #expect(entries.map { $0["data"] } == [["type": "digest"], [:]])
        #expect(entries.map { $0["tenant"] } == [.null, "acme"])
        // Inline recipients and actors were identified.
        #expect(entries[1]["actor"]?["name"] == "Admin")
        #expect(entries[0]["recipient"]?["timezone"] == "Europe/Paris")
    }

    @Test func oneBadEntryStoresNothingAndNamesTheEntry() async throws {
        let harness = try WorkflowsHarness()
        let unknown = await harness.send(
            "POST", "/v1/schedules/bulk/create",
            body: """
                {"schedules": [
                  {"workflow": "welcome", "recipient": {"id": "user-9", "name": "Nine"}, "scheduled_at": "2025-01-05T00:00:00Z"},
                  {"workflow": "nope", "recipient": "user-2", "scheduled_at": "2025-01-05T00:00:00Z"}]}
                """)
        #expect(unknown.status == 404)
        #expect(try HostTestSupport.json(unknown)["message"] == "schedules[1].workflow: workflow 'nope' not found")
        let listed = await harness.send("GET", "/v1/schedules", query: [("workflow", "welcome")])
        #expect(try HostTestSupport.json(listed)["entries"] == [])
        #expect(await harness.recipients.recipient(.user("user-9"), environment: "development") == nil)

        let cases: [(String, String)] = [
            (#"{"schedules": []}"#, "schedules: expected an array of 1 to 1000 schedules, found 0 entries"),
            (#"{"schedules": {}}"#, "schedules: expected an array of 1 to 1000 schedules, found object"),
            (#"{"schedules": [1]}"#, "schedules[0]: expected a schedule object, found number"),
            (#"{"items": []}"#, "items: unknown key (accepted: schedules)"),
            (
                #"{"schedules": [{"workflow": "welcome", "scheduled_at": "2025-01-05T00:00:00Z"}]}"#,
                "schedules[0].recipient: required; a user id or a recipient to identify inline"
            ),
            (
                #"{"schedules": [{"workflow": "welcome", "recipients": ["u"], "scheduled_at": "2025-01-05T00:00:00Z"}]}"#,
                "schedules[0].recipients: unknown key (accepted: workflow, recipient, repeats, data, tenant, actor, scheduled_at, ending_at)"
            ),
            (
                #"{"schedules": [{"workflow": "welcome", "recipient": "u"}]}"#,
                "schedules[0].repeats: a schedule needs 'repeats' (recurring) or 'scheduled_at' (one-off); neither was given"
            ),
            (
                #"{"schedules": [{"workflow": "welcome", "recipient": "u", "repeats": [{"frequency": "yearly"}]}]}"#,
                #"schedules[0].repeats[0].frequency: expected one of hourly, daily, weekly, monthly, found "yearly""#
            ),
        ]
        for (body, message) in cases {
            let response = await harness.send("POST", "/v1/schedules/bulk/create", body: body)
            #expect(response.status == 422, "\(body)")
            #expect(try HostTestSupport.json(response)["message"] == .string(message), "\(body)")
        }
    }

    @Test func aThousandSchedulesAreAcceptedAndOneMoreIsNot() async throws {
        let harness = try WorkflowsHarness()
        let entry = #"{"workflow": "welcome", "recipient": "user-1", "scheduled_at": "2025-01-05T00:00:00Z"}"#
        let full = await harness.send(
            "POST", "/v1/schedules/bulk/create",
            body: #"{"schedules": ["# + Array(repeating: entry, count: 1000).joined(separator: ",") + "]}")
        #expect(try HostTestSupport.json(full) == RecipientAPI.bulkOperation("schedules.create", count: 1000))
        let over = await harness.send(
            "POST", "/v1/schedules/bulk/create",
            body: #"{"schedules": ["# + Array(repeating: entry, count: 1001).joined(separator: ",") + "]}")
        #expect(over.status == 422)
        #expect(
            try HostTestSupport.json(over)["message"]
                == "schedules: expected an array of 1 to 1000 schedules, found 1001 entries")
    }
}
