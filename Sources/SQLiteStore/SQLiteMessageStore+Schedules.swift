public import Engine
public import Foundation
internal import Providers

extension SQLiteMessageStore: ScheduleStore {
    public func save(_ schedules: [Schedule]) async throws {
        let rows = schedules.map { ($0, $0.storageJSON.encoded()) }
        try await write { [self] in
            for (schedule, body) in rows {
                try connection.execute(
                    "INSERT INTO schedules (id, environment, workflow_key, recipient_id, next_occurrence_at, body) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET "
                        + "next_occurrence_at = excluded.next_occurrence_at, body = excluded.body",
                    schedule.id, schedule.environment, schedule.workflowKey, schedule.recipient.storageID,
                    schedule.nextOccurrenceAt, body)
            }
        }
    }

    public func schedules(ids: [String], environment: String) throws -> [Schedule] {
        try ids.compactMap { id in
            try connection.queryFirst(
                "SELECT body FROM schedules WHERE id = ?1 AND environment = ?2", id, environment, read: Self.schedule)
        }
    }

    public func schedules(_ query: ScheduleQuery, page: PageRequest) throws -> Page<Schedule> {
        let size = max(1, min(page.size, PageRequest.maximumSize))
        let recipients = query.recipients.map { $0.map(\.storageID) }
        let recipientList = recipients.map { JSONValue.array($0.map(JSONValue.string)).encoded() }
        let found = try connection.query(
            "SELECT body FROM schedules WHERE environment = ?1 AND (?2 IS NULL OR workflow_key = ?2) "
                + "AND (?3 IS NULL OR recipient_id IN (SELECT value FROM json_each(?3))) AND id > ?4 "
                + "ORDER BY id LIMIT ?5",
            query.environment, query.workflowKey, recipientList, page.after ?? "", size + 1, read: Self.schedule)
        let entries = Array(found.prefix(size))
        return Page(
            entries: entries, after: found.count > size ? entries.last?.id : nil,
            before: page.after == nil ? nil : entries.first?.id)
    }

    public func deleteSchedules(ids: [String], environment: String) async throws {
        try await write { [self] in
            for id in ids {
                try connection.execute("DELETE FROM schedules WHERE id = ?1 AND environment = ?2", id, environment)
            }
        }
    }

    public func dueSchedules(now: Date, limit: Int) throws -> [Schedule] {
        try connection.query(
            "SELECT body FROM schedules WHERE next_occurrence_at IS NOT NULL AND next_occurrence_at <= ?1 "
                + "ORDER BY next_occurrence_at, id LIMIT ?2",
            now, limit, read: Self.schedule)
    }

    public func nextScheduleDate() throws -> Date? {
        try connection.queryFirst(
            "SELECT MIN(next_occurrence_at) FROM schedules WHERE next_occurrence_at IS NOT NULL"
        ) { row in row.optionalDate(0) } ?? nil
    }

    private static func schedule(_ row: SQLiteRow) throws -> Schedule {
        try Schedule(storageJSON: try json(row.string(0), what: "schedule"))
    }
}
