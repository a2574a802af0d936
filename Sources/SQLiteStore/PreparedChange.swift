import Engine

/// A ``MessageChange`` with its SQL values encoded, ready to be applied on the store's thread.
///
/// Encoding (the message's JSON columns, the attempt log's exchanges) is the costly part of a write
/// that needs no database, so ``SQLiteMessageStore/record(_:)-(MessageChange)`` does it on the
/// caller's thread before handing the change to the store's.
struct PreparedChange: Sendable {
    /// The change itself.
    let change: MessageChange
    /// The UPDATE for the message: ``MessageRow/updateDeliveryState`` when only its delivery state
    /// changed since ``MessageChange/original``, ``MessageRow/update`` otherwise.
    let update: String
    /// The UPDATE's parameters, the lease owner to release last.
    let updateValues: [any SQLiteBindable]
    /// The attempt log's ``AttemptLogRow/insert`` parameters, if the change has a log.
    let attemptLogValues: [any SQLiteBindable]?

    /// Encodes `change`.
    init(_ change: MessageChange) {
        self.change = change
        let owner = change.releasingLeaseOf as any SQLiteBindable
        if let original = change.original, MessageRow.changesOnlyDeliveryState(change.message, from: original) {
            update = MessageRow.updateDeliveryState
            updateValues = MessageRow.deliveryStateValues(of: change.message) + [owner]
        } else {
            update = MessageRow.update
            updateValues = MessageRow.values(of: change.message) + [owner]
        }
        attemptLogValues = change.attemptLog.map(AttemptLogRow.values(of:))
    }
}
