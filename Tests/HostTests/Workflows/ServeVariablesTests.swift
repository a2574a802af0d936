import Engine
import Foundation
import Host
import Providers
import Testing
import Transport

/// `serve`'s route wiring (``HostService/apiRouteGroups(_:)``) over a real ``HostService`` on 127.0.0.1.
@Suite struct ServeVariablesTests {
    // §27 #162: public variables appear in the user feed's `vars`; secret ones never appear.
    @Test func theFeedShowsPublicVariablesAndNeverSecretOnes() async throws {
        let secret = "not-a-token-" + String(repeating: "s", count: 8)
        let text = """
            {"environments": {"development": {"production": false, "api_keys": [{"$env": "TEST_KEY"}],
                                              "variables": {"greeting": "bonjour"}}},
             "variables": {"base_url": "https://app.example.test",
                           "api_token": {"secret": true, "value": {"$env": "TEST_TOKEN"}}},
             "channels": {"in-app": {"provider": "in_app_feed", "name": "In-app feed", "environments": {"development": {}}}}}
            """
        let channels = try ChannelConfiguration.load(
            json: Array(text.utf8), name: "/etc/dh/host.json", registry: .standard,
            environmentVariables: ["TEST_KEY": HostTestSupport.developmentKey, "TEST_TOKEN": secret])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("serve-vars-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let host = HostConfiguration(channels: channels, overrides: .init(port: 0, dataDirectory: directory.path))
        let service = try await HostService(
            channels: channels, host: host, logger: HostTestSupport.logger(LineCollector()),
            routeGroups: HostService.apiRouteGroups)
        let client = try CurlHTTPClient()
        var headers: HTTPHeaders = [:]
        headers.add(name: "Authorization", value: "Bearer " + HostTestSupport.developmentKey)
        let response = try await client.execute(
            HTTPRequest(
                method: .get, url: "http://127.0.0.1:\(service.port)/v1/users/u1/feeds/in-app", headers: headers),
            deadline: .now + .seconds(120))  // generous: the whole suite runs in parallel on 2 cores
        await client.shutdown()
        await service.shutdown()
        #expect(response.status == 200)
        #expect(
            try JSONValue.parse(response.bodyText)["vars"]
                == ["base_url": "https://app.example.test", "greeting": "bonjour"])
        #expect(!response.bodyText.contains(secret))
        #expect(!response.bodyText.contains("api_token"))
    }
}
