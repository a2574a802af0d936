import Engine
import Foundation
import Providers
import Testing

@testable import SQLiteStore

/// A trigger's inline recipients: one that repeats the stored properties only touches `updated_at`; any other
/// is merged as an identify would, in order.
@Suite struct SQLiteTriggerUpsertTests {
    static let created = Date(timeIntervalSince1970: 1_704_067_200)
    static let later = created.addingTimeInterval(60)
    static let ada = RecipientReference.user("ada")
    static let stored: JSONObject = ["name": "Ada", "address": ["city": "Paris", "zip": "75001"]]

    /// A store holding `ada` with ``stored``, created at ``created``.
    func storeWithAda() async throws -> SQLiteMessageStore {
        let store = try SQLiteMessageStore.inMemory()
        _ = try await store.upsert(
            [RecipientUpsert(reference: Self.ada, properties: Self.stored, createdAt: "2023-05-01T00:00:00Z")],
            environment: "development", now: Self.created)
        return store
    }

    func touch(_ store: SQLiteMessageStore, _ upsert: RecipientUpsert) async throws -> Bool {
        try await store.touchUnchanged(
            upsert, encodedProperties: RecipientRow.encoded(upsert.properties), environment: "development",
            now: Self.later)
    }

    func trigger(_ id: String, upserts: [RecipientUpsert]) -> TriggerWrite {
        TriggerWrite(
            environment: "development", idempotencyKey: nil, workflowRunID: "wr-\(id)", upserts: upserts, stubs: [],
            version: nil,
            runs: [
                RecipientRun(
                    id: id, workflowRunID: "wr-\(id)", workflowKey: "comment", version: "v1",
                    environment: "development", recipient: Self.ada, createdAt: Self.later)
            ], now: Self.later)
    }

    @Test func theSamePropertiesOnlyMoveUpdatedAt() async throws {
        let store = try await storeWithAda()
        #expect(try await touch(store, RecipientUpsert(reference: Self.ada, properties: Self.stored)))
        let record = try #require(try await store.recipient(Self.ada, environment: "development"))
        #expect(record.properties == Self.stored)
        #expect(record.properties.keys == ["name", "address"])
        #expect(record.createdAt == "2023-05-01T00:00:00Z")
        #expect(record.updatedAt == Self.later)
    }

    @Test(arguments: [
        RecipientUpsert(reference: ada, properties: ["name": "Ada"]),
        RecipientUpsert(reference: ada, properties: ["address": ["city": "Paris", "zip": "75001"], "name": "Ada"]),
        RecipientUpsert(reference: ada, properties: ["name": "Ada", "address": ["city": "Lyon", "zip": "75001"]]),
        RecipientUpsert(reference: ada, properties: stored, createdAt: "2024-01-01T00:00:00Z"),
        RecipientUpsert(reference: ada, properties: stored, createdAt: .some(nil)),
        RecipientUpsert(reference: ada, properties: stored, channelData: ["push": ["tokens": ["t1"]]]),
        RecipientUpsert(reference: ada, properties: stored, preferences: ["default": ["channel_types": [:]]]),
        RecipientUpsert(reference: .user("grace"), properties: stored),
        RecipientUpsert(reference: .object(collection: "teams", id: "ada"), properties: stored),
    ])
    func anythingElseChangesNothingAndIsLeftToTheMerge(_ upsert: RecipientUpsert) async throws {
        let store = try await storeWithAda()
        #expect(try await touch(store, upsert) == false)
        let record = try #require(try await store.recipient(Self.ada, environment: "development"))
        #expect(record.properties == Self.stored)
        #expect(record.updatedAt == Self.created)
        #expect(try await store.recipient(.user("grace"), environment: "development") == nil)
    }

    @Test func aTriggerMergesChangedPropertiesAndTouchesRepeatedOnesInOrder() async throws {
        let store = try await storeWithAda()
        let results = try await store.accept([
            trigger(
                "r1",
                upserts: [
                    RecipientUpsert(reference: Self.ada, properties: Self.stored),
                    RecipientUpsert(reference: Self.ada, properties: ["address": ["city": "Lyon"], "plan": "pro"]),
                    RecipientUpsert(reference: Self.ada, properties: ["name": "Ada L."]),
                ])
        ])
        #expect(try results.map { try $0.get() } == [.stored])
        let record = try #require(try await store.recipient(Self.ada, environment: "development"))
        #expect(
            JSONValue.object(record.properties).encoded()
                == #"{"name":"Ada L.","address":{"city":"Lyon","zip":"75001"},"plan":"pro"}"#)
        #expect(record.createdAt == "2023-05-01T00:00:00Z")
        #expect(record.updatedAt == Self.later)
    }

    @Test func aTriggerRepeatingThePropertiesKeepsThemAndMovesUpdatedAt() async throws {
        let store = try await storeWithAda()
        let results = try await store.accept([
            trigger("r1", upserts: [RecipientUpsert(reference: Self.ada, properties: Self.stored)])
        ])
        #expect(try results.map { try $0.get() } == [.stored])
        let record = try #require(try await store.recipient(Self.ada, environment: "development"))
        #expect(
            JSONValue.object(record.properties).encoded() == #"{"name":"Ada","address":{"city":"Paris","zip":"75001"}}"#
        )
        #expect(record.createdAt == "2023-05-01T00:00:00Z")
        #expect(record.updatedAt == Self.later)
    }
}
