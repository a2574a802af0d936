import Foundation

extension DeliveryPipeline {
    /// Whether a message being enqueued can skip the queue: stored already leased to this pipeline and
    /// attempted at once, rather than stored unleased for the dispatcher to claim.
    ///
    /// Only while ``run(drainTimeout:)`` dispatches, for a message that is due now (`queued`, not
    /// outside a send window, not in sandbox mode), on a channel with free capacity (its rate and
    /// concurrency limits), and only when nothing else of the channel is due, as far as the pipeline
    /// knows (see ``dueHints``), so that a fresh message never overtakes one that waits. When it
    /// returns `true` it has taken the capacity for the attempt from the channel's limiter.
    func startsOnEnqueue(_ message: MessageRecord, key: ChannelKey, channel: DeliveryChannel, now: Date) -> Bool {
        guard isDispatching, message.status == .queued, let due = message.nextAttemptAt, due <= now,
            let hint = dueHints[key], hint.map({ $0 > now }) ?? true
        else { return false }
        var limiter = limiters[key] ?? channel.makeRateLimiter()
        defer { limiters[key] = limiter }
        guard limiter.available(at: now) > 0 else { return false }
        limiter.start(1, at: now)
        return true
    }

    /// Records that a message of the channel is due at `date` (stored unleased, or scheduled for a
    /// retry): no message starts on enqueue there before the dispatcher has claimed it.
    func noteDue(_ key: ChannelKey, at date: Date) {
        dueHintGeneration += 1
        guard let hint = dueHints[key] else { return }
        dueHints[key] = min(hint ?? date, date)
    }

    /// Whether messages of the channel may be due at `now`, as far as the pipeline knows: `false` only
    /// when the dispatcher found nothing due when it went idle and nothing was scheduled since for
    /// before `now`.
    func mayHaveDueWork(_ key: ChannelKey, at now: Date) -> Bool {
        guard let hint = dueHints[key] else { return true }
        return hint.map { $0 <= now } ?? false
    }

    /// Stores a message that starts on enqueue, leased to this pipeline, and hands its capacity back if
    /// storing fails.
    func insertLeased(_ message: MessageRecord, events: [MessageEvent], key: ChannelKey, now: Date) async throws {
        do {
            try await store.insert(
                message, events: events, leaseOwner: configuration.owner,
                leaseUntil: now.addingTimeInterval(configuration.leaseDuration.seconds))
        } catch {
            limiters[key]?.finish()
            throw error
        }
    }

    /// Starts the attempt of a message stored leased on enqueue; if the pipeline stopped dispatching
    /// meanwhile, releases the lease instead, so that the message is due for the next worker at once.
    func startEnqueued(_ message: MessageRecord, key: ChannelKey, channel: DeliveryChannel) async {
        guard isDispatching else {
            limiters[key]?.finish()
            _ = await recordOutcome(
                MessageChange(
                    message: message, expectedStatus: message.status, releasingLeaseOf: configuration.owner,
                    original: message))
            return
        }
        startAttempt(ClaimedMessage(message: message, channel: channel, key: key))
    }
}
