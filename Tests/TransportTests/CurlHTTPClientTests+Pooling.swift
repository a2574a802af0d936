import TestSupport
import Testing
import Transport

/// Concurrency, connection reuse and the response size limit.
extension CurlHTTPClientTests {
    @Test func runsFiftyConcurrentRequestsCorrectly() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let baseURL = server.url("")
        var configuration = CurlHTTPClient.Configuration()
        configuration.maximumConnectionsPerHost = 6
        try await withHTTPClient(configuration) { client in
            let paths = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        let request = HTTPRequest(
                            method: .post, url: baseURL + "/echo?i=\(index)", body: Array("body \(index)".utf8))
                        let response = try await client.execute(request, timeout: .seconds(30))
                        let echoed = try EchoedRequest(response)
                        #expect(try echoed.bodyBytes() == Array("body \(index)".utf8))
                        return (index, echoed.path)
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(paths.count == 50)
            for (index, path) in paths {
                #expect(path == "/echo?i=\(index)")
            }

            // The per-host limit holds under load.
            let connections = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await client.get(baseURL + "/connection-id").bodyText }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(connections.count <= 6)
        }
    }

    @Test func reusesTheConnection() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        let ids = try await withHTTPClient { client in
            var ids: [String] = []
            for _ in 0..<5 {
                ids.append(try await client.get(server.url("/connection-id")).bodyText)
            }
            return ids
        }
        #expect(Set(ids).count == 1)
    }

    @Test(arguments: ["/bytes/2000000", "/chunked-bytes/2000000"])
    func refusesBodiesOverTheLimit(path: String) async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        var configuration = CurlHTTPClient.Configuration()
        configuration.maximumResponseBodySize = 1024 * 1024
        try await withHTTPClient(configuration) { client in
            let error = await transportError { try await client.get(server.url(path)) }
            #expect(error?.code == .tooLarge)
            #expect(error?.message.contains("1048576") == true)
            // Exactly at the limit is fine, and the client still works.
            let atLimit = try await client.get(server.url("/bytes/1048576"))
            #expect(atLimit.body.count == 1024 * 1024)
        }
    }
}
