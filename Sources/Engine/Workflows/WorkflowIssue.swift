/// One problem in a workflow file: the file, the JSON path, and what is wrong and accepted.
public struct WorkflowIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file, such as `workflows/comment-created/workflow.json`.
    public var file: String
    /// The JSON path, such as `$.steps[1].settings.delay_for.unit`.
    public var path: String
    /// What is wrong and what is accepted.
    public var message: String

    /// Creates an issue.
    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String { "\(file): \(path): \(message)" }
}

extension EngineError {
    /// An ``EngineError/Code/invalidWorkflow`` error listing every issue, one per line.
    public static func invalidWorkflow(_ issues: [WorkflowIssue]) -> EngineError {
        let lines = issues.map(\.description)
        let summary = issues.count == 1 ? "invalid workflow: " : "invalid workflows (\(issues.count) problems):\n"
        return EngineError(.invalidWorkflow, summary + lines.joined(separator: "\n"))
    }
}
