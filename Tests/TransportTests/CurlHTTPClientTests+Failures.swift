import TestSupport
import Testing
import Transport

/// Deadlines, cancellation, shutdown and the mapping of failures to ``TransportError`` codes.
extension CurlHTTPClientTests {
    @Test func timesOutAtTheDeadline() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let started = ContinuousClock.now
        let error = try await withHTTPClient { client in
            await transportError {
                try await client.execute(
                    HTTPRequest(method: .get, url: server.url("/delay/60000")), timeout: .milliseconds(300))
            }
        }
        #expect(error?.code == .timeout)
        // The server would answer after 60 s; the bound is loose so that a loaded machine cannot fail it.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func sendsNothingWhenTheDeadlineHasPassed() async throws {
        let port = try await closedPort()
        let error = try await withHTTPClient { client in
            await transportError {
                try await client.execute(
                    HTTPRequest(method: .get, url: "http://127.0.0.1:\(port)/"), deadline: .now - .seconds(1))
            }
        }
        // Not .connectFailed: no connection was tried.
        #expect(error?.code == .timeout)
    }

    @Test func cancellationStopsTheTransfer() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        try await withHTTPClient { client in
            let url = server.url("/stream/cancel-me/20000")
            let task = Task { try await client.get(url) }
            try await waitForStreamState("running", of: "cancel-me", on: server, client: client)
            task.cancel()
            let error = await transportError { try await task.value }
            #expect(error?.code == .cancelled)
            // The server sees the connection closed mid-body, not the response completed.
            try await waitForStreamState("aborted", of: "cancel-me", on: server, client: client)
        }
    }

    @Test func aCancelledTaskSendsNothing() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        try await withHTTPClient { client in
            let url = server.url("/stream/never/1000")
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.get(url)
            }
            let error = await transportError { try await task.value }
            #expect(error?.code == .cancelled)
            let state = try await client.get(server.url("/stream-state/never")).bodyText
            #expect(state == "unknown")
        }
    }

    @Test func shutdownFailsRequestsInFlightAndLater() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let client = try CurlHTTPClient()
        let observer = try CurlHTTPClient()
        let url = server.url("/stream/shutdown/20000")
        let inFlight = Task { try await client.get(url) }
        try await waitForStreamState("running", of: "shutdown", on: server, client: observer)
        await client.shutdown()
        try await waitForStreamState("aborted", of: "shutdown", on: server, client: observer)
        await observer.shutdown()
        #expect(await transportError { try await inFlight.value }?.code == .cancelled)
        #expect(await transportError { try await client.get(server.url("/echo")) }?.code == .cancelled)
        await client.shutdown()  // a second call returns at once
    }

    @Test func refusedConnectionsAreConnectFailures() async throws {
        let port = try await closedPort()
        let error = try await withHTTPClient { client in
            await transportError { try await client.get("http://user:s3cret@127.0.0.1:\(port)/path?token=abc123") }
        }
        #expect(error?.code == .connectFailed)
        #expect(error?.curlCode == 7)
        let description = error.map { "\($0)" } ?? ""
        #expect(description.contains("http://127.0.0.1:\(port)/path"))
        #expect(!description.contains("s3cret"))
        #expect(!description.contains("abc123"))
    }

    @Test func unresolvableHostsAreDNSFailures() async throws {
        // A label over 63 characters fails in the local resolver without any query leaving the machine.
        let host = String(repeating: "a", count: 70) + ".invalid"
        let error = try await withHTTPClient { client in
            await transportError { try await client.get("http://\(host)/") }
        }
        #expect(error?.code == .dns)
    }

    @Test(arguments: ["ftp://127.0.0.1/file", "not a url", "file:///etc/passwd", "http://"])
    func refusesURLsItCannotSend(url: String) async throws {
        let error = try await withHTTPClient { client in
            await transportError { try await client.get(url) }
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test(arguments: [
        HTTPHeaders([("X-Evil", "a\r\nInjected: 1")]), HTTPHeaders([("X-Evil", "a\nb")]),
        HTTPHeaders([("Bad Name", "x")]), HTTPHeaders([("X:Colon", "x")]),
    ])
    func refusesHeaderInjection(headers: HTTPHeaders) async throws {
        let error = try await withHTTPClient { client in
            await transportError {
                try await client.execute(
                    HTTPRequest(method: .get, url: "http://127.0.0.1:9/", headers: headers), timeout: .seconds(5))
            }
        }
        #expect(error?.code == .invalidRequest)
    }
}

/// Polls the server's record of stream `id` until it is `state` (bounded: 10 seconds).
func waitForStreamState(_ state: String, of id: String, on server: TestServer, client: CurlHTTPClient) async throws {
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        if try await client.get(server.url("/stream-state/\(id)")).bodyText == state { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("stream \(id) never reached state \(state)")
}

/// A port on 127.0.0.1 with nothing listening: a server's, after it has stopped.
func closedPort() async throws -> Int {
    let server = try await TestServer.start("http_server.py")
    server.stop()
    return server.port
}
