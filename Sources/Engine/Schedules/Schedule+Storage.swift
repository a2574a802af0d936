import Foundation
public import Providers

extension Schedule {
    /// The schedule as stored: every field, dates as seconds since 1970.
    public var storageJSON: JSONValue {
        func time(_ date: Date?) -> JSONValue { date.map { .number($0.timeIntervalSince1970) } ?? .null }
        return [
            "id": .string(id), "environment": .string(environment), "workflow": .string(workflowKey),
            "recipient": .string(recipient.storageID), "actor": actor.map { .string($0.storageID) } ?? .null,
            "tenant": tenant.map(JSONValue.string) ?? .null, "data": .object(data),
            "repeats": .array(repeats.map(\.json)), "scheduled_at": time(scheduledAt), "ending_at": time(endingAt),
            "next_occurrence_at": time(nextOccurrenceAt), "last_occurrence_at": time(lastOccurrenceAt),
            "inserted_at": time(insertedAt), "updated_at": time(updatedAt),
        ]
    }

    /// A schedule read back from ``storageJSON``.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` when the stored value is not a schedule.
    public init(storageJSON json: JSONValue) throws {
        func time(_ key: String) -> Date? { json[key]?.numberValue.map(Date.init(timeIntervalSince1970:)) }
        guard let id = json["id"]?.stringValue, let environment = json["environment"]?.stringValue,
            let workflowKey = json["workflow"]?.stringValue, let recipient = json["recipient"]?.stringValue,
            let insertedAt = time("inserted_at"), let updatedAt = time("updated_at")
        else { throw EngineError(.storageFailure, "a stored schedule is unreadable") }
        self.init(
            id: id, environment: environment, workflowKey: workflowKey,
            recipient: RecipientReference(storageID: recipient),
            actor: json["actor"]?.stringValue.map(RecipientReference.init(storageID:)),
            tenant: json["tenant"]?.stringValue, data: json["data"]?.objectValue ?? JSONObject(),
            repeats: try (json["repeats"]?.arrayValue ?? []).map { try WindowRule.parse($0, path: "repeats") },
            scheduledAt: time("scheduled_at"), endingAt: time("ending_at"),
            nextOccurrenceAt: time("next_occurrence_at"), lastOccurrenceAt: time("last_occurrence_at"),
            insertedAt: insertedAt, updatedAt: updatedAt)
    }
}
