import Synchronization

/// The catalog and the environments' settings, shared by the ``WorkflowEngine`` (which runs workflows)
/// and its ``TriggerIntake`` (which accepts triggers without waiting for the engine's actor).
///
/// Both read the latest values on every use: a reloaded catalog or a workflow set inactive applies to the
/// next trigger and the next step at once.
final class WorkflowSettings: Sendable {
    private struct State {
        var catalog: WorkflowCatalog
        var environments: [String: WorkflowEnvironment]
    }

    private let state: Mutex<State>

    init(catalog: WorkflowCatalog, environments: [String: WorkflowEnvironment]) {
        state = Mutex(State(catalog: catalog, environments: environments))
    }

    /// The workflows.
    var catalog: WorkflowCatalog {
        get { state.withLock { $0.catalog } }
        set { state.withLock { $0.catalog = newValue } }
    }

    /// Each environment's settings, by name.
    var environments: [String: WorkflowEnvironment] {
        state.withLock { $0.environments }
    }

    /// One environment's settings, or `nil`.
    func environment(_ name: String) -> WorkflowEnvironment? {
        state.withLock { $0.environments[name] }
    }

    /// The workflow with `key` and the settings of `environment`, read together.
    func lookup(workflowKey: String, environment: String) -> (WorkflowDefinition?, WorkflowEnvironment?) {
        state.withLock { ($0.catalog.workflow(workflowKey), $0.environments[environment]) }
    }

    /// Sets a workflow's status in one environment (creating the environment's settings if needed).
    func setActive(_ active: Bool, workflowKey: String, environment: String) {
        state.withLock { state in
            state.environments[environment, default: WorkflowEnvironment(name: environment)]
                .workflowStatuses[workflowKey] = active
        }
    }
}
