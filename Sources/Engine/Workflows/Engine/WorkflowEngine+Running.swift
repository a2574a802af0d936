import Foundation
import Providers

extension WorkflowEngine {
    /// Runs until cancelled: executes due runs, closes due batches, then sleeps until the next due time
    /// or a new trigger.
    public func run() async {
        let store = self.store
        await wakeUp.runDueWork(
            on: clock, work: { try await self.runDue() }, nextDue: { try await store.nextDueDate() })
    }

    /// Executes every run and closes every batch that is due at the clock's current time, repeatedly, until
    /// nothing more is due now. (For tests with a manual clock, and one-shot tools.)
    ///
    /// - Returns: How many runs were advanced and batches closed.
    @discardableResult
    public func runUntilIdle() async throws -> Int {
        try await WakeSignal.repeatUntilIdle { try await self.runDue() }
    }

    /// One pass: closes due batches, then advances due runs.
    private func runDue() async throws -> Int {
        let now = clock.now()
        var worked = 0
        for batch in try await store.dueBatches(now: now) {
            try await close(batch)
            worked += 1
        }
        for run in try await store.dueRuns(now: now, limit: 100) {
            try await advance(run)
            worked += 1
        }
        return worked
    }

    /// Moves a run through its steps until it waits, joins a batch or ends; stores it after every step.
    func advance(_ initial: RecipientRun) async throws {
        var run = initial
        guard let settings = environments[run.environment] else {
            finish(
                &run, .failed(reason: "unknown environment"), ref: "run", type: "run", outcome: "failed",
                reason: "failed because environment '\(run.environment)' is not configured")
            return try await store.update(run)
        }
        guard catalog.workflow(run.workflowKey) != nil else {
            finish(
                &run, .halted(reason: "workflow archived"), ref: "run", type: "run", outcome: "halted",
                reason: "halted because workflow '\(run.workflowKey)' was archived (it is no longer in the catalog)")
            return try await store.update(run)
        }
        guard settings.isActive(run.workflowKey) else {
            finish(
                &run, .halted(reason: "workflow inactive"), ref: "run", type: "run", outcome: "halted",
                reason: "halted because the workflow is inactive in environment '\(run.environment)'")
            return try await store.update(run)
        }
        let definition = try await definition(for: run)
        var context = try await RunContext.load(for: run, definition: definition, engine: self, settings: settings)
        if run.stepLog.isEmpty {
            guard try await startRun(&run, definition: definition, context: context) else {
                return try await store.update(run)
            }
        }
        run.state = .pending
        while true {
            guard let step = definition.step(at: run.position) else {
                guard let outer = run.position.leavingBranch else {
                    finish(&run, .completed, ref: "run", type: "run", outcome: "completed", reason: "every step ran")
                    return try await store.update(run)
                }
                if leavesTerminatingBranch(run.position, definition: definition) {
                    finish(
                        &run, .completed, ref: "run", type: "run", outcome: "terminated",
                        reason: "terminated: the branch exits the workflow at its end")
                    return try await store.update(run)
                }
                run.position = outer
                continue
            }
            let outcome = try await execute(step, run: &run, definition: definition, context: &context)
            run.updatedAt = clock.now()
            switch outcome {
            case .next:
                run.position = run.position.next
                run.fetchAttempts = 0
                try await store.update(run)
            case .enter(let branch):
                run.position = run.position.entering(branch: branch)
                try await store.update(run)
            case .suspend:
                return try await store.update(run)
            }
        }
    }

    /// Checks the recipient and the actor exist and the trigger conditions hold; logs the outcome.
    ///
    /// - Returns: Whether the run goes on.
    private func startRun(_ run: inout RecipientRun, definition: WorkflowDefinition, context: RunContext) async throws
        -> Bool
    {
        guard context.recipientRecord != nil else {
            finish(
                &run, .halted(reason: "recipient not found"), ref: "trigger", type: "trigger", outcome: "halted",
                reason: "halted because recipient '\(run.recipient.storageID)' does not exist in this environment")
            return false
        }
        if context.actorMissing, let actor = run.actor {
            finish(
                &run, .halted(reason: "actor not found"), ref: "trigger", type: "trigger", outcome: "halted",
                reason: "halted because actor '\(actor.storageID)' does not exist in this environment")
            return false
        }
        guard let conditions = definition.conditions else {
            run.stepLog.append(
                StepLogEntry(at: clock.now(), stepRef: "trigger", stepType: "trigger", outcome: "executed"))
            return true
        }
        let evaluation = conditions.evaluate(in: context.conditionScope(run, now: clock.now()))
        guard evaluation.passed else {
            finish(
                &run, .halted(reason: "trigger conditions"), ref: "trigger", type: "trigger", outcome: "halted",
                reason: "halted because the trigger conditions are false")
            run.stepLog[run.stepLog.count - 1].details["conditions"] = evaluation.json
            return false
        }
        run.stepLog.append(
            StepLogEntry(
                at: clock.now(), stepRef: "trigger", stepType: "trigger", outcome: "executed",
                details: ["conditions": evaluation.json]))
        return true
    }

