import Engine
import Foundation
import Providers
import Testing
import Transport

/// Product specification §27 statements on the fetch step's methods and its log.
@Suite struct FetchSpecTests {
    static func workflow(_ settings: String) -> String {
        """
        {"key": "fetching", "steps": [
          {"ref": "fetch_1", "type": "http_fetch", "settings": \(settings)},
          {"ref": "feed_1", "type": "channel", "channel_type": "in_app_feed", "channel_key": "feed",
           "template": {"markdown_body": "{{ data.answer }}"}}]}
        """
    }

    func harness(_ settings: String, transport: ScriptedTransport) async throws -> WorkflowHarness {
        let harness = try WorkflowHarness([Self.workflow(settings)], transport: transport)
        try await harness.identify(["u1": [:]])
        return harness
    }

    // §27 #88: PUT, DELETE and PATCH reach the transport with that method; PUT and PATCH carry the body
    // as JSON, DELETE carries none.
    @Test(arguments: [
        ("put", HTTPMethod.put, true), ("patch", HTTPMethod.patch, true), ("delete", HTTPMethod.delete, false),
    ])
    func methodsReachTheTransport(method: String, expected: HTTPMethod, hasBody: Bool) async throws {
        let transport = ScriptedTransport { _, _ in ScriptedTransport.json(#"{"answer": 42}"#) }
        let body = hasBody ? #", "body": "{\"id\": \"{{ recipient.id }}\"}""# : ""
        let harness = try await harness(
            #"{"method": "\#(method)", "url": "https://api.example.test/x"\#(body)}"#, transport: transport)
        try await harness.trigger("fetching", #"{"recipients": ["u1"]}"#)
        #expect(transport.requests.map(\.method) == [expected])
        let request = try #require(transport.requests.first)
        #expect(String(decoding: request.body, as: UTF8.self) == (hasBody ? #"{"id":"u1"}"# : ""))
        #expect(request.headers.values(for: "Content-Type") == (hasBody ? ["application/json"] : []))
        #expect(await harness.sent.map(\.content.mainText) == ["42"])
    }

    // §27 #101: every attempt is logged with the final URL and its query, the headers and body sent, the
    // duration in ms, and the response status, headers and body.
    @Test func eachAttemptIsLoggedInFull() async throws {
        let transport = ScriptedTransport { _, index in
            index == 1
                ? HTTPResponse(status: 503, headers: ["Retry-After": "7"], body: Array("busy".utf8))
                : ScriptedTransport.json(#"{"answer": "yes"}"#)
        }
        let harness = try await harness(
            #"{"method": "post", "url": "https://api.example.test/p/{{ recipient.id }}", "headers": [{"key": "X-Trace", "value": "t-{{ recipient.id }}"}], "query_params": [{"key": "lang", "value": "fr"}, {"key": "q", "value": "a b"}], "body": "{\"who\": \"{{ recipient.id }}\"}"}"#,
            transport: transport)
        let result = try await harness.trigger("fetching", #"{"recipients": ["u1"]}"#)
        try await harness.advance(30)
        let run = try await harness.run(result.recipientRunIDs[0])
        let attempts = run.stepLog.filter { $0.stepRef == "fetch_1" }
        #expect(attempts.map(\.outcome) == ["retrying", "executed"])
        #expect(transport.requests.count == 2)
        for (index, entry) in attempts.enumerated() {
            let request = entry.details["request"]
            #expect(request?["method"] == "POST")
            #expect(request?["url"] == "https://api.example.test/p/u1?lang=fr&q=a%20b")
            #expect(request?["headers"]?["X-Trace"] == "t-u1")
            #expect(request?["headers"]?["Content-Type"] == "application/json")
            #expect(request?["body"] == #"{"who":"u1"}"#)
            #expect((entry.details["duration_ms"]?.numberValue ?? -1) >= 0)
            #expect(entry.details["attempt"] == .number(Double(index + 1)))
        }
        #expect(attempts[0].details["response"]?["status"] == 503)
        #expect(attempts[0].details["response"]?["headers"]?["Retry-After"] == "7")
        #expect(attempts[0].details["response"]?["body"] == "busy")
        #expect(attempts[1].details["response"]?["status"] == 200)
        #expect(attempts[1].details["response"]?["headers"]?["Content-Type"] == "application/json")
        #expect(attempts[1].details["response"]?["body"] == #"{"answer": "yes"}"#)
        #expect(
            transport.requests.map(\.url) == Array(repeating: "https://api.example.test/p/u1?lang=fr&q=a%20b", count: 2)
        )
        #expect(await harness.sent.map(\.content.mainText) == ["yes"])
    }
}
