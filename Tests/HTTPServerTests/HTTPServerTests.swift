import HTTPServer
import Testing
import Transport

/// Real requests over 127.0.0.1 through libcurl: methods, bodies, headers, query decoding, keep-alive.
@Suite struct HTTPServerTests {
    @Test func passesDecodedPathQueryAndHeadersAndSendsTheResponse() async throws {
        let handler = RecordingHandler { _ in
            HTTPServerResponse(status: 201, headers: [("X-Answer", "yes")], body: Array("hello".utf8))
        }
        try await withServer(handler: handler) { server, client in
            let response = try await client.send(
                .get, server.url("/v1/users/u%2F1/items%20all?name=a%20b&tag=x+y&tag=z&flag&=empty&e=%E2%82%AC"),
                headers: ["X-Trace": "abc-123", "Accept": "application/json"])

            #expect(response.status == 201)
            #expect(response.headers["X-Answer"] == "yes")
            #expect(response.headers["Content-Length"] == "5")
            #expect(response.bodyText == "hello")
            let request = try #require(handler.requests.first)
            #expect(handler.requests.count == 1)
            #expect(request.method == "GET")
            #expect(request.path == "/v1/users/u/1/items all")
            #expect(request.rawPath == "/v1/users/u%2F1/items%20all")
            #expect(
                request.query.map { "\($0.name)=\($0.value)" } == [
                    "name=a b", "tag=x y", "tag=z", "flag=", "=empty", "e=€",
                ])
            #expect(request.queryValue("tag") == "x y")
            #expect(request.header("x-trace") == "abc-123")
            #expect(request.header("ACCEPT") == "application/json")
            #expect(request.header("Host") == "127.0.0.1:\(server.port)")
            #expect(request.body.isEmpty)
            #expect(request.remoteAddress?.hasPrefix("127.0.0.1:") == true)
        }
    }

    @Test(arguments: [HTTPMethod.post, .put, .delete, .patch])
    func passesBodiesOfEveryMethod(method: HTTPMethod) async throws {
        let handler = RecordingHandler { request in
            HTTPServerResponse(
                status: 200, headers: [("Content-Type", "application/octet-stream")], body: request.body.reversed())
        }
        let body = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try await withServer(handler: handler) { server, client in
            let response = try await client.send(
                method, server.url("/things/1"), headers: ["Content-Type": "application/octet-stream"], body: body)

            #expect(response.status == 200)
            #expect(response.body == body.reversed())
            let request = try #require(handler.requests.first)
            #expect(request.method == method.description)
            #expect(request.path == "/things/1")
            #expect(request.body == body)
            #expect(request.header("Content-Length") == "1000")
        }
    }

    @Test func acceptsABodyOfSeveralMegabytesInPieces() async throws {
        let handler = RecordingHandler { request in
            HTTPServerResponse(status: 200, body: Array("\(request.body.count)".utf8))
        }
        let body = (0..<(3 << 19)).map { UInt8(truncatingIfNeeded: $0 % 251) }
        try await withServer(HTTPServerConfiguration(port: 0, maxBodyBytes: 4 << 20), handler: handler) {
            server, client in
            let response = try await client.send(.post, server.url("/upload"), body: body)

            #expect(response.status == 200)
            #expect(response.bodyText == "\(3 << 19)")
            #expect(handler.requests.first?.body == body)
        }
    }

    @Test func keepsTheConnectionAliveBetweenRequests() async throws {
        let handler = RecordingHandler()
        try await withServer(handler: handler) { server, client in
            _ = try await client.send(.get, server.url("/first"))
            _ = try await client.send(.post, server.url("/second"), body: Array("x".utf8))

            let addresses = handler.requests.map(\.remoteAddress)
            #expect(addresses.count == 2)
            #expect(addresses[0] != nil)
            #expect(addresses[0] == addresses[1])
        }
    }

    @Test func bindsAFreePortWhenAskedForPortZero() async throws {
        let handler = RecordingHandler()
        try await withServer(HTTPServerConfiguration(port: 0), handler: handler) { server, client in
            #expect(server.port > 0 && server.port <= 65_535)
            let response = try await client.send(.get, server.url("/"))
            #expect(response.status == 200)
            #expect(server.configuration.port == 0)
        }
    }
}
