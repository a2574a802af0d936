public import Foundation

/// A bulk call the host applied: Knock's `BulkOperation`, kept so that callers can fetch it again by id
/// (`GET /v1/bulk_operations/{id}`).
///
/// Knock runs bulk calls in the background and reports their progress. The host applies a bulk call
/// whole before answering, and a call with any invalid entry is rejected and never becomes an operation,
/// so every stored operation is completed, with every row processed and none failed.
public struct BulkOperation: Sendable, Hashable {
    /// The operation id (a UUID).
    public var id: String
    /// The environment whose key made the call.
    public var environment: String
    /// What ran, such as `users.identify` or `subscriptions.add`.
    public var name: String
    /// How many rows (entries) the call held.
    public var rows: Int
    /// When the call was applied.
    public var completedAt: Date

    /// Creates an operation.
    public init(id: String, environment: String, name: String, rows: Int, completedAt: Date) {
        self.id = id
        self.environment = environment
        self.name = name
        self.rows = rows
        self.completedAt = completedAt
    }
}

/// Where completed bulk operations are kept.
public protocol BulkOperationStore: Sendable {
    /// Stores an operation (replacing one with the same id).
    func saveBulkOperation(_ operation: BulkOperation) async throws

    /// The operation with this id in the environment, or `nil`.
    func bulkOperation(id: String, environment: String) async throws -> BulkOperation?
}

/// A ``BulkOperationStore`` in memory, for tests and one-shot tools.
public actor InMemoryBulkOperationStore: BulkOperationStore {
    private var byID: [String: BulkOperation] = [:]

    /// An empty store.
    public init() {}

    public func saveBulkOperation(_ operation: BulkOperation) {
        byID[operation.id] = operation
    }

    public func bulkOperation(id: String, environment: String) -> BulkOperation? {
        byID[id].flatMap { $0.environment == environment ? $0 : nil }
    }
}
