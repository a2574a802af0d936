import TestSupport
import Testing

@testable import Transport

/// Easy handles are reused across requests: nothing one request set may reach the next.
extension CurlHTTPClientTests {
    /// One connection, so every request runs on the same pooled handle in turn.
    private static var oneConnection: CurlHTTPClient.Configuration {
        var configuration = CurlHTTPClient.Configuration()
        configuration.maximumConnections = 1
        configuration.maximumConnectionsPerHost = 1
        return configuration
    }

    @Test func aReusedHandleKeepsNothingOfTheRequestBefore() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let first = HTTPRequest(
            method: .put, url: server.url("/echo?first=1"),
            headers: HTTPHeaders([
                ("X-First", "a"), ("Content-Type", "text/plain"), ("User-Agent", "first-agent/1"), ("Expect", ""),
            ]),
            body: Array("first body".utf8))
        let second = HTTPRequest(method: .get, url: server.url("/echo"))
        let (firstEcho, secondEcho) = try await withHTTPClient(Self.oneConnection) { client in
            let firstEcho = try EchoedRequest(try await client.execute(first, timeout: .seconds(30)))
            let secondEcho = try EchoedRequest(try await client.execute(second, timeout: .seconds(30)))
            return (firstEcho, secondEcho)
        }

        #expect(firstEcho.method == "PUT")
        #expect(firstEcho.values("X-First") == ["a"])
        #expect(firstEcho.values("User-Agent") == ["first-agent/1"])
        #expect(try firstEcho.bodyBytes() == Array("first body".utf8))

        // Exactly what libcurl sends for a bare GET: no method, body, header or agent of the first.
        #expect(secondEcho.method == "GET")
        #expect(secondEcho.path == "/echo")
        #expect(secondEcho.headers.map { $0.first ?? "" } == ["Host", "User-Agent", "Accept"])
        #expect(secondEcho.values("User-Agent") == [CurlHTTPClient.Configuration.defaultUserAgent])
        #expect(secondEcho.values("Accept") == ["*/*"])
        #expect(try secondEcho.bodyBytes().isEmpty)
    }

    @Test func aHeadRequestLeavesTheNextRequestItsBody() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let (head, get, delete) = try await withHTTPClient(Self.oneConnection) { client in
            let head = try await client.execute(
                HTTPRequest(method: .head, url: server.url("/bytes/10")), timeout: .seconds(30))
            let get = try await client.get(server.url("/bytes/10"))
            let delete = try await client.execute(
                HTTPRequest(method: .delete, url: server.url("/echo")), timeout: .seconds(30))
            return (head, get, delete)
        }
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(get.body.count == 10)
        let echoed = try EchoedRequest(delete)
        #expect(echoed.method == "DELETE")
        #expect(echoed.values("Content-Length").isEmpty)
        #expect(try echoed.bodyBytes().isEmpty)
    }

    @Test func aFailedRequestLeavesTheHandleUsable() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        var configuration = Self.oneConnection
        configuration.maximumResponseBodySize = 100
        try await withHTTPClient(configuration) { client in
            let error = await transportError { try await client.get(server.url("/bytes/1000")) }
            #expect(error?.code == .tooLarge)
            let response = try await client.get(server.url("/bytes/100"))
            #expect(response.status == 200)
            #expect(response.body.count == 100)
        }
    }
}

/// The event loop's pool of idle easy handles.
@Suite struct CurlEasyPoolTests {
    @Test func lendsTheLastHandleGivenBackFirst() throws {
        let pool = CurlEasyPool(capacity: 2)
        let first = try pool.take()
        let second = try pool.take()
        #expect(first !== second)
        pool.giveBack(first)
        pool.giveBack(second)
        #expect(pool.count == 2)
        #expect(try pool.take() === second)
        #expect(try pool.take() === first)
        #expect(pool.count == 0)
    }

    @Test func freesHandlesBeyondItsCapacity() throws {
        let pool = CurlEasyPool(capacity: 1)
        let first = try pool.take()
        let second = try pool.take()
        pool.giveBack(first)
        pool.giveBack(second)
        #expect(pool.count == 1)
        #expect(try pool.take() === first)
    }
}
