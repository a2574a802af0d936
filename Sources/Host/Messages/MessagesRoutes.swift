public import Engine
internal import HTTPServer
public import Providers

/// The messages and in-app feed endpoints of Knock's API.
///
/// - `GET /v1/messages`, `GET /v1/users/:user_id/messages`, `GET /v1/objects/:collection/:id/messages`
/// - `GET /v1/messages/:message_id` and its `/events`, `/delivery_logs`, `/content`
/// - engagement: `PUT`/`DELETE /v1/messages/:message_id/<status>` and `POST /v1/messages/batch/<change>`
/// - `POST /v1/messages/:message_id/retry` (a host extension)
/// - `GET /v1/users/:user_id/feeds/:channel_id`
///
/// Every route needs an API key and sees only the key's environment: a message of another environment
/// answers 404 like one that does not exist.
public struct MessagesRoutes: RouteGroup {
    /// Where messages are read.
    public var store: any MessageStore
    /// Applies engagement changes and retries.
    public var pipeline: DeliveryPipeline
    /// The public variables of an environment, shown as the feed's `vars`.
    public var publicVariables: @Sendable (String) -> JSONObject
    /// The workflow engine, whose catalog resolves `workflow_categories` to workflow keys; without one,
    /// no workflow has a category.
    public var engine: WorkflowEngine?
    /// Resolves feed items' actors and recipients (deleted ones become missing markers).
    public var participants: FeedParticipants

    /// Creates the group.
    ///
    /// - Parameters:
    ///   - store: The message store.
    ///   - pipeline: The pipeline over the same store.
    ///   - participants: Resolves feed items' actors and recipients.
    ///   - publicVariables: The public variables by environment (none by default); never secret ones.
    ///   - engine: The workflow engine, for `workflow_categories`.
    public init(
        store: any MessageStore, pipeline: DeliveryPipeline, participants: FeedParticipants,
        publicVariables: @escaping @Sendable (String) -> JSONObject = { _ in JSONObject() },
        engine: WorkflowEngine? = nil
    ) {
        self.store = store
        self.pipeline = pipeline
        self.participants = participants
        self.publicVariables = publicVariables
        self.engine = engine
    }

    public func register(in routes: inout RouteTable) {
        let group = self
        routes.add("GET", "/v1/messages") { request in
            let environment = try request.requireEnvironment()
            return try await group.list(request, MessageListParameters.listing(request, environment: environment))
        }
        routes.add("GET", "/v1/users/:user_id/messages") { request in
            let environment = try request.requireEnvironment()
            let user = try request.identifier("user_id")
            return try await group.list(
                request, MessageListParameters.listing(request, environment: environment, recipient: user))
        }
        routes.add("GET", "/v1/objects/:collection/:id/messages") { request in
            let environment = try request.requireEnvironment()
            let recipient = try request.identifier("collection") + "/" + request.identifier("id")
            return try await group.list(
                request, MessageListParameters.listing(request, environment: environment, recipient: recipient))
        }
        routes.add("GET", "/v1/messages/:message_id") { request in
            .json(try await group.message(request).knockJSON)
        }
        routes.add("GET", "/v1/messages/:message_id/events") { request in
            let message = try await group.message(request)
            let page = try request.pageRequest()
            let events = try await group.store.events(messageID: message.id).enumerated().map {
                MessageTimelineJSON.event($0.element, index: $0.offset, of: message)
            }
            return .json(Self.items(try OffsetPaging.page(events, request: page), request: page))
        }
        routes.add("GET", "/v1/messages/:message_id/delivery_logs") { request in
            let message = try await group.message(request)
            let page = try request.pageRequest()
            let logs = try await group.store.attemptLogs(messageID: message.id).sorted { $0.attempt < $1.attempt }
                .flatMap { MessageTimelineJSON.deliveryLogs($0, of: message) }
            return .json(Self.items(try OffsetPaging.page(logs, request: page), request: page))
        }
        routes.add("GET", "/v1/messages/:message_id/content") { request in
            let message = try await group.message(request)
            guard let content = message.content else {
                throw HostError.resourceMissing(
                    "the content of message \(message.id) was removed by the retention policy")
            }
            return .json(MessageContentsJSON.contents(content, of: message))
        }
        routes.add("GET", "/v1/users/:user_id/feeds/:channel_id") { request in
            try await group.feed(request)
        }
        registerEngagement(in: &routes)
    }

    // MARK: - Handlers

    /// The message the path names, if it is a notification of the key's environment.
    func message(_ request: APIRequest) async throws -> MessageRecord {
        let environment = try request.requireEnvironment()
        let id = try request.identifier("message_id")
        guard let message = try await store.message(id: id), message.environment == environment,
            message.kind == .notification
        else { throw HostError.resourceMissing("no message \(id) in environment '\(environment)'") }
        return message
    }

    private func list(_ request: APIRequest, _ query: MessageQuery) async throws -> HTTPServerResponse {
        let query = try await resolvingCategories(query, request)
        let page = try request.pageRequest()
        let messages = try await store.listMessages(query, page: page)
        return .json(
            Self.items(
                Page(entries: messages.entries.map(\.knockJSON), after: messages.after, before: messages.before),
                request: page))
    }

    private func feed(_ request: APIRequest) async throws -> HTTPServerResponse {
        let environment = try request.requireEnvironment()
        let user = try request.identifier("user_id")
        let channelID = try request.identifier("channel_id")
        let query = try await resolvingCategories(
            MessageListParameters.feed(request, environment: environment, recipient: user, channelID: channelID),
            request)
        let page = try request.pageRequest()
        let messages = try await store.listMessages(query, page: page)
        let counts = try await store.feedCounts(query)
        let people = try await participants.resolve(messages.entries, environment: environment)
        return .json(
            FeedJSON.response(
                messages, request: page, counts: counts, variables: publicVariables(environment), participants: people))
    }

    /// `query` limited to the workflows in the request's `workflow_categories`, if it has any.
    private func resolvingCategories(_ query: MessageQuery, _ request: APIRequest) async throws -> MessageQuery {
        guard let categories = try MessageListParameters.workflowCategories(request) else { return query }
        var query = query
        query.workflowKeys = await engine?.workflowKeys(inAnyOf: categories) ?? []
        return query
    }

    /// Knock's message list shape: `{"items": […], "page_info": {…}}`.
    static func items(_ page: Page<JSONValue>, request: PageRequest) -> JSONValue {
        ["items": .array(page.entries), "page_info": PageInfo.json(for: page, pageSize: request.size)]
    }
}
