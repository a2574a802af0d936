import Foundation
import Liquid
import Providers
import Signing

extension WorkflowEngine {
    func executeChannel(
        _ step: WorkflowStep, _ channel: ChannelStep, run: inout RecipientRun, definition: WorkflowDefinition,
        context: RunContext, stepConditions: JSONValue?
    ) async throws -> StepOutcome {
        let now = clock.now()
        var details = WorkflowTime.details(stepConditions, [("channel", .string(channel.channelKey))])
        func skip(_ reason: String, outcome: String = "skipped") -> StepOutcome {
            run.messages[step.ref] = []
            run.stepLog.append(
                StepLogEntry(
                    at: now, stepRef: step.ref, stepType: "channel", outcome: outcome, reason: reason, details: details)
            )
            return .next
        }
        // 1. Step and channel conditions, evaluated together.
        var passed = true
        if let conditions = step.conditions {
            let scope = context.conditionScope(run, now: now, refs: try await refStatuses(run))
            let evaluation = conditions.evaluate(in: scope)
            details["conditions"] = evaluation.json
            passed = evaluation.passed
        }
        if let channelConditions = context.settings.channelConditions[channel.channelKey] {
            let evaluation = channelConditions.evaluate(in: context.conditionScope(run, now: now))
            details["channel_conditions"] = evaluation.json
            passed = passed && evaluation.passed
        }
        guard passed else { return skip("skipped because the step and channel conditions are false") }
        guard let channelType = context.settings.channels[channel.channelKey] else {
            return skip(
                "skipped because channel '\(channel.channelKey)' is not configured or not enabled in environment '\(run.environment)'"
            )
        }
        guard channelType == channel.channelType else {
            return skip(
                "skipped because channel '\(channel.channelKey)' is a \(channelType.rawValue) channel, not \(channel.channelType.rawValue)"
            )
        }
        // 2. The recipient's required data.
        guard let record = context.recipientRecord else { return skip("skipped because the recipient does not exist") }
        let channelData = try await recipients.allChannelData(run.recipient, environment: run.environment)
        if let missing = missingData(channel, record: record, channelData: channelData) {
            return skip("skipped because \(missing)")
        }
        // 3. Preferences.
        if !definition.overridesPreferences {
            let decision = try await preferenceDecision(
                channel, run: run, definition: definition, context: context, now: now)
            if let decision {
                details["preferences"] = decision.json
                if !decision.allowed {
                    return skip(
                        "not sent because the recipient's preferences opt out: \(decision.reason)", outcome: "not_sent")
                }
            }
        }
        // 4–6. Render, then enqueue with the step's send windows (the pipeline queues outside them).
        let content: OutboundMessage.Content
        do {
            content = try await render(channel.template, run: run, context: context, now: now)
        } catch let error as LiquidError {
            return skip("failed because a template failed to render: \(error)", outcome: "failed")
        } catch let error as EngineError {
            return skip("failed because the rendered content is invalid: \(error.message)", outcome: "failed")
        }
        let id = messageID(run: run, ref: step.ref)
        let request = EnqueueRequest(
            id: id, environment: run.environment, channelID: channel.channelKey,
            recipient: record.deliveryRecipient(channelData: channelData), content: content,
            workflow: WorkflowReference(
                key: run.workflowKey, runID: run.workflowRunID, recipientRunID: run.id, stepRef: step.ref),
            tenant: run.tenant, data: run.data, sendWindows: channel.sendWindows)
        do {
            _ = try await delivery.enqueue(request)
        } catch let error as EngineError where error.code == .conflict {
            // Enqueued before a crash; the message exists.
        }
        run.messages[step.ref] = [id]
        details["message_id"] = .string(id)
        if !channel.sendWindows.isEmpty { details["send_windows"] = .number(Double(channel.sendWindows.count)) }
        run.stepLog.append(
            StepLogEntry(
                at: now, stepRef: step.ref, stepType: "channel", outcome: "executed",
                reason: "enqueued message \(id) on channel '\(channel.channelKey)'", details: details))
        return .next
    }

    /// Why the recipient cannot receive on the channel, or `nil` if it can.
    private func missingData(_ channel: ChannelStep, record: RecipientRecord, channelData: [String: JSONValue])
        -> String?
    {
        switch channel.channelType {
        case .email:
            guard let email = record.properties["email"]?.stringValue, !email.isEmpty else {
                return "the recipient has no email"
            }
        case .sms:
            guard let phone = record.properties["phone_number"]?.stringValue, !phone.isEmpty else {
                return "the recipient has no phone_number"
            }
            guard Self.isE164(phone) else { return "the recipient's phone_number is not in E.164 form" }
        case .push, .chat:
            guard let data = channelData[channel.channelKey], data != .null else {
                return "the recipient has no channel data for channel '\(channel.channelKey)'"
            }
        case .webhook, .inAppFeed:
            break
        }
        return nil
    }

    /// Whether `phone` is E.164: `+`, then 2 to 15 digits, the first not 0.
    static func isE164(_ phone: String) -> Bool {
        let digits = phone.dropFirst()
        return phone.hasPrefix("+") && (2...15).contains(digits.count) && digits.first != "0"
            && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The recipient's `default` preference set merged over the tenant's default set, decided for the step;
    /// `nil` when neither has one.
    private func preferenceDecision(
        _ channel: ChannelStep, run: RecipientRun, definition: WorkflowDefinition, context: RunContext, now: Date
    ) async throws -> PreferenceDecision? {
        let sets = try await recipients.preferenceSets(run.recipient, environment: run.environment)
        let recipientSet = sets["default"]?.objectValue
        let tenantSet = context.tenant["settings"]?["preference_set"]?.objectValue
        guard recipientSet != nil || tenantSet != nil else { return nil }
        let merged = Self.deepMerge(tenantSet ?? JSONObject(), recipientSet ?? JSONObject())
        let set = try PreferenceSet.parse(.object(merged), id: "default", path: "preferences.default")
        return set.decision(
            workflowKey: definition.key, categories: definition.categories, channelType: channel.channelType,
            channelID: channel.channelKey, scope: context.conditionScope(run, now: now))
    }

    /// `overlay` merged into `base`: objects merge member by member, anything else is replaced.
    static func deepMerge(_ base: JSONObject, _ overlay: JSONObject) -> JSONObject {
        var result = base
        for (key, value) in overlay {
            if case .object(let inner) = value, case .object(let existing)? = result[key] {
                result[key] = .object(deepMerge(existing, inner))
            } else {
                result[key] = value
            }
        }
        return result
    }

    /// A message id that is the same when the step runs again (after a crash), so enqueueing is idempotent:
    /// `msg_`, the run's creation time, and 16 characters of a hash of the run id and step ref.
    func messageID(run: RecipientRun, ref: String) -> String {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        let time = MessageID.make(at: run.createdAt).dropFirst(4).prefix(10)
        let hash = Digest.sha256(Array("\(run.id)/\(ref)".utf8))
        return "msg_" + time + String(hash.prefix(16).map { alphabet[Int($0 & 31)] })
    }
}
