import HTTPServer
import Host
import Providers
import Testing

@Suite struct RouterTests {
    /// A router whose routes echo what they received.
    func echoRouter(collector: LineCollector = LineCollector(), metrics: MetricsRegistry = MetricsRegistry())
        -> APIRouter
    {
        var router = HostTestSupport.router(collector: collector, metrics: metrics)
        router.add("GET", "/v1/users/:user_id/channel_data/:channel_id") { request in
            .json([
                "user_id": .string(try request.parameter("user_id")),
                "channel_id": .string(try request.parameter("channel_id")),
                "environment": .string(try request.requireEnvironment()), "route": .string(request.route),
            ])
        }
        router.add("GET", "/v1/users/bulk") { _ in .json(["literal": true]) }
        router.add("GET", "/v1/users/:user_id") { request in .json(["user": .string(try request.identifier("user_id"))])
        }
        router.add("PUT", "/v1/users/:user_id") { request in .json(.object(try request.jsonObjectBody())) }
        return router
    }

    @Test func routesWithPercentDecodedParameters() async throws {
        let response = await echoRouter().handle(
            HostTestSupport.request("GET", "/v1/users/ada%20lovelace/channel_data/push%2Dios"))
        #expect(response.status == 200)
        #expect(
            try HostTestSupport.json(response)
                == [
                    "user_id": "ada lovelace", "channel_id": "push-ios", "environment": "development",
                    "route": "/v1/users/:user_id/channel_data/:channel_id",
                ])
    }

    @Test func literalSegmentsWinOverParameters() async throws {
        let response = await echoRouter().handle(HostTestSupport.request("GET", "/v1/users/bulk"))
        #expect(try HostTestSupport.json(response) == ["literal": true])
    }

    @Test func aParameterInTheSecondSegmentMatchesBesideLiteralRoutes() async throws {
        var router = echoRouter()
        router.add("GET", "/v1/:collection/bulk") { request in
            .json(["collection": .string(try request.parameter("collection"))])
        }
        router.add("POST", "/v1/:collection/:id") { request in .json(["posted": .string(try request.parameter("id"))]) }
        // The literal route still wins where both match; elsewhere the parameter route answers.
        #expect(
            try HostTestSupport.json(await router.handle(HostTestSupport.request("GET", "/v1/users/bulk"))) == [
                "literal": true
            ])
        #expect(
            try HostTestSupport.json(await router.handle(HostTestSupport.request("GET", "/v1/objects/bulk")))
                == ["collection": "objects"])
        #expect(
            try HostTestSupport.json(await router.handle(HostTestSupport.request("POST", "/v1/users/u1")))
                == ["posted": "u1"])
        // Both kinds of route count toward the methods a path allows.
        let delete = await router.handle(HostTestSupport.request("DELETE", "/v1/users/u1"))
        #expect(delete.status == 405)
        #expect(HostTestSupport.header(delete, "Allow") == "GET, POST, PUT")
    }

    @Test func unknownPathAnswers404InKnocksRouteShape() async throws {
        let response = await echoRouter().handle(HostTestSupport.request("GET", "/v1/nothing/here"))
        #expect(response.status == 404)
        #expect(try HostTestSupport.json(response) == ["errors": ["detail": "404 Not Found"]])
        #expect(HostTestSupport.header(response, "x-request-id") == "req_fixed")
    }

    @Test func wrongMethodAnswers405WithAllow() async throws {
        let response = await echoRouter().handle(HostTestSupport.request("DELETE", "/v1/users/u1"))
        #expect(response.status == 405)
        #expect(try HostTestSupport.json(response) == ["errors": ["detail": "405 Method Not Allowed"]])
        #expect(HostTestSupport.header(response, "Allow") == "GET, PUT")
    }

    @Test func anEmptyParameterSegmentDoesNotMatch() async throws {
        let response = await echoRouter().handle(HostTestSupport.request("GET", "/v1/users//channel_data/push"))
        #expect(response.status == 404)
        let method = await echoRouter().handle(HostTestSupport.request("DELETE", "/v1/users/"))
        #expect(method.status == 404)
    }

    @Test(arguments: [
        ("/v1/users/u1", ["v1", "users", "u1"]), ("/", []), ("", []), ("/v1//x/", ["v1", "", "x", ""]),
        ("v1/ü%20/🎉", ["v1", "ü%20", "🎉"]), ("//", ["", ""]),
    ])
    func rawSegmentsSplitAtEverySlash(_ path: String, _ segments: [String]) {
        #expect(RoutePattern.rawSegments(of: path).map(String.init) == segments)
    }

    @Test func headMatchesAGetRouteAndAnswersWithoutABody() async throws {
        let response = await echoRouter().handle(HostTestSupport.request("HEAD", "/v1/users/bulk"))
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }

    @Test func malformedPercentEncodingDoesNotMatch() async throws {
        let response = await echoRouter().handle(HostTestSupport.request("GET", "/v1/users/%zz"))
        #expect(response.status == 404)
    }

    @Test(arguments: [
        ("a%2Fb", "user_id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"),
        ("a%23b", "user_id contains '/' or '#'; expected 1 to 256 characters without '/' or '#'"),
        (
            String(repeating: "x", count: 257),
            "user_id is 257 characters long; expected 1 to 256 characters without '/' or '#'"
        ),
    ])
    func invalidIdentifiersAnswer422(id: String, message: String) async throws {
        let response = await echoRouter().handle(HostTestSupport.request("GET", "/v1/users/" + id))
        #expect(response.status == 422)
        #expect(
            try HostTestSupport.json(response)
                == ["code": "invalid_params", "message": .string(message), "status": 422, "type": "api_error"])
    }

    @Test func identifierOf256CharactersIsAccepted() async throws {
        let id = String(repeating: "x", count: 256)
        let response = await echoRouter().handle(HostTestSupport.request("GET", "/v1/users/" + id))
        #expect(try HostTestSupport.json(response) == ["user": .string(id)])
    }

    @Test func echoesAValidRequestIDAndReplacesAnInvalidOne() async throws {
        let router = echoRouter()
        let echoed = await router.handle(
            HostTestSupport.request("GET", "/v1/users/u1", headers: [("X-Request-Id", "client-id-42")]))
        #expect(HostTestSupport.header(echoed, "x-request-id") == "client-id-42")
        let replaced = await router.handle(
            HostTestSupport.request("GET", "/v1/users/u1", headers: [("X-Request-Id", "has space")]))
        #expect(HostTestSupport.header(replaced, "x-request-id") == "req_fixed")
    }

    @Test func randomRequestIDsHaveTheDocumentedShape() {
        let id = RequestID.random()
        #expect(id.hasPrefix("req_") && id.count == 28)
        #expect(id.dropFirst(4).allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(RequestID.random() != id)
    }

    @Test func bodyErrorsAnswerWithPreciseMessages() async throws {
        let router = echoRouter()
        let cases: [(String, Int, JSONValue)] = [
            (
                "", 400,
                [
                    "code": "invalid_json", "message": "The request body is empty; expected a JSON object",
                    "status": 400, "type": "api_error",
                ]
            ),
            (
                "{\"name\": ", 400,
                [
                    "code": "invalid_json",
                    "message":
                        "The request body is not valid JSON: line 1, column 10: unexpected end of input; expected a value",
                    "status": 400, "type": "api_error",
                ]
            ),
            (
                String(repeating: "[", count: 9) + String(repeating: "]", count: 9), 400,
                [
                    "code": "invalid_json",
                    "message": "The request body is not valid JSON: line 1, column 9: JSON nested deeper than 8 levels",
                    "status": 400, "type": "api_error",
                ]
            ),
            (
                #"{"name": "Ada", "name": "Ada L."}"#, 400,
                [
                    "code": "invalid_json",
                    "message":
                        #"The request body is not valid JSON: line 1, column 25: the member name "name" appears twice"#,
                    "status": 400, "type": "api_error",
                ]
            ),
            (
                "[1]", 422,
                [
                    "code": "invalid_params", "message": "$: expected a JSON object, found an array", "status": 422,
                    "type": "api_error",
                ]
            ),
        ]
        for (body, status, expected) in cases {
            let response = await router.handle(HostTestSupport.request("PUT", "/v1/users/u1", body: body))
            #expect(response.status == status, "\(body)")
            #expect(try HostTestSupport.json(response) == expected, "\(body)")
        }
    }

    @Test func oversizedBodiesAnswer413() async throws {
        let body = "{\"a\": \"" + String(repeating: "x", count: 1100) + "\"}"
        let response = await echoRouter().handle(HostTestSupport.request("PUT", "/v1/users/u1", body: body))
        #expect(response.status == 413)
        #expect(
            try HostTestSupport.json(response)
                == [
                    "code": "request_too_large", "message": "The request body is larger than 1024 bytes", "status": 413,
                    "type": "api_error",
                ])
    }

    @Test func engineAndUnknownErrorsAreMapped() async throws {
        struct Opaque: Error {}
        var router = HostTestSupport.router()
        router.add("GET", "/v1/missing") { _ in throw EngineErrorFactory.notFound() }
        router.add("GET", "/v1/broken") { _ in throw Opaque() }
        let missing = await router.handle(HostTestSupport.request("GET", "/v1/missing"))
        #expect(
            try HostTestSupport.json(missing)
                == ["code": "resource_missing", "message": "no message 'm1'", "status": 404, "type": "api_error"])
        let broken = await router.handle(HostTestSupport.request("GET", "/v1/broken"))
        #expect(broken.status == 500)
        #expect(
            try HostTestSupport.json(broken)
                == [
                    "code": "internal_error",
                    "message": "An internal error occurred; the host's logs have details under request id req_fixed",
                    "status": 500, "type": "api_error",
                ])
    }
}
