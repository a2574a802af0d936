public import Engine
public import Foundation
internal import HTTPServer

/// Records the bulk calls the host applied as completed `BulkOperation`s, so that callers can fetch them
/// again with `GET /v1/bulk_operations/{id}` (``BulkOperationsRoutes``), and answers them in Knock's shape.
///
/// ```swift
/// let operations = BulkOperations(store: sqliteStore)
/// router.register(UsersRoutes(store: sqliteStore, messages: sqliteStore, operations: operations))
/// router.register(BulkOperationsRoutes(operations: operations))
/// ```
public struct BulkOperations: Sendable {
    /// Where operations are kept.
    public var store: any BulkOperationStore
    /// Makes operation ids.
    public var makeID: @Sendable () -> String

    /// Creates a recorder.
    ///
    /// - Parameters:
    ///   - store: Where operations are kept.
    ///   - makeID: Makes operation ids (random UUIDs by default).
    public init(
        store: any BulkOperationStore,
        makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.store = store
        self.makeID = makeID
    }

    /// Stores a completed operation and answers it.
    ///
    /// - Parameters:
    ///   - name: What ran, such as `users.identify`.
    ///   - rows: How many entries the call held.
    ///   - environment: The environment of the call.
    ///   - now: When it was applied.
    func completed(_ name: String, rows: Int, environment: String, at now: Date) async throws -> HTTPServerResponse {
        let operation = BulkOperation(id: makeID(), environment: environment, name: name, rows: rows, completedAt: now)
        try await store.saveBulkOperation(operation)
        return .json(operation.knockJSON)
    }
}
