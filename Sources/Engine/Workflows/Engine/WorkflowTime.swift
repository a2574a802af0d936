import Foundation
import Providers

/// Timestamps in run scopes: ISO-8601 with or without fractional seconds.
enum WorkflowTime {
    /// Parses an ISO-8601 timestamp with a zone (`2024-01-05T14:00:00Z`, `…T14:00:00.250+01:00`).
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// Formats a date as ISO-8601 in UTC with seconds.
    static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Etc/UTC")
        return formatter.string(from: date)
    }

    /// A step log entry's details with the evaluated step conditions, if any.
    static func details(_ conditions: JSONValue?, _ members: [(String, JSONValue)] = []) -> JSONObject {
        var object = JSONObject(members)
        if let conditions { object["conditions"] = conditions }
        return object
    }
}

extension WorkflowEngine {
    func executeDelay(
        _ step: WorkflowStep, _ delay: DelayStep, run: inout RecipientRun, context: RunContext, conditions: JSONValue?
    ) -> StepOutcome {
        let now = clock.now()
        func log(_ outcome: String, _ reason: String?, _ members: [(String, JSONValue)] = []) {
            run.stepLog.append(
                StepLogEntry(
                    at: now, stepRef: step.ref, stepType: "delay", outcome: outcome, reason: reason,
                    details: WorkflowTime.details(conditions, members)))
        }
        if run.skipsDelays {
            log("skipped", "skipped because the trigger set skip_delay")
            return .next
        }
        let until: Date
        if let path = delay.untilPath {
            let value = ScopePath.lookup(path, in: context.values(run))
            if let interval = delay.interval {
                guard let text = value?.stringValue, let timestamp = WorkflowTime.parse(text) else {
                    log(
                        "skipped",
                        "skipped because '\(path)' is \(value == nil ? "missing" : "not an ISO-8601 timestamp")")
                    return .next
                }
                let offset = Double(interval.seconds) * (delay.relation == .before ? -1 : 1)
                until = timestamp.addingTimeInterval(offset)
            } else {
                switch DynamicWindow.resolve(value, now: now, timeZone: context.timeZone) {
                case .success(let date): until = date
                case .failure(let error):
                    log(
                        "skipped",
                        "skipped because '\(path)' is \(value == nil ? "missing" : "invalid"): \(error.message)")
                    return .next
                }
            }
        } else if let interval = delay.interval {
            until = now.addingTimeInterval(Double(interval.seconds))
        } else {
            log("skipped", "skipped because the delay has neither an interval nor a path")
            return .next
        }
        if until.timeIntervalSince(now) > Double(DelayStep.maximumSeconds) {
            log(
                "skipped", "skipped because the delay ends after the maximum of 365 days",
                [("until", .string(WorkflowTime.string(until)))])
            return .next
        }
        guard until > now else {
            log(
                "executed", "the delay's end has passed; continuing at once",
                [("until", .string(WorkflowTime.string(until)))])
            return .next
        }
        log("waiting", "waiting until \(WorkflowTime.string(until))", [("until", .string(WorkflowTime.string(until)))])
        run.position = run.position.next
        run.state = .waiting(until: until)
        return .suspend
    }

    func executeBranch(
        _ step: WorkflowStep, _ branch: BranchStep, run: inout RecipientRun, context: RunContext
    ) async throws -> StepOutcome {
        let now = clock.now()
        let scope = context.conditionScope(run, now: now, refs: try await refStatuses(run))
        var evaluations: [JSONValue] = []
        for (index, candidate) in branch.branches.enumerated() {
            let name = JSONValue.string(candidate.name ?? "branch \(index + 1)")
            guard let conditions = candidate.conditions else {
                evaluations.append(["branch": name, "default": true])
                run.stepLog.append(
                    StepLogEntry(
                        at: now, stepRef: step.ref, stepType: "branch", outcome: "executed",
                        reason: "took the default branch: no other branch's conditions are true",
                        details: ["branch": .number(Double(index)), "evaluations": .array(evaluations)]))
                return .enter(branch: index)
            }
            let evaluation = conditions.evaluate(in: scope)
            evaluations.append(["branch": name, "conditions": evaluation.json])
            if evaluation.passed {
                run.stepLog.append(
                    StepLogEntry(
                        at: now, stepRef: step.ref, stepType: "branch", outcome: "executed",
                        reason: "took branch \(index + 1) (\(candidate.name ?? "unnamed")): its conditions are true",
                        details: ["branch": .number(Double(index)), "evaluations": .array(evaluations)]))
                return .enter(branch: index)
            }
        }
        run.stepLog.append(
            StepLogEntry(
                at: now, stepRef: step.ref, stepType: "branch", outcome: "skipped", reason: "no branch to take"))
        return .next
    }
}
