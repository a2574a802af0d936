import Foundation
import Providers

extension WorkflowEngine {
    /// A batch or throttle key's value: the `data` member named by the step's key (or a scope path), as text.
    func keyValue(_ key: String?, run: RecipientRun, context: RunContext) -> String? {
        guard let key else { return nil }
        let path =
            ["data", "recipient", "actor", "tenant", "vars"].contains(where: { key.hasPrefix($0 + ".") })
            ? key : "data." + key
        guard let value = ScopePath.lookup(path, in: context.values(run)), value != .null else { return "" }
        return value.stringValue ?? value.encoded(sortedKeys: true)
    }

    /// Resolves a fixed or dynamic window to its close time.
    func windowEnd(
        fixed: WindowDuration?, path: String?, run: RecipientRun, context: RunContext, now: Date
    ) -> Result<Date, EngineError> {
        if let path {
            let value = ScopePath.lookup(path, in: context.values(run))
            if value == nil, let fixed { return .success(now.addingTimeInterval(Double(fixed.seconds))) }
            return DynamicWindow.resolve(value, now: now, timeZone: context.timeZone).mapError { error in
                EngineError(error.code, "'\(path)' is \(value == nil ? "missing" : "invalid"): \(error.message)")
            }
        }
        guard let fixed else { return .failure(EngineError(.invalidInput, "the step has no window")) }
        return .success(now.addingTimeInterval(Double(fixed.seconds)))
    }

    func executeThrottle(
        _ step: WorkflowStep, _ throttle: ThrottleStep, run: inout RecipientRun, context: RunContext,
        conditions: JSONValue?
    ) async throws -> StepOutcome {
        let now = clock.now()
        func log(_ outcome: String, _ reason: String, _ members: [(String, JSONValue)] = []) {
            run.stepLog.append(
                StepLogEntry(
                    at: now, stepRef: step.ref, stepType: "throttle", outcome: outcome, reason: reason,
                    details: WorkflowTime.details(conditions, members)))
        }
        var key = "\(run.environment)/\(run.workflowKey)/\(step.ref)/\(run.recipient.storageID)"
        if let value = keyValue(throttle.key, run: run, context: context) {
            let encoded =
                JSONValue.string(value).encoded()
                .addingPercentEncoding(
                    withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? ""
            guard encoded.count < 64 else {
                log(
                    "skipped",
                    "skipped because the throttle key is \(encoded.count) characters after JSON and URL encoding; it must be shorter than 64"
                )
                return .next
            }
            key += "/" + value
        }
        var window = try await store.throttleWindow(key: key)
        if window == nil || window!.closesAt <= now {
            let end: Date
            switch windowEnd(fixed: throttle.window, path: throttle.windowPath, run: run, context: context, now: now) {
            case .success(let date): end = date
            case .failure(let error):
                log("skipped", "skipped because the throttle window is invalid: \(error.message)")
                return .next
            }
            guard end.timeIntervalSince(now) <= Double(ThrottleStep.maximumSeconds) else {
                log("skipped", "skipped because the throttle window is longer than the maximum of 31 days")
                return .next
            }
            window = ThrottleWindow(key: key, openedAt: now, closesAt: end, count: 0)
        }
        guard var open = window else { return .next }
        let members: [(String, JSONValue)] = [
            ("opened_at", .string(WorkflowTime.string(open.openedAt))),
            ("closes_at", .string(WorkflowTime.string(open.closesAt))),
            ("limit", .number(Double(throttle.limit))),
        ]
        guard open.count < throttle.limit else {
            log(
                "halted",
                "halted because the throttle allows \(throttle.limit) per window and the window closing at "
                    + "\(WorkflowTime.string(open.closesAt)) is full",
                members + [("count", .number(Double(open.count)))])
            run.state = .halted(reason: "throttled")
            return .suspend
        }
        open.count += 1
        try await store.save(open)
        log(
            "executed", "execution \(open.count) of \(throttle.limit) in the window",
            members + [("count", .number(Double(open.count)))])
        return .next
    }
}
