import Foundation
import TestSupport
import Testing
import Transport

/// ``CurlHTTPClient`` against the local HTTP/1.1 server (`scripts/testservers/http_server.py`).
@Suite struct CurlHTTPClientTests {
    @Test func sendsTheRequestExactlyAsGiven() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let request = HTTPRequest(
            method: .post,
            url: server.url("/echo?x=1&y=two%20words"),
            headers: HTTPHeaders([
                ("X-Test", "a"), ("X-Multi", "1"), ("Content-Type", "application/json"), ("X-Multi", "2"),
                ("X-Empty", ""),
            ]),
            body: Array(#"{"k":1}"#.utf8))
        let response = try await withHTTPClient { try await $0.execute(request, timeout: .seconds(30)) }

        #expect(response.status == 200)
        #expect(response.httpVersion == "1.1")
        let echoed = try EchoedRequest(response)
        #expect(echoed.method == "POST")
        #expect(echoed.path == "/echo?x=1&y=two%20words")
        #expect(echoed.values("X-Test") == ["a"])
        #expect(echoed.values("X-Multi") == ["1", "2"])
        #expect(echoed.values("X-Empty") == [""])
        #expect(echoed.values("Content-Type") == ["application/json"])
        #expect(echoed.values("Content-Length") == ["7"])
        #expect(echoed.values("User-Agent") == [CurlHTTPClient.Configuration.defaultUserAgent])
        #expect(echoed.values("Expect").isEmpty)
        #expect(try echoed.bodyBytes() == Array(#"{"k":1}"#.utf8))
    }

    @Test func addsNoContentTypeOfItsOwn() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let request = HTTPRequest(method: .post, url: server.url("/echo"), body: [1, 2, 3])
        let response = try await withHTTPClient { try await $0.execute(request, timeout: .seconds(30)) }
        let echoed = try EchoedRequest(response)
        #expect(echoed.values("Content-Type").isEmpty)
        #expect(try echoed.bodyBytes() == [1, 2, 3])
    }

    @Test(arguments: [
        (HTTPMethod.put, [UInt8](), "0"), (.patch, Array("patch".utf8), "5"), (.delete, [], nil),
        (HTTPMethod("PURGE"), [], nil), (.get, [], nil),
    ])
    func sendsEveryMethod(method: HTTPMethod, body: [UInt8], contentLength: String?) async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let request = HTTPRequest(method: method, url: server.url("/echo"), body: body)
        let response = try await withHTTPClient { try await $0.execute(request, timeout: .seconds(30)) }
        let echoed = try EchoedRequest(response)
        #expect(echoed.method == method.rawValue)
        #expect(echoed.values("Content-Length") == (contentLength.map { [$0] } ?? []))
        #expect(try echoed.bodyBytes() == body)
    }

    @Test func headGetsHeadersWithoutABody() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let response = try await withHTTPClient {
            try await $0.execute(HTTPRequest(method: .head, url: server.url("/bytes/100")), timeout: .seconds(30))
        }
        #expect(response.status == 200)
        #expect(response.headers["content-length"] == "100")
        #expect(response.body.isEmpty)
    }

    @Test func returnsRedirectsWithoutFollowingThem() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let response = try await withHTTPClient { try await $0.get(server.url("/redirect")) }
        #expect(response.status == 302)
        #expect(response.headers["Location"] == "/echo")
        #expect(response.bodyText == "moved")
    }

    @Test func returnsErrorStatusesAsResponses() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let response = try await withHTTPClient { try await $0.get(server.url("/status/503")) }
        #expect(response.status == 503)
    }

    @Test func keepsRepeatedResponseHeadersInOrder() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let response = try await withHTTPClient { try await $0.get(server.url("/headers")) }
        #expect(response.headers.values(for: "x-repeated") == ["one", "two", "three"])
        #expect(response.headers.values(for: "Set-Cookie") == ["a=1", "b=2"])
        let names = response.headers.map(\.name).filter { $0 == "X-Repeated" || $0 == "Set-Cookie" }
        #expect(names == ["X-Repeated", "Set-Cookie", "X-Repeated", "Set-Cookie", "X-Repeated"])
    }

    @Test func reportsOnlyTheFinalResponsesHeaders() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        // The server answers "Expect: 100-continue" with an interim response carrying X-Interim.
        let request = HTTPRequest(
            method: .post, url: server.url("/echo"), headers: ["Expect": "100-continue"], body: Array("hi".utf8))
        let response = try await withHTTPClient { try await $0.execute(request, timeout: .seconds(30)) }
        #expect(response.status == 200)
        #expect(!response.headers.contains("X-Interim"))
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(try EchoedRequest(response).bodyBytes() == Array("hi".utf8))
    }

    @Test func movesLargeBodiesBothWaysExactly() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let size = 5 * 1024 * 1024
        let upload = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 11) }
        try await withHTTPClient { client in
            let reflected = try await client.execute(
                HTTPRequest(method: .post, url: server.url("/reflect"), body: upload), timeout: .seconds(60))
            #expect(reflected.body.count == size)
            #expect(reflected.body == upload)

            let download = try await client.get(server.url("/bytes/\(size)"))
            #expect(download.body.count == size)
            #expect(download.body == (0..<size).map { UInt8($0 % 251) })
        }
    }
}
