import Foundation
import Providers
import TestSupport
import Testing
import Transport

/// The APNs provider over the real transport (libcurl) against local TLS servers with the TEST ONLY
/// certificates: HTTP/2 is negotiated and required end to end.
@Suite(.enabled(if: TestPython.shouldRun(needing: "hypercorn"), "needs hypercorn (scripts/requirements-test.txt)"))
struct APNSProviderHTTP2Tests {
    /// Records the responses the wrapped transport returns.
    actor Capture: HTTPTransport {
        let base: any HTTPTransport
        private(set) var responses: [HTTPResponse] = []

        init(_ base: any HTTPTransport) {
            self.base = base
        }

        func execute(_ request: HTTPRequest, deadline: ContinuousClock.Instant) async throws -> HTTPResponse {
            let response = try await base.execute(request, deadline: deadline)
            responses.append(response)
            return response
        }
    }

    static func client() throws -> CurlHTTPClient {
        var configuration = CurlHTTPClient.Configuration()
        configuration.caBundlePath = TestPaths.tls("ca.pem")
        return try CurlHTTPClient(configuration: configuration)
    }

    static let certificate = [TestPaths.tls("server.pem"), TestPaths.tls("server-key.pem")]

    @Test func sendsOverHTTP2EndToEnd() async throws {
        let server = try await TestServer.start("h2_server.py", ["--tls"] + Self.certificate)
        defer { server.stop() }
        let client = try Self.client()
        let capture = Capture(client)
        // The server's /echo endpoint answers any path below it with the request it received.
        let provider = try APNSProviderTests.provider(capture, baseURL: server.url("", scheme: "https") + "/echo")
        let tokens = [APNSProviderTests.token, APNSProviderTests.otherToken]
        let receipt = try await provider.send(APNSProviderTests.message(tokens: tokens), context: .test())
        await client.shutdown()

        #expect(receipt.targets.allSatisfy { $0.errorCode == nil })
        let responses = await capture.responses
        try #require(responses.count == 2)
        for response in responses {
            #expect(response.httpVersion == "2")
            let echoed = try JSONValue.parse(response.body)
            #expect(echoed["http_version"] == "2")
            #expect(echoed["method"] == "POST")
            let path = try #require(echoed["path"]?.stringValue)
            #expect(tokens.map { "/echo/3/device/\($0)" }.contains(path))
            let headers = (echoed["headers"]?.arrayValue ?? []).compactMap { pair -> (String, String)? in
                guard let name = pair.arrayValue?.first?.stringValue, let value = pair.arrayValue?.last?.stringValue
                else { return nil }
                return (name, value)
            }
            #expect(headers.contains { $0 == ("apns-topic", "com.example.deliveryhost") })
            #expect(headers.contains { $0.0 == "authorization" && $0.1.hasPrefix("bearer ey") })
            let body = Data(base64Encoded: try #require(echoed["body"]?.stringValue)).map { Array($0) } ?? []
            #expect(try JSONValue.parse(body)["delivery_host_message_id"] == "msg_push_1")
        }
    }

    @Test func refusesAServerWithoutHTTP2() async throws {
        let server = try await TestServer.start("http_server.py", ["--tls"] + Self.certificate)
        defer { server.stop() }
        let client = try Self.client()
        let provider = try APNSProviderTests.provider(client, baseURL: server.url("", scheme: "https") + "/echo")
        let error = await providerError { try await provider.send(APNSProviderTests.message(), context: .test()) }
        await client.shutdown()
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("protocolError") == true)
    }
}
