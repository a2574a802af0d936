import Engine
import EngineTestSupport
import Foundation
import Providers
import Testing

@Suite struct MessageListingTests {
    private func store() async throws -> InMemoryMessageStore {
        let store = InMemoryMessageStore()
        for message in ListingSamples.all { try await store.insert(message, events: []) }
        return store
    }

    @Test func everyFilterListsExactlyItsMessagesNewestFirst() async throws {
        let store = try await store()
        for (query, expected) in ListingSamples.expectations {
            let page = try await store.listMessages(query, page: PageRequest())
            #expect(page.entries.map(\.id) == expected, "\(query)")
            #expect(page.after == nil && page.before == nil)
        }
    }

    @Test func feedParametersBecomeEngagementFilters() throws {
        #expect(try EngagementFilter.feed(status: nil, archived: nil) == [.unarchived])
        #expect(try EngagementFilter.feed(status: "unread", archived: "only") == [.unread, .archived])
        #expect(try EngagementFilter.feed(status: "all", archived: "include") == [])
        #expect(throws: EngineError.self) { try EngagementFilter.feed(status: "new", archived: nil) }
        do {
            _ = try EngagementFilter.feed(status: nil, archived: "yes")
        } catch {
            #expect(error.message == "archived: expected one of exclude, include, only, found \"yes\"")
        }
    }

    @Test func pagesFollowCursorsBothWaysAndStayStableUnderInserts() async throws {
        let store = try await store()
        let all = MessageQuery(environment: "production")
        let first = try await store.listMessages(all, page: PageRequest(size: 2))
        #expect(first.entries.map(\.id) == ["msg_8", "msg_5"])
        #expect(first.before == nil)
        let after = try #require(first.after)
        #expect(after == MessageCursor(createdAtMilliseconds: 1_780_300_804_000, id: "msg_5").encoded)

        // A newer message arrives; the next page is unaffected.
        try await store.insert(ListingSamples.record(9, seconds: 10), events: [])
        let second = try await store.listMessages(all, page: PageRequest(after: after, size: 2))
        #expect(second.entries.map(\.id) == ["msg_4", "msg_3"])
        let third = try await store.listMessages(all, page: PageRequest(after: second.after, size: 2))
        #expect(third.entries.map(\.id) == ["msg_2", "msg_1"])
        #expect(third.after == nil)

        let back = try await store.listMessages(all, page: PageRequest(before: third.before, size: 2))
        #expect(back.entries.map(\.id) == ["msg_4", "msg_3"])
        #expect(back.after == second.after)
        let top = try await store.listMessages(all, page: PageRequest(before: back.before, size: 3))
        #expect(top.entries.map(\.id) == ["msg_9", "msg_8", "msg_5"])
        #expect(top.before == nil)
    }

    @Test func cursorsAreOpaqueAndChecked() throws {
        let cursor = MessageCursor(createdAtMilliseconds: 1000, id: "msg_1")
        #expect(cursor.encoded == "MTAwMDptc2dfMQ")
        #expect(try MessageCursor(encoded: "MTAwMDptc2dfMQ", field: "after") == cursor)
        #expect(
            MessageCursor(createdAtMilliseconds: 1000, id: "msg_1")
                < MessageCursor(createdAtMilliseconds: 1000, id: "msg_2"))
    }

    @Test(arguments: [
        (PageRequest(size: 0), "page_size: expected 1 to 50, found 0"),
        (PageRequest(size: 51), "page_size: expected 1 to 50, found 51"),
        (
            PageRequest(after: "not a cursor"),
            "after: not a cursor of this listing (pass back the cursor of a previous page)"
        ),
        (
            PageRequest(before: "bm8tY29sb24"),
            "before: not a cursor of this listing (pass back the cursor of a previous page)"
        ),
        (
            PageRequest(after: "MTAwMDptc2dfMQ", before: "MTAwMDptc2dfMQ"),
            "before: give either after or before, not both"
        ),
    ])
    func badPageRequestsNameTheParameter(request: PageRequest, message: String) async throws {
        let store = try await store()
        do {
            _ = try await store.listMessages(MessageQuery(environment: "production"), page: request)
            Issue.record("expected an error")
        } catch let error as EngineError {
            #expect(error.code == .invalidInput)
            #expect(error.message == message)
        }
    }

    @Test func feedCountsCountUnarchivedUnseenAndUnread() async throws {
        let store = try await store()
        var query = MessageQuery(environment: "production", recipient: "user-1", channelID: "feed")
        query.engagement = [.unarchived]
        var counts = await store.feedCounts(query)
        #expect(counts.total == 3 && counts.unseen == 2 && counts.unread == 3)
        query.engagement = [.unseen, .unarchived]
        counts = await store.feedCounts(query)
        #expect(counts.total == 2 && counts.unseen == 2 && counts.unread == 3)
        query.engagement = [.archived]
        counts = await store.feedCounts(query)
        #expect(counts.total == 1 && counts.unseen == 2 && counts.unread == 3)
    }
}
