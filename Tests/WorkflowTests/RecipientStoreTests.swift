import Engine
import Foundation
import Providers
import Testing

/// The behaviour every ``RecipientStore`` shares, run against each store.
@Suite struct RecipientStoreTests {
    private let t0 = Date(timeIntervalSince1970: 1_716_379_200)
    private var t1: Date { t0.addingTimeInterval(60) }

    private func user(_ id: String, _ body: JSONObject) throws -> RecipientUpsert {
        try RecipientUpsert.parse(body: body, reference: .user(id), path: "")
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func identifyIsAnUpsertWithDeepMerge(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        let created = try await store.upsert(
            [try user("u1", ["name": "Ann", "a": ["x": 1], "gone": 1, "created_at": "2024-01-01T00:00:00Z"])],
            environment: "production", now: t0)
        #expect(
            created == [
                RecipientRecord(
                    reference: .user("u1"), properties: ["name": "Ann", "a": ["x": 1], "gone": 1],
                    createdAt: "2024-01-01T00:00:00Z", updatedAt: t0)
            ])
        _ = try await store.upsert([try user("u1", ["a": ["y": 2], "gone": nil])], environment: "production", now: t1)
        let stored = try #require(try await store.recipient(.user("u1"), environment: "production"))
        #expect(stored.properties == ["name": "Ann", "a": ["x": 1, "y": 2], "gone": nil])
        #expect(stored.createdAt == "2024-01-01T00:00:00Z")
        #expect(stored.updatedAt == t1)
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func environmentsAreIsolated(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.upsert(
            [try user("u1", ["name": "Prod", "channel_data": ["ios": ["tokens": ["p"]]]])], environment: "production",
            now: t0)
        #expect(try await store.recipient(.user("u1"), environment: "development") == nil)
        #expect(try await store.allChannelData(.user("u1"), environment: "development") == [:])
        #expect(try await store.list(collection: nil, environment: "development", page: PageRequest()).entries.isEmpty)
        try await store.delete([.user("u1")], environment: "development")
        #expect(try await store.recipient(.user("u1"), environment: "production")?.properties == ["name": "Prod"])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func usersAndObjectsAreSeparate(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        let project = RecipientReference.object(collection: "projects", id: "p1")
        _ = try await store.upsert(
            [
                try user("p1", ["name": "User"]),
                RecipientUpsert(reference: project, properties: ["name": "Project"]),
                RecipientUpsert(reference: .tenant("acme"), properties: ["name": "Acme"]),
            ], environment: "production", now: t0)
        let found = try await store.recipients(
            [.user("p1"), project, .tenant("acme"), .object(collection: "teams", id: "p1"), .user("nobody")],
            environment: "production")
        #expect(found.count == 3)
        #expect(found[.user("p1")]?.properties == ["name": "User"])
        #expect(found[project]?.properties == ["name": "Project"])
        #expect(found[.tenant("acme")]?.properties == ["name": "Acme"])
        let projects = try await store.list(collection: "projects", environment: "production", page: PageRequest())
        #expect(projects.entries.map(\.reference) == [project])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func anInvalidUpsertWritesNothing(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        let error = try await #require(throws: EngineError.self) {
            try await store.upsert(
                [
                    RecipientUpsert(reference: .user("ok")),
                    RecipientUpsert(reference: .user("bad/id")),
                ], environment: "production", now: t0)
        }
        #expect(error.message == "[1].id: must not contain \"/\" (\"/\" and \"#\" are not accepted)")
        #expect(try await store.recipient(.user("ok"), environment: "production") == nil)
        let phone = try await #require(throws: EngineError.self) {
            try await store.upsert(
                [RecipientUpsert(reference: .user("u"), properties: ["phone_number": "555"])], environment: "e", now: t0
            )
        }
        #expect(phone.message.hasPrefix("[0].phone_number: \"555\" is not an E.164 phone number"))
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func channelDataAndPreferencesAreStoredByID(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.upsert(
            [
                try user(
                    "u1",
                    [
                        "channel_data": ["ios": ["tokens": ["a", "b"]], "slack": ["connections": []]],
                        "preferences": ["default": ["channel_types": ["email": false], "workflows": ["w": true]]],
                    ])
            ], environment: "production", now: t0)
        _ = try await store.upsert(
            [
                try user(
                    "u1",
                    [
                        "channel_data": ["ios": ["tokens": ["c"]], "slack": nil],
                        "preferences": ["default": ["channel_types": ["sms": true]], "tenant-a": ["categories": [:]]],
                    ])
            ], environment: "production", now: t1)
        #expect(try await store.allChannelData(.user("u1"), environment: "production") == ["ios": ["tokens": ["c"]]])
        #expect(
            try await store.preferenceSets(.user("u1"), environment: "production") == [
                "default": ["channel_types": ["email": false, "sms": true], "workflows": ["w": true]],
                "tenant-a": ["categories": [:]],
            ])
        // The ChannelDataStore view uses the storage id.
        #expect(
            try await store.channelData(recipientID: "u1", channelID: "ios", environment: "production") == [
                "tokens": ["c"]
            ])
        let object = RecipientReference.object(collection: "projects", id: "p1")
        try await store.setChannelData(
            ["connections": []], recipientID: "projects/p1", channelID: "slack", environment: "production")
        #expect(try await store.allChannelData(object, environment: "production") == ["slack": ["connections": []]])
        try await store.unsetChannelData(object, channelID: "slack", environment: "production")
        try await store.unsetChannelData(object, channelID: "never-set", environment: "production")
        #expect(try await store.allChannelData(object, environment: "production") == [:])
        try await store.setPreferenceSet(["workflows": [:]], id: "default", for: .user("u1"), environment: "production")
        try await store.setPreferenceSet(nil, id: "tenant-a", for: .user("u1"), environment: "production")
        #expect(
            try await store.preferenceSets(.user("u1"), environment: "production") == ["default": ["workflows": [:]]])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func removeTokensRemovesOnlyPresentTokens(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        try await store.setChannelData(
            ["tokens": ["a", "b", "c"], "x": 1], recipientID: "u1", channelID: "ios", environment: "e")
        #expect(
            try await store.removeTokens(["c", "z", "a", "c"], recipientID: "u1", channelID: "ios", environment: "e")
                == ["c", "a"])
        #expect(
            try await store.channelData(recipientID: "u1", channelID: "ios", environment: "e") == [
                "tokens": ["b"], "x": 1,
            ])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func deleteRemovesTheRecipientAndItsData(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.upsert(
            [
                try user(
                    "u1", ["name": "Ann", "channel_data": ["ios": ["tokens": ["a"]]], "preferences": ["default": [:]]]),
                try user("u2", ["name": "Bob"]),
            ], environment: "production", now: t0)
        try await store.delete([.user("u1"), .user("missing")], environment: "production")
        #expect(try await store.recipient(.user("u1"), environment: "production") == nil)
        #expect(try await store.allChannelData(.user("u1"), environment: "production") == [:])
        #expect(try await store.preferenceSets(.user("u1"), environment: "production") == [:])
        #expect(try await store.recipient(.user("u2"), environment: "production")?.properties == ["name": "Bob"])
        // Identifying again starts from nothing.
        _ = try await store.upsert([try user("u1", ["email": "new@example.com"])], environment: "production", now: t1)
        #expect(
            try await store.recipient(.user("u1"), environment: "production")?.properties == [
                "email": "new@example.com"
            ])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func mergeCombinesIntoThePrimaryAndDeletesTheSecondary(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.upsert(
            [
                try user(
                    "primary",
                    [
                        "name": "Primary", "a": ["x": 1],
                        "channel_data": ["ios": ["tokens": ["p"]]],
                        "preferences": ["default": ["workflows": ["w": false]]],
                    ]),
                try user(
                    "secondary",
                    [
                        "name": "Secondary", "email": "s@example.com", "a": ["x": 2, "y": 3],
                        "created_at": "2023-01-01T00:00:00Z",
                        "channel_data": ["ios": ["tokens": ["s"]], "android": ["tokens": ["s2"]]],
                        "preferences": ["default": ["channel_types": ["sms": false]], "tenant-a": ["workflows": [:]]],
                    ]),
            ], environment: "production", now: t0)
        let merged = try await store.mergeUser(
            primary: "primary", secondary: "secondary", environment: "production", now: t1)
        #expect(
            merged
                == RecipientRecord(
                    reference: .user("primary"),
                    properties: ["name": "Primary", "a": ["x": 1, "y": 3], "email": "s@example.com"],
                    createdAt: "2023-01-01T00:00:00Z", updatedAt: t1))
        #expect(try await store.recipient(.user("primary"), environment: "production") == merged)
        #expect(try await store.recipient(.user("secondary"), environment: "production") == nil)
        #expect(
            try await store.allChannelData(.user("primary"), environment: "production") == [
                "ios": ["tokens": ["p"]], "android": ["tokens": ["s2"]],
            ])
        #expect(
            try await store.preferenceSets(.user("primary"), environment: "production") == [
                "default": ["workflows": ["w": false]], "tenant-a": ["workflows": [:]],
            ])
        #expect(try await store.allChannelData(.user("secondary"), environment: "production") == [:])
    }

    @Test(arguments: RecipientStoreKind.allCases)
    func mergeRefusesMissingOrIdenticalUsers(kind: RecipientStoreKind) async throws {
        let store = try kind.make()
        _ = try await store.upsert([try user("a", ["name": "A"])], environment: "production", now: t0)
        let missing = try await #require(throws: EngineError.self) {
            try await store.mergeUser(primary: "a", secondary: "b", environment: "production", now: t1)
        }
        #expect(missing.code == .notFound)
        #expect(missing.message == "user \"b\" does not exist in environment \"production\"")
        let same = try await #require(throws: EngineError.self) {
            try await store.mergeUser(primary: "a", secondary: "a", environment: "production", now: t1)
        }
        #expect(same.code == .invalidInput)
        #expect(same.message == "from_user_id: user \"a\" cannot be merged into itself")
        #expect(try await store.recipient(.user("a"), environment: "production")?.updatedAt == t0)
    }
}
