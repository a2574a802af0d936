import TestSupport
import Testing
import Transport

/// TLS verification and HTTP/2, against the TEST ONLY certificate in `Fixtures/tls`.
extension CurlHTTPClientTests {
    @Test func failsVerificationWithoutTheTestCA() async throws {
        let server = try await TestServer.start("http_server.py", ["--tls"] + TestPaths.serverCertificateArguments)
        defer { server.stop() }
        let error = try await withHTTPClient { client in
            await transportError { try await client.get(server.url("/echo", scheme: "https")) }
        }
        #expect(error?.code == .tls)
    }

    @Test func verifiesAgainstAConfiguredCABundle() async throws {
        let server = try await TestServer.start("http_server.py", ["--tls"] + TestPaths.serverCertificateArguments)
        defer { server.stop() }
        var configuration = CurlHTTPClient.Configuration()
        configuration.caBundlePath = TestPaths.caBundle
        try await withHTTPClient(configuration) { client in
            let response = try await client.get(server.url("/echo", scheme: "https"))
            #expect(response.status == 200)
            #expect(response.httpVersion == "1.1")

            // The server offers only http/1.1 in ALPN, so a request that requires HTTP/2 fails.
            let error = await transportError {
                try await client.get(server.url("/echo", scheme: "https"), version: .http2Required)
            }
            #expect(error?.code == .protocolError)
        }
    }

    @Test(.enabled(if: TestPython.shouldRun(needing: "hypercorn"), "needs hypercorn (scripts/requirements-test.txt)"))
    func negotiatesHTTP2OverTLS() async throws {
        let server = try await TestServer.start("h2_server.py", ["--tls"] + TestPaths.serverCertificateArguments)
        defer { server.stop() }
        var configuration = CurlHTTPClient.Configuration()
        configuration.caBundlePath = TestPaths.caBundle
        try await withHTTPClient(configuration) { client in
            for version in [HTTPVersionPreference.automatic, .http2, .http2Required] {
                let response = try await client.execute(
                    HTTPRequest(method: .post, url: server.url("/echo", scheme: "https"), body: [7], version: version),
                    timeout: .seconds(30))
                #expect(response.httpVersion == "2")
                let echoed = try EchoedRequest(response)
                #expect(echoed.http_version == "2")
                #expect(try echoed.bodyBytes() == [7])
            }
            let http1 = try await client.get(server.url("/echo", scheme: "https"), version: .http1_1)
            #expect(http1.httpVersion == "1.1")
        }
    }

    @Test(.enabled(if: TestPython.shouldRun(needing: "hypercorn"), "needs hypercorn (scripts/requirements-test.txt)"))
    func speaksCleartextHTTP2WithPriorKnowledge() async throws {
        let server = try await TestServer.start("h2_server.py")
        defer { server.stop() }
        let response = try await withHTTPClient { client in
            try await client.get(server.url("/echo"), version: .http2PriorKnowledge)
        }
        #expect(response.httpVersion == "2")
        #expect(try EchoedRequest(response).http_version == "2")
    }

    @Test(.enabled(if: TestPython.shouldRun(needing: "hypercorn"), "needs hypercorn (scripts/requirements-test.txt)"))
    func multiplexesConcurrentRequestsOnOneConnection() async throws {
        let server = try await TestServer.start("h2_server.py", ["--tls"] + TestPaths.serverCertificateArguments)
        defer { server.stop() }
        var configuration = CurlHTTPClient.Configuration()
        configuration.caBundlePath = TestPaths.caBundle
        let url = server.url("/connection-id/300", scheme: "https")
        try await withHTTPClient(configuration) { client in
            let started = ContinuousClock.now
            let ids = try await withThrowingTaskGroup(of: HTTPResponse.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await client.get(url, version: .http2Required) }
                }
                return try await group.reduce(into: [String]()) { $0.append($1.bodyText) }
            }
            #expect(ids.count == 50)
            #expect(Set(ids).count == 1)
            // 50 × 300 ms one after another would take 15 s; streams in parallel take well under that.
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }
}
