public import Engine
public import Foundation
internal import HTTPServer
internal import Providers

/// The schedule endpoints of Knock's API:
///
/// - `POST /v1/schedules` creates one schedule per recipient (1 to 100); `PUT /v1/schedules` changes up to
///   100 by `schedule_ids`; `DELETE /v1/schedules` deletes up to 100. Each answers the schedules as an array.
/// - `POST /v1/schedules/bulk/create` creates up to 1,000 schedules, each with its own workflow and one
///   recipient, all or none, and answers a completed `BulkOperation`.
/// - `GET /v1/schedules?workflow=…` lists a workflow's schedules (optionally `recipients[]=…`);
///   `GET /v1/users/:user_id/schedules` and `GET /v1/objects/:collection/:id/schedules` list a recipient's
///   (optionally `workflow=…`). Each also takes `tenant=…` and pages with `after` or `before`, answering
///   `{"entries", "page_info"}` ordered by id.
///
/// Every route needs an API key and sees only the key's environment.
public struct SchedulesRoutes: RouteGroup {
    /// Creates, changes and deletes schedules.
    public var runner: ScheduleRunner
    /// Where schedules are listed from.
    public var store: any ScheduleStore
    /// Where the schedules' recipients and actors are read for the responses.
    public var recipients: any RecipientStore
    /// Records bulk calls.
    public var operations: BulkOperations
    /// The time a bulk operation reports.
    public var now: @Sendable () -> Date

    /// Creates the group.
    ///
    /// - Parameters:
    ///   - runner: Creates, changes and deletes schedules.
    ///   - store: Where schedules are listed from.
    ///   - recipients: Where the schedules' recipients and actors are read for the responses.
    ///   - operations: Records bulk calls.
    ///   - now: The time a bulk operation reports (the system clock by default).
    public init(
        runner: ScheduleRunner, store: any ScheduleStore, recipients: any RecipientStore, operations: BulkOperations,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.runner = runner
        self.store = store
        self.recipients = recipients
        self.operations = operations
        self.now = now
    }

    public func register(in routes: inout RouteTable) {
        let group = self
        routes.add("POST", "/v1/schedules") { request in
            let environment = try request.requireEnvironment()
            let create = try ScheduleRequest.parseCreate(try request.jsonObjectBody())
            return try await group.array(try await group.runner.create(create, environment: environment), environment)
        }
        routes.add("POST", "/v1/schedules/bulk/create") { request in
            let environment = try request.requireEnvironment()
            let requests = try ScheduleRequest.parseBulkCreate(try request.jsonObjectBody())
            let created = try await group.runner.createBulk(requests, environment: environment)
            return try await group.operations.completed(
                "schedules.create", rows: created.count, environment: environment, at: group.now())
        }
        routes.add("PUT", "/v1/schedules") { request in
            let environment = try request.requireEnvironment()
            let update = try ScheduleRequest.parseUpdate(try request.jsonObjectBody())
            return try await group.array(try await group.runner.update(update, environment: environment), environment)
        }
        routes.add("DELETE", "/v1/schedules") { request in
            let environment = try request.requireEnvironment()
            let ids = try ScheduleRequest.parseDelete(try request.jsonObjectBody())
            return try await group.array(try await group.runner.delete(ids: ids, environment: environment), environment)
        }
        routes.add("GET", "/v1/schedules") { request in
            let environment = try request.requireEnvironment()
            guard let workflow = request.query("workflow"), !workflow.isEmpty else {
                throw HostError.invalidParams("workflow: required; the key of the workflow whose schedules to list")
            }
            let recipients = try request.http.query.filter { $0.name == "recipients[]" || $0.name == "recipients" }
                .map { try RecipientIdentifier.parse(.string($0.value), path: "recipients").reference }
            return try await group.list(
                request,
                ScheduleQuery(
                    environment: environment, workflowKey: workflow, recipients: recipients.isEmpty ? nil : recipients,
                    tenant: request.query("tenant")))
        }
        routes.add("GET", "/v1/users/:user_id/schedules") { request in
            let environment = try request.requireEnvironment()
            let user = RecipientReference.user(try request.identifier("user_id"))
            return try await group.list(
                request,
                ScheduleQuery(
                    environment: environment, workflowKey: request.query("workflow"), recipients: [user],
                    tenant: request.query("tenant")))
        }
        routes.add("GET", "/v1/objects/:collection/:id/schedules") { request in
            let environment = try request.requireEnvironment()
            let object = RecipientReference.object(
                collection: try request.identifier("collection"), id: try request.identifier("id"))
            return try await group.list(
                request,
                ScheduleQuery(
                    environment: environment, workflowKey: request.query("workflow"), recipients: [object],
                    tenant: request.query("tenant")))
        }
    }

    private func array(_ schedules: [Schedule], _ environment: String) async throws -> HTTPServerResponse {
        .json(.array(try await ScheduleJSON.schedules(schedules, recipients: recipients, environment: environment)))
    }

    private func list(_ request: APIRequest, _ query: ScheduleQuery) async throws -> HTTPServerResponse {
        let page = try request.pageRequest()
        let result = try await store.schedules(query, page: page)
        let entries = try await ScheduleJSON.schedules(
            result.entries, recipients: recipients, environment: query.environment)
        return .json(
            ["entries": .array(entries), "page_info": PageInfo.json(for: result, pageSize: page.size)])
    }
}
