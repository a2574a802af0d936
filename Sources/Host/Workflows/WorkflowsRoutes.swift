public import Engine
internal import HTTPServer
internal import Providers

/// The workflow endpoints of Knock's API.
///
/// - `POST /v1/workflows/:key/trigger` → `{"workflow_run_id": …}`; an `Idempotency-Key` header repeated
///   within 24 hours (same environment and workflow) answers the first response again, marked
///   `Idempotent-Replayed: true`, and starts nothing
/// - `POST /v1/workflows/:key/cancel` → 204
/// - `GET /v1/workflow_recipient_runs` and `GET /v1/workflow_recipient_runs/:id` (with the step log)
///
/// Every route needs an API key and sees only the key's environment.
public struct WorkflowsRoutes: RouteGroup {
    /// The engine that triggers, cancels and lists runs.
    public var engine: WorkflowEngine

    /// The response header that marks a replayed idempotent trigger.
    public static let replayedHeader = "Idempotent-Replayed"
    /// The request header that carries the idempotency key.
    public static let idempotencyHeader = "Idempotency-Key"
    /// The longest idempotency key, in characters.
    public static let maximumIdempotencyKeyLength = 255

    /// Creates the group.
    ///
    /// - Parameter engine: The workflow engine.
    public init(engine: WorkflowEngine) {
        self.engine = engine
    }

    public func register(in routes: inout RouteTable) {
        let engine = self.engine
        routes.add("POST", "/v1/workflows/:key/trigger") { request in
            let environment = try request.requireEnvironment()
            let key = try request.parameter("key")
            let idempotencyKey = try Self.idempotencyKey(request)
            let trigger = try TriggerRequest.parse(try request.jsonBody(), idempotencyKey: idempotencyKey)
            let result = try await engine.trigger(trigger, workflowKey: key, environment: environment)
            var response = HTTPServerResponse.json(["workflow_run_id": .string(result.workflowRunID)])
            if idempotencyKey != nil && result.recipientRunIDs.isEmpty {
                response.headers.append((Self.replayedHeader, "true"))
            }
            return response
        }
        routes.add("POST", "/v1/workflows/:key/cancel") { request in
            let environment = try request.requireEnvironment()
            let key = try request.parameter("key")
            let cancel = try CancelRequest.parse(try request.jsonBody())
            try await engine.cancel(
                workflowKey: key, cancellationKey: cancel.cancellationKey, recipients: cancel.recipients,
                environment: environment)
            return .noContent
        }
        routes.add("GET", "/v1/workflow_recipient_runs") { request in
            let environment = try request.requireEnvironment()
            let query = try WorkflowRunListParameters.query(request, environment: environment)
            let page = try request.pageRequest()
            let result = try await engine.recipientRuns(query, page: page)
            return .json(
                [
                    "items": .array(result.entries.map(\.knockJSON)),
                    "page_info": PageInfo.json(for: result, pageSize: page.size),
                ])
        }
        routes.add("GET", "/v1/workflow_recipient_runs/:id") { request in
            let environment = try request.requireEnvironment()
            let id = try request.parameter("id")
            guard let run = try await engine.recipientRun(id: id, environment: environment) else {
                throw HostError.resourceMissing("workflow recipient run '\(id)' not found")
            }
            return .json(run.knockDetailJSON)
        }
    }

    /// The `Idempotency-Key` header: 1 to 255 characters when present.
    static func idempotencyKey(_ request: APIRequest) throws(HostError) -> String? {
        guard let value = request.http.header(idempotencyHeader) else { return nil }
        guard !value.isEmpty, value.count <= maximumIdempotencyKeyLength else {
            throw HostError.invalidParams(
                "header \(idempotencyHeader) is \(value.count) characters long; expected 1 to "
                    + "\(maximumIdempotencyKeyLength) characters")
        }
        return value
    }
}
