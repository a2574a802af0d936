import Engine
import Foundation

extension MessageRow {
    /// Updates only the delivery state of the record `?1` (the columns a delivery attempt changes) if
    /// its status is still `?10` (`NULL` for any), and releases the lease if `?9` holds it; the
    /// parameters are ``deliveryStateValues(of:)``, then that owner (`NULL` to keep the lease), then the
    /// expected status.
    ///
    /// Written instead of ``update`` when nothing else changed, so the recipient, content, send windows
    /// and data are neither encoded again nor rewritten, and only the indexes over these columns (the
    /// due and status indexes) are touched.
    static let updateDeliveryState =
        "UPDATE messages SET status = ?2, provider_message_id = ?3, attempt_count = ?4, next_attempt_at = ?5, "
        + "reauthentication_retried = ?6, updated_at = ?7, retry_round_start = ?8, "
        + "lease_owner = CASE WHEN lease_owner = ?9 THEN NULL ELSE lease_owner END, "
        + "lease_expires_at = CASE WHEN lease_owner = ?9 THEN NULL ELSE lease_expires_at END "
        + "WHERE id = ?1 AND (?10 IS NULL OR status = ?10)"

    /// The values of ``updateDeliveryState``'s `?1` … `?8`.
    static func deliveryStateValues(of record: MessageRecord) -> [any SQLiteBindable] {
        [
            record.id, record.status.rawValue, record.providerMessageID, record.attemptCount, record.nextAttemptAt,
            record.reauthenticationRetried, record.updatedAt, record.retryRoundStart,
        ]
    }

    /// Whether `record` differs from `original` at most in its delivery state (and its engagement, which
    /// ``update`` does not write either), so that ``updateDeliveryState`` stores all of the change.
    static func changesOnlyDeliveryState(_ record: MessageRecord, from original: MessageRecord) -> Bool {
        var probe = record
        probe.status = original.status
        probe.providerMessageID = original.providerMessageID
        probe.attemptCount = original.attemptCount
        probe.nextAttemptAt = original.nextAttemptAt
        probe.reauthenticationRetried = original.reauthenticationRetried
        probe.updatedAt = original.updatedAt
        probe.retryRoundStart = original.retryRoundStart
        probe.engagement = original.engagement
        return probe == original
    }
}
