import Foundation
import Providers

extension DeliveryPipeline {
    /// When a message may be attempted at or after `date`, under its send windows in the recipient's
    /// time zone (falling back to the environment's, then `Etc/UTC`), with any warnings to record.
    func schedule(_ message: MessageRecord, channel: DeliveryChannel, from date: Date) -> (
        date: Date?, warnings: [MessageEvent]
    ) {
        guard !message.sendWindows.isEmpty else { return (date, []) }
        var warnings: [MessageEvent] = []
        let timeZone: TimeZone
        if let name = message.recipient.timezone {
            if let zone = TimeZone(identifier: name) {
                timeZone = zone
            } else {
                timeZone = channel.defaultTimeZone
                warnings.append(
                    event(
                        message, .warning,
                        reason:
                            "recipient time zone '\(name)' is not a valid IANA time zone; using \(timeZone.identifier)",
                        at: clock.now()))
            }
        } else {
            timeZone = channel.defaultTimeZone
        }
        return (SendWindowSchedule(message.sendWindows).nextOpening(atOrAfter: date, in: timeZone), warnings)
    }

    // MARK: - Enqueueing

    /// Stores a new message and schedules it: `queued` now, or at its send window's next opening; or
    /// `not_sent` at once when the channel is in sandbox mode.
    ///
    /// While ``run(drainTimeout:)`` dispatches, a message due now on a channel with free capacity and
    /// nothing else due is stored already leased to this pipeline and attempted at once, skipping the
    /// claim; a crash before its outcome is stored leaves a lease that expires, after which it is
    /// claimed again like any other.
    ///
    /// - Returns: The stored message.
    /// - Throws: ``EngineError/Code/invalidInput`` if the channel is not configured (or disabled) in the
    ///   environment or the content is for another channel type; storage errors.
    @discardableResult
    public func enqueue(_ request: EnqueueRequest) async throws -> MessageRecord {
        let key = ChannelKey(environment: request.environment, channelID: request.channelID)
        guard let channel = channels.channel(key) else {
            throw EngineError(
                .invalidInput,
                "channel '\(request.channelID)' is not configured or not enabled in environment '\(request.environment)'"
            )
        }
        guard request.content.channelType == channel.channelType else {
            throw EngineError(
                .invalidInput,
                "channel '\(request.channelID)' is a \(channel.channelType.rawValue) channel; the content is for \(request.content.channelType.rawValue)"
            )
        }
        let now = clock.now()
        var message = MessageRecord(
            id: request.id ?? MessageID.make(at: now), environment: request.environment, channelID: request.channelID,
            provider: channel.settings.provider, channelType: channel.channelType, kind: request.kind,
            workflow: request.workflow, tenant: request.tenant, data: request.data, recipient: request.recipient,
            content: request.content,
            sendWindows: request.sendWindows, nextAttemptAt: now, createdAt: now, updatedAt: now)
        var events: [MessageEvent] = []
        if channel.settings.isSandbox {
            message.status = .notSent
            message.nextAttemptAt = nil
            events.append(event(message, .status(.notSent), reason: "sandbox mode: stored, not sent", at: now))
        } else {
            let schedule = schedule(message, channel: channel, from: now)
            events.append(
                event(
                    message, .status(.queued),
                    reason: schedule.date.map {
                        $0 > now
                            ? "outside the send window; next opening \(ISO8601Timestamp.string(from: $0))"
                            : "queued"
                    },
                    at: now))
            events += schedule.warnings
            if let date = schedule.date {
                message.nextAttemptAt = date
            } else {
                message.status = .undelivered
                message.nextAttemptAt = nil
                events.append(event(message, .status(.undelivered), reason: "the send windows never open", at: now))
            }
        }
        if startsOnEnqueue(message, key: key, channel: channel, now: now) {
            try await insertLeased(message, events: events, key: key, now: now)
            observeStatus(message, previous: nil, at: now)
            await publish(events, of: message)
            await startEnqueued(message, key: key, channel: channel)
            return message
        }
        try await store.insert(message, events: events)
        if message.status == .queued, let due = message.nextAttemptAt { noteDue(key, at: due) }
        observeStatus(message, previous: nil, at: now)
        await publish(events, of: message)
        wakeUp.signal()
        return message
    }
}
