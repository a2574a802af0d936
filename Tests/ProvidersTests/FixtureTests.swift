import Foundation
import Providers
import Testing
import Transport

@Suite struct FixtureTests {
    static let fixture = HTTPFixture(
        provider: "webhook", caseName: "delivered", recordedAt: "2026-11-22T20:00:00Z",
        request: .init(
            method: "POST", url: "https://hooks.example.test/deliveries?source=dh&b=2",
            headers: [("content-type", "application/json"), ("x-team", "ops"), ("x-webhook-signature", "<redacted>")],
            body: .json(["event": "order.shipped", "data": ["id": "o_1", "total": 12.5], "sent_at": "<redacted>"])),
        response: .init(status: 200, headers: [("content-type", "text/plain")], body: .text("ok")))

    static func request(
        method: HTTPMethod = .post, url: String = "https://hooks.example.test/deliveries?b=2&source=dh",
        headers: HTTPHeaders = [
            "Content-Type": "application/json", "X-Team": "ops", "x-webhook-signature": "t=1,s=abc",
        ],
        body: String = #"{"sent_at":"2026-01-01","data":{"total":12.50,"id":"o_1"},"event":"order.shipped"}"#
    ) -> HTTPRequest {
        HTTPRequest(method: method, url: url, headers: headers, body: Array(body.utf8))
    }

    @Test func aMatchingRequestHasNoDifferences() {
        // Member order, number formatting, query order and the signature value do not matter.
        #expect(FixtureMatcher.differences(Self.fixture, Self.request()) == [])
    }

    @Test func everyDifferenceIsListedPrecisely() {
        let request = Self.request(
            method: .put, url: "https://other.example.test/deliveries/x?source=dh&extra=1",
            headers: ["Content-Type": "application/json", "X-Team": "billing"],
            body: #"{"event":"order.cancelled","data":{"id":"o_1"},"sent_at":"x","more":true}"#)
        #expect(
            FixtureMatcher.differences(Self.fixture, request) == [
                "method: expected POST, got PUT",
                "origin: expected https://hooks.example.test, got https://other.example.test",
                "path: expected /deliveries, got /deliveries/x",
                "query b: expected \"2\", got nothing",
                "query extra: unexpected \"1\"",
                "header x-team: expected \"ops\", got \"billing\"",
                "header x-webhook-signature: missing (expected a value)",
                "body $.event: expected \"order.shipped\", got \"order.cancelled\"",
                "body $.data.total: missing (expected 12.5)",
                "body $.more: unexpected true",
            ])
    }

    @Test func volatilePathsAndOriginCanBeRelaxed() {
        var fixture = Self.fixture
        fixture.match = FixtureMatchRules(volatileBodyPaths: ["$.event"], matchesOrigin: false)
        let request = Self.request(
            url: "http://127.0.0.1:9000/deliveries?source=dh&b=2",
            body: #"{"event":"anything","data":{"id":"o_1","total":12.5},"sent_at":"x"}"#)
        #expect(FixtureMatcher.differences(fixture, request) == [])
    }

    @Test func formBodiesCompareAsMultisets() {
        let fixture = HTTPFixture(
            provider: "twilio", caseName: "sent", recordedAt: "2026-11-22T20:00:00Z",
            request: .init(
                method: "POST", url: "https://api.twilio.test/Messages.json",
                body: .form([.init(name: "To", value: "+15005550006"), .init(name: "Body", value: "Hi there")])),
            response: .init(status: 201))
        let same = HTTPRequest(
            method: .post, url: "https://api.twilio.test/Messages.json",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array("Body=Hi+there&To=%2B15005550006".utf8))
        #expect(FixtureMatcher.differences(fixture, same) == [])
        var other = same
        other.body = Array("Body=Hi&To=%2B15005550006".utf8)
        #expect(FixtureMatcher.differences(fixture, other) == [#"body field Body: expected "Hi there", got "Hi""#])
    }

    @Test func fixturesRoundTripThroughJSON() throws {
        let json = Self.fixture.json
        #expect(try HTTPFixture(json: json) == Self.fixture)
        #expect(try HTTPFixture(json: JSONValue.parse(json.encoded(pretty: true))) == Self.fixture)
    }

    @Test func malformedFixturesNameTheField() throws {
        var json = try #require(Self.fixture.json.objectValue)
        json["request"] = ["method": "POST"]
        let error = try #require(throws: FixtureError.self) { try HTTPFixture(json: .object(json)) }
        #expect(error.message == "$.request.url must be a string")
    }

    @Test func replayServesInOrderAndReportsMismatches() async throws {
        var second = Self.fixture
        second.caseName = "retry"
        second.response = .init(status: 503, headers: [("retry-after", "3")])
        let replay = ReplayTransport([second, Self.fixture])
        let first = try await replay.execute(Self.request(), timeout: .seconds(1))
        #expect(first.status == 503)
        #expect(first.headers["Retry-After"] == "3")
        let error = try await #require(throws: TransportError.self) {
            try await replay.execute(Self.request(method: .get), timeout: .seconds(1))
        }
        #expect(error.code == .invalidRequest)
        #expect(error.message.contains("method: expected POST, got GET"))
        #expect(await replay.mismatches.count == 1)
        let ok = try await replay.execute(Self.request(), timeout: .seconds(1))
        #expect(ok.bodyText == "ok")
        #expect(await replay.remaining.isEmpty)
        await #expect(throws: TransportError.self) { try await replay.execute(Self.request(), timeout: .seconds(1)) }
    }

