import Engine
import Foundation
import Providers
import Testing

@testable import SQLiteStore

/// What only the SQLite subscription store does: persist, migrate from v6, and lay out its rows. The
/// behaviour it shares with the in-memory store is tested in WorkflowTests' SubscriptionStoreTests.
@Suite struct SQLiteSubscriptionStoreTests {
    private let now = Date(timeIntervalSince1970: 1_716_379_200.25)
    private let project = RecipientReference.object(collection: "projects", id: "p1")

    @Test func subscriptionsSurviveReopening() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try SQLiteMessageStore.open(directory: directory.path)
            _ = try await store.upsert(
                [RecipientUpsert(reference: project), RecipientUpsert(reference: .user("u1"))],
                environment: "production", now: now)
            _ = try await store.subscribe(
                [SubscriptionChange(object: project, recipient: .user("u1"), properties: ["role": ["a", 1]])],
                identifying: [], environment: "production", now: now)
            await store.close()
        }
        let reopened = try SQLiteMessageStore.open(directory: directory.path)
        let page = try await reopened.subscriptions(
            SubscriptionQuery(environment: "production", side: .subscriber(.user("u1"))), page: PageRequest())
        #expect(
            page.entries == [
                Subscription(
                    object: project, recipient: .user("u1"), properties: ["role": ["a", 1]], insertedAt: now,
                    updatedAt: now, sequence: 1)
            ])
        await reopened.close()
        #expect(
            try SQLiteConnection(path: directory.file(SQLiteMessageStore.fileName)).query(
                "SELECT environment, object_id, recipient_id, properties FROM subscriptions"
            ) { [$0.string(0), $0.string(1), $0.string(2), $0.string(3)] }
                == [["production", "projects/p1", "u1", #"{"role":["a",1]}"#]])
    }

    @Test func aVersion6DatabaseIsMigratedKeepingItsRecipients() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A database as version 6 left it: recipients and schedules, no subscriptions table.
        let (path, connection) = try directory.database(atVersion: 6)
        try connection.executeScript(
            """
            INSERT INTO recipients (environment, collection, id, properties, created_at, updated_at)
            VALUES ('production', 'projects', 'p1', '{}', NULL, 0), ('production', '', 'u1', '{}', NULL, 0);
            """)
        let store = try SQLiteMessageStore.open(path: path)
        let stored = try await store.subscribe(
            [SubscriptionChange(object: project, recipient: .user("u1"))], identifying: [],
            environment: "production", now: now)
        #expect(stored.map(\.recipient) == [.user("u1")])
        await store.close()
        #expect(
            try SQLiteConnection(path: path).query(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'subscriptions' AND type = 'index' "
                    + "AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name"
            ) { $0.string(0) } == ["subscriptions_by_object", "subscriptions_by_recipient"])
        #expect(try Schema.version(of: SQLiteConnection(path: path)) == SQLiteMessageStore.schemaVersion)
    }

    @Test func unreadableStoredPropertiesAreAStorageFailure() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteMessageStore.open(directory: directory.path)
        _ = try await store.upsert(
            [RecipientUpsert(reference: project), RecipientUpsert(reference: .user("u1"))], environment: "production",
            now: now)
        _ = try await store.subscribe(
            [SubscriptionChange(object: project, recipient: .user("u1"))], identifying: [], environment: "production",
            now: now)
        try SQLiteConnection(path: directory.file(SQLiteMessageStore.fileName)).execute(
            "UPDATE subscriptions SET properties = '[1]'")
        let error = await #expect(throws: EngineError.self) {
            _ = try await store.subscriptions(
                SubscriptionQuery(environment: "production", side: .object(project)), page: PageRequest())
        }
        #expect(error?.message == "the stored properties of a subscription are unreadable")
    }
}
