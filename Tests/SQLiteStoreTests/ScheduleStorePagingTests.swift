import Engine
import Foundation
import Providers
import SQLiteStore
import Testing

/// Schedule listings in both stores: `before` pages, `after` pages and the filters, with exact cursors.
@Suite struct ScheduleStorePagingTests {
    enum Kind: String, CaseIterable, Sendable {
        case memory
        case sqlite

        func make() throws -> any ScheduleStore {
            switch self {
            case .memory: InMemoryScheduleStore()
            case .sqlite: try SQLiteMessageStore.inMemory()
            }
        }
    }

    static let now = Date(timeIntervalSince1970: 1_704_067_200)

    static func schedule(
        _ id: String, _ workflow: String, _ user: String, tenant: String?, environment: String = "production"
    ) -> Schedule {
        Schedule(
            id: id, environment: environment, workflowKey: workflow, recipient: .user(user), tenant: tenant,
            scheduledAt: now, nextOccurrenceAt: now, insertedAt: now, updatedAt: now)
    }

    /// s1…s7 in production (s3 of another workflow) and s35 in staging, saved out of order.
    static func filled(_ kind: Kind) async throws -> any ScheduleStore {
        let store = try kind.make()
        try await store.save([
            schedule("s7", "digest", "u1", tenant: "acme"), schedule("s3", "other", "u1", tenant: nil),
            schedule("s1", "digest", "u1", tenant: "acme"), schedule("s5", "digest", "u1", tenant: "acme"),
            schedule("s2", "digest", "u2", tenant: "acme"), schedule("s4", "digest", "u1", tenant: "globex"),
            schedule("s6", "digest", "u2", tenant: nil),
            schedule("s35", "digest", "u1", tenant: "acme", environment: "staging"),
        ])
        return store
    }

    /// The ids of a page and its two cursors.
    struct Listed: Equatable, CustomStringConvertible {
        var ids: [String]
        var after: String?
        var before: String?
        var description: String { "\(ids) after: \(after ?? "nil") before: \(before ?? "nil")" }
    }

    static func list(
        _ store: any ScheduleStore, _ query: ScheduleQuery = ScheduleQuery(environment: "production"),
        after: String? = nil, before: String? = nil, size: Int = 50
    ) async throws -> Listed {
        let page = try await store.schedules(query, page: PageRequest(after: after, before: before, size: size))
        return Listed(ids: page.entries.map(\.id), after: page.after, before: page.before)
    }

    @Test(arguments: Kind.allCases)
    func aBeforePageHoldsTheEntriesJustBeforeTheCursorInIDOrder(kind: Kind) async throws {
        let store = try await Self.filled(kind)
        #expect(
            try await Self.list(store, before: "s5", size: 3)
                == Listed(ids: ["s2", "s3", "s4"], after: "s4", before: "s2"))
        #expect(try await Self.list(store, before: "s2", size: 3) == Listed(ids: ["s1"], after: "s1", before: nil))
        #expect(
            try await Self.list(store, before: "s3", size: 2) == Listed(ids: ["s1", "s2"], after: "s2", before: nil))
        #expect(try await Self.list(store, before: "s1", size: 3) == Listed(ids: [], after: nil, before: nil))
        #expect(
            try await Self.list(store, before: "s7")
                == Listed(ids: ["s1", "s2", "s3", "s4", "s5", "s6"], after: "s6", before: nil))
        // A cursor need not be a stored id (s35 is staging's): the page ends before its position.
        #expect(
            try await Self.list(store, before: "s35", size: 2) == Listed(ids: ["s2", "s3"], after: "s3", before: "s2"))
    }

    @Test(arguments: Kind.allCases)
    func forwardAndBackwardPagesMeet(kind: Kind) async throws {
        let store = try await Self.filled(kind)
        let first = try await Self.list(store, size: 3)
        #expect(first == Listed(ids: ["s1", "s2", "s3"], after: "s3", before: nil))
        let second = try await Self.list(store, after: first.after, size: 3)
        #expect(second == Listed(ids: ["s4", "s5", "s6"], after: "s6", before: "s4"))
        let third = try await Self.list(store, after: second.after, size: 3)
        #expect(third == Listed(ids: ["s7"], after: nil, before: "s7"))
        #expect(try await Self.list(store, before: third.before, size: 3) == second)
        #expect(try await Self.list(store, before: second.before, size: 3) == first)
    }

    @Test(arguments: Kind.allCases)
    func beforePagesApplyTheWorkflowRecipientAndTenantFilters(kind: Kind) async throws {
        let store = try await Self.filled(kind)
        let digest = ScheduleQuery(environment: "production", workflowKey: "digest")
        #expect(
            try await Self.list(store, digest, before: "s7", size: 2)
                == Listed(ids: ["s5", "s6"], after: "s6", before: "s5"))
        #expect(
            try await Self.list(store, digest, before: "s4", size: 2)
                == Listed(ids: ["s1", "s2"], after: "s2", before: nil))
        let u1 = ScheduleQuery(environment: "production", workflowKey: "digest", recipients: [.user("u1")])
        #expect(
            try await Self.list(store, u1, before: "s7", size: 2)
                == Listed(ids: ["s4", "s5"], after: "s5", before: "s4"))
        let users = ScheduleQuery(environment: "production", recipients: [.user("u2"), .user("u3")])
        #expect(try await Self.list(store, users, before: "s6") == Listed(ids: ["s2"], after: "s2", before: nil))
        let acme = ScheduleQuery(environment: "production", tenant: "acme")
        #expect(try await Self.list(store, acme, size: 2) == Listed(ids: ["s1", "s2"], after: "s2", before: nil))
        #expect(
            try await Self.list(store, acme, after: "s2", size: 2)
                == Listed(ids: ["s5", "s7"], after: nil, before: "s5"))
        #expect(
            try await Self.list(store, acme, before: "s7", size: 2)
                == Listed(ids: ["s2", "s5"], after: "s5", before: "s2"))
        let globex = ScheduleQuery(
            environment: "production", workflowKey: "digest", recipients: [.user("u1")], tenant: "globex")
        #expect(try await Self.list(store, globex, before: "s7") == Listed(ids: ["s4"], after: nil, before: nil))
        let staging = ScheduleQuery(environment: "staging", tenant: "acme")
        #expect(try await Self.list(store, staging, before: "s4") == Listed(ids: ["s35"], after: nil, before: nil))
    }

    @Test(arguments: Kind.allCases)
    func bothCursorsOrABadSizeAreRefused(kind: Kind) async throws {
        let store = try await Self.filled(kind)
        let query = ScheduleQuery(environment: "production")
        let both = await #expect(throws: EngineError.self) {
            _ = try await store.schedules(query, page: PageRequest(after: "s1", before: "s5"))
        }
        #expect(both?.code == .invalidInput)
        #expect(both?.message == "after, before: give at most one cursor")
        let empty = await #expect(throws: EngineError.self) {
            _ = try await store.schedules(query, page: PageRequest(size: 0))
        }
        #expect(empty?.message == "page_size: 0 is out of range; expected 1 to 50")
    }
}
