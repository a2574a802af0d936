import Synchronization
import Testing
import Transport

@testable import HTTPServer

/// Starting, configuration errors and graceful shutdown.
extension HTTPServerTests {
    @Test func shutdownDrainsARequestInFlightAndThenRefusesConnections() async throws {
        let handler = GatedHandler()
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0), handler: handler)
        try server.start()
        let url = server.url("/in-flight")
        try await withHTTPClients { first, second in
            async let inFlight = first.send(.get, url)
            #expect(await handler.started.next() == "/in-flight")

            server.stopAccepting()
            let refused = await transportError { try await second.send(.get, url) }
            #expect(refused?.code == .connectFailed)

            async let shutdown: Void = server.shutdown(drainSeconds: 30)
            await handler.gate.open()
            let response = try await inFlight
            #expect(response.status == 200)
            #expect(response.bodyText == "/in-flight")
            #expect(response.headers["Connection"] == "close")
            await shutdown
            #expect(server.requestsInFlight == 0)

            let afterwards = await transportError { try await second.send(.get, url) }
            #expect(afterwards?.code == .connectFailed)
            #expect(handler.paths == ["/in-flight"])
        }
        await server.shutdown()
    }

    @Test func shutdownAnswers503AndCancelsAHandlerThatOutlastsTheDrain() async throws {
        let started = StartSignals()
        let sawCancellation = Mutex(false)
        let handler = RecordingHandler { request in
            started.continuation.yield(request.path)
            // Ends only when cancelled: no test waits for this sleep.
            try? await Task.sleep(for: .seconds(600))
            sawCancellation.withLock { $0 = Task.isCancelled }
            return HTTPServerResponse(status: 200)
        }
        let server = HTTPServer(configuration: HTTPServerConfiguration(port: 0), handler: handler)
        try server.start()
        try await withHTTPClients { client, _ in
            async let stuck = client.send(.get, server.url("/stuck"))
            #expect(await started.next() == "/stuck")

            await server.shutdown(drainSeconds: 0)
            let response = try await stuck
            #expect(response.status == 503)
            #expect(
                response.bodyText
                    == #"{"code":"server_shutting_down","message":"The server is shutting down; retry the request.","#
                    + #""status":503,"type":"api_error"}"#)
        }
        await server.shutdown(drainSeconds: 0)
        #expect(sawCancellation.withLock { $0 })
    }

    @Test func refusesToStartTwiceOrOnAPortInUse() async throws {
        let first = HTTPServer(configuration: HTTPServerConfiguration(port: 0), handler: RecordingHandler())
        try first.start()
        #expect(throws: HTTPServerError.self) { try first.start() }
        let second = HTTPServer(configuration: HTTPServerConfiguration(port: first.port), handler: RecordingHandler())
        let error = #expect(throws: HTTPServerError.self) { try second.start() }
        #expect(error?.code == .startFailed)
        #expect(
            error?.message
                == "could not listen on 127.0.0.1:\(first.port) (the port may be in use, or the address not local to this machine)"
        )
        await first.shutdown()
        await first.shutdown()
        await second.shutdown()
    }

    @Test(arguments: [
        (HTTPServerConfiguration(port: 70_000), "port is 70000; accepted: 0 (any free port) to 65535"),
        (HTTPServerConfiguration(threadCount: 0), "threadCount is 0; accepted: 1 to 256"),
        (HTTPServerConfiguration(maxBodyBytes: -1), "maxBodyBytes is -1; accepted: 0 or more bytes"),
        (
            HTTPServerConfiguration(connectionTimeoutSeconds: -5),
            "connectionTimeoutSeconds is -5; accepted: 0 (no timeout) to 86400 seconds"
        ),
        (HTTPServerConfiguration(connectionLimit: 0), "connectionLimit is 0; accepted: 1 to 1000000"),
        (
            HTTPServerConfiguration(host: "example.com"),
            #"host is "example.com", not an IP address; accepted: an IPv4 or IPv6 address, or localhost"#
        ),
    ])
    func rejectsAnInvalidConfigurationNamingTheField(configuration: HTTPServerConfiguration, message: String) {
        let server = HTTPServer(configuration: configuration, handler: RecordingHandler())
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.code == .invalidConfiguration)
        #expect(error?.message == message)
    }

    @Test func servesIPv6Loopback() async throws {
        let handler = RecordingHandler { _ in HTTPServerResponse(status: 204) }
        try await withServer(HTTPServerConfiguration(host: "::1", port: 0), handler: handler) { server, client in
            let response = try await client.send(.get, "http://[::1]:\(server.port)/six")
            #expect(response.status == 204)
            #expect(handler.requests.first?.remoteAddress?.hasPrefix("[::1]:") == true)
        }
    }
}

/// Runs `body` with two independent clients (so they share no connection).
func withHTTPClients(_ body: (CurlHTTPClient, CurlHTTPClient) async throws -> Void) async throws {
    let first = try CurlHTTPClient()
    let second = try CurlHTTPClient()
    do {
        try await body(first, second)
    } catch {
        await first.shutdown()
        await second.shutdown()
        throw error
    }
    await first.shutdown()
    await second.shutdown()
}
