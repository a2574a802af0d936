import Engine
import Foundation
import Providers
import Signing
import TestSupport
import Testing
import Transport

@Suite struct FetchStepTests {
    static func workflow(_ settings: String) -> String {
        """
        {"key": "enriched", "steps": [
          {"ref": "fetch_1", "type": "http_fetch", "settings": \(settings)},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ data | json }}"}}]}
        """
    }

    static let secretEnvironment = WorkflowEnvironment(
        name: "development",
        variables: [
            "api_secret": ConfigurationVariable(key: "api_secret", value: "s3cr3t-value", isSecret: true),
            "signing_key": ConfigurationVariable(key: "signing_key", value: "fetch-signing-key", isSecret: true),
        ], channels: WorkflowHarness.channels)

    func harness(_ settings: String, transport: ScriptedTransport) async throws -> WorkflowHarness {
        let harness = try WorkflowHarness(
            [Self.workflow(settings)], environments: [Self.secretEnvironment], transport: transport)
        try await harness.identify(["u1": [:]])
        return harness
    }

    @Test func rendersTheRequestAndMergesTheResponseShallowly() async throws {
        let transport = ScriptedTransport { _, _ in
            ScriptedTransport.json(#"{"biz": "baz", "metadata": {"query_count": 1}}"#)
        }
        let harness = try await harness(
            #"{"method": "post", "url": "https://api.example.test/users/{{ recipient.id }}", "headers": [{"key": "X-Key", "value": "{{ vars.api_secret }}"}], "query_params": [{"key": "q", "value": "a b"}], "body": "{\"id\": \"{{ recipient.id }}\"}"}"#,
            transport: transport)
        let result = try await harness.trigger(
            "enriched", #"{"recipients": ["u1"], "data": {"foo": "bar", "metadata": {"count": 1}}}"#)
        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url == "https://api.example.test/users/u1?q=a%20b")
        #expect(request.headers.values(for: "X-Key") == ["s3cr3t-value"])
        #expect(request.headers.values(for: "Content-Type") == ["application/json"])
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"id":"u1"}"#)
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(run.data == ["foo": "bar", "metadata": ["query_count": 1], "biz": "baz"])
        #expect(
            await harness.sent.first?.content.mainText == #"{"foo":"bar","metadata":{"query_count":1},"biz":"baz"}"#)
        let log = try #require(run.stepLog.first { $0.stepRef == "fetch_1" })
        #expect(log.details["request"]?["headers"]?["X-Key"] == "[redacted]")
        #expect(log.details["request"]?["url"] == "https://api.example.test/users/u1?q=a%20b")
        #expect(log.details["response"]?["status"] == 200)
        #expect(!log.details.encodedText.contains("s3cr3t-value"))
    }

