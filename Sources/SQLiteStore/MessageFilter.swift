import Engine
import Providers

/// The `WHERE` clause of a ``MessageQuery`` over the `messages` table, with its parameter values.
///
/// The SQL text depends only on which filters are set, never on their values (lists and trigger data
/// are bound as JSON and read with `json_each`), so the connection's statement cache stays small.
struct MessageFilter {
    /// The conditions, joined with `AND`.
    private(set) var clauses: [String] = []
    /// The values of the clauses' `?` parameters, in order.
    private(set) var values: [any SQLiteBindable] = []

    /// The filter of `query`, with `engagement` in place of the query's engagement filters.
    init(_ query: MessageQuery, engagement: Set<EngagementFilter>?) {
        add("environment = ?", query.environment)
        add("kind = 'notification'")
        if let recipient = query.recipient { add("recipient_id = ?", recipient) }
        if let channelID = query.channelID { add("channel_id = ?", channelID) }
        if let statuses = query.statuses {
            add("status IN (SELECT value FROM json_each(?))", Self.array(statuses.map(\.rawValue).sorted()))
        }
        for filter in (engagement ?? []).sorted(by: { $0.rawValue < $1.rawValue }) {
            add(Self.clause(filter))
        }
        if let key = query.workflowKey { add("workflow_key = ?", key) }
        if let tenant = query.tenant { add("tenant = ?", tenant) }
        if let hasTenant = query.hasTenant { add(hasTenant ? "tenant IS NOT NULL" : "tenant IS NULL") }
        if let runID = query.workflowRunID { add("workflow_run_id = ?", runID) }
        if let runID = query.workflowRecipientRunID { add("workflow_recipient_run_id = ?", runID) }
        if let ids = query.messageIDs { add("id IN (SELECT value FROM json_each(?))", Self.array(ids)) }
        if let keys = query.workflowKeys {
            add("workflow_key IN (SELECT value FROM json_each(?))", Self.array(keys.sorted()))
        }
        if let bounds = query.insertedAt { add(bounds) }
        if let triggerData = query.triggerData {
            // Every key of the filter has the same JSON type and value in the message's data.
            add(
                "NOT EXISTS (SELECT 1 FROM json_each(?) AS f WHERE json_type(messages.data, f.fullkey) IS NOT f.type "
                    + "OR json_extract(messages.data, f.fullkey) IS NOT f.value)",
                JSONValue.object(triggerData).encoded())
        }
    }

    /// The clauses as a `WHERE` body.
    var sql: String { clauses.joined(separator: " AND ") }

    /// Adds the condition that the row sorts after (`older: true`) or before a cursor in listing order.
    mutating func add(beyond cursor: MessageCursor, older: Bool) {
        let comparison = older ? "<" : ">"
        add(
            "(created_at \(comparison) ? OR (created_at = ? AND id \(comparison) ?))", cursor.createdAtMilliseconds,
            cursor.createdAtMilliseconds, cursor.id)
    }

    /// Adds each bound that is set on `created_at` (milliseconds since 1970, as stored).
    private mutating func add(_ bounds: DateBounds) {
        if let date = bounds.after { add("created_at > ?", date) }
        if let date = bounds.atOrAfter { add("created_at >= ?", date) }
        if let date = bounds.before { add("created_at < ?", date) }
        if let date = bounds.atOrBefore { add("created_at <= ?", date) }
    }

    private mutating func add(_ clause: String, _ parameters: any SQLiteBindable...) {
        clauses.append(clause)
        values += parameters
    }

    private static func array(_ strings: [String]) -> String {
        JSONValue.array(strings.map(JSONValue.string)).encoded()
    }

    private static func clause(_ filter: EngagementFilter) -> String {
        switch filter {
        case .seen: "seen_at IS NOT NULL"
        case .unseen: "seen_at IS NULL"
        case .read: "read_at IS NOT NULL"
        case .unread: "read_at IS NULL"
        case .archived: "archived_at IS NOT NULL"
        case .unarchived: "archived_at IS NULL"
        case .interacted: "interacted_at IS NOT NULL"
        case .linkClicked: "link_clicked_at IS NOT NULL"
        }
    }
}
