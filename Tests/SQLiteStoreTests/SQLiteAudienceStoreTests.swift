import Engine
import Foundation
import Providers
import Testing

@testable import SQLiteStore

/// What only the SQLite audience store does: persist, migrate from v9, and lay out its rows. The behaviour it
/// shares with the in-memory store is tested in WorkflowTests' AudienceStoreTests.
@Suite struct SQLiteAudienceStoreTests {
    private let now = Date(timeIntervalSince1970: 1_716_379_200.25)

    @Test func membershipsSurviveReopeningWithTheEmptyTenantForNone() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        do {
            let store = try SQLiteMessageStore.open(directory: directory.path)
            try await store.addMembers(
                [AudienceMemberChange(userID: "u1"), AudienceMemberChange(userID: "u1", tenant: "acme")], to: "beta",
                identifying: [], environment: "production", now: now)
            await store.close()
        }
        let reopened = try SQLiteMessageStore.open(directory: directory.path)
        let page = try await reopened.members(of: "beta", environment: "production", page: PageRequest())
        #expect(
            page.entries == [
                AudienceMember(audienceKey: "beta", userID: "u1", tenant: nil, addedAt: now, sequence: 1),
                AudienceMember(audienceKey: "beta", userID: "u1", tenant: "acme", addedAt: now, sequence: 2),
            ])
        await reopened.close()
        #expect(
            try SQLiteConnection(path: directory.file(SQLiteMessageStore.fileName)).query(
                "SELECT environment, audience_key, user_id, tenant, added_at FROM audience_members ORDER BY seq"
            ) { "\($0.string(0)) \($0.string(1)) \($0.string(2)) '\($0.string(3))' \($0.int64(4))" }
                == ["production beta u1 '' 1716379200250", "production beta u1 'acme' 1716379200250"])
    }

    @Test func aVersion9DatabaseIsMigratedKeepingItsRecipients() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file(SQLiteMessageStore.fileName)
        do {
            // A database as version 9 left it: no audience_members table.
            let connection = try SQLiteConnection(path: path)
            for migration in Schema.migrations where migration.version <= 9 {
                for statement in migration.statements { try connection.executeScript(statement) }
            }
            try connection.executeScript(
                """
                INSERT INTO recipients (environment, collection, id, properties, created_at, updated_at)
                VALUES ('production', '', 'u1', '{"name":"Ann"}', NULL, 0);
                PRAGMA user_version = 9;
                """)
        }
        let store = try SQLiteMessageStore.open(path: path)
        #expect(try await store.recipient(.user("u1"), environment: "production")?.properties == ["name": "Ann"])
        try await store.addMembers(
            [AudienceMemberChange(userID: "u1", tenant: "acme")], to: "beta", identifying: [],
            environment: "production", now: now)
        #expect(try await store.audienceKeys(userID: "u1", tenant: "acme", environment: "production") == ["beta"])
        await store.close()
        let connection = try SQLiteConnection(path: path)
        #expect(
            try connection.query(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'audience_members' AND type = 'index' "
                    + "AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name"
            ) { $0.string(0) } == ["audience_members_by_audience"])
        #expect(try Schema.version(of: connection) == 10)
        // The membership check is one search of the key's index, user first.
        let plan = try connection.query(
            "EXPLAIN QUERY PLAN SELECT audience_key FROM audience_members WHERE environment = 'p' AND user_id = 'u' "
                + "AND tenant = ''"
        ) { $0.string(3) }
        #expect(
            plan == [
                "SEARCH audience_members USING COVERING INDEX sqlite_autoindex_audience_members_1 "
                    + "(environment=? AND user_id=? AND tenant=?)"
            ])
    }
}
