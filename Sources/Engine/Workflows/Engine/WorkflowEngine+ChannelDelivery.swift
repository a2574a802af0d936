import Foundation
import Liquid
import Providers

/// One channel step's sending through its channels (one, or a channel group's selected ones): the
/// rendered content is made once, by the first channel that gets that far, and reused by the others.
struct ChannelDelivery {
    let step: WorkflowStep
    let channel: ChannelStep
    let definition: WorkflowDefinition
    let now: Date
    /// The rendered content, or why rendering failed; `nil` until a channel needs it.
    var rendered: Result<OutboundMessage.Content, RenderFailure>?

    init(step: WorkflowStep, channel: ChannelStep, definition: WorkflowDefinition, now: Date) {
        self.step = step
        self.channel = channel
        self.definition = definition
        self.now = now
    }

    /// A render that failed, in words for the step log.
    struct RenderFailure: Error {
        var reason: String
    }

    /// What happened on one channel: its step log entry, and the message id when one was enqueued.
    struct Attempt {
        var entry: StepLogEntry
        var messageID: String?
    }

    /// The message id for a channel: the step's id for a single channel (as before channel groups), the
    /// step and channel for a group, so each is the same when the step runs again after a crash.
    func messageRef(for channelKey: String) -> String {
        switch channel.destination {
        case .channel: step.ref
        case .group: "\(step.ref)/\(channelKey)"
        }
    }
}

extension WorkflowEngine {
    /// Sends the step's message through one channel: channel conditions, the channel being configured here
    /// with the step's type, the recipient's required data, preferences, then render (once per step) and
    /// enqueue with the step's send windows (the pipeline queues outside them).
    func deliver(
        on channelKey: String, delivery: inout ChannelDelivery, run: RecipientRun, context: RunContext,
        details: JSONObject
    ) async throws -> ChannelDelivery.Attempt {
        let channel = delivery.channel
        var details = details
        func entry(_ outcome: String, _ reason: String) -> ChannelDelivery.Attempt {
            ChannelDelivery.Attempt(
                entry: StepLogEntry(
                    at: delivery.now, stepRef: delivery.step.ref, stepType: "channel", outcome: outcome,
                    reason: reason, details: details),
                messageID: nil)
        }
        if let channelConditions = context.settings.channelConditions[channelKey] {
            let evaluation = channelConditions.evaluate(in: context.conditionScope(run, now: delivery.now))
            details["channel_conditions"] = evaluation.json
            guard evaluation.passed else {
                return entry("skipped", "skipped because the channel conditions of '\(channelKey)' are false")
            }
        }
        guard let channelType = context.settings.channels[channelKey] else {
            return entry(
                "skipped",
                "skipped because channel '\(channelKey)' is not configured or not enabled in environment '\(run.environment)'"
            )
        }
        guard channelType == channel.channelType else {
            return entry(
                "skipped",
                "skipped because channel '\(channelKey)' is a \(channelType.rawValue) channel, not \(channel.channelType.rawValue)"
            )
        }
        guard let record = context.recipientRecord else {
            return entry("skipped", "skipped because the recipient does not exist")
        }
        let channelData = try await recipients.allChannelData(run.recipient, environment: run.environment)
        if let missing = missingData(channelType, channelKey: channelKey, record: record, channelData: channelData) {
            return entry("skipped", "skipped because \(missing)")
        }
        if !delivery.definition.overridesPreferences,
            let decision = try await preferenceDecision(
                channelType, channelKey: channelKey, run: run, definition: delivery.definition, context: context,
                now: delivery.now)
        {
            details["preferences"] = decision.json
            if !decision.allowed {
                return entry("not_sent", "not sent because the recipient's preferences opt out: \(decision.reason)")
            }
        }
        let content: OutboundMessage.Content
        switch try await renderedContent(&delivery, run: run, context: context) {
        case .success(let rendered): content = rendered
        case .failure(let failure): return entry("failed", failure.reason)
        }
        let id = messageID(run: run, ref: delivery.messageRef(for: channelKey))
        let request = EnqueueRequest(
            id: id, environment: run.environment, channelID: channelKey,
            recipient: record.deliveryRecipient(channelData: channelData), content: content,
            workflow: WorkflowReference(
                key: run.workflowKey, runID: run.workflowRunID, recipientRunID: run.id, stepRef: delivery.step.ref),
            tenant: run.tenant, data: run.data, sendWindows: channel.sendWindows)
        do {
            _ = try await self.delivery.enqueue(request)
        } catch let error as EngineError where error.code == .conflict {
            // Enqueued before a crash; the message exists.
        }
        details["message_id"] = .string(id)
        if !channel.sendWindows.isEmpty { details["send_windows"] = .number(Double(channel.sendWindows.count)) }
        var attempt = entry("executed", "enqueued message \(id) on channel '\(channelKey)'")
        attempt.messageID = id
        return attempt
    }

    /// The step's content, rendered on first use.
    private func renderedContent(_ delivery: inout ChannelDelivery, run: RecipientRun, context: RunContext)
        async throws -> Result<OutboundMessage.Content, ChannelDelivery.RenderFailure>
    {
        if let rendered = delivery.rendered { return rendered }
        let result: Result<OutboundMessage.Content, ChannelDelivery.RenderFailure>
        do {
            result = .success(
                try await render(delivery.channel.template, run: run, context: context, now: delivery.now))
        } catch let error as LiquidError {
            result = .failure(.init(reason: "failed because a template failed to render: \(error)"))
        } catch let error as EngineError {
            result = .failure(.init(reason: "failed because the rendered content is invalid: \(error.message)"))
        }
        delivery.rendered = result
        return result
    }
}
