import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Testing

/// The schedule listings' `before` cursor and `tenant` filter, over HTTP.
@Suite struct SchedulesPagingRoutesTests {
    /// sch-1…sch-5 for user-1…user-5 (tenant `acme`), sch-6 for user-1 (`globex`), sch-7 for user-1 (no
    /// tenant), sch-8 and sch-9 for the object teams/t1 (`acme`, then none).
    static func filled() async throws -> WorkflowsHarness {
        let harness = try WorkflowsHarness()
        let bodies = [
            #"{"recipients": ["user-1", "user-2", "user-3", "user-4", "user-5"], "tenant": "acme""#,
            #"{"recipients": ["user-1"], "tenant": "globex""#,
            #"{"recipients": ["user-1"]"#,
            #"{"recipients": [{"collection": "teams", "id": "t1"}], "tenant": "acme""#,
            #"{"recipients": [{"collection": "teams", "id": "t1"}]"#,
        ]
        for body in bodies {
            let created = await harness.send(
                "POST", "/v1/schedules",
                body: body + #", "workflow": "welcome", "scheduled_at": "2025-01-03T00:00:00Z"}"#)
            try #require(created.status == 200)
        }
        return harness
    }

    /// The ids of the listed schedules and the page info.
    static func listing(
        _ harness: WorkflowsHarness, _ path: String, _ query: [(name: String, value: String)]
    ) async throws -> (ids: [String], pageInfo: JSONValue?) {
        let response = await harness.send("GET", path, query: query)
        try #require(response.status == 200)
        let json = try HostTestSupport.json(response)
        let ids = json["entries"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        return (ids, json["page_info"])
    }

    static func pageInfo(after: String?, before: String?, size: Int) -> JSONValue {
        [
            "__typename": "PageInfo", "after": after.map(JSONValue.string) ?? .null,
            "before": before.map(JSONValue.string) ?? .null, "page_size": .number(Double(size)),
        ]
    }

    @Test func aWorkflowsSchedulesPageBackwards() async throws {
        let harness = try await Self.filled()
        let middle = try await Self.listing(
            harness, "/v1/schedules", [("workflow", "welcome"), ("page_size", "2"), ("before", "sch-4")])
        #expect(middle.ids == ["sch-2", "sch-3"])
        #expect(middle.pageInfo == Self.pageInfo(after: "sch-3", before: "sch-2", size: 2))
        let start = try await Self.listing(
            harness, "/v1/schedules", [("workflow", "welcome"), ("page_size", "2"), ("before", "sch-2")])
        #expect(start.ids == ["sch-1"])
        #expect(start.pageInfo == Self.pageInfo(after: "sch-1", before: nil, size: 2))
        let filtered = try await Self.listing(
            harness, "/v1/schedules",
            [
                ("workflow", "welcome"), ("recipients[]", "user-2"), ("recipients[]", "user-4"),
                ("tenant", "acme"), ("page_size", "1"), ("before", "sch-5"),
            ])
        #expect(filtered.ids == ["sch-4"])
        #expect(filtered.pageInfo == Self.pageInfo(after: nil, before: "sch-4", size: 1))
    }

    @Test func aUsersSchedulesPageBackwardsAndFilterByTenant() async throws {
        let harness = try await Self.filled()
        let all = try await Self.listing(harness, "/v1/users/user-1/schedules", [("before", "sch-7")])
        #expect(all.ids == ["sch-1", "sch-6"])
        #expect(all.pageInfo == Self.pageInfo(after: "sch-6", before: nil, size: 50))
        let last = try await Self.listing(
            harness, "/v1/users/user-1/schedules", [("workflow", "welcome"), ("page_size", "1"), ("before", "sch-9")])
        #expect(last.ids == ["sch-7"])
        #expect(last.pageInfo == Self.pageInfo(after: nil, before: "sch-7", size: 1))
        let acme = try await Self.listing(harness, "/v1/users/user-1/schedules", [("tenant", "acme")])
        #expect(acme.ids == ["sch-1"])
        #expect(acme.pageInfo == Self.pageInfo(after: nil, before: nil, size: 50))
        let globex = try await Self.listing(
            harness, "/v1/users/user-1/schedules", [("tenant", "globex"), ("before", "sch-7")])
        #expect(globex.ids == ["sch-6"])
        #expect(globex.pageInfo == Self.pageInfo(after: nil, before: nil, size: 50))
    }

    @Test func anObjectsSchedulesPageBackwardsAndFilterByTenant() async throws {
        let harness = try await Self.filled()
        let path = "/v1/objects/teams/t1/schedules"
        let before = try await Self.listing(harness, path, [("page_size", "1"), ("before", "sch-9")])
        #expect(before.ids == ["sch-8"])
        #expect(before.pageInfo == Self.pageInfo(after: "sch-8", before: nil, size: 1))
        let acme = try await Self.listing(harness, path, [("tenant", "acme"), ("before", "sch-9")])
        #expect(acme.ids == ["sch-8"])
        #expect(acme.pageInfo == Self.pageInfo(after: nil, before: nil, size: 50))
        let none = try await Self.listing(harness, path, [("tenant", "globex")])
        #expect(none.ids == [])
        #expect(none.pageInfo == Self.pageInfo(after: nil, before: nil, size: 50))
    }

    @Test func bothCursorsAreRefused() async throws {
        let harness = try await Self.filled()
        for (path, extra) in [
            ("/v1/schedules", [("workflow", "welcome")]), ("/v1/users/user-1/schedules", []),
            ("/v1/objects/teams/t1/schedules", []),
        ] {
            let response = await harness.send(
                "GET", path, query: extra + [("after", "sch-1"), ("before", "sch-9")])
            #expect(response.status == 422)
            let json = try HostTestSupport.json(response)
            #expect(json["code"] == "invalid_params")
            #expect(json["message"] == "give at most one of the cursors 'after' and 'before'")
        }
    }
}
