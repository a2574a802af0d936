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

    /// Schedules in id order (UTF-8 byte order), a page at a time, read in one transaction (see
    /// ``ScheduleStore/schedules(_:page:)``); the tenant is read from the stored body.
    public func schedules(_ query: ScheduleQuery, page: PageRequest) throws -> Page<Schedule> {
        try page.checkBounds()
        let recipients = query.recipients.map { JSONValue.array($0.map { .string($0.storageID) }).encoded() }
        let filter =
            "environment = ?1 AND (?2 IS NULL OR workflow_key = ?2) "
            + "AND (?3 IS NULL OR recipient_id IN (SELECT value FROM json_each(?3))) "
            + "AND (?4 IS NULL OR json_extract(body, '$.tenant') = ?4)"
        func select(_ condition: String, _ order: String, _ id: String?) throws -> [Schedule] {
            try connection.query(
                "SELECT body FROM schedules WHERE \(filter) AND \(condition) ORDER BY id \(order) LIMIT ?6",
                query.environment, query.workflowKey, recipients, query.tenant, id, page.size, read: Self.schedule)
        }
        func exists(_ condition: String, _ id: String) throws -> Bool {
            try connection.queryFirst(
                "SELECT EXISTS (SELECT 1 FROM schedules WHERE \(filter) AND \(condition))",
                query.environment, query.workflowKey, recipients, query.tenant, id
            ) { $0.bool(0) } ?? false
        }
        return try connection.readTransaction {
            let entries =
                if let before = page.before {
                    Array(try select("id < ?5", "DESC", before).reversed())
                } else {
                    try select("(?5 IS NULL OR id > ?5)", "ASC", page.after)
                }
            guard let first = entries.first?.id, let last = entries.last?.id else { return Page(entries: []) }
            return Page(
                entries: entries, after: try exists("id > ?5", last) ? last : nil,
                before: try exists("id < ?5", first) ? first : nil)
        }
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
