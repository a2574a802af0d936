import Engine
import Foundation
import Liquid
import Providers
import Synchronization
import Testing
import Transport

/// A manual clock: time moves only when a test moves it.
final class ManualEngineClock: EngineClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_704_067_200)) {  // 2024-01-01T00:00:00Z
        current = Mutex(start)
    }

    func now() -> Date { current.withLock { $0 } }

    func sleep(until date: Date) async throws {
        while now() < date {
            try Task.checkCancellation()
            await Task.yield()
            try await Task.sleep(for: .milliseconds(1))
        }
    }

    func advance(_ seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// Records enqueued messages and stores them in a message store (status `queued`), like the pipeline.
actor RecordingDelivery: WorkflowDelivery {
    let messages: InMemoryMessageStore
    private(set) var requests: [EnqueueRequest] = []

    init(messages: InMemoryMessageStore) {
        self.messages = messages
    }

    func enqueue(_ request: EnqueueRequest) async throws -> MessageRecord {
        let now = Date(timeIntervalSince1970: 0)
        let record = MessageRecord(
            id: request.id ?? MessageID.make(at: now), environment: request.environment, channelID: request.channelID,
            provider: ProviderID("test"), channelType: request.content.channelType, workflow: request.workflow,
            recipient: request.recipient, content: request.content, sendWindows: request.sendWindows,
            nextAttemptAt: now, createdAt: now, updatedAt: now)
        try await messages.insert(record, events: [])
        requests.append(request)
        return record
    }
}

/// Answers fetch requests from a closure and records them.
final class ScriptedTransport: HTTPTransport {
    private let state = Mutex<[HTTPRequest]>([])
    private let respond: @Sendable (HTTPRequest, Int) throws -> HTTPResponse

    init(_ respond: @escaping @Sendable (HTTPRequest, Int) throws -> HTTPResponse) {
        self.respond = respond
    }

    var requests: [HTTPRequest] { state.withLock { $0 } }

    func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
        let index = state.withLock { requests in
            requests.append(request)
            return requests.count
        }
        return try respond(request, index)
    }

    static func json(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(text.utf8))
    }
}

/// An engine over in-memory stores with a manual clock, from workflow JSON documents.
struct WorkflowHarness {
    let clock = ManualEngineClock()
    let runs = InMemoryWorkflowRunStore()
    let recipients = InMemoryRecipientStore()
    let messages = InMemoryMessageStore()
    let delivery: RecordingDelivery
    let engine: WorkflowEngine
    let transport: ScriptedTransport

    static let channels: [String: ChannelType] = [
        "email": .email, "sms": .sms, "push": .push, "slack": .chat, "feed": .inAppFeed, "hook": .webhook,
    ]

    init(
        _ workflows: [String], environments: [WorkflowEnvironment]? = nil,
        transport: ScriptedTransport = ScriptedTransport { _, _ in HTTPResponse(status: 204) },
        translations: LiquidTranslations? = nil, triggerFault: TriggerFault? = nil
    ) throws {
        let definitions = try workflows.map { try WorkflowCatalog.parse(JSONValue.parse($0), file: "test.json") }
        delivery = RecordingDelivery(messages: messages)
        self.transport = transport
        let settings =
            environments ?? [
                WorkflowEnvironment(name: "development", channels: Self.channels),
                WorkflowEnvironment(name: "production", channels: Self.channels),
            ]
        engine = WorkflowEngine(
            catalog: WorkflowCatalog(definitions, translations: translations),
            environments: Dictionary(uniqueKeysWithValues: settings.map { ($0.name, $0) }),
            recipients: recipients, messages: messages, delivery: delivery, store: runs,
            triggers: triggerFault.map { [runs, recipients] fault in
                FaultyTriggerStore(base: SeparateTriggerStore(runs: runs, recipients: recipients), fault: fault)
            },
            clock: clock, transport: transport)
    }

    /// Identifies users: `[id: properties]`.
    func identify(_ users: [String: JSONObject], environment: String = "development") async throws {
        let upserts = try users.sorted { $0.key < $1.key }.map { id, properties in
            try RecipientUpsert.parse(body: properties, reference: .user(id), path: "$")
        }
        _ = try await recipients.upsert(upserts, environment: environment, now: clock.now())
    }

    /// Triggers from a JSON body and runs until idle.
    @discardableResult
    func trigger(_ key: String, _ body: String, environment: String = "development") async throws -> TriggerResult {
        let result = try await engine.trigger(
            TriggerRequest.parse(JSONValue.parse(body)), workflowKey: key, environment: environment)
        try await engine.runUntilIdle()
        return result
    }

    /// Moves the clock and runs what fell due.
    func advance(_ seconds: Double) async throws {
        clock.advance(seconds)
        try await engine.runUntilIdle()
    }

    func run(_ id: String) async throws -> RecipientRun {
        try #require(try await runs.run(id: id))
    }

    var sent: [EnqueueRequest] {
        get async { await delivery.requests }
    }

    /// The step log of a run as `ref:outcome` strings.
    func outcomes(_ id: String) async throws -> [String] {
        try await run(id).stepLog.map { "\($0.stepRef):\($0.outcome)" }
    }
}

extension OutboundMessage.Content {
    /// The main text of a rendered message, for assertions.
    var mainText: String {
        switch self {
        case .email(let email): email.subject
        case .sms(let sms): sms.text
        case .push(let push): push.body ?? ""
        case .chat(let chat): chat.text
        case .webhook(let hook): hook.body?.encoded(sortedKeys: true) ?? ""
        case .inAppFeed(let feed): feed.markdownBody
        }
    }
}
