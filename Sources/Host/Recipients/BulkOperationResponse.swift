internal import Foundation
internal import Providers

/// Knock's `BulkOperation` response for a bulk call the host performed synchronously.
///
/// Knock runs bulk calls in the background and answers with an operation to poll. The host applies the
/// whole call before answering, so the operation it returns is already `completed`: every row processed,
/// no errors (a call with any invalid entry is rejected whole and never becomes an operation).
enum BulkOperationResponse {
    /// The operation for `count` rows, finished at `now`.
    ///
    /// - Parameters:
    ///   - id: The operation's id (a UUID).
    ///   - name: What ran, such as `users.identify`.
    ///   - count: How many rows the call held.
    ///   - now: When it ran; every timestamp is this instant.
    static func json(id: String, name: String, count: Int, now: Date) -> JSONValue {
        let time = JSONValue.string(ISO8601Timestamp.string(from: now))
        let rows = JSONValue.number(Double(count))
        return [
            "__typename": "BulkOperation", "id": .string(id), "name": .string(name), "status": "completed",
            "estimated_total_rows": rows, "processed_rows": rows, "success_count": rows, "error_count": 0,
            "error_items": [], "inserted_at": time, "updated_at": time, "started_at": time, "completed_at": time,
            "failed_at": .null,
        ]
    }
}
