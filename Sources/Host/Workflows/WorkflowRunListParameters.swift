internal import Engine
internal import HTTPServer
internal import Providers

/// The filters of `GET /v1/workflow_recipient_runs`.
///
/// Accepted: `workflow` (a key), `status` (repeatable as `status` or `status[]`, or comma-separated:
/// queued, processing, paused, completed, cancelled), `recipient` (a user id, or `recipient[collection]`
/// with `recipient[id]` for an object) and the host extension `workflow_run_id`. Knock's `tenant`,
/// `has_errors`, `starting_at` and `ending_at` are answered with 422, never ignored.
enum WorkflowRunListParameters {
    /// The filters Knock has that the host does not support.
    static let unsupported = ["tenant", "has_errors", "starting_at", "ending_at"]

    /// The run query a request asks for.
    ///
    /// - Throws: ``HostError`` 422 naming the parameter, what was wrong and what is accepted.
    static func query(_ request: APIRequest, environment: String) throws(HostError) -> RecipientRunQuery {
        for name in unsupported where request.query(name) != nil {
            throw HostError.invalidParams(
                "\(name): this filter is not supported by this host (accepted: workflow, status, recipient, "
                    + "workflow_run_id)")
        }
        var query = RecipientRunQuery(environment: environment)
        if let workflow = request.query("workflow") {
            guard !workflow.isEmpty else { throw HostError.invalidParams("workflow: expected a workflow key") }
            query.workflowKey = workflow
        }
        if let runID = request.query("workflow_run_id") {
            guard !runID.isEmpty else { throw HostError.invalidParams("workflow_run_id: expected a workflow run id") }
            query.workflowRunID = runID
        }
        query.states = try states(request)
        query.recipient = try recipient(request)
        return query
    }

    private static func states(_ request: APIRequest) throws(HostError) -> Set<String>? {
        let values = request.http.query.filter { $0.name == "status" || $0.name == "status[]" }
            .flatMap { $0.value.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard !values.isEmpty else { return nil }
        var states: Set<String> = []
        for value in values {
            guard let selected = RecipientRun.states(forKnockStatus: value) else {
                throw HostError.invalidParams(
                    "status: '\(value.prefix(32))' is not a run status (accepted: queued, processing, paused, "
                        + "completed, cancelled)")
            }
            states.formUnion(selected)
        }
        return states
    }

    private static func recipient(_ request: APIRequest) throws(HostError) -> RecipientReference? {
        let collection = request.query("recipient[collection]")
        let objectID = request.query("recipient[id]")
        if let user = request.query("recipient") {
            guard collection == nil, objectID == nil else {
                throw HostError.invalidParams(
                    "recipient: give a user id as 'recipient' or an object as 'recipient[collection]' and "
                        + "'recipient[id]', not both")
            }
            try APIRequest.validateIdentifier(user, field: "recipient")
            return .user(user)
        }
        switch (collection, objectID) {
        case (nil, nil):
            return nil
        case (let collection?, let id?):
            try APIRequest.validateIdentifier(collection, field: "recipient[collection]")
            try APIRequest.validateIdentifier(id, field: "recipient[id]")
            return .object(collection: collection, id: id)
        default:
            throw HostError.invalidParams(
                "recipient: an object recipient needs both 'recipient[collection]' and 'recipient[id]'")
        }
    }
}