    @Test func aResponsePathPlacesTheResponseAndNoContentMergesNothing() async throws {
        let transport = ScriptedTransport { _, index in
            index == 1 ? ScriptedTransport.json(#"{"x": 1}"#, status: 201) : HTTPResponse(status: 204)
        }
        let harness = try await harness(
            #"{"url": "https://api.example.test/a", "response_path": "foo.bar"}"#, transport: transport)
        let placed = try await harness.trigger("enriched", #"{"recipients": ["u1"], "data": {"foo": {"keep": true}}}"#)
        #expect(try await harness.run(placed.recipientRunIDs[0]).data == ["foo": ["keep": true, "bar": ["x": 1]]])
        let empty = try await harness.trigger("enriched", #"{"recipients": ["u1"], "data": {"a": 1}}"#)
        let run = try await harness.run(empty.recipientRunIDs[0])
        #expect(run.data == ["a": 1])
        #expect(run.state == .completed)
        #expect(transport.requests.map(\.method) == [.get, .get])
    }

    @Test func serverErrorsAndTimeoutsRetryAfter30Then60SecondsThenFail() async throws {
        let transport = ScriptedTransport { _, index in
            if index == 2 { throw TransportError(.timeout, "timed out") }
            return HTTPResponse(status: 503)
        }
        let harness = try await harness(#"{"url": "https://api.example.test/a"}"#, transport: transport)
        let result = try await harness.trigger("enriched", #"{"recipients": ["u1"]}"#)
        let id = result.recipientRunIDs[0]
        #expect(transport.requests.count == 1)
        try await harness.advance(29)
        #expect(transport.requests.count == 1)
        try await harness.advance(1)
        #expect(transport.requests.count == 2)
        try await harness.advance(59)
        #expect(transport.requests.count == 2)
        try await harness.advance(1)
        #expect(transport.requests.count == 3)
        let run = try await harness.run(id)
        #expect(run.state == .failed(reason: "fetch step 'fetch_1' failed"))
        #expect(run.stepLog.map(\.outcome) == ["executed", "retrying", "retrying", "failed"])
        #expect(run.stepLog[2].details["error"] == "timeout after 15.0 seconds")
        #expect(await harness.sent.isEmpty)
    }

    @Test(arguments: [404, 400, 302, 422])
    func otherStatusesFailAtOnce(status: Int) async throws {
        let transport = ScriptedTransport { _, _ in HTTPResponse(status: status) }
        let harness = try await harness(#"{"url": "https://api.example.test/a"}"#, transport: transport)
        let result = try await harness.trigger("enriched", #"{"recipients": ["u1"]}"#)
        try await harness.advance(120)
        #expect(transport.requests.count == 1)
        let run = try await harness.run(result.recipientRunIDs[0])
        #expect(run.state.name == "failed")
        #expect(
            run.stepLog.last?.reason
                == "failed and halted the run because the response status \(status) is not 200, 201 or 204")
    }

    @Test func invalidURLsBodiesAndResponsesFailAtOnce() async throws {
        let cases: [(String, String, String)] = [
            (
                #"{"url": "not a url"}"#, "{}",
                "failed and halted the run because the URL is not a valid http or https URL"
            ),
            (
                #"{"method": "post", "url": "https://a.example.test", "body": "not json {{ data.x }}"}"#, "{}",
                "failed and halted the run because the body is not valid JSON"
            ),
            (
                #"{"url": "https://a.example.test"}"#, "[1]",
                "failed and halted the run because the response is JSON array, not an object to merge into data"
            ),
            (
                #"{"url": "https://a.example.test"}"#, "<html>",
                "failed and halted the run because the response body is not JSON"
            ),
        ]
        for (settings, body, reason) in cases {
            let transport = ScriptedTransport { _, _ in ScriptedTransport.json(body) }
            let harness = try await harness(settings, transport: transport)
            let result = try await harness.trigger("enriched", #"{"recipients": ["u1"]}"#)
            let run = try await harness.run(result.recipientRunIDs[0])
            #expect(run.state.name == "failed")
            #expect(run.stepLog.last?.reason == reason)
        }
    }

    @Test func signsRequestsOverTheLocalServerAndTheSignatureVerifies() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let environment = Self.secretEnvironment
        let definitions = try [
            WorkflowCatalog.parse(
                JSONValue.parse(
                    Self.workflow(
                        #"{"method": "post", "url": "\#(server.url("/echo"))", "body": "{\"user\": \"{{ recipient.id }}\"}", "signing_key_variable": "signing_key", "response_path": "echo"}"#
                    )), file: "signed.json")
        ]
        let clock = ManualEngineClock()
        let recipients = InMemoryRecipientStore()
        let messages = InMemoryMessageStore()
        let runs = InMemoryWorkflowRunStore()
        let engine = WorkflowEngine(
            catalog: WorkflowCatalog(definitions), environments: ["development": environment], recipients: recipients,
            messages: messages, delivery: RecordingDelivery(messages: messages), store: runs, clock: clock,
            transport: try CurlHTTPClient())
        _ = try await recipients.upsert(
            [RecipientUpsert.parse(body: [:], reference: .user("u1"), path: "$")], environment: "development",
            now: clock.now())
        let result = try await engine.trigger(
            TriggerRequest(recipients: [.reference(.user("u1"))]), workflowKey: "enriched", environment: "development")
        try await engine.runUntilIdle()
        let run = try #require(try await runs.run(id: result.recipientRunIDs[0]))
        let echo = try #require(run.data["echo"])
        let headers =
            echo["headers"]?.arrayValue?.compactMap { pair -> (String, String)? in
                guard let name = pair.arrayValue?.first?.stringValue, let value = pair.arrayValue?.last?.stringValue
                else { return nil }
                return (name.lowercased(), value)
            } ?? []
        let signature = try #require(headers.first { $0.0 == "x-knock-signature" }?.1)
        let milliseconds = Int((clock.now().timeIntervalSince1970 * 1000).rounded())
        let body = #"{"user":"u1"}"#
        let mac = HMAC.authenticationCode(
            for: Array("\(milliseconds).\(body)".utf8), key: Array("fetch-signing-key".utf8), using: .sha256)
        #expect(signature == "t=\(milliseconds),s=\(Base64.encode(mac))")
        let received = try Base64.decode(try #require(echo["body"]?.stringValue))
        #expect(String(decoding: received, as: UTF8.self) == body)
        try KnockWebhookSignature(secret: "fetch-signing-key").verify(
            body: received, header: signature, now: clock.now())
        #expect(throws: SigningError.self) {
            try KnockWebhookSignature(secret: "fetch-signing-key").verify(
                body: Array(#"{"user":"u2"}"#.utf8), header: signature, now: clock.now())
        }
        let log = try #require(run.stepLog.first { $0.stepRef == "fetch_1" })
        #expect(!log.details.encodedText.contains("fetch-signing-key"))
    }
}

extension JSONObject {
    var encodedText: String { JSONValue.object(self).encoded() }
}
