import Engine
import Foundation
import Providers
import Testing

/// Cursor pagination of recipient listings, run against each store.
@Suite struct RecipientListingTests {
    private let now = Date(timeIntervalSince1970: 1_716_379_200)

    private func filled(_ kind: RecipientStoreKind) async throws -> any RecipientStore {
        let store = try kind.make()
        // Inserted out of order; "Z" < "a" and "é" sorts after "z" in UTF-8 byte order.
        let ids = ["u3", "u1", "é", "Z", "u2", "a"]
        _ = try await store.upsert(
            ids.map { RecipientUpsert(reference: .user($0)) }, environment: "production", now: now)
        _ = try await store.upsert(
            [RecipientUpsert(reference: .object(collection: "projects", id: "p1"))], environment: "production", now: now
        )
        return store
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func pagesForwardAndBackInIDOrder(kind: RecipientStoreKind) async throws {
        let store = try await filled(kind)
        let first = try await store.list(collection: nil, environment: "production", page: PageRequest(size: 4))
        #expect(first.entries.map(\.reference.id) == ["Z", "a", "u1", "u2"])
        #expect(first.before == nil)
        let after = try #require(first.after)
        let second = try await store.list(
            collection: nil, environment: "production", page: PageRequest(after: after, size: 4))
        #expect(second.entries.map(\.reference.id) == ["u3", "é"])
        #expect(second.after == nil)
        let before = try #require(second.before)
        let back = try await store.list(
            collection: nil, environment: "production", page: PageRequest(before: before, size: 2))
        #expect(back.entries.map(\.reference.id) == ["u1", "u2"])
        #expect(back.before != nil)
        #expect(back.after != nil)
        let all = try await store.list(collection: nil, environment: "production", page: PageRequest(size: 50))
        #expect(all.entries.count == 6)
        #expect(all.after == nil && all.before == nil)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func badPageRequestsAreRefused(kind: RecipientStoreKind) async throws {
        let store = try await filled(kind)
        for (page, message) in [
            (PageRequest(after: "%%%"), "after: \"%%%\" is not a cursor returned by this listing"),
            (PageRequest(after: "YQ", before: "YQ"), "after, before: give at most one cursor"),
            (PageRequest(size: 0), "page_size: 0 is out of range; expected 1 to 50"),
            (PageRequest(size: 51), "page_size: 51 is out of range; expected 1 to 50"),
        ] {
            let error = try await #require(throws: EngineError.self) {
                try await store.list(collection: nil, environment: "production", page: page)
            }
            #expect(error.message == message)
        }
    }

    @Test func cursorsRoundTrip() throws {
        for id in ["a", "user_1", "é/x?", String(repeating: "z", count: 256)] {
            #expect(try RecipientCursor.decode(RecipientCursor.encode(id), field: "after") == id)
        }
        #expect(RecipientCursor.encode("a") == "YQ")
    }
}
