import Engine
import Foundation
import Providers
import SQLiteStore
import Testing

/// Schedules in SQLite: stored whole, found by their next occurrence, and kept across a reopen.
@Suite struct SQLiteScheduleStoreTests {
    static let now = Date(timeIntervalSince1970: 1_704_067_200)

    static func schedule(_ id: String, next: TimeInterval?, workflow: String = "digest") -> Schedule {
        Schedule(
            id: id, environment: "production", workflowKey: workflow, recipient: .user("u1"),
            actor: .object(collection: "teams", id: "t1"), tenant: "acme", data: ["type": "daily"],
            repeats: [WindowRule(frequency: .daily, hours: 9)], endingAt: now.addingTimeInterval(86_400 * 30),
            nextOccurrenceAt: next.map(now.addingTimeInterval), insertedAt: now, updatedAt: now)
    }

    @Test func schedulesSurviveAReopenAndFallDueInOrder() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try SQLiteMessageStore.open(directory: directory.path)
            try await store.save([
                Self.schedule("s2", next: 120), Self.schedule("s1", next: 60), Self.schedule("s3", next: nil),
                Self.schedule("s4", next: 30, workflow: "other"),
            ])
            await store.close()
        }
        let reopened = try SQLiteMessageStore.open(directory: directory.path)
        #expect(try await reopened.schedules(ids: ["s1"], environment: "production") == [Self.schedule("s1", next: 60)])
        #expect(try await reopened.schedules(ids: ["s1"], environment: "staging") == [])
        #expect(try await reopened.nextScheduleDate() == Self.now.addingTimeInterval(30))
        #expect(
            try await reopened.dueSchedules(now: Self.now.addingTimeInterval(90), limit: 10).map(\.id) == ["s4", "s1"])
        let digest = try await reopened.schedules(
            ScheduleQuery(environment: "production", workflowKey: "digest"), page: PageRequest(size: 2))
        #expect(digest.entries.map(\.id) == ["s1", "s2"])
        #expect(digest.after == "s2")
        let rest = try await reopened.schedules(
            ScheduleQuery(environment: "production", workflowKey: "digest"), page: PageRequest(after: "s2", size: 2))
        #expect(rest.entries.map(\.id) == ["s3"])
        try await reopened.deleteSchedules(ids: ["s4"], environment: "production")
        #expect(try await reopened.nextScheduleDate() == Self.now.addingTimeInterval(60))
    }
}
