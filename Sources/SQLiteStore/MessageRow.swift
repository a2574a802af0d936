import Engine
import Foundation
import Providers

/// How a ``MessageRecord`` maps to a row of the `messages` table.
///
/// Content, recipient and send windows are stored as their JSON forms; the content's channel type is
/// stored beside it (`content_type`) because the JSON form does not carry it. Dates are integer
/// milliseconds since 1970.
enum MessageRow {
    /// The record's columns, in the order of ``values(of:)`` and of the columns ``record(from:)`` reads.
    static let columns = [
        "id", "environment", "channel_id", "provider", "channel_type", "kind",
        "workflow_key", "workflow_run_id", "workflow_recipient_run_id", "workflow_step_ref",
        "recipient", "content_type", "content", "send_windows", "status",
        "seen_at", "read_at", "interacted_at", "link_clicked_at", "archived_at",
        "provider_message_id", "attempt_count", "next_attempt_at", "reauthentication_retried",
        "created_at", "updated_at", "retry_round_start", "tenant", "data", "recipient_id",
    ]

    /// The engagement columns, which ``update`` leaves alone (see ``updateEngagement``).
    static let engagementColumns: Set<String> = [
        "seen_at", "read_at", "interacted_at", "link_clicked_at", "archived_at",
    ]

    /// `SELECT <columns> FROM messages`, to be followed by a `WHERE` clause.
    static let select = "SELECT \(columns.joined(separator: ", ")) FROM messages"

    /// Inserts a record, with no lease; the parameters are ``values(of:)``.
    static let insert =
        "INSERT INTO messages (\(columns.joined(separator: ", "))) VALUES ("
        + columns.indices.map { "?\($0 + 1)" }.joined(separator: ", ") + ")"

    /// Inserts a record leased to its owner until a time; the parameters are ``values(of:)``, then the
    /// owner and the lease's expiry.
    static let insertLeased =
        "INSERT INTO messages (\(columns.joined(separator: ", ")), lease_owner, lease_expires_at) VALUES ("
        + (0..<columns.count + 2).map { "?\($0 + 1)" }.joined(separator: ", ") + ")"

    /// Leases the records whose ids are the JSON array of strings `?3` to `?1` until `?2` and returns
    /// them, as ``select`` does, in no particular order.
    static let leaseMany =
        "UPDATE messages SET lease_owner = ?1, lease_expires_at = ?2 "
        + "WHERE id IN (SELECT value FROM json_each(?3)) RETURNING " + columns.joined(separator: ", ")

    /// Updates every column of the record `?1` except the engagement ones, if its status is still the
    /// expected one; the parameters are ``values(of:)``, then the owner whose lease to release (`NULL` to
    /// keep the lease), then the expected status (`NULL` for any).
    static let update: String = {
        let assignments = columns.indices.dropFirst().filter { !engagementColumns.contains(columns[$0]) }.map {
            "\(columns[$0]) = ?\($0 + 1)"
        }
        let owner = "?\(columns.count + 1)"
        let expected = "?\(columns.count + 2)"
        return "UPDATE messages SET \(assignments.joined(separator: ", ")), "
            + "lease_owner = CASE WHEN lease_owner = \(owner) THEN NULL ELSE lease_owner END, "
            + "lease_expires_at = CASE WHEN lease_owner = \(owner) THEN NULL ELSE lease_expires_at END "
            + "WHERE id = ?1 AND (\(expected) IS NULL OR status = \(expected))"
    }()

    /// Sets the engagement columns and `updated_at` of the record `?1` to `?2` … `?7`.
    static let updateEngagement =
        "UPDATE messages SET seen_at = ?2, read_at = ?3, interacted_at = ?4, link_clicked_at = ?5, "
        + "archived_at = ?6, updated_at = ?7 WHERE id = ?1"

    /// The values of ``columns`` for a record.
    static func values(of record: MessageRecord) -> [any SQLiteBindable] {
        [
            record.id, record.environment, record.channelID, record.provider.rawValue,
            record.channelType.rawValue, record.kind.rawValue,
            record.workflow?.key, record.workflow?.runID, record.workflow?.recipientRunID, record.workflow?.stepRef,
            record.recipient.json.encoded(), record.content?.channelType.rawValue, record.content?.json.encoded(),
            JSONValue.array(record.sendWindows.map(\.json)).encoded(), record.status.rawValue,
            record.engagement.seenAt, record.engagement.readAt, record.engagement.interactedAt,
            record.engagement.linkClickedAt, record.engagement.archivedAt,
            record.providerMessageID, record.attemptCount, record.nextAttemptAt, record.reauthenticationRetried,
            record.createdAt, record.updatedAt, record.retryRoundStart, record.tenant,
            record.data.map { JSONValue.object($0).encoded() }, record.recipient.id,
        ]
    }

    /// Reads a record from a row of ``select``.
    ///
    /// - Throws: ``EngineError/Code/storageFailure`` if a stored value is not one this DeliveryHost writes.
    static func record(from row: some SQLiteColumns) throws -> MessageRecord {
        let id = row.string(0)
        func unreadable(_ column: String, _ detail: String = "") -> EngineError {
            EngineError(.storageFailure, "message \(id): the stored \(column) is unreadable\(detail)")
        }
        guard let channelType = ChannelType(rawValue: row.string(4)) else { throw unreadable("channel_type") }
        guard let kind = MessageRecord.Kind(rawValue: row.string(5)) else { throw unreadable("kind") }
        guard let status = DeliveryStatus(rawValue: row.string(14)) else { throw unreadable("status") }
        let workflow = row.optionalString(6).map { key in
            WorkflowReference(
                key: key, runID: row.optionalString(7), recipientRunID: row.optionalString(8),
                stepRef: row.optionalString(9))
        }
        // Parse errors are not quoted: they could contain recipient data or message content.
        let recipient: Recipient
        do {
            recipient = try Recipient(json: JSONValue.parse(row.string(10)), source: "recipient")
        } catch {
            throw unreadable("recipient")
        }
        var content: OutboundMessage.Content?
        if let text = row.optionalString(12) {
            guard let contentType = ChannelType(rawValue: row.string(11)) else { throw unreadable("content_type") }
            do {
                content = try OutboundMessage.Content(
                    json: JSONValue.parse(text), channelType: contentType, source: "content")
            } catch {
                throw unreadable("content")
            }
        }
        var data: JSONObject?
        if let text = row.optionalString(28) {
            guard let object = try? JSONValue.parse(text).objectValue else { throw unreadable("data") }
            data = object
        }
        let sendWindows: [SendWindow]
        do {
            sendWindows = try SendWindow.parseList(JSONValue.parse(row.string(13)))
        } catch {
            throw unreadable("send_windows", ": \(error)")
        }
        return MessageRecord(
            id: id, environment: row.string(1), channelID: row.string(2), provider: ProviderID(row.string(3)),
            channelType: channelType, kind: kind, workflow: workflow, tenant: row.optionalString(27), data: data,
            recipient: recipient, content: content,
            sendWindows: sendWindows, status: status,
            engagement: Engagement(
                seenAt: row.optionalDate(15), readAt: row.optionalDate(16), interactedAt: row.optionalDate(17),
                linkClickedAt: row.optionalDate(18), archivedAt: row.optionalDate(19)),
            providerMessageID: row.optionalString(20), attemptCount: row.int(21), retryRoundStart: row.int(26),
            nextAttemptAt: row.optionalDate(22),
            reauthenticationRetried: row.bool(23), createdAt: row.date(24), updatedAt: row.date(25))
    }
}
