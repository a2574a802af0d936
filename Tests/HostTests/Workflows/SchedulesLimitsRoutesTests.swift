import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Testing

/// `/v1/schedules`' per-call limits.
@Suite struct SchedulesLimitsRoutesTests {
    static func ids(_ range: ClosedRange<Int>) -> String {
        "[" + range.map { "\"sch-\($0)\"" }.joined(separator: ",") + "]"
    }

    // §27 #175: create, update and delete take up to 100 recipients / schedule ids per call; 101 are rejected.
    @Test func upTo100SchedulesPerCall() async throws {
        let harness = try WorkflowsHarness()
        let recipients = "[" + (1...100).map { "{\"id\": \"u\($0)\"}" }.joined(separator: ",") + "]"
        let created = await harness.send(
            "POST", "/v1/schedules",
            body: #"{"workflow": "welcome", "recipients": \#(recipients), "scheduled_at": "2025-02-01T00:00:00Z"}"#)
        #expect(created.status == 200)
        #expect(try HostTestSupport.json(created).arrayValue?.count == 100)
        let tooMany = "schedule_ids: expected an array of 1 to 100 schedule ids, found 101 entries"
        for method in ["PUT", "DELETE"] {
            let body =
                method == "PUT"
                ? #"{"schedule_ids": \#(Self.ids(1...101)), "data": {}}"# : #"{"schedule_ids": \#(Self.ids(1...101))}"#
            let rejected = await harness.send(method, "/v1/schedules", body: body)
            #expect(rejected.status == 422, "\(method)")
            #expect(try HostTestSupport.json(rejected)["message"] == .string(tooMany), "\(method)")
        }
        let updated = await harness.send(
            "PUT", "/v1/schedules", body: #"{"schedule_ids": \#(Self.ids(1...100)), "data": {"v": 2}}"#)
        #expect(updated.status == 200)
        #expect(
            try HostTestSupport.json(updated).arrayValue?.compactMap { $0["data"] }
                == Array(repeating: ["v": 2], count: 100))
        let deleted = await harness.send("DELETE", "/v1/schedules", body: #"{"schedule_ids": \#(Self.ids(1...100))}"#)
        #expect(deleted.status == 200)
        #expect(try HostTestSupport.json(deleted).arrayValue?.count == 100)
        let more = "[" + (1...101).map { "{\"id\": \"u\($0)\"}" }.joined(separator: ",") + "]"
        let createTooMany = await harness.send(
            "POST", "/v1/schedules",
            body: #"{"workflow": "welcome", "recipients": \#(more), "scheduled_at": "2025-02-01T00:00:00Z"}"#)
        #expect(createTooMany.status == 422)
        #expect(
            try HostTestSupport.json(createTooMany)["message"]
                == "recipients: expected an array of 1 to 100 recipients, found 101 entries")
    }
}
