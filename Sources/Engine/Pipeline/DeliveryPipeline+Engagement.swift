import Foundation

extension DeliveryPipeline {
    /// Applies an engagement change (seen, read, archived, …) to notification messages of one environment,
    /// atomically, and publishes the resulting events.
    ///
    /// For each message whose engagement actually changes, the status's time is set (or cleared),
    /// `updatedAt` moves to now, and one timeline event is stored (`message.seen`, `message.unread`,
    /// …, see ``EngagementChange/eventKind``) and published to the environment's outbound status
    /// webhooks. Messages already in the requested state are returned unchanged, with no event.
    /// Repeated ids count once.
    ///
    /// - Parameters:
    ///   - messageIDs: The messages.
    ///   - environment: Their environment; messages of other environments count as unknown.
    ///   - change: What to set or clear.
    /// - Returns: The messages as stored afterwards, in the order of `messageIDs`.
    /// - Throws: ``EngineError/Code/notFound`` naming every unknown id (nothing is applied then);
    ///   ``EngineError/Code/invalidInput`` for an empty list; storage errors.
    @discardableResult
    public func updateEngagement(messageIDs: [String], environment: String, _ change: EngagementChange)
        async throws -> [MessageRecord]
    {
        var seen: Set<String> = []
        let ids = messageIDs.filter { seen.insert($0).inserted }
        guard !ids.isEmpty else { throw EngineError(.invalidInput, "message_ids: expected at least one message id") }
        for _ in 0..<3 {
            var messages: [MessageRecord] = []
            var unknown: [String] = []
            for id in ids {
                if let message = try await store.message(id: id), message.environment == environment,
                    message.kind == .notification
                {
                    messages.append(message)
                } else {
                    unknown.append(id)
                }
            }
            guard unknown.isEmpty else {
                throw EngineError(
                    .notFound,
                    "no message\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")) in environment '\(environment)'"
                )
            }
            let now = clock.now()
            var changes: [MessageChange] = []
            for index in messages.indices {
                let before = messages[index].engagement
                guard change.apply(to: &messages[index].engagement, at: now) else { continue }
                messages[index].updatedAt = now
                let event = event(messages[index], change.eventKind, reason: "marked \(change.rawValue)", at: now)
                changes.append(MessageChange(message: messages[index], expectedEngagement: before, events: [event]))
            }
            guard !changes.isEmpty else { return messages }
            do {
                try await store.recordEngagement(changes)
            } catch let error as EngineError where error.code == .notFound || error.code == .conflict {
                continue  // changed or deleted meanwhile: read again
            }
            for change in changes { await publish(change.events, of: change.message) }
            return messages
        }
        throw EngineError(.conflict, "the messages changed while their engagement was being updated; try again")
    }
}
