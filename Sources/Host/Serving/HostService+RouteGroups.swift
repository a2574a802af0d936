import Engine
import Providers

extension HostService {
    /// The Knock-compatible API's route groups over the service's components, as `delivery-host serve`
    /// registers them: users, objects, subscriptions, audiences, bulk operations, messages and feeds, workflows and
    /// schedules.
    ///
    /// The feed's `vars` are the environment's public variables; secret variables never appear.
    ///
    /// ```swift
    /// let service = try await HostService(
    ///     channels: channels, host: host, logger: logger, workflows: workflows,
    ///     routeGroups: HostService.apiRouteGroups)
    /// ```
    ///
    /// - Parameter components: The service's components.
    /// - Returns: The route groups, in registration order.
    public static func apiRouteGroups(_ components: Components) -> [any RouteGroup] {
        let operations = BulkOperations(store: components.store)
        let publicVariables = components.environments.mapValues(\.publicVariablesObject)
        return [
            UsersRoutes(store: components.store, messages: components.store, operations: operations),
            ObjectsRoutes(store: components.store, operations: operations),
            SubscriptionsRoutes(store: components.store, operations: operations),
            AudiencesRoutes(store: components.store),
            BulkOperationsRoutes(store: components.store),
            MessagesRoutes(
                store: components.store, pipeline: components.pipeline,
                participants: FeedParticipants(recipients: components.store, runs: components.store),
                publicVariables: { publicVariables[$0] ?? [:] }, engine: components.engine),
            WorkflowsRoutes(engine: components.engine),
            SchedulesRoutes(
                runner: components.schedules, store: components.store, recipients: components.store,
                operations: operations),
        ]
    }
}
