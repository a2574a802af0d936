import Foundation
import Providers

extension DeliveryPipeline {
    /// Makes one attempt and returns the change to store (`nil` only when nothing should be stored).
    func attempt(_ item: ClaimedMessage) async -> MessageChange? {
        var message = item.message
        let now = clock.now()
        guard let channel = item.channel, let content = message.content else {
            return finish(
                message, status: .undelivered, now: now,
                reason: item.channel == nil
                    ? "channel \(item.key.channelID) is not configured in environment \(item.key.environment)"
                    : "the message content was pruned before it could be sent")
        }
        let outbound = OutboundMessage(
            id: message.id, channelID: message.channelID, recipient: message.recipient, content: content,
            workflowKey: message.workflow?.key)
        let attempt = message.attemptCount + 1
        let context = DeliveryContext(
            deadline: .now + configuration.attemptTimeLimit, attempt: attempt, idempotencyKey: message.id,
            environment: message.environment)
        let log = ExchangeLog()
        let started = ContinuousClock.now
        let result: Result<DeliveryReceipt, ProviderError>
        do {
            let receipt = try await ExchangeLog.$current.withValue(log) {
                try await channel.provider.send(outbound, context: context)
            }
            result = .success(receipt)
        } catch let error as ProviderError {
            result = .failure(error)
        } catch {
            result = .failure(ProviderError(.internalFailure, provider: channel.settings.provider, message: "\(error)"))
        }
        let elapsed = ContinuousClock.now - started
        let finishedAt = clock.now()
        if case .failure(let error) = result, error.code == .cancelled {
            // Abandoned (shutdown): not an attempt; the message is due again at once.
            message.nextAttemptAt = finishedAt
            return MessageChange(
                message: message, expectedStatus: item.message.status, releasingLeaseOf: configuration.owner,
                original: item.message)
        }
        message.attemptCount = attempt
        message.updatedAt = finishedAt
        var events: [MessageEvent] = []
        switch result {
        case .success(let receipt):
            message.status = receipt.outcome == .delivered ? .delivered : .sent
            message.providerMessageID = receipt.providerMessageID ?? message.providerMessageID
            message.nextAttemptAt = nil
            events.append(event(message, .status(message.status), reason: receipt.detail ?? "accepted", at: finishedAt))
            if channel.settings.removesDeadTokens {
                events += await removeDeadTargets(receipt.invalidTargets, of: message, at: finishedAt)
            }
        case .failure(let error):
            events += await apply(error, to: &message, channel: channel, at: finishedAt)
        }
        observeAttempt(message, channel: channel, result: result, duration: finishedAt.timeIntervalSince(now))
        // A delivered attempt's log keeps what the channel says; a failed one's keeps everything.
        let (outcome, detail, logDetail): (String, String?, DeliveryLogDetail)
        switch result {
        case .success(let receipt):
            (outcome, detail, logDetail) = ("accepted", receipt.detail, channel.settings.deliveryLog)
        case .failure(let error):
            (outcome, detail, logDetail) = (error.code.description, error.description, .full)
        }
        let attemptLog = DeliveryAttemptLog(
            messageID: message.id, attempt: attempt, startedAt: now,
            durationMilliseconds: Int(
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            exchanges: log.exchanges(logDetail), outcome: outcome, detail: detail)
        return MessageChange(
            message: message, expectedStatus: item.message.status, events: events, attemptLog: attemptLog,
            releasingLeaseOf: configuration.owner, original: item.message)
    }

    /// Applies a failed attempt's error: the retry decision, a channel pause on 429, dead tokens.
    private func apply(
        _ error: ProviderError, to message: inout MessageRecord, channel: DeliveryChannel, at now: Date
    ) async -> [MessageEvent] {
        if error.code == .rateLimited {
            limiters[channel.key]?.pause(until: now.addingTimeInterval((error.retryAfter ?? .seconds(1)).seconds))
        }
        let decision = channel.retryPolicy.decision(
            for: error, attempt: message.attemptCount - message.retryRoundStart,
            reauthenticationRetried: message.reauthenticationRetried,
            random: random())
        switch decision {
        case .retryNow:
            message.status = .deliveryAttempted
            message.reauthenticationRetried = true
            message.nextAttemptAt = now
            return [
                event(message, .status(.deliveryAttempted), reason: "\(error.description); retrying at once", at: now)
            ]
        case .retry(let delay):
            message.status = .deliveryAttempted
            let schedule = schedule(message, channel: channel, from: now.addingTimeInterval(delay.seconds))
            message.nextAttemptAt = schedule.date
            let when = ISO8601Timestamp.string(from: schedule.date ?? now)
            return [
                event(
                    message, .status(.deliveryAttempted), reason: "\(error.description); retrying at \(when)", at: now)
            ]
                + schedule.warnings
        case .stop(let status):
            message.status = status
            message.nextAttemptAt = nil
            var events = [event(message, .status(status), reason: error.description, at: now)]
            if status == .bounced, message.channelType == .push, channel.settings.removesDeadTokens {
                events += await removeDeadTargets(Self.tokens(of: message), of: message, at: now)
            }
            return events
        }
    }

    /// Removes dead push tokens from the recipient's channel data and says so in the timeline.
    private func removeDeadTargets(_ targets: [String], of message: MessageRecord, at now: Date) async -> [MessageEvent]
    {
        guard !targets.isEmpty, let channelData else { return [] }
        let removed =
            (try? await channelData.removeTokens(
                targets, recipientID: message.recipient.id, channelID: message.channelID,
                environment: message.environment)) ?? []
        return removed.map { token in
            event(
                message, .targetRemoved, reason: "removed dead token \(Self.abbreviate(token)) from channel data",
                at: now)
        }
    }

    /// A final outcome without an attempt (nothing to send).
    func finish(_ message: MessageRecord, status: DeliveryStatus, now: Date, reason: String) -> MessageChange {
        var updated = message
        updated.status = status
        updated.nextAttemptAt = nil
        updated.updatedAt = now
        return MessageChange(
            message: updated, expectedStatus: message.status,
            events: [event(updated, .status(status), reason: reason, at: now)],
            releasingLeaseOf: configuration.owner, original: message)
    }

    func event(_ message: MessageRecord, _ kind: MessageEvent.Kind, reason: String?, at date: Date) -> MessageEvent {
        MessageEvent(
            messageID: message.id, kind: kind, status: kind.rawValue.hasPrefix("message.") ? message.status : nil,
            reason: reason, occurredAt: date)
    }

    /// Stores a change (in a batch with the other attempts finishing meanwhile), reports a status change
    /// and publishes its events; a conflict (someone changed the message first) drops it.
    func save(_ change: MessageChange) async {
        guard await recordOutcome(change) else { return }
        observeStatus(change.message, previous: change.expectedStatus, at: change.message.updatedAt)
        await publish(change.events, of: change.message)
    }

    static func tokens(of message: MessageRecord) -> [String] {
        message.recipient.channelData[message.channelID]?["tokens"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The first and last characters of a token, enough to recognise it in a timeline.
    static func abbreviate(_ token: String) -> String {
        token.count <= 12 ? token : "\(token.prefix(6))…\(token.suffix(4))"
    }
}
