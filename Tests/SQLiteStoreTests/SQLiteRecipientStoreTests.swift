import Engine
import Foundation
import Providers
import Testing

@testable import SQLiteStore

/// What only the SQLite recipient store does: persist, migrate, and lay out its rows. The behaviour it
/// shares with the in-memory store is tested in WorkflowTests' RecipientStoreTests, against both.
@Suite struct SQLiteRecipientStoreTests {
    private let now = Date(timeIntervalSince1970: 1_716_379_200.25)

    @Test func recipientsSurviveReopening() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let project = RecipientReference.object(collection: "projects", id: "p1")
        do {
            let store = try SQLiteMessageStore.open(directory: directory.path)
            _ = try await store.upsert(
                [
                    try RecipientUpsert.parse(
                        body: [
                            "name": "Ann", "nested": ["a": [1, 2]], "created_at": "2024-01-01T00:00:00Z",
                            "channel_data": ["ios": ["tokens": ["t1"]]],
                            "preferences": ["default": ["channel_types": ["email": false]]],
                        ], reference: .user("u1"), path: ""),
                    RecipientUpsert(reference: project, properties: ["name": "Apollo"]),
                ], environment: "production", now: now)
            await store.close()
        }
        let store = try SQLiteMessageStore.open(directory: directory.path)
        #expect(
            try await store.recipient(.user("u1"), environment: "production")
                == RecipientRecord(
                    reference: .user("u1"), properties: ["name": "Ann", "nested": ["a": [1, 2]]],
                    createdAt: "2024-01-01T00:00:00Z", updatedAt: now))
        #expect(try await store.recipient(project, environment: "production")?.properties == ["name": "Apollo"])
        #expect(try await store.allChannelData(.user("u1"), environment: "production") == ["ios": ["tokens": ["t1"]]])
        #expect(
            try await store.preferenceSets(.user("u1"), environment: "production") == [
                "default": ["channel_types": ["email": false]]
            ])
    }

    @Test func rowsKeepUsersInTheEmptyCollectionAndObjectsByStorageID() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file(SQLiteMessageStore.fileName)
        let store = try SQLiteMessageStore.open(path: path)
        _ = try await store.upsert(
            [
                RecipientUpsert(reference: .user("u1"), properties: ["b": 1, "a": 2]),
                RecipientUpsert(
                    reference: .tenant("acme"), channelData: ["slack": ["connections": []]],
                    preferences: ["default": [:]]),
            ], environment: "production", now: now)
        await store.close()
        let connection = try SQLiteConnection(path: path)
        let rows = try connection.query(
            "SELECT environment, collection, id, properties, created_at, updated_at FROM recipients ORDER BY collection"
        ) { row in
            [
                row.string(0), row.string(1), row.string(2), row.string(3), row.optionalString(4) ?? "NULL",
                String(row.int(5)),
            ]
        }
        #expect(
            rows == [
                ["production", "", "u1", #"{"b":1,"a":2}"#, "NULL", "1716379200250"],
                ["production", "$tenants", "acme", "{}", "NULL", "1716379200250"],
            ])
        #expect(
            try connection.query("SELECT recipient_id, channel_id FROM channel_data") { [$0.string(0), $0.string(1)] }
                == [["$tenants/acme", "slack"]])
        #expect(
            try connection.query("SELECT recipient_id, set_id, data FROM preference_sets") {
                [$0.string(0), $0.string(1), $0.string(2)]
            } == [["$tenants/acme", "default", "{}"]])
    }

    @Test func aVersion2DatabaseIsMigratedKeepingItsChannelData() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A database as version 2 left it: channel data but no recipients table.
        let (path, connection) = try directory.database(atVersion: 2)
        try connection.executeScript(
            """
            INSERT INTO channel_data (environment, recipient_id, channel_id, data)
            VALUES ('production', 'u1', 'ios', '{"tokens":["t1"]}');
            """)
        let store = try SQLiteMessageStore.open(path: path)
        #expect(try await store.allChannelData(.user("u1"), environment: "production") == ["ios": ["tokens": ["t1"]]])
        #expect(try await store.recipient(.user("u1"), environment: "production") == nil)
        _ = try await store.upsert([RecipientUpsert(reference: .user("u1"))], environment: "production", now: now)
        #expect(try await store.recipient(.user("u1"), environment: "production")?.updatedAt == now)
        await store.close()
        #expect(try Schema.version(of: SQLiteConnection(path: path)) == SQLiteMessageStore.schemaVersion)
    }

    @Test func unreadableStoredPropertiesAreAStorageFailure() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file(SQLiteMessageStore.fileName)
        let store = try SQLiteMessageStore.open(path: path)
        _ = try await store.upsert([RecipientUpsert(reference: .user("u1"))], environment: "production", now: now)
        try SQLiteConnection(path: path).executeScript("UPDATE recipients SET properties = '[1'")
        let error = try await #require(throws: EngineError.self) {
            try await store.recipient(.user("u1"), environment: "production")
        }
        #expect(error.code == .storageFailure)
        #expect(error.message == "the stored properties of user \"u1\" are unreadable")
    }
}
