internal import Engine
internal import Foundation
internal import Providers

/// Knock's `Schedule` shape, with the recipient and actor as full `User`/`Object` objects (or missing
/// markers for deleted ones, as in feeds).
enum ScheduleJSON {
    /// Each schedule as JSON, its recipient and actor read from `recipients`.
    static func schedules(_ schedules: [Schedule], recipients: any RecipientStore, environment: String) async throws
        -> [JSONValue]
    {
        let references = schedules.flatMap { [$0.recipient] + ($0.actor.map { [$0] } ?? []) }
        let records = try await recipients.recipients(references, environment: environment)
        func person(_ reference: RecipientReference) -> JSONValue {
            records[reference]?.json ?? FeedParticipants.missingMarker(reference)
        }
        func time(_ date: Date?) -> JSONValue { date.map { .string(ISO8601Timestamp.string(from: $0)) } ?? .null }
        return schedules.map { schedule in
            [
                "__typename": "Schedule", "id": .string(schedule.id), "workflow": .string(schedule.workflowKey),
                "recipient": person(schedule.recipient), "actor": schedule.actor.map(person) ?? .null,
                "tenant": schedule.tenant.map(JSONValue.string) ?? .null, "data": .object(schedule.data),
                "repeats": .array(
                    schedule.repeats.map { rule in
                        var object = rule.json.objectValue ?? JSONObject()
                        object["__typename"] = "ScheduleRepeat"
                        return .object(object)
                    }),
                "scheduled_at": time(schedule.scheduledAt), "ending_at": time(schedule.endingAt),
                "next_occurrence_at": time(schedule.nextOccurrenceAt),
                "last_occurrence_at": time(schedule.lastOccurrenceAt), "inserted_at": time(schedule.insertedAt),
                "updated_at": time(schedule.updatedAt),
            ]
        }
    }
}
