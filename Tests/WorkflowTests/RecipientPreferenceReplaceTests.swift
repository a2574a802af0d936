import Engine
import Foundation
import Providers
import Testing

/// ``RecipientStore/replacePreferenceSet(_:id:for:environment:now:)``, run against each store.
@Suite struct RecipientPreferenceReplaceTests {
    private let t0 = Date(timeIntervalSince1970: 1_716_379_200)
    private var t1: Date { t0.addingTimeInterval(60) }

    /// A store with user `u1` (named Ann, at `t0`) holding a `default` and an `acme` set in `production`.
    private func filled(_ kind: RecipientStoreKind) async throws -> any RecipientStore {
        let store = try kind.make()
        let upsert = try RecipientUpsert.parse(
            body: [
                "name": "Ann",
                "preferences": ["default": ["channel_types": ["sms": false]], "acme": ["workflows": ["w": false]]],
            ],
            reference: .user("u1"), path: "")
        _ = try await store.upsert([upsert], environment: "production", now: t0)
        return store
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func replacesTheSetAndCreatesMissingRecipients(kind: RecipientStoreKind) async throws {
        let store = try await filled(kind)
        let set: JSONValue = ["channel_types": ["email": false]]
        try await store.replacePreferenceSet(
            set, id: "default", for: [.user("u1"), .user("u2"), .object(collection: "projects", id: "p1")],
            environment: "production", now: t1)
        #expect(
            try await store.preferenceSets(.user("u1"), environment: "production")
                == ["default": set, "acme": ["workflows": ["w": false]]])
        #expect(
            try await store.recipient(.user("u1"), environment: "production")
                == RecipientRecord(reference: .user("u1"), properties: ["name": "Ann"], updatedAt: t0))
        #expect(
            try await store.recipient(.user("u2"), environment: "production")
                == RecipientRecord(reference: .user("u2"), updatedAt: t1))
        #expect(try await store.preferenceSets(.user("u2"), environment: "production") == ["default": set])
        #expect(
            try await store.preferenceSets(.object(collection: "projects", id: "p1"), environment: "production")
                == ["default": set])
        #expect(try await store.recipient(.user("u2"), environment: "development") == nil)
        #expect(try await store.preferenceSets(.user("u1"), environment: "development") == [:])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func anInvalidIDWritesNothing(kind: RecipientStoreKind) async throws {
        let store = try await filled(kind)
        let error = await #expect(throws: EngineError.self) {
            try await store.replacePreferenceSet(
                ["channel_types": ["email": false]], id: "default", for: [.user("u1"), .user("u2"), .user("a/b")],
                environment: "production", now: t1)
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.message == ##"[2].id: must not contain "/" ("/" and "#" are not accepted)"##)
        #expect(
            try await store.preferenceSets(.user("u1"), environment: "production")
                == ["default": ["channel_types": ["sms": false]], "acme": ["workflows": ["w": false]]])
        #expect(try await store.recipient(.user("u2"), environment: "production") == nil)
    }
}
