import Testing
import Transport

@testable import HTTPServer

/// The body limit, concurrency, and handlers that take their time.
extension HTTPServerTests {
    static let tooLargeBody =
        #"{"code":"request_too_large","message":"The request body is larger than the limit of 16 bytes.","#
        + #""status":413,"type":"invalid_request_error"}"#

    @Test func answers413ForABodyOverTheLimitWithoutCallingTheHandler() async throws {
        let handler = RecordingHandler()
        try await withServer(HTTPServerConfiguration(port: 0, maxBodyBytes: 16), handler: handler) { server, client in
            let atLimit = try await client.send(.post, server.url("/fits"), body: Array(repeating: 65, count: 16))
            #expect(atLimit.status == 200)

            let over = try await client.send(.post, server.url("/too-big"), body: Array(repeating: 65, count: 17))
            #expect(over.status == 413)
            #expect(over.headers["Content-Type"] == "application/json; charset=utf-8")
            #expect(over.bodyText == Self.tooLargeBody)
            #expect(handler.requests.map(\.path) == ["/fits"])
        }
    }

    @Test func answers413ForAChunkedBodyOverTheLimit() async throws {
        let handler = RecordingHandler()
        try await withServer(HTTPServerConfiguration(port: 0, maxBodyBytes: 16), handler: handler) { server, client in
            let over = try await client.send(
                .post, server.url("/chunked"), headers: ["Transfer-Encoding": "chunked"],
                body: Array(repeating: 66, count: 40))
            #expect(over.status == 413)
            #expect(over.bodyText == Self.tooLargeBody)
            #expect(handler.requests.isEmpty)
        }
    }

    /// One event loop, or several accepting on the shared socket.
    @Test(arguments: [1, 2, 4])
    func answersFiftyConcurrentRequests(threadCount: Int) async throws {
        let handler = RecordingHandler { request in
            HTTPServerResponse(status: 200, body: Array("\(request.path) \(request.body.count)".utf8))
        }
        var clientConfiguration = CurlHTTPClient.Configuration()
        clientConfiguration.maximumConnectionsPerHost = 50
        let configuration = HTTPServerConfiguration(port: 0, threadCount: threadCount)
        try await withServer(configuration, handler: handler, client: clientConfiguration) { server, client in
            let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let response = try await client.send(
                            .post, server.url("/n/\(index)"), body: Array(repeating: 1, count: index))
                        return (index, response.bodyText)
                    }
                }
                return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
            }
            #expect(bodies.count == 50)
            for index in 0..<50 {
                #expect(bodies[index] == "/n/\(index) \(index)")
            }
            #expect(handler.requests.count == 50)
        }
    }

    @Test func aSlowHandlerDoesNotHoldUpOtherConnections() async throws {
        let handler = GatedHandler { $0 == "/slow" }
        // One daemon thread: the fast request can only be served if the slow one does not hold it.
        try await withServer(HTTPServerConfiguration(port: 0, threadCount: 1), handler: handler) { server, client in
            async let slow = client.send(.get, server.url("/slow"))
            #expect(await handler.started.next() == "/slow")

            let fast = try await client.send(.get, server.url("/fast"))
            #expect(fast.bodyText == "/fast")
            #expect(server.requestsInFlight == 1)

            await handler.gate.open()
            #expect(try await slow.bodyText == "/slow")
        }
    }
}

/// The connection limit: connections over it wait to be accepted, they are not refused.
extension HTTPServerTests {
    @Test func aConnectionOverTheLimitWaitsUntilAnotherCloses() async throws {
        let handler = GatedHandler { $0 == "/first" }
        let configuration = HTTPServerConfiguration(port: 0, threadCount: 1, connectionLimit: 1)
        try await withServer(configuration, handler: handler) { server, _ in
            let first = try CurlHTTPClient()
            let second = try CurlHTTPClient()
            async let firstResponse = first.send(.get, server.url("/first"))
            #expect(await handler.started.next() == "/first")
            async let secondResponse = second.send(.get, server.url("/second"))

            // The first connection stays open (kept alive) after its answer; the second is served only
            // once it closes.
            await handler.gate.open()
            #expect(try await firstResponse.bodyText == "/first")
            #expect(handler.paths == ["/first"])
            await first.shutdown()
            #expect(try await secondResponse.bodyText == "/second")
            #expect(handler.paths == ["/first", "/second"])
            await second.shutdown()
        }
    }
}
