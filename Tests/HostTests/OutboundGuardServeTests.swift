import Engine
import Foundation
import Host
import Providers
import TestSupport
import Testing
import Transport

/// `serve`'s outbound wiring (``OutboundClients``) through real libcurl clients and a local server on
/// 127.0.0.1: webhook channels and fetch steps are refused loopback by default and reach it allow-listed.
@Suite struct OutboundGuardServeTests {
    /// Monday 2026-06-01 08:00:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_780_300_800)

    /// A development environment with one webhook channel posting to `url`, and the allow-list.
    static func configuration(url: String, allowList: [String]?) throws -> ChannelConfiguration {
        let host = allowList.map { entries in
            #", "host": {"outbound_allow_list": [\#(entries.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
        }
        let text = """
            {"environments": {"development": {"production": false}},
             "channels": {"hooks": {"provider": "webhook", "environments": {"development": {"url": "\(url)"}}}}\(host ?? "")}
            """
        return try ChannelConfiguration.load(
            json: Array(text.utf8), name: "/etc/dh/host.json", registry: .standard, environmentVariables: [:])
    }

    /// The serve wiring for one configuration: clients, channels, a pipeline and a workflow engine over
    /// in-memory stores and a stepped clock.
    struct Wiring {
        let clients: OutboundClients
        let store = InMemoryMessageStore()
        let runs = InMemoryWorkflowRunStore()
        let clock = SteppedClock(OutboundGuardServeTests.start)
        let pipeline: DeliveryPipeline
        let engine: WorkflowEngine

        init(_ configuration: ChannelConfiguration, workflows: [String] = []) throws {
            clients = try OutboundClients(allowList: configuration.server.outboundAllowList)
            let directory = try clients.channels(from: configuration, dataDirectory: nil)
            pipeline = DeliveryPipeline(
                store: store, channels: directory, clock: clock, configuration: .init(owner: "test-worker"),
                random: { 0.5 })
            let definitions = try workflows.map { try WorkflowCatalog.parse(JSONValue.parse($0), file: "test.json") }
            engine = WorkflowEngine(
                catalog: WorkflowCatalog(definitions), environments: try WorkflowEnvironment.all(from: configuration),
                recipients: InMemoryRecipientStore(), messages: store, delivery: pipeline, store: runs, clock: clock,
                transport: clients.fetchTransport)
        }

        /// Enqueues one webhook message and runs the pipeline until idle; returns the stored message.
        func deliverOne() async throws -> MessageRecord {
            _ = try await pipeline.enqueue(
                EnqueueRequest(
                    id: "msg_1", environment: "development", channelID: "hooks", recipient: Recipient(id: "user-1"),
                    content: .webhook(WebhookContent(body: ["message_id": "msg_1"]))))
            await pipeline.runUntilIdle()
            return try #require(await store.message(id: "msg_1"))
        }

        /// Triggers `key` for one inline recipient and runs the engine until idle; returns the run.
        func triggerOne(_ key: String) async throws -> RecipientRun {
            let result = try await engine.trigger(
                TriggerRequest.parse(JSONValue.parse(#"{"recipients": [{"id": "user-1"}]}"#)), workflowKey: key,
                environment: "development")
            _ = try await engine.runUntilIdle()
            return try #require(try await runs.run(id: result.recipientRunIDs[0]))
        }
    }

    /// What the sink received: its `/sink-log` `received` ids.
    static func received(_ server: TestServer) async throws -> [JSONValue] {
        let client = try CurlHTTPClient()
        let response = try await client.execute(
            HTTPRequest(method: .get, url: server.url("/sink-log")), deadline: .now + .seconds(10))
        await client.shutdown()
        return try JSONValue.parse(response.bodyText)["received"]?.arrayValue ?? []
    }

    static func fetchWorkflow(url: String) -> String {
        """
        {"key": "enriched", "steps": [{"ref": "fetch_1", "type": "http_fetch", "settings": {"url": "\(url)"}}]}
        """
    }

    @Test func aWebhookToLoopbackIsRefusedByDefaultAndTheServerReceivesNothing() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let url = server.url("/sink/0")
        let wiring = try Wiring(try Self.configuration(url: url, allowList: nil))
        let message = try await wiring.deliverOne()
        await wiring.clients.shutdown()
        #expect(message.status == .undelivered)
        #expect(message.attemptCount == 1)
        let reason =
            "ProviderError.misconfigured from webhook: forbiddenAddress: the outbound address policy refused to connect to 127.0.0.1 at 127.0.0.1: loopback 127.0.0.0/8 is not allowed (\(url))"
        let events = await wiring.store.events(messageID: "msg_1")
        #expect(events.last?.status == .undelivered)
        #expect(events.last?.reason == reason)
        let logs = await wiring.store.attemptLogs(messageID: "msg_1")
        #expect(logs.map(\.outcome) == ["misconfigured"])
        #expect(logs.first?.exchanges.map(\.request.url) == [url])
        #expect(logs.first?.exchanges.map(\.response.status) == [0])
        #expect(try await Self.received(server) == [])
    }

