extension WorkflowEngine {
    /// The keys of the workflows in the current catalog that have any of `categories` (compared
    /// case-sensitively, as preferences compare them), sorted: what Knock's `workflow_categories` listing
    /// filter selects.
    ///
    /// - Parameter categories: The categories.
    /// - Returns: The workflow keys, sorted; empty when no workflow has any of them.
    public func workflowKeys(inAnyOf categories: [String]) -> [String] {
        let wanted = Set(categories)
        return catalog.workflows.values.filter { !wanted.isDisjoint(with: $0.categories) }.map(\.key).sorted()
    }
}
