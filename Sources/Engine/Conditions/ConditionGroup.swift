public import Providers

/// A condition, or an `all`/`any` group of nodes; groups nest.
public indirect enum ConditionNode: Sendable, Hashable {
    /// One condition.
    case condition(Condition)
    /// True when every node is true (Knock's `{"all": [...]}`); an empty `all` is true.
    case all([ConditionNode])
    /// True when at least one node is true (Knock's `{"any": [...]}`); an empty `any` is false.
    case any([ConditionNode])

    /// The node's JSON form, as Knock stores it.
    public var json: JSONValue {
        switch self {
        case .condition(let condition): condition.json
        case .all(let nodes): ["all": .array(nodes.map(\.json))]
        case .any(let nodes): ["any": .array(nodes.map(\.json))]
        }
    }

    /// Every condition in the node, in document order.
    public var conditions: [Condition] {
        switch self {
        case .condition(let condition): [condition]
        case .all(let nodes), .any(let nodes): nodes.flatMap(\.conditions)
        }
    }
}

/// The conditions of a step, a channel or a preference: a tree of `all`/`any` groups.
///
/// ```swift
/// let group = try ConditionGroup.parse(json, path: "$.steps[2].conditions", allowMessageStatus: true)
/// let evaluation = group.evaluate(in: scope)
/// if !evaluation.passed { /* skip the step; log evaluation.json */ }
/// ```
public struct ConditionGroup: Sendable, Hashable {
    /// The root node.
    public var root: ConditionNode

    /// Creates a group from a root node.
    public init(root: ConditionNode) {
        self.root = root
    }

    /// The group's JSON form, as Knock stores it.
    public var json: JSONValue { root.json }
}