    @Test func anAllowListedLoopbackWebhookIsDelivered() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let wiring = try Wiring(try Self.configuration(url: server.url("/sink/0"), allowList: ["127.0.0.1"]))
        let message = try await wiring.deliverOne()
        await wiring.clients.shutdown()
        #expect(message.status == .delivered)
        #expect(await wiring.store.events(messageID: "msg_1").last?.reason == "HTTP 200")
        #expect(try await Self.received(server) == ["msg_1"])
    }

    @Test func aFetchToLoopbackFailsTheStepWithThePolicyReasonByDefault() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let url = server.url("/echo")
        let wiring = try Wiring(
            try Self.configuration(url: server.url("/sink/0"), allowList: nil),
            workflows: [Self.fetchWorkflow(url: url)])
        let run = try await wiring.triggerOne("enriched")
        await wiring.clients.shutdown()
        #expect(run.state == .failed(reason: "fetch step 'fetch_1' failed"))
        let fetches = run.stepLog.filter { $0.stepRef == "fetch_1" }
        #expect(fetches.map(\.outcome) == ["failed"])  // once: not retried
        let policy =
            "the outbound address policy refused to connect to 127.0.0.1 at 127.0.0.1: loopback 127.0.0.0/8 is not allowed (\(url))"
        #expect(
            fetches.first?.reason
                == "failed and halted the run because \(policy); host.outbound_allow_list can allow it")
        #expect(fetches.first?.details["error"] == .string(policy))
    }

    @Test func anAllowListedLoopbackFetchSucceeds() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let wiring = try Wiring(
            try Self.configuration(url: server.url("/sink/0"), allowList: ["127.0.0.0/8"]),
            workflows: [Self.fetchWorkflow(url: server.url("/echo?from=fetch"))])
        let run = try await wiring.triggerOne("enriched")
        await wiring.clients.shutdown()
        #expect(run.state == .completed)
        let fetches = run.stepLog.filter { $0.stepRef == "fetch_1" }
        #expect(fetches.map(\.outcome) == ["executed"])
        #expect(fetches.first?.reason == "merged the response into data")
        #expect(run.data["method"] == "GET")
        #expect(run.data["path"] == "/echo?from=fetch")
    }

    @Test func aBadAllowListEntryNamesItsPath() throws {
        do {
            _ = try OutboundClients(allowList: ["127.0.0.1", "10.0.0.0/33"])
            Issue.record("the entry was accepted")
        } catch let error as TransportError {
            #expect(error.code == .invalidRequest)
            #expect(
                error.message
                    == #"host.outbound_allow_list[1] is "10.0.0.0/33"; accepted: an IP address, a network in CIDR notation (10.0.0.0/8) or a host name"#
            )
        }
    }

    @Test func loadingTheConfigurationRejectsABadAllowListEntry() throws {
        do {
            _ = try Self.configuration(url: "https://hooks.example.test/in", allowList: ["hooks.internal.test", "a b"])
            Issue.record("the entry was accepted")
        } catch let error as ConfigurationError {
            #expect(
                error.issues.map { "\($0.path): \($0.message)" } == [
                    #"$.host.outbound_allow_list[1]: expected an IP address, a network in CIDR notation (10.0.0.0/8) or a host name, found 'a b'"#
                ])
        }
    }
}
