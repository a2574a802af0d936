internal import Engine
internal import Providers

extension BulkOperation {
    /// The operation as Knock's `BulkOperation` JSON: `completed`, every row processed and successful,
    /// every timestamp the time it was applied.
    var knockJSON: JSONValue {
        let time = JSONValue.string(ISO8601Timestamp.string(from: completedAt))
        let rows = JSONValue.number(Double(rows))
        return [
            "__typename": "BulkOperation", "id": .string(id), "name": .string(name), "status": "completed",
            "estimated_total_rows": rows, "processed_rows": rows, "success_count": rows, "error_count": 0,
            "error_items": [], "inserted_at": time, "updated_at": time, "started_at": time, "completed_at": time,
            "failed_at": .null,
        ]
    }
}
