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
        let destination: (String, JSONValue) =
            switch channel.destination {
            case .channel(let key): ("channel", .string(key))
            case .group(let key): ("channel_group", .string(key))
            }
        var details = WorkflowTime.details(stepConditions, [destination])
        func skip(_ reason: String) -> StepOutcome {
            run.messages[step.ref] = []
            run.stepLog.append(
                StepLogEntry(
                    at: now, stepRef: step.ref, stepType: "channel", outcome: "skipped", reason: reason,
                    details: details))
            return .next
        }
        // 1. Step conditions, then the channel group's rules.
        if let conditions = step.conditions {
            let evaluation = conditions.evaluate(
                in: context.conditionScope(run, now: now, refs: try await refStatuses(run)))
            details["conditions"] = evaluation.json
            guard evaluation.passed else { return skip("skipped because the step conditions are false") }
        }
        let channelKeys: [String]
        switch channel.destination {
        case .channel(let key):
            channelKeys = [key]
        case .group(let key):
            guard let group = context.settings.channelGroups[key] else {
                return skip("skipped because channel group '\(key)' is not configured")
            }
            guard group.channelType == channel.channelType else {
                return skip(
                    "skipped because channel group '\(key)' is a \(group.channelType.rawValue) group, not \(channel.channelType.rawValue)"
                )
            }
            let selection = group.selectedChannels(in: context.conditionScope(run, now: now))
            details["channel_rules"] = selection.trace
            guard !selection.channels.isEmpty else {
                return skip("skipped because no channel of channel group '\(key)' has a rule that holds")
            }
            channelKeys = selection.channels
        }
        // 2–6. Each channel on its own: channel conditions, required data, preferences, windows; one render.
        var delivery = ChannelDelivery(step: step, channel: channel, definition: definition, now: now)
        var ids: [String] = []
        for key in channelKeys {
            var entryDetails = details
            if case .group = channel.destination { entryDetails["channel"] = .string(key) }
            let attempt = try await deliver(
                on: key, delivery: &delivery, run: run, context: context, details: entryDetails)
            if let id = attempt.messageID { ids.append(id) }
            run.stepLog.append(attempt.entry)
        }
        run.messages[step.ref] = ids
        return .next
    }

    /// Why the recipient cannot receive on the channel, or `nil` if it can.
    func missingData(
        _ channelType: ChannelType, channelKey: String, record: RecipientRecord, channelData: [String: JSONValue]
    ) -> String? {
        switch channelType {
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
            guard let data = channelData[channelKey], data != .null else {
                return "the recipient has no channel data for channel '\(channelKey)'"
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
    func preferenceDecision(
        _ channelType: ChannelType, channelKey: String, run: RecipientRun, definition: WorkflowDefinition,
        context: RunContext, now: Date
    ) async throws -> PreferenceDecision? {
        let sets = try await recipients.preferenceSets(run.recipient, environment: run.environment)
        let recipientSet = sets["default"]?.objectValue
        let tenantSet = context.tenant["settings"]?["preference_set"]?.objectValue
        guard recipientSet != nil || tenantSet != nil else { return nil }
        let merged = Self.deepMerge(tenantSet ?? JSONObject(), recipientSet ?? JSONObject())
        let set = try PreferenceSet.parse(.object(merged), id: "default", path: "preferences.default")
        return set.decision(
            workflowKey: definition.key, categories: definition.categories, channelType: channelType,
            channelID: channelKey, scope: context.conditionScope(run, now: now))
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
