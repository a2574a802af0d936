public import Providers

/// A workflow as loaded from its `workflow.json`: Knock's `Workflow` object with its steps and templates.
///
/// Definitions are values: a run keeps the definition it was triggered with (its ``version``), so reloading
/// the catalog never changes runs in flight.
public struct WorkflowDefinition: Sendable {
    /// The unique key, such as `comment-created`.
    public var key: String
    /// The display name.
    public var name: String
    /// The categories, matched case-sensitively by preferences.
    public var categories: [String]
    /// Trigger conditions: when they are false the run halts before any step.
    public var conditions: ConditionGroup?
    /// The steps, in order.
    public var steps: [WorkflowStep]
    /// Whether recipient preferences are ignored (`settings.override_preferences`).
    public var overridesPreferences: Bool
    /// A hash of the definition (workflow file and templates): the version a run is pinned to.
    public var version: String
    /// The definition as one JSON document with every template inline, to store beside runs and parse again.
    public var snapshot: JSONValue
    /// The file it was loaded from.
    public var file: String

    /// Creates a definition.
    public init(
        key: String, name: String, categories: [String] = [], conditions: ConditionGroup? = nil,
        steps: [WorkflowStep], overridesPreferences: Bool = false, version: String, snapshot: JSONValue,
        file: String
    ) {
        self.key = key
        self.name = name
        self.categories = categories
        self.conditions = conditions
        self.steps = steps
        self.overridesPreferences = overridesPreferences
        self.version = version
        self.snapshot = snapshot
        self.file = file
    }

    /// The step at a position, following branch choices (see ``StepPosition``).
    ///
    /// - Parameter position: Where the step is.
    /// - Returns: The step, or `nil` if the position is past the end of its list.
    public func step(at position: StepPosition) -> WorkflowStep? {
        var steps = self.steps
        for (depth, index) in position.indices.enumerated() {
            guard steps.indices.contains(index) else { return nil }
            let step = steps[index]
            if depth == position.indices.count - 1 { return step }
            guard case .branch(let branch) = step.kind, branch.branches.indices.contains(position.branches[depth])
            else { return nil }
            steps = branch.branches[position.branches[depth]].steps
        }
        return nil
    }

    /// Every step, depth first (branch steps before the steps of their branches).
    public var allSteps: [WorkflowStep] {
        func flatten(_ steps: [WorkflowStep]) -> [WorkflowStep] {
            steps.flatMap { step -> [WorkflowStep] in
                guard case .branch(let branch) = step.kind else { return [step] }
                return [step] + branch.branches.flatMap { flatten($0.steps) }
            }
        }
        return flatten(steps)
    }

    /// The `workflow` object of a run's scope.
    public func scopeObject(cancellationKey: String?) -> JSONValue {
        [
            "id": .string(key), "key": .string(key), "name": .string(name),
            "categories": .array(categories.map(JSONValue.string)),
            "cancellation_key": cancellationKey.map(JSONValue.string) ?? .null,
        ]
    }
}

/// Where a run is in its workflow: an index into each list of steps, and the branch chosen at each
/// branch step on the way.
///
/// `indices: [2, 0], branches: [1]` is the first step of the second branch of the third top-level step.
public struct StepPosition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The index in each list of steps, outermost first.
    public var indices: [Int]
    /// The branch chosen at each enclosing branch step; one fewer than `indices`.
    public var branches: [Int]

    /// Creates a position.
    public init(indices: [Int] = [0], branches: [Int] = []) {
        self.indices = indices
        self.branches = branches
    }

    /// The first step of the workflow.
    public static let start = StepPosition()

    /// The next step in the same list.
    public var next: StepPosition {
        var position = self
        position.indices[position.indices.count - 1] += 1
        return position
    }

    /// The first step of branch `branch` of the branch step at this position.
    public func entering(branch: Int) -> StepPosition {
        StepPosition(indices: indices + [0], branches: branches + [branch])
    }

    /// The step after the branch step that encloses this position, or `nil` at the top level.
    public var leavingBranch: StepPosition? {
        guard indices.count > 1 else { return nil }
        return StepPosition(indices: Array(indices.dropLast()), branches: Array(branches.dropLast())).next
    }

    public var description: String {
        var text = "\(indices[0])"
        for (depth, branch) in branches.enumerated() { text += "/b\(branch)/\(indices[depth + 1])" }
        return text
    }
}
