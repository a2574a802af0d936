import Engine
import EngineTestSupport
import Foundation
import Providers
import Testing

@testable import SQLiteStore

@Suite struct SQLiteMessageStoreFeedTests {
    private func stores() async throws -> (SQLiteMessageStore, InMemoryMessageStore) {
        let sqlite = try SQLiteMessageStore.inMemory()
        let memory = InMemoryMessageStore()
        for message in ListingSamples.all {
            try await sqlite.insert(message, events: [])
            try await memory.insert(message, events: [])
        }
        return (sqlite, memory)
    }

    @Test func everyFilterListsExactlyItsMessagesNewestFirst() async throws {
        let (store, _) = try await stores()
        for (query, expected) in ListingSamples.expectations {
            let page = try await store.listMessages(query, page: PageRequest())
            #expect(page.entries.map(\.id) == expected, "\(query)")
            #expect(page.after == nil && page.before == nil)
        }
    }

    @Test func tenantAndTriggerDataSurviveTheRoundTrip() async throws {
        let (store, _) = try await stores()
        let message = try #require(try await store.message(id: "msg_8"))
        #expect(message == ListingSamples.all[7])
        #expect(message.data == ["plan": "pro", "nested": ["a": [1, 2]]])
        #expect(try await store.message(id: "msg_1")?.tenant == "acme")
    }

    @Test func pagesMatchTheInMemoryStoreForEveryQueryAndSize() async throws {
        let (sqlite, memory) = try await stores()
        for (query, _) in ListingSamples.expectations {
            for size in 1...3 {
                var request = PageRequest(size: size)
                var pages = 0
                repeat {
                    let expected = try await memory.listMessages(query, page: request)
                    let actual = try await sqlite.listMessages(query, page: request)
                    #expect(actual.entries == expected.entries, "\(query) size \(size)")
                    #expect(actual.after == expected.after && actual.before == expected.before)
                    if let before = actual.before {
                        let back = try await sqlite.listMessages(query, page: PageRequest(before: before, size: size))
                        let backExpected = try await memory.listMessages(
                            query, page: PageRequest(before: before, size: size))
                        #expect(back.entries.map(\.id) == backExpected.entries.map(\.id))
                        #expect(back.after == backExpected.after && back.before == backExpected.before)
                    }
                    request = PageRequest(after: actual.after, size: size)
                    pages += 1
                } while request.after != nil && pages < 10
            }
        }
    }

    @Test func pagesStayStableUnderInserts() async throws {
        let (store, _) = try await stores()
        let all = MessageQuery(environment: "production")
        let first = try await store.listMessages(all, page: PageRequest(size: 2))
        #expect(first.entries.map(\.id) == ["msg_8", "msg_5"])
        try await store.insert(ListingSamples.record(9, seconds: 10), events: [])
        let second = try await store.listMessages(all, page: PageRequest(after: first.after, size: 2))
        #expect(second.entries.map(\.id) == ["msg_4", "msg_3"])
        let top = try await store.listMessages(all, page: PageRequest(before: second.before, size: 5))
        #expect(top.entries.map(\.id) == ["msg_9", "msg_8", "msg_5"])
        #expect(top.before == nil)
        await #expect(throws: EngineError.self) {
            try await store.listMessages(all, page: PageRequest(after: "bm8tY29sb24"))
        }
    }

    @Test func feedCountsMatchTheInMemoryStore() async throws {
        let (store, memory) = try await stores()
        var query = MessageQuery(environment: "production", recipient: "user-1", channelID: "feed")
        for engagement: Set<EngagementFilter> in [[.unarchived], [.unseen, .unarchived], [.archived]] {
            query.engagement = engagement
            let counts = try await store.feedCounts(query)
            let expected = await memory.feedCounts(query)
            #expect(counts.total == expected.total && counts.unseen == expected.unseen, "\(engagement)")
            #expect(counts.unread == expected.unread)
        }
        query.engagement = [.unarchived]
        let counts = try await store.feedCounts(query)
        #expect(counts.total == 3 && counts.unseen == 2 && counts.unread == 3)
    }

    @Test func engagementIsWrittenOnlyByRecordEngagementAndAtomically() async throws {
        let (store, _) = try await stores()
        let original = try #require(try await store.message(id: "msg_1"))
        var seen = original
        seen.engagement.seenAt = Samples.at(0)
        seen.updatedAt = Samples.at(1)
        let event = MessageEvent(
            messageID: "msg_1", kind: .engagement(.seen), status: .delivered, occurredAt: Samples.at(1))
        // One unknown id: nothing is written.
        var ghost = seen
        ghost.id = "msg_ghost"
        await #expect(throws: EngineError.self) {
            try await store.recordEngagement([
                MessageChange(message: seen, events: [event]), MessageChange(message: ghost),
            ])
        }
        #expect(try await store.message(id: "msg_1") == original)
        #expect(try await store.events(messageID: "msg_1").isEmpty)

        try await store.recordEngagement([
            MessageChange(message: seen, expectedEngagement: original.engagement, events: [event])
        ])
        #expect(try await store.message(id: "msg_1") == seen)
        #expect(try await store.events(messageID: "msg_1") == [event])
        // A stale expectation conflicts.
        do {
            try await store.recordEngagement([MessageChange(message: seen, expectedEngagement: original.engagement)])
            Issue.record("expected a conflict")
        } catch let error as EngineError {
            #expect(error.code == .conflict)
        }
        // A delivery outcome stored afterwards keeps the engagement.
        var attempted = original
        attempted.status = .undelivered
        try await store.record(MessageChange(message: attempted, expectedStatus: .delivered))
        let stored = try #require(try await store.message(id: "msg_1"))
        #expect(stored.status == .undelivered)
        #expect(stored.engagement == seen.engagement)
    }
}

extension SQLiteMessageStoreFeedTests {
    @Test func feedsReadTheRecipientIndexNewestFirst() throws {
        let connection = try SQLiteConnection(path: ":memory:")
        try Schema.migrate(connection)
        let query = MessageQuery(
            environment: "production", recipient: "user-1", channelID: "feed", engagement: [.unarchived])
        let filter = MessageFilter(query, engagement: query.engagement)
        let plan = try connection.withStatement(
            "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE \(filter.sql) ORDER BY created_at DESC, id DESC LIMIT 51",
            filter.values
        ) { statement in
            var details: [String] = []
            while try statement.step() { details.append(statement.row.string(3)) }
            return details
        }
        #expect(
            plan == [
                "SEARCH messages USING INDEX messages_by_recipient (environment=? AND recipient_id=? AND channel_id=?)"
            ])
    }
}
