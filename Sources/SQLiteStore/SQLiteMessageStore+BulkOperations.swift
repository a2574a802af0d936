public import Engine

extension SQLiteMessageStore: BulkOperationStore {
    public func saveBulkOperation(_ operation: BulkOperation) async throws {
        try await write { [self] in
            try connection.execute(
                "INSERT OR REPLACE INTO bulk_operations (id, environment, name, rows, completed_at) "
                    + "VALUES (?1, ?2, ?3, ?4, ?5)",
                operation.id, operation.environment, operation.name, operation.rows, operation.completedAt)
        }
    }

    public func bulkOperation(id: String, environment: String) throws -> BulkOperation? {
        try connection.queryFirst(
            "SELECT id, environment, name, rows, completed_at FROM bulk_operations WHERE id = ?1 AND environment = ?2",
            id, environment
        ) { row in
            BulkOperation(
                id: row.string(0), environment: row.string(1), name: row.string(2), rows: row.int(3),
                completedAt: row.date(4))
        }
    }
}
