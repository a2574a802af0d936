public import Engine
internal import HTTPServer

/// `GET /v1/bulk_operations/:id`: a bulk operation of the key's environment, as Knock's `BulkOperation`.
///
/// Every operation the host answers is already completed (see ``BulkOperations``), so polling it returns at
/// once what the bulk call returned. An id that is not an operation of the environment gets 404
/// `resource_missing`.
public struct BulkOperationsRoutes: RouteGroup {
    /// Where operations are kept.
    public var store: any BulkOperationStore

    /// Creates the group.
    public init(store: any BulkOperationStore) {
        self.store = store
    }

    public func register(in routes: inout RouteTable) {
        let store = self.store
        routes.add("GET", "/v1/bulk_operations/:id") { request in
            let environment = try request.requireEnvironment()
            let id = try request.identifier("id")
            guard let operation = try await store.bulkOperation(id: id, environment: environment) else {
                throw HostError.resourceMissing("bulk operation \(id) does not exist in environment \"\(environment)\"")
            }
            return .json(operation.knockJSON)
        }
    }
}