    @Test func recordingNeverWritesASecret() async throws {
        let secrets = ["secret-value-9f8e7d6c5b4a", "p@ss word/+="]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dh-fixtures-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The upstream echoes secrets back in headers and bodies, as some providers do.
        let upstream = MockTransport([
            .response(
                HTTPResponse(
                    status: 200, headers: ["Content-Type": "application/json", "Set-Cookie": "session=\(secrets[0])"],
                    body: Array(#"{"echo":"\#(secrets[0])","access_token":"abc123","note":"key \#(secrets[1])"}"#.utf8))
            )
        ])
        let recorder = RecordingTransport(
            upstream: upstream, directory: directory, provider: "postmark", caseName: "sent",
            redactor: FixtureRedactor(secrets: secrets, extraFields: ["customer_ref"]), now: { pinnedDate })
        let basic = Data("api:\(secrets[1])".utf8).base64EncodedString()
        let request = HTTPRequest(
            method: .post,
            url:
                "https://user:p%40ss%20word%2F%2B%3D@api.example.test/email?api_key=\(secrets[0])&x=\(secrets[0])&page=2",
            headers: [
                "Authorization": "Basic \(basic)", "X-Postmark-Server-Token": secrets[0],
                "Content-Type": "application/json",
                "X-Trace": "token \(secrets[0]) and \(basic)",
            ],
            body: Array(
                #"{"To":"ada@example.test","Password":"hunter2","customer_ref":"c-77","Nested":{"text":"\#(secrets[0])"}}"#
                    .utf8))
        let response = try await recorder.execute(request, timeout: .seconds(1))
        #expect(response.status == 200)

        let files = await recorder.writtenFiles
        #expect(files == [directory + "/postmark/sent.json"])
        let written = try String(contentsOfFile: files[0], encoding: .utf8)
        let forbidden =
            secrets + [
                basic, "hunter2", "c-77", "abc123",
                "secret-value-9f8e7d6c5b4a".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
                "p%40ss%20word%2F%2B%3D", Data(secrets[0].utf8).base64EncodedString(),
            ]
        for secret in forbidden {
            #expect(!written.contains(secret), "the fixture contains a secret: \(secret)")
        }
        let fixture = try HTTPFixture.load(path: files[0])
        #expect(fixture.request.url == "https://api.example.test/email?api_key=%3Credacted%3E&x=%3Credacted%3E&page=2")
        #expect(fixture.request.headers.first { $0.name == "authorization" }?.value == "<redacted>")
        #expect(fixture.request.headers.first { $0.name == "x-trace" }?.value == "token <redacted> and <redacted>")
        #expect(
            fixture.request.body
                == .json([
                    "To": "ada@example.test", "Password": "<redacted>", "customer_ref": "<redacted>",
                    "Nested": ["text": "<redacted>"],
                ]))
        #expect(
            fixture.response.body
                == .json(["echo": "<redacted>", "access_token": "<redacted>", "note": "key <redacted>"]))
        #expect(fixture.recordedAt == "2023-11-14T22:13:20Z")
        // The recorded fixture replays the same request.
        #expect(
            FixtureMatcher.differences(fixture, request) == [
                "header x-trace: expected \"token <redacted> and <redacted>\", got \"token secret-value-9f8e7d6c5b4a and \(basic)\""
            ])
    }

    @Test func aCaseWithSeveralExchangesIsNumbered() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dh-fixtures-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let upstream = MockTransport([
            .response(HTTPResponse(status: 200, body: Array(#"{"access_token":"t"}"#.utf8))),
            .response(HTTPResponse(status: 200)),
        ])
        let recorder = RecordingTransport(
            upstream: upstream, directory: directory, provider: "fcm", caseName: "sent", redactor: FixtureRedactor())
        _ = try await recorder.execute(
            HTTPRequest(method: .post, url: "https://oauth2.example.test/token"), timeout: .seconds(1))
        _ = try await recorder.execute(
            HTTPRequest(method: .post, url: "https://fcm.example.test/send"), timeout: .seconds(1))
        #expect(await recorder.writtenFiles == [directory + "/fcm/sent.1.json", directory + "/fcm/sent.2.json"])
        #expect(!FileManager.default.fileExists(atPath: directory + "/fcm/sent.json"))
        let replay = try ReplayTransport(directory: directory + "/fcm", case: "sent")
        #expect(
            await replay.remaining.map(\.request.url) == [
                "https://oauth2.example.test/token", "https://fcm.example.test/send",
            ])
    }

    @Test func credentialFieldNamesAreFoundInAnyCaseAndPosition() {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        let body: JSONValue = [
            "X-Api_Key": "a", "accessToken": "b", "myPASSWORD": "c", "Client_Secret_2": "d", "tokenization": "e",
            "token\u{301}": "f", "note": "kept", "keys": "kept", "toke\u{301}n": "kept",
        ]
        let request = HTTPRequest(
            method: .post, url: "https://hooks.example.test/", headers: headers, body: body.encodedBytes())
        let redacted = HTTPFixture.redacted
        #expect(
            FixtureRedactor().request(request).body
                == .json([
                    "X-Api_Key": .string(redacted), "accessToken": .string(redacted), "myPASSWORD": .string(redacted),
                    "Client_Secret_2": .string(redacted), "tokenization": .string(redacted),
                    "token\u{301}": .string(redacted), "note": "kept", "keys": "kept", "toke\u{301}n": "kept",
                ]))
    }

    @Test(arguments: [
        ("https://user:pw@hooks.example.test/a/b", "https://hooks.example.test/a/b"),
        ("https://hooks.example.test/users/a@b/x#f@g", "https://hooks.example.test/users/a@b/x#f@g"),
        ("https://u@h.example.test#frag", "https://h.example.test#frag"),
        ("https://h.example.test/p/s3cr3t-value/x", "https://h.example.test/p/%3Credacted%3E/x"),
        (
            "https://u:pw@h.example.test/p?token=1&q=s3cr3t-value#x",
            "https://h.example.test/p?token=%3Credacted%3E&q=%3Credacted%3E#x"
        ),
        ("https://u@h.example.test/caf\u{E9}/s3cr3t-value", "https://h.example.test/caf\u{E9}/%3Credacted%3E"),
        ("no-scheme@h.example.test/p", "no-scheme@h.example.test/p"),
    ])
    func urlsLoseUserInfoCredentialParametersAndSecrets(url: String, expected: String) {
        let request = HTTPRequest(method: .get, url: url)
        #expect(FixtureRedactor(secrets: ["s3cr3t-value"]).request(request).url == expected)
    }
}