    private func leavesTerminatingBranch(_ position: StepPosition, definition: WorkflowDefinition) -> Bool {
        let parent = StepPosition(
            indices: Array(position.indices.dropLast()), branches: Array(position.branches.dropLast()))
        guard let step = definition.step(at: parent), case .branch(let branch) = step.kind,
            let chosen = position.branches.last, branch.branches.indices.contains(chosen)
        else { return false }
        return branch.branches[chosen].terminates
    }

    /// Runs one step: step conditions first (skipping the step when false), then the step itself.
    private func execute(
        _ step: WorkflowStep, run: inout RecipientRun, definition: WorkflowDefinition, context: inout RunContext
    ) async throws -> StepOutcome {
        let now = clock.now()
        var conditionsJSON: JSONValue?
        if let conditions = step.conditions, !isResuming(run, at: step), !isChannel(step) {
            let scope = context.conditionScope(run, now: now, refs: try await refStatuses(run))
            let evaluation = conditions.evaluate(in: scope)
            conditionsJSON = evaluation.json
            if !evaluation.passed {
                run.stepLog.append(
                    StepLogEntry(
                        at: now, stepRef: step.ref, stepType: step.typeName, outcome: "skipped",
                        reason: "skipped because the step conditions are false",
                        details: ["conditions": evaluation.json]))
                return .next
            }
        }
        switch step.kind {
        case .channel(let channel):
            return try await executeChannel(
                step, channel, run: &run, definition: definition, context: context, stepConditions: conditionsJSON)
        case .delay(let delay):
            return executeDelay(step, delay, run: &run, context: context, conditions: conditionsJSON)
        case .batch(let batch):
            return try await executeBatch(
                step, batch, run: &run, definition: definition, context: &context, conditions: conditionsJSON)
        case .branch(let branch):
            return try await executeBranch(step, branch, run: &run, context: context)
        case .throttle(let throttle):
            return try await executeThrottle(step, throttle, run: &run, context: context, conditions: conditionsJSON)
        case .fetch(let fetch):
            return try await executeFetch(step, fetch, run: &run, context: &context, conditions: conditionsJSON)
        case .triggerWorkflow(let trigger):
            return try await executeTriggerWorkflow(
                step, trigger, run: &run, context: context, conditions: conditionsJSON)
        }
    }

    /// Whether the run is resuming inside this step (a fetch retry), where conditions were already checked.
    private func isResuming(_ run: RecipientRun, at step: WorkflowStep) -> Bool {
        if case .fetch = step.kind { return run.fetchAttempts > 0 }
        return false
    }

    private func isChannel(_ step: WorkflowStep) -> Bool {
        if case .channel = step.kind { return true }
        return false
    }

    /// The statuses of the messages earlier channel steps produced, read now from the message store.
    func refStatuses(_ run: RecipientRun) async throws -> [String: StepMessageStatus] {
        var refs: [String: StepMessageStatus] = [:]
        for (ref, ids) in run.messages {
            guard !ids.isEmpty else {
                refs[ref] = .skipped
                continue
            }
            var snapshots: [MessageStatusSnapshot] = []
            for id in ids {
                guard let message = try await messages.message(id: id) else { continue }
                snapshots.append(
                    MessageStatusSnapshot(delivery: message.status, engagement: message.engagement.statuses))
            }
            refs[ref] = .messages(snapshots)
        }
        return refs
    }
}

/// What a step tells the run loop.
enum StepOutcome {
    /// Go on with the next step.
    case next
    /// Go into a branch of this branch step.
    case enter(branch: Int)
    /// Stop here: the run waits, joined a batch, or ended (its state says which).
    case suspend
}
