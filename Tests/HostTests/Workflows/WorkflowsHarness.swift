import Engine
import Foundation
import HTTPServer
import Host
import Providers
import Synchronization
import Testing
import Transport

/// A transport no test may reach: the embedded workflows make no HTTP requests.
struct RefusingTransport: HTTPTransport {
    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        Issue.record("unexpected HTTP request to \(request.url)")
        return HTTPResponse(status: 500)
    }
}

/// The workflow routes over the embedded default (in-app feed + outbox channels, the `welcome` workflow),
/// in-memory stores, the real pipeline and a stepped clock.
struct WorkflowsHarness {
    let clock = SteppedClock(HostTestSupport.instant)
    let messages = InMemoryMessageStore()
    let recipients = InMemoryRecipientStore()
    let runs = InMemoryWorkflowRunStore()
    let pipeline: DeliveryPipeline
    let engine: WorkflowEngine
    let scheduleStore = InMemoryScheduleStore()
    let schedules: ScheduleRunner
    let router: APIRouter
    let dataDirectory: String

    init(extraWorkflows: [String] = []) throws {
        dataDirectory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "workflows-harness-\(UUID().uuidString)"
            ).path
        let channels = try EmbeddedConfiguration.load(
            dataDirectory: dataDirectory, developmentKey: HostTestSupport.developmentKey)
        let directory = try ChannelDirectory.build(
            from: channels, registry: .standard, transport: RefusingTransport(), dataDirectory: dataDirectory)
        pipeline = DeliveryPipeline(store: messages, channels: directory, channelData: recipients, clock: clock)
        var catalog = try EmbeddedWorkflows.catalog()
        for text in extraWorkflows {
            catalog.insert(try WorkflowCatalog.parse(JSONValue.parse(text), file: "test.json"))
        }
        let counter = IDCounter()
        engine = WorkflowEngine(
            catalog: catalog, environments: try WorkflowEnvironment.all(from: channels), recipients: recipients,
            messages: messages, delivery: pipeline, store: runs, clock: clock, transport: RefusingTransport(),
            makeID: { counter.next() })
        let scheduleCounter = IDCounter(prefix: "sch-")
        schedules = ScheduleRunner(store: scheduleStore, engine: engine, makeID: { scheduleCounter.next() })
        var router = HostTestSupport.router(maxBodyBytes: 1 << 20)
        router.register(WorkflowsRoutes(engine: engine))
        let operations = BulkOperations(store: InMemoryBulkOperationStore(), makeID: { RecipientAPI.operationID })
        router.register(
            SchedulesRoutes(
                runner: schedules, store: scheduleStore, recipients: recipients, operations: operations,
                now: { HostTestSupport.instant }))
        router.register(ObjectsRoutes(store: recipients, operations: operations, now: { HostTestSupport.instant }))
        router.register(
            SubscriptionsRoutes(store: recipients, operations: operations, now: { HostTestSupport.instant }))
        self.router = router
    }

    /// Sends a request; returns the response.
    func send(
        _ method: String, _ path: String, body: String? = nil, headers: [(name: String, value: String)] = [],
        query: [(name: String, value: String)] = [], key: String = HostTestSupport.developmentKey
    ) async -> HTTPServerResponse {
        let request = HTTPServerRequest(
            method: method, path: path, rawPath: path, query: query,
            headers: headers + [("Authorization", "Bearer " + key)], body: Array((body ?? "").utf8))
        return await router.handle(request)
    }

    /// Runs the engine and the pipeline until neither has anything due.
    func settle() async throws {
        try await engine.runUntilIdle()
        _ = await pipeline.runUntilIdle()
    }

    /// The stored runs of the development environment, newest first.
    func storedRuns() async throws -> [RecipientRun] {
        try await runs.runs(RecipientRunQuery(environment: "development"), page: PageRequest(size: 50)).entries
    }

    static let welcomeBody =
        #"{"recipients": [{"id": "user-1", "name": "Ada", "email": "ada@example.com"}], "data": {"name": "Ada"}}"#
}

/// Sequential ids (`id-1`, `id-2`, …) so tests can state exact run ids.
final class IDCounter: Sendable {
    private let value = Mutex(0)
    private let prefix: String

    init(prefix: String = "id-") {
        self.prefix = prefix
    }

    func next() -> String {
        value.withLock { value in
            value += 1
            return "\(prefix)\(value)"
        }
    }
}
