import TestSupport
import Testing
import Transport

/// The outbound address policy on real connections to the local server.
extension CurlHTTPClientTests {
    @Test func refusesLoopbackUnderTheDefaultPolicy() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        var configuration = CurlHTTPClient.Configuration()
        configuration.outboundAddressPolicy = .default
        try await withHTTPClient(configuration) { client in
            let error = await transportError { try await client.get(server.url("/echo?token=hidden")) }
            #expect(error?.code == .forbiddenAddress)
            #expect(
                error?.message
                    == "the outbound address policy refused to connect to 127.0.0.1 at 127.0.0.1: "
                    + "loopback 127.0.0.0/8 is not allowed (\(server.url("/echo")))")
            #expect(error?.message.contains("hidden") == false)

            let byName = await transportError { try await client.get("http://localhost:\(server.port)/echo") }
            #expect(byName?.code == .forbiddenAddress)
            #expect(
                byName?.message.hasPrefix("the outbound address policy refused to connect to localhost at ") == true)
        }
    }

    @Test func connectsToAnAllowedLoopbackAddress() async throws {
        let server = try await TestServer.start("http_server.py")
        defer { server.stop() }
        var configuration = CurlHTTPClient.Configuration()
        configuration.outboundAddressPolicy = try OutboundAddressPolicy(allowing: ["127.0.0.0/8"])
        try await withHTTPClient(configuration) { client in
            let response = try await client.get(server.url("/echo"))
            #expect(response.status == 200)
        }
        configuration.outboundAddressPolicy = OutboundAddressPolicy(allowedHosts: ["localhost"])
        try await withHTTPClient(configuration) { client in
            let response = try await client.get("http://localhost:\(server.port)/echo")
            #expect(response.status == 200)
        }
    }
}
