import Engine
import Foundation
import Providers
import SQLiteStore
import TestSupport
import Testing
import Transport

/// Real workflow files from `examples/workflows`, the SQLite store, the real delivery pipeline and its
/// webhook provider, against a local sink on 127.0.0.1.
@Suite struct EndToEndTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/workflows").path

    struct Host {
        let clock = ManualEngineClock()
        let store: SQLiteMessageStore
        let engine: WorkflowEngine
        let pipeline: DeliveryPipeline

        init(directory: String, server: TestServer) throws {
            let configuration = try ChannelConfiguration.load(
                json: Array(
                    """
                    {"variables": {"hook_url": "\(server.url("/sink/0"))", "api_url": "\(server.url(""))"},
                     "environments": {"development": {"production": false}},
                     "channels": {
                       "in-app": {"provider": "in_app_feed", "environments": {"development": {}}},
                       "ops-hook": {"provider": "webhook", "environments": {"development": {"url": "\(server.url("/sink/0"))"}}}}}
                    """.utf8), registry: .standard)
            let transport = try CurlHTTPClient()
            store = try SQLiteMessageStore.open(directory: directory)
            let clock = self.clock
            let channels = try ChannelDirectory.build(
                from: configuration, registry: .standard, transport: transport, now: { clock.now() })
            pipeline = DeliveryPipeline(store: store, channels: channels, clock: clock)
            engine = WorkflowEngine(
                catalog: try WorkflowCatalog.load(directory: EndToEndTests.examples),
                environments: try WorkflowEnvironment.all(from: configuration), recipients: store, messages: store,
                delivery: pipeline, store: store, clock: clock, transport: transport)
        }

        func settle() async throws {
            for _ in 0..<3 {
                try await engine.runUntilIdle()
                await pipeline.runUntilIdle()
            }
        }
    }

    static func sinkLog(_ server: TestServer) async throws -> [String] {
        let response = try await CurlHTTPClient().execute(
            HTTPRequest(method: .get, url: server.url("/sink-log")), timeout: .seconds(5))
        return try JSONValue.parse(response.body)["received"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    @Test func runsTheExampleWorkflowsThroughThePipelineToAWebhookSinkAndSurvivesARestart() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var host: Host? = try Host(directory: directory, server: server)
        let first = try #require(host)
        // comment-created: in-app now; after 5 minutes, the webhook only for the one who has not seen it.
        let comment = try await first.engine.trigger(
            TriggerRequest.parse(
                JSONValue.parse(
                    #"{"recipients": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}], "actor": {"id": "cat", "name": "Cat"}, "data": {"page_name": "Brief", "page_id": "p1", "comment_body": "Looks good"}}"#
                )), workflowKey: "comment-created", environment: "development")
        try await first.settle()
        let annRun = try #require(try await first.store.run(id: comment.recipientRunIDs[0]))
        let feedID = try #require(annRun.messages["in_app_feed_1"]?.first)
        _ = try await first.pipeline.updateEngagement(messageIDs: [feedID], environment: "development", .seen)
        // weekly-digest: three items for one project, batched for an hour.
        for title in ["a", "b", "c", "d"] {
            _ = try await first.engine.trigger(
                TriggerRequest.parse(
                    JSONValue.parse(#"{"recipients": ["ann"], "data": {"project_id": "p1", "title": "\#(title)"}}"#)),
                workflowKey: "weekly-digest", environment: "development")
        }
        try await first.settle()
        #expect(try await Self.sinkLog(server).isEmpty)
        // Restart: a new engine on the same database picks up the delay and the batch.
        await first.store.close()
        host = nil
        let second = try Host(directory: directory, server: server)
        second.clock.advance(3600)
        try await second.settle()
        #expect(Set(try await Self.sinkLog(server)) == ["comment-bob", "digest-ann"])
        // project-update: a fetch against the local server, its response placed at data.lookup.
        _ = try await second.engine.trigger(
            TriggerRequest.parse(JSONValue.parse(#"{"recipients": ["bob"], "data": {"project_id": "p9"}}"#)),
            workflowKey: "project-update", environment: "development")
        try await second.settle()
        #expect(try await Self.sinkLog(server).last == "update-bob")
        let digests = try await second.store.listMessages(
            MessageQuery(environment: "development", channelID: "ops-hook", workflowKey: "weekly-digest"),
            page: PageRequest())
        guard case .webhook(let hook)? = digests.entries.first?.content else {
            Issue.record("no digest message")
            return
        }
        #expect(hook.body == ["message_id": "digest-ann", "count": 4, "titles": ["a", "b", "c"]])
        let updates = try await second.store.listMessages(
            MessageQuery(environment: "development", workflowKey: "project-update"), page: PageRequest())
        guard case .webhook(let update)? = updates.entries.first?.content else {
            Issue.record("no update message")
            return
        }
        #expect(update.body == ["message_id": "update-bob", "fetched_path": "/echo?project=p9"])
        await second.store.close()
    }
}
