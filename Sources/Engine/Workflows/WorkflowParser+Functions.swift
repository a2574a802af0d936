import Foundation
import Providers

extension WorkflowParser {
    static let functionStepKeys = ["type", "ref", "name", "description", "conditions", "settings"]

    private mutating func settings(_ object: JSONObject, at path: String, accepted: [String]) -> JSONObject? {
        unknownKeys(object, accepted: Self.functionStepKeys, at: path)
        guard let value = object["settings"] else {
            report(path, "missing required key 'settings' (accepted: \(accepted.joined(separator: ", ")))")
            return nil
        }
        guard let settings = self.object(value, at: path + ".settings") else { return nil }
        unknownKeys(settings, accepted: accepted, at: path + ".settings")
        return settings
    }

    /// A scope path: `data.x`, `recipient.x`, `actor.x`, `tenant.x` or `vars.x`; a bare path is in `data`.
    private mutating func scopePath(_ value: JSONValue?, at path: String) -> String? {
        guard let text = string(value, at: path) else { return nil }
        guard !text.isEmpty, !text.hasPrefix("."), !text.hasSuffix(".") else {
            report(path, "expected a path such as 'data.send_at' or 'recipient.batch_window', found '\(text)'")
            return nil
        }
        let prefix = text.split(separator: ".").first.map(String.init) ?? ""
        return ["data", "recipient", "actor", "tenant", "vars"].contains(prefix) ? text : "data." + text
    }

    mutating func delayStep(_ object: JSONObject, at path: String) -> DelayStep? {
        let here = path + ".settings"
        guard
            let settings = settings(
                object, at: path, accepted: ["delay_for", "delay_until_field_path", "delay_relation"])
        else { return nil }
        let interval = duration(
            settings["delay_for"], at: here + ".delay_for", maximumSeconds: DelayStep.maximumSeconds)
        let untilPath = scopePath(settings["delay_until_field_path"], at: here + ".delay_until_field_path")
        var relation = DelayStep.Relation.after
        if let text = string(settings["delay_relation"], at: here + ".delay_relation") {
            if let parsed = DelayStep.Relation(rawValue: text) {
                relation = parsed
            } else {
                report(here + ".delay_relation", "expected 'before' or 'after', found '\(text)'")
            }
            if untilPath == nil {
                report(here + ".delay_relation", "'delay_relation' needs 'delay_until_field_path' (the timestamp)")
            }
        }
        if settings["delay_for"] == nil && settings["delay_until_field_path"] == nil {
            report(here, "expected 'delay_for' (a duration), 'delay_until_field_path' (a scope path), or both")
            return nil
        }
        return DelayStep(interval: interval, untilPath: untilPath, relation: relation)
    }

    static let batchKeys = [
        "batch_key", "batch_window", "batch_until_field_path", "batch_window_type", "batch_window_extension_limit",
        "batch_items_max_limit", "batch_items_render_limit", "batch_order", "batch_execution_mode",
        "workflow_version_mode",
    ]

    mutating func batchStep(_ object: JSONObject, at path: String) -> BatchStep? {
        let here = path + ".settings"
        guard let settings = settings(object, at: path, accepted: Self.batchKeys) else { return nil }
        let before = issues.count
        var step = BatchStep()
        step.key = string(settings["batch_key"], at: here + ".batch_key")
        step.window = duration(
            settings["batch_window"], at: here + ".batch_window", maximumSeconds: DelayStep.maximumSeconds)
        step.windowPath = scopePath(settings["batch_until_field_path"], at: here + ".batch_until_field_path")
        if settings["batch_window"] == nil && settings["batch_until_field_path"] == nil {
            report(here, "expected 'batch_window' (a duration) or 'batch_until_field_path' (a scope path)")
        }
        switch string(settings["batch_window_type"], at: here + ".batch_window_type") {
        case nil, "fixed": break
        case "sliding": step.isSliding = true
        case let other?: report(here + ".batch_window_type", "expected 'fixed' or 'sliding', found '\(other)'")
        }
        step.extensionLimit = duration(
            settings["batch_window_extension_limit"], at: here + ".batch_window_extension_limit",
            maximumSeconds: DelayStep.maximumSeconds)
        if step.isSliding && step.extensionLimit == nil && settings["batch_window_extension_limit"] == nil {
            report(here, "a sliding window needs 'batch_window_extension_limit' (the longest it may stay open)")
        }
        if step.isSliding && step.window == nil && settings["batch_window"] == nil {
            report(here, "a sliding window needs a fixed 'batch_window' (added at each new item)")
        }
        step.maximumItems = integer(
            settings["batch_items_max_limit"], at: here + ".batch_items_max_limit", in: 2...1000)
        step.renderLimit =
            integer(settings["batch_items_render_limit"], at: here + ".batch_items_render_limit", in: 2...100) ?? 10
        switch string(settings["batch_order"], at: here + ".batch_order") {
        case nil, "asc": break
        case "desc": step.keepsLast = true
        case let other?:
            report(here + ".batch_order", "expected 'asc' (first items) or 'desc' (last items), found '\(other)'")
        }
        switch string(settings["batch_execution_mode"], at: here + ".batch_execution_mode") {
        case nil, "accumulate": break
        case "flush_leading": step.flushesLeadingItem = true
        case let other?:
            report(here + ".batch_execution_mode", "expected 'accumulate' or 'flush_leading', found '\(other)'")
        }
        switch string(settings["workflow_version_mode"], at: here + ".workflow_version_mode") {
        case nil, "pinned": break
        case let other?: report(here + ".workflow_version_mode", "only 'pinned' is supported, found '\(other)'")
        }
        return issues.count == before ? step : nil
    }

