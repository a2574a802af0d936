import Foundation
import Liquid
import Providers

extension WorkflowEngine {
    func executeTriggerWorkflow(
        _ step: WorkflowStep, _ trigger: TriggerWorkflowStep, run: inout RecipientRun, context: RunContext,
        conditions: JSONValue?
    ) async throws -> StepOutcome {
        let now = clock.now()
        var details = WorkflowTime.details(conditions)
        func log(_ outcome: String, _ reason: String) {
            run.stepLog.append(
                StepLogEntry(
                    at: now, stepRef: step.ref, stepType: "trigger_workflow", outcome: outcome, reason: reason,
                    details: details))
        }
        var fields: [String: String] = [:]
        do {
            for (name, template) in [
                ("workflow_key", trigger.workflowKey), ("recipients", trigger.recipients), ("actor", trigger.actor),
                ("tenant", trigger.tenant), ("data", trigger.data), ("cancellation_key", trigger.cancellationKey),
            ] {
                fields[name] = try await context.render(template, run, now: now).trimmingCharacters(
                    in: .whitespacesAndNewlines)
            }
        } catch {
            log("failed", "failed and halted the run because a field failed to render: \(error)")
            run.state = .failed(reason: "trigger_workflow rendering error")
            return .suspend
        }
        let key = fields["workflow_key"] ?? ""
        details["workflow_key"] = .string(key)
        guard catalog.workflow(key) != nil, environments[run.environment]?.isActive(key) ?? false else {
            log(
                "skipped",
                "skipped because workflow '\(key)' is inactive or does not exist in environment '\(run.environment)'")
            return .next
        }
        let body = Self.triggerBody(fields)
        details["trigger"] = body
        let request: TriggerRequest
        do {
            request = try TriggerRequest.parse(body)
        } catch {
            log("failed", "failed and halted the run because the resolved trigger data is invalid: \(error.message)")
            run.state = .failed(reason: "invalid trigger data")
            return .suspend
        }
        let result = try await self.trigger(request, workflowKey: key, environment: run.environment)
        details["workflow_run_id"] = .string(result.workflowRunID)
        log("executed", "triggered workflow '\(key)' (workflow run \(result.workflowRunID))")
        return .next
    }

    /// The trigger body from rendered fields: recipients and actor as JSON when they parse as JSON (a list
    /// or an object), else as user ids; data as a JSON object; empty fields left out.
    static func triggerBody(_ fields: [String: String]) -> JSONValue {
        var body = JSONObject()
        func value(_ text: String) -> JSONValue {
            guard let first = text.first, first == "[" || first == "{" || first == "\"" else { return .string(text) }
            return (try? JSONValue.parse(text)) ?? .string(text)
        }
        if let recipients = fields["recipients"], !recipients.isEmpty {
            let parsed = value(recipients)
            body["recipients"] = parsed.arrayValue != nil ? parsed : .array([parsed])
        } else {
            body["recipients"] = .array([])
        }
        if let actor = fields["actor"], !actor.isEmpty { body["actor"] = value(actor) }
        if let tenant = fields["tenant"], !tenant.isEmpty { body["tenant"] = value(tenant) }
        if let data = fields["data"], !data.isEmpty { body["data"] = (try? JSONValue.parse(data)) ?? .string(data) }
        if let key = fields["cancellation_key"], !key.isEmpty { body["cancellation_key"] = .string(key) }
        return .object(body)
    }
}
