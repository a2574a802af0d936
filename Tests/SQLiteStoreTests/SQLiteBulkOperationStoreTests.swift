import Engine
import Foundation
import Testing

@testable import SQLiteStore

/// Completed bulk operations on SQLite (schema v8): kept per environment, across a reopen.
@Suite struct SQLiteBulkOperationStoreTests {
    let operation = BulkOperation(
        id: "5c9e0b1e-0000-4000-8000-000000000001", environment: "production", name: "users.identify", rows: 1000,
        completedAt: Date(timeIntervalSince1970: 1_735_787_045.123))

    @Test func anOperationIsKeptPerEnvironmentAcrossAReopen() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try SQLiteMessageStore.open(directory: directory.path)
        try await store.saveBulkOperation(operation)
        #expect(try await store.bulkOperation(id: operation.id, environment: "production") == operation)
        #expect(try await store.bulkOperation(id: operation.id, environment: "development") == nil)
        #expect(try await store.bulkOperation(id: "other", environment: "production") == nil)
        await store.close()

        let reopened = try SQLiteMessageStore.open(directory: directory.path)
        #expect(try await reopened.bulkOperation(id: operation.id, environment: "production") == operation)
        await reopened.close()
    }

    @Test func aVersion7DatabaseGainsTheTable() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (path, _) = try directory.database(atVersion: 7)
        let store = try SQLiteMessageStore.open(path: path)
        try await store.saveBulkOperation(operation)
        #expect(try await store.bulkOperation(id: operation.id, environment: "production") == operation)
        await store.close()
        #expect(try Schema.version(of: SQLiteConnection(path: path)) >= 8)
    }
}
