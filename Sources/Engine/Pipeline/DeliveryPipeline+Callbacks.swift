import Foundation
public import Providers

extension DeliveryPipeline {
    /// What applying one provider callback came to.
    public struct CallbackResult: Sendable, Hashable {
        /// The provider's handshake or update outcome.
        public var outcome: CallbackOutcome
        /// The ids of the messages whose status changed.
        public var applied: [String]
        /// Updates already reflected (a duplicate callback).
        public var duplicates: [String]
        /// Updates refused by the transition rules (late or out of order), by message id.
        public var ignored: [String]
        /// Provider message ids no stored message has.
        public var unknown: [String]
    }

    /// The entry point for provider status callbacks: has the channel's provider verify and parse the raw
    /// request, then applies each update to the message found by provider message id.
    ///
    /// Forged or stale callbacks are rejected (and counted) and nothing is applied. Updates for unknown
    /// ids are counted and reported, never applied. An update that the transition rules refuse (such as
    /// `delivered` after `bounced`) leaves the status alone and adds a warning to the timeline.
    ///
    /// - Parameters:
    ///   - channel: The channel the callback is for (from its URL).
    ///   - callback: The request as received.
    /// - Returns: What was applied.
    /// - Throws: ``ProviderError`` (``ProviderError/Code/forgedCallback``, ``ProviderError/Code/invalidCallback``)
    ///   from the provider; ``EngineError/Code/notFound`` for an unknown channel or one without callbacks.
    public func handleCallback(channel key: ChannelKey, _ callback: ProviderCallback) async throws -> CallbackResult {
        guard let channel = channels.channel(key) else {
            throw EngineError(
                .notFound, "channel '\(key.channelID)' is not configured in environment '\(key.environment)'")
        }
        guard let handler = channel.provider as? any StatusCallbackHandling else {
            throw EngineError(
                .notFound,
                "the \(channel.settings.provider) provider of channel '\(key.channelID)' has no status callbacks")
        }
        let outcome: CallbackOutcome
        do {
            outcome = try await handler.handleCallback(callback)
        } catch {
            callbackCounters.rejected += 1
            throw error
        }
        var result = CallbackResult(outcome: outcome, applied: [], duplicates: [], ignored: [], unknown: [])
        guard case .updates(let updates) = outcome else { return result }
        for update in updates {
            await apply(update, on: key, into: &result)
        }
        return result
    }

    private func apply(_ update: StatusUpdate, on key: ChannelKey, into result: inout CallbackResult) async {
        for _ in 0..<3 {
            guard
                let message = try? await store.message(
                    providerMessageID: update.providerMessageID, channelID: key.channelID, environment: key.environment)
            else {
                callbackCounters.unknownMessages += 1
                result.unknown.append(update.providerMessageID)
                return
            }
            let target: DeliveryStatus
            switch update.status {
            case .delivered: target = .delivered
            case .undelivered: target = .undelivered
            case .bounced: target = .bounced
            }
            let now = clock.now()
            var reason = update.reason ?? "provider callback"
            if let code = update.providerCode { reason += " (\(code))" }
            if message.status == target {
                result.duplicates.append(message.id)
                return
            }
            var updated = message
            var events: [MessageEvent]
            if message.status.canTransition(to: target, cause: .providerCallback) {
                updated.status = target
                updated.nextAttemptAt = nil
                updated.updatedAt = now
                events = [event(updated, .status(target), reason: "provider callback: \(reason)", at: now)]
            } else {
                callbackCounters.ignoredTransitions += 1
                events = [
                    event(
                        message, .warning,
                        reason:
                            "ignored a late or out-of-order \(target.rawValue) callback while \(message.status.rawValue): \(reason)",
                        at: now)
                ]
            }
            do {
                try await store.record(MessageChange(message: updated, expectedStatus: message.status, events: events))
            } catch let error as EngineError where error.code == .conflict {
                continue
            } catch {
                return
            }
            if updated.status != message.status {
                result.applied.append(message.id)
                observeStatus(updated, previous: message.status, at: now)
                await publish(events, of: updated)
            } else {
                result.ignored.append(message.id)
            }
            return
        }
    }

    /// Re-queues an `undelivered` message for a new round of attempts (manual retry).
    ///
    /// - Throws: ``EngineError/Code/notFound`` or ``EngineError/Code/invalidTransition`` if it is not undelivered.
    @discardableResult
    public func retry(messageID: String) async throws -> MessageRecord {
        guard let message = try await store.message(id: messageID) else {
            throw EngineError(.notFound, "no message \(messageID)")
        }
        guard message.status.canTransition(to: .queued, cause: .manualRetry) else {
            throw EngineError(
                .invalidTransition,
                "message \(messageID) is \(message.status.rawValue); only undelivered messages can be retried")
        }
        let now = clock.now()
        var updated = message
        updated.status = .queued
        updated.retryRoundStart = message.attemptCount
        updated.reauthenticationRetried = false
        updated.nextAttemptAt = now
        updated.updatedAt = now
        let events = [
            event(updated, .status(.queued), reason: "manual retry (after \(message.attemptCount) attempts)", at: now)
        ]
        try await store.record(MessageChange(message: updated, expectedStatus: .undelivered, events: events))
        noteDue(ChannelKey(environment: updated.environment, channelID: updated.channelID), at: now)
        observeStatus(updated, previous: message.status, at: now)
        await publish(events, of: updated)
        wakeUp.signal()
        return updated
    }
}
