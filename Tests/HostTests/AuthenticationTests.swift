import HTTPServer
import Host
import Providers
import Testing

@Suite struct AuthenticationTests {
    func router() -> APIRouter {
        var router = HostTestSupport.router()
        router.add("GET", "/v1/whoami") { request in .json(["environment": .string(try request.requireEnvironment())]) }
        router.add("GET", "/open", access: .open) { request in
            .json(["has_environment": .bool(request.environment != nil)])
        }
        return router
    }

    func expect401(_ headers: [(name: String, value: String)], code: String, message: String) async throws {
        let response = await router().handle(HostTestSupport.request("GET", "/v1/whoami", key: nil, headers: headers))
        #expect(response.status == 401)
        #expect(
            try HostTestSupport.json(response)
                == ["code": .string(code), "message": .string(message), "status": 401, "type": "authentication_error"])
    }

    @Test func missingKey() async throws {
        try await expect401(
            [], code: "api_key_missing", message: "No API key provided: send 'Authorization: Bearer <secret key>'")
    }

    @Test func malformedHeader() async throws {
        let message = "The Authorization header is malformed; expected 'Authorization: Bearer <secret key>'"
        try await expect401(
            [("Authorization", HostTestSupport.developmentKey)], code: "invalid_api_key", message: message)
        try await expect401(
            [("Authorization", "Token " + HostTestSupport.developmentKey)], code: "invalid_api_key", message: message)
    }

    @Test func wrongKey() async throws {
        try await expect401(
            [("Authorization", "Bearer " + HostTestSupport.developmentKey + "x")], code: "invalid_api_key",
            message: "The API key is not valid for any environment")
    }

    @Test func eachKeySelectsItsEnvironment() async throws {
        let router = router()
        for (key, environment) in [
            (HostTestSupport.developmentKey, "development"), (HostTestSupport.productionKey, "production"),
        ] {
            let response = await router.handle(HostTestSupport.request("GET", "/v1/whoami", key: key))
            #expect(try HostTestSupport.json(response) == ["environment": .string(environment)])
        }
        let lowerCaseScheme = await router.handle(
            HostTestSupport.request(
                "GET", "/v1/whoami", key: nil, headers: [("authorization", "bearer " + HostTestSupport.productionKey)]))
        #expect(try HostTestSupport.json(lowerCaseScheme) == ["environment": "production"])
    }

    @Test func schemeCaseAndWhitespaceAroundTheKeyAreAccepted() throws {
        let authenticator = APIKeyAuthenticator(keysByEnvironment: [
            "development": [HostTestSupport.developmentKey], "production": [HostTestSupport.productionKey],
        ])
        let key = HostTestSupport.productionKey
        for scheme in ["Bearer", "bearer", "BEARER", "bEaReR"] {
            #expect(try authenticator.environment(authorization: scheme + " " + key) == "production", "\(scheme)")
        }
        for header in ["Bearer  " + key, "Bearer " + key + " ", " Bearer " + key, "Bearer " + key + "\u{00A0}"] {
            #expect(try authenticator.environment(authorization: header) == "production")
        }
        for header in ["Bearer", "Bearer ", "Bearer\t" + key, "Bearerx " + key, "Bearer " + key + " x"] {
            #expect(throws: HostError.self) { try authenticator.environment(authorization: header) }
        }
    }

    @Test func openRoutesNeedNoKey() async throws {
        let response = await router().handle(HostTestSupport.request("GET", "/open", key: nil))
        #expect(try HostTestSupport.json(response) == ["has_environment": false])
    }

    @Test func descriptionNamesEnvironmentsNotKeys() {
        let authenticator = APIKeyAuthenticator(keysByEnvironment: ["development": [HostTestSupport.developmentKey]])
        #expect("\(authenticator)" == "APIKeyAuthenticator(environments: [\"development\"])")
    }
}
