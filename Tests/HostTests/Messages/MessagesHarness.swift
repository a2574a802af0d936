import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Synchronization

/// A clock that moves only when a test moves it.
final class SteppedClock: EngineClock {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    func sleep(until date: Date) async throws { try Task.checkCancellation() }
}

/// The messages routes over an in-memory store, a pipeline without channels and a stepped clock.
struct MessagesHarness {
    let clock = SteppedClock(HostTestSupport.instant.addingTimeInterval(3600))
    let store = InMemoryMessageStore()
    let recipients = InMemoryRecipientStore()
    let runs = InMemoryWorkflowRunStore()
    let pipeline: DeliveryPipeline
    let router: APIRouter

    /// - Parameter categories: Workflows (by key) with their categories, for `workflow_categories`;
    ///   without any, the routes have no workflow engine.
    init(categories: [String: [String]] = [:]) {
        pipeline = DeliveryPipeline(store: store, channels: ChannelDirectory([]), clock: clock)
        var engine: WorkflowEngine?
        if !categories.isEmpty {
            let definitions = categories.map { key, categories in
                WorkflowDefinition(
                    key: key, name: key, categories: categories, steps: [], version: "1", snapshot: [:],
                    file: "\(key).json")
            }
            engine = WorkflowEngine(
                catalog: WorkflowCatalog(definitions), environments: [:], recipients: InMemoryRecipientStore(),
                messages: store, delivery: pipeline, store: InMemoryWorkflowRunStore(), clock: clock,
                transport: RefusingTransport())
        }
        var router = HostTestSupport.router(maxBodyBytes: 1 << 16)
        router.register(
            MessagesRoutes(
                store: store, pipeline: pipeline,
                participants: FeedParticipants(recipients: recipients, runs: runs),
                publicVariables: { $0 == "development" ? ["base_url": "https://app.example.test"] : [:] },
                engine: engine))
        self.router = router
    }

    static let feedContent = OutboundMessage.Content.inAppFeed(
        InAppFeedContent(markdownBody: "Your **order** shipped", actionURL: "https://app.example.test/o/1"))

    /// Stores a message created `seconds` after ``HostTestSupport/instant``.
    @discardableResult
    func insert(
        _ id: String, seconds: Double, environment: String = "development", channelID: String = "feed",
        recipient: String = "user-1", status: DeliveryStatus = .delivered,
        workflow: WorkflowReference? = WorkflowReference(
            key: "order-shipped", runID: "run-1", recipientRunID: "rr-1", stepRef: "in_app_1"),
        tenant: String? = nil, data: JSONObject? = nil,
        content: OutboundMessage.Content? = MessagesHarness.feedContent
    ) async throws -> MessageRecord {
        let created = HostTestSupport.instant.addingTimeInterval(seconds)
        let record = MessageRecord(
            id: id, environment: environment, channelID: channelID,
            provider: ProviderID(content?.channelType == .inAppFeed ? "in_app_feed" : "webhook"),
            channelType: content?.channelType ?? .inAppFeed, workflow: workflow, tenant: tenant, data: data,
            recipient: Recipient(id: recipient), content: content, status: status, nextAttemptAt: nil,
            createdAt: created, updatedAt: created)
        try await store.insert(
            record,
            events: [
                MessageEvent(
                    messageID: id, kind: .status(.queued), status: .queued, reason: "queued", occurredAt: created)
            ])
        return record
    }

    func send(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], body: String? = nil,
        key: String = HostTestSupport.developmentKey
    ) async throws -> (status: Int, json: JSONValue) {
        let request = HTTPServerRequest(
            method: method, path: path, rawPath: path, query: query,
            headers: [("Authorization", "Bearer " + key)], body: Array((body ?? "").utf8))
        let response = await router.handle(request)
        return (response.status, response.body.isEmpty ? .null : try JSONValue.parse(response.body))
    }

    /// The ids of a list response's `items` (or a feed's `entries`).
    static func ids(_ json: JSONValue, member: String = "items") -> [String] {
        guard case .object(let object) = json, case .array(let items)? = object[member] else { return [] }
        return items.compactMap { item in
            guard case .object(let entry) = item else { return nil }
            return entry["id"]?.stringValue
        }
    }

    static func member(_ json: JSONValue, _ path: String...) -> JSONValue? {
        var current: JSONValue? = json
        for key in path {
            guard case .object(let object)? = current else { return nil }
            current = object[key]
        }
        return current
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> JSONValue {
        ["code": .string(code), "message": .string(message), "status": .number(Double(status)), "type": "api_error"]
    }
}