    mutating func branchStep(_ object: JSONObject, at path: String, depth: Int) -> BranchStep? {
        unknownKeys(object, accepted: ["type", "ref", "name", "description", "conditions", "branches"], at: path)
        if depth + 1 > BranchStep.maximumDepth {
            report(path, "branch steps nest at most \(BranchStep.maximumDepth) deep; this one is at depth \(depth + 1)")
            return nil
        }
        guard let list = object["branches"]?.arrayValue else {
            report(path + ".branches", "expected an array of branches, the last being the default (no conditions)")
            return nil
        }
        guard !list.isEmpty else {
            report(path + ".branches", "expected at least the default branch (a branch without conditions, last)")
            return nil
        }
        if list.count > BranchStep.maximumBranches {
            report(
                path + ".branches",
                "at most \(BranchStep.maximumBranches) branches (the default included), found \(list.count)")
        }
        var branches: [BranchStep.Branch] = []
        for (index, element) in list.enumerated() {
            let here = "\(path).branches[\(index)]"
            guard let branch = self.object(element, at: here) else { continue }
            unknownKeys(branch, accepted: ["name", "conditions", "steps", "terminates"], at: here)
            let isDefault = index == list.count - 1
            let conditions = conditionGroup(branch["conditions"], at: here + ".conditions", allowMessageStatus: true)
            let hasConditions = branch["conditions"].map { $0 != .null } ?? false
            if isDefault && hasConditions {
                report(here + ".conditions", "the last branch is the default branch and has no conditions")
            } else if !isDefault && !hasConditions {
                report(
                    here, "a non-default branch needs at least one condition (only the last, default branch has none)")
            }
            let steps = branch["steps"].map { self.steps($0, at: here + ".steps", depth: depth + 1) } ?? []
            let terminates = bool(branch["terminates"], at: here + ".terminates") ?? false
            let name = string(branch["name"], at: here + ".name")
            branches.append(BranchStep.Branch(name: name, conditions: conditions, steps: steps, terminates: terminates))
        }
        return BranchStep(branches: branches)
    }

    mutating func throttleStep(_ object: JSONObject, at path: String) -> ThrottleStep? {
        let here = path + ".settings"
        let accepted = ["throttle_key", "throttle_limit", "throttle_window", "throttle_window_field_path"]
        guard let settings = settings(object, at: path, accepted: accepted) else { return nil }
        let before = issues.count
        var step = ThrottleStep()
        step.key = string(settings["throttle_key"], at: here + ".throttle_key")
        step.limit = integer(settings["throttle_limit"], at: here + ".throttle_limit", in: 1...1_000_000) ?? 1
        step.window = duration(
            settings["throttle_window"], at: here + ".throttle_window", maximumSeconds: ThrottleStep.maximumSeconds)
        step.windowPath = scopePath(settings["throttle_window_field_path"], at: here + ".throttle_window_field_path")
        if settings["throttle_window"] == nil && settings["throttle_window_field_path"] == nil {
            report(here, "expected 'throttle_window' (a duration) or 'throttle_window_field_path' (a scope path)")
        }
        return issues.count == before ? step : nil
    }

    mutating func fetchStep(_ object: JSONObject, at path: String) -> FetchStep? {
        let here = path + ".settings"
        let accepted = ["method", "url", "headers", "query_params", "body", "response_path", "signing_key_variable"]
        guard let settings = settings(object, at: path, accepted: accepted) else { return nil }
        let before = issues.count
        let request = requestTemplate(settings, at: here, extraKeys: ["response_path", "signing_key_variable"])
        let responsePath = string(settings["response_path"], at: here + ".response_path")
        if let responsePath,
            responsePath.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty)
        {
            report(here + ".response_path", "expected a dot path such as 'foo.bar', found '\(responsePath)'")
        }
        let signing = string(settings["signing_key_variable"], at: here + ".signing_key_variable")
        guard let request, issues.count == before else { return nil }
        return FetchStep(request: request, responsePath: responsePath, signingKeyVariable: signing)
    }

    mutating func triggerWorkflowStep(_ object: JSONObject, at path: String) -> TriggerWorkflowStep? {
        let here = path + ".settings"
        let fields = ["workflow_key", "recipients", "actor", "tenant", "data", "cancellation_key"]
        guard let settings = settings(object, at: path, accepted: fields) else { return nil }
        var templates: [String: WorkflowTemplate] = [:]
        for field in fields {
            let value = settings[field].flatMap { $0 == .null ? nil : $0 }
            guard let source = value.map({ $0.stringValue }) ?? TriggerWorkflowStep.defaults[field] else {
                report(here + "." + field, "expected a template string, found \(value?.typeName ?? "nothing")")
                continue
            }
            if field == "workflow_key" && settings[field] == nil {
                report(here, "missing required key 'workflow_key' (the workflow to trigger)")
                continue
            }
            templates[field] = template(source: source, at: here + "." + field)
        }
        guard let key = templates["workflow_key"], let recipients = templates["recipients"],
            let actor = templates["actor"], let tenant = templates["tenant"], let data = templates["data"],
            let cancellationKey = templates["cancellation_key"]
        else { return nil }
        return TriggerWorkflowStep(
            workflowKey: key, recipients: recipients, actor: actor, tenant: tenant, data: data,
            cancellationKey: cancellationKey)
    }
}
